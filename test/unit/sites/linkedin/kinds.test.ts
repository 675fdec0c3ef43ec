// @vitest-environment happy-dom
// Every kind of LinkedIn message and every 2026 shell, against hand-written fixtures (see test/fixtures/linkedin/
// README.md): each message is one message with its sender and time, a structured attachment and a short text.
import { describe, expect, test } from 'vitest';
import { linkedin } from '../../../../src/sites/linkedin';
import { CONV_FR, ME_MEMBER, NOW, fixture, fixtureHtml, threadPage } from './fixtures';

const CONV_KINDS = 'b6d1f4a2-9c3e-4f7a-8b2d-5e0c1a3f6d97_010';
const CONV_LIGHT = '2c8e4a6f-1b3d-4e5f-9a7c-0d2e4f6a8b1c_100';
const CONV_SPONSORED = '5f7a9c1e-3b5d-4f7a-8c9e-1a3b5c7d9e2f_010';
const FEED = new URL('https://www.linkedin.com/feed/');

describe('hand-written 2026-11 page with every kind of message (2026-11-thread-kinds-en)', () => {
  const result = linkedin.readThreads(fixture('2026-11-thread-kinds-en.html'), threadPage(CONV_KINDS), NOW);
  const thread = result.threads[0]!;

  test('each is one message with sender, exact time, text and kind', () => {
    expect(result.problems).toEqual([]);
    expect(thread.messages.map((m) => [m.from.name, m.from.isMe, m.sentAt, m.text, m.attachment?.kind ?? 'text'])).toEqual([
      ['Jane Doe', false, '2026-11-11T10:00:05.100Z', 'Quick question about the proposal before my call.', 'text'],
      ['Jane Doe', false, '2026-11-11T10:01:12.200Z', 'Voice message, 1:00', 'voice'],
      ['Alex Rivera', true, '2026-11-11T10:05:40.300Z', 'Voice message, 0:35', 'voice'],
      ['Jane Doe', false, '2026-11-11T14:00:01.400Z', 'Photo', 'image'],
      ['Jane Doe', false, '2026-11-11T14:00:20.500Z', 'GIF', 'gif'],
      ['Jane Doe', false, '2026-11-11T14:00:31.600Z', 'Sticker', 'sticker'],
      ['Jane Doe', false, '2026-11-11T14:02:02.700Z', 'File: proposal.pdf', 'file'],
      ['Jane Doe', false, '2026-11-12T09:00:03.800Z', 'Shared a post by Alen Malkoč: “A week in at Campus Founders and I already learned more…”', 'post'],
      ['Jane Doe', false, '2026-11-12T09:00:44.900Z', 'Shared an article by Priya Nair: “How we priced our first enterprise deal”', 'article'],
      ['Jane Doe', false, '2026-11-12T09:01:15.010Z', 'Event: RevOps Meetup Berlin', 'event'],
      ['Jane Doe', false, '2026-11-12T11:00:00.020Z', 'Call, 12:04', 'call'],
      ['Jane Doe', false, '2026-11-12T13:30:09.030Z', 'Yes, Thursday works for me.', 'text'],
    ]);
  });

  test('details a UI can word in its own language', () => {
    const att = thread.messages.map((m) => m.attachment);
    expect(att[1]).toEqual({ kind: 'voice', duration: '1:00' });
    expect(att[6]).toEqual({ kind: 'file', name: 'proposal.pdf' });
    expect(att[7]).toEqual({ kind: 'post', author: 'Alen Malkoč', title: 'A week in at Campus Founders and I already learned more…' });
    expect(att[0]).toBeUndefined();
  });

  test("a shared post is one line: never the card's headline, badges, website button or relative time", () => {
    const all = thread.messages.map((m) => m.text).join('\n');
    for (const s of ['Visit my website', '2nd', 'Founder at', '2d', 'Edited', 'Here is what stood out']) expect(all).not.toContain(s);
    expect(thread.participants.map((p) => p.name)).not.toContain('Alen Malkoč');
    expect(thread.participants.map((p) => p.name)).not.toContain('Priya Nair');
  });

  test('the reply quote above a message, reactions below it and hover toolbars are not its text', () => {
    const last = thread.messages[11]!;
    expect(last.text).toBe('Yes, Thursday works for me.');
    const all = thread.messages.map((m) => m.text).join('\n');
    for (const s of ['🎉', 'Options for', 'Reply to this message', 'Seen by']) expect(all).not.toContain(s);
  });

  test("with no nav on the page, the user is the viewer id the URNs carry: my only message, a voice note, is mine", () => {
    expect(result.me!.profileUrls).toEqual([ME_MEMBER]);
    expect(thread.participants.find((p) => p.isMe)?.profileUrl).toBe(ME_MEMBER);
  });

  test('on hashed markup (no --other classes), the URN viewer id still gives the voice note to the user', () => {
    const doc = fixture('2026-11-thread-kinds-en.html');
    for (const el of Array.from(doc.querySelectorAll('.msg-s-event-listitem'))) {
      el.classList.remove('msg-s-event-listitem--other', 'msg-s-event-listitem');
      el.classList.add('sMoFxnUv');
    }
    const r = linkedin.readThreads(doc, threadPage(CONV_KINDS), NOW);
    expect(r.threads[0]!.messages.map((m) => m.from.isMe)).toEqual([
      false, false, true, false, false, false, false, false, false, false, false, false,
    ]);
  });
});

describe('hand-written mid-2026 lighter render: an ol of items with a URN each (2026-07-thread-light-ol-en)', () => {
  const now = new Date(2026, 6, 14, 12, 0);
  const result = linkedin.readThreads(fixture('2026-07-thread-light-ol-en.html'), threadPage(CONV_LIGHT), now);

  test('read whole: both messages, the voice note with its length', () => {
    expect(result.problems).toEqual([]);
    const t = result.threads[0]!;
    expect(t.threadId).toBe(CONV_LIGHT);
    expect(t.messages.map((m) => [m.from.name, m.from.isMe, m.text, m.sentAt])).toEqual([
      ['Dana Okafor', false, 'Did you get a chance to listen to my note?', '2026-07-14T07:12:00.111Z'],
      ['Dana Okafor', false, 'Voice message, 0:42', '2026-07-14T07:12:30.222Z'],
    ]);
  });

  test('the user is known although none of their messages is on screen', () => {
    expect(result.me!.profileUrls).toEqual([ME_MEMBER]);
    expect(result.threads[0]!.participants.filter((p) => p.isMe)).toEqual([{ name: '', isMe: true, profileUrl: ME_MEMBER }]);
  });
});

describe('sponsored, LinkedIn Offer, system and InMail (2026-11-thread-sponsored-offer-inmail-en)', () => {
  const url = threadPage(CONV_SPONSORED);
  const result = linkedin.readThreads(fixture('2026-11-thread-sponsored-offer-inmail-en.html'), url, NOW);

  test('each conversation carries its kind; an InMail from a person is an ordinary conversation with a subject', () => {
    expect(result.problems).toEqual([]);
    expect(result.threads.map((t) => [t.messages[0]!.from.name, t.kind ?? null, t.subject ?? null])).toEqual([
      ['Northwind Analytics', 'sponsored', null],
      ['LinkedIn Premium', 'sponsored', null],
      ['LinkedIn', 'system', null],
      ['Priya Nair', null, 'Partnership for Q1'],
    ]);
    expect(result.threads[3]!.messages[0]!.text).toBe('Hello Alex, would your team be open to a pilot in January?');
  });

  test('the sponsored mark is found by the sender button alone, or by the active list card alone', () => {
    const byCard = fixture('2026-11-thread-sponsored-offer-inmail-en.html');
    const button = byCard.querySelector('button.msg-s-message-group__name')!;
    const span = byCard.createElement('span');
    span.className = 'msg-s-message-group__name';
    span.textContent = button.textContent;
    button.replaceWith(span);
    expect(linkedin.readThreads(byCard, url, NOW).threads[0]!.kind).toBe('sponsored');
    const byButton = fixture('2026-11-thread-sponsored-offer-inmail-en.html');
    byButton.querySelector('.msg-conversation-card__sponsored-label')!.remove();
    expect(linkedin.readThreads(byButton, url, NOW).threads[0]!.kind).toBe('sponsored');
    byButton.querySelector('button.msg-s-message-group__name')!.replaceWith(span.cloneNode(true));
    expect(linkedin.readThreads(byButton, url, NOW).threads[0]!.kind).toBeUndefined();
  });
});

describe('a sponsored card elsewhere in the list (2026-06-thread-hashed-en)', () => {
  test("does not make the open conversation sponsored, even when the conversation's container is the whole main", () => {
    const doc = fixture('2026-06-thread-hashed-en.html');
    const label = doc.createElement('span');
    label.setAttribute('data-view-name', 'sponsored-label');
    label.textContent = 'Sponsored';
    doc.querySelector('section[aria-label="Conversation list"] li')!.append(label);
    const url = threadPage('9e2b7c10-3f6a-4c81-a5d4-6e0b2f9c3a77_100');
    expect(linkedin.readThreads(doc, url, new Date(2026, 5, 3, 10, 0)).threads[0]!.kind).toBeUndefined();
    doc.querySelector('[data-view-name="message-list-item"]')!.append(label); // …but inside one of its messages it does
    expect(linkedin.readThreads(doc, url, new Date(2026, 5, 3, 10, 0)).threads[0]!.kind).toBe('sponsored');
  });
});

describe('overlay inside frames (2026-11-overlay-iframe-en)', () => {
  test('a same-origin frame is read; a cross-origin messaging frame is reported, an ad frame is not', () => {
    const doc = fixture('2026-11-overlay-iframe-en.html');
    const inner = fixture('2026-11-overlay-iframe-en.html');
    inner.body.innerHTML = fixtureHtml('2026-11-overlay-bubble-shadow-fr.html');
    Object.defineProperty(doc.getElementById('msg-overlay-frame'), 'contentDocument', { value: inner });
    for (const id of ['messaging-partner-frame', 'ad-frame']) {
      Object.defineProperty(doc.getElementById(id), 'contentDocument', { value: null });
    }
    const r = linkedin.readThreads(doc, FEED, NOW);
    expect(r.threads.map((t) => t.threadId)).toEqual([CONV_FR]);
    expect(r.threads[0]!.messages.length).toBeGreaterThan(0);
    expect(r.problems).toEqual(['frame 2: messaging in a frame that cannot be read (other origin)']);
  });

  test('a frame that throws on access is reported the same way, never half-read', () => {
    const doc = fixture('2026-11-overlay-iframe-en.html');
    for (const id of ['msg-overlay-frame', 'messaging-partner-frame']) {
      Object.defineProperty(doc.getElementById(id), 'contentDocument', {
        get() {
          throw new DOMException('Blocked a frame with origin', 'SecurityError');
        },
      });
    }
    Object.defineProperty(doc.getElementById('ad-frame'), 'contentDocument', { value: null });
    const r = linkedin.readThreads(doc, FEED, NOW);
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual([
      'frame 1: messaging in a frame that cannot be read (other origin)',
      'frame 2: messaging in a frame that cannot be read (other origin)',
    ]);
  });
});
