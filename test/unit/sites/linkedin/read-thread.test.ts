// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { linkedin } from '../../../../src/sites/linkedin';
import type { ReadResult, ThreadSnapshot } from '../../../../src/sites/types';
import {
  CONV_CARLOS,
  CONV_ES,
  CONV_FR,
  CONV_HASHED,
  CONV_JANE,
  CONV_ZH,
  JANE_MEMBER,
  JANE_VANITY,
  ME_MEMBER,
  ME_VANITY,
  NOW,
  NOW_JUNE,
  fixture,
  fixtureHtml,
  local,
  threadPage,
  urnFor,
} from './fixtures';

const FEED = new URL('https://www.linkedin.com/feed/');
const read = (doc: Document, url: URL, now = NOW, ids?: readonly string[]): ReadResult =>
  linkedin.readThreads(doc, url, now, ids);
/** The parts of a message a test table compares. */
const brief = (t: ThreadSnapshot) =>
  t.messages.map((m) => ({ name: m.from.name, isMe: m.from.isMe, text: m.text, sentAt: m.sentAt, partial: m.partial }));

const JANE = 'Jane Doe';
const ALEX = 'Alex Rivera';

describe('adapter', () => {
  test('site and matches', () => {
    expect(linkedin.site).toBe('linkedin');
    expect(linkedin.matches(new URL('https://www.linkedin.com/messaging/thread/2-MTIz/'))).toBe(true);
    expect(linkedin.matches(new URL('https://www.linkedin.com/feed/'))).toBe(true);
    expect(linkedin.matches(new URL('http://www.linkedin.com/feed/'))).toBe(false);
    expect(linkedin.matches(new URL('https://www.linkedin.com.evil.example/feed/'))).toBe(false);
    expect(linkedin.matches(new URL('https://mail.google.com/mail/u/0/'))).toBe(false);
  });
});

describe('full page, English (2026-11-thread-full-page-en)', () => {
  const doc = fixture('2026-11-thread-full-page-en.html');
  const url = threadPage(CONV_JANE);
  const result = read(doc, url);
  const thread = result.threads[0]!;

  test('one conversation, no problems', () => {
    expect(result.problems).toEqual([]);
    expect(result.threads).toHaveLength(1);
    expect(thread.site).toBe('linkedin');
    expect(thread.threadId).toBe(CONV_JANE);
    expect(thread.url).toBe(url.href);
  });

  test('every message, oldest first, with sender, direction, text and time', () => {
    expect(brief(thread)).toEqual([
      { name: JANE, isMe: false, text: 'Hi Alex — saw your talk at SaaStr.\nDo you have 15 minutes next week?', sentAt: '2026-11-03T15:02:41.512Z', partial: false },
      { name: JANE, isMe: false, text: "We're evaluating tools for Q1.", sentAt: '2026-11-03T15:03:09.004Z', partial: false },
      { name: ALEX, isMe: true, text: 'Hi Jane, happy to. How about Thursday?', sentAt: '2026-11-03T16:15:52.777Z', partial: false },
      { name: ALEX, isMe: true, text: 'File: Turnkeeper-overview.pdf', sentAt: '2026-11-03T16:16:30.250Z', partial: false },
      { name: JANE, isMe: false, text: 'Shared a post by Sam Patel: “Five things we learned moving our pipeline reviews to a…”', sentAt: '2026-11-09T21:40:05.901Z', partial: false },
      { name: JANE, isMe: false, text: 'Thought of you when I read this.', sentAt: '2026-11-09T21:41:17.333Z', partial: false },
      // no URN from here on: day heading + group time, resolved against NOW in local time
      { name: ALEX, isMe: true, text: "Here's the deck: https://www.example.com/deck", sentAt: local(2026, 11, 11, 9, 5), partial: false },
      { name: ALEX, isMe: true, text: 'Let me know what you think.', sentAt: local(2026, 11, 11, 9, 5), partial: false },
      { name: JANE, isMe: false, text: 'Photo', sentAt: local(2026, 11, 12, 14, 13), partial: false },
      { name: JANE, isMe: false, text: 'Looks great — can we talk pricing?', sentAt: local(2026, 11, 12, 14, 13), partial: false },
    ]);
  });

  test('sender profile links are canonical; the text the page showed is kept', () => {
    expect(thread.messages.map((m) => m.from.profileUrl)).toEqual([
      JANE_MEMBER, JANE_MEMBER, ME_MEMBER, ME_MEMBER, JANE_MEMBER, JANE_MEMBER, ME_MEMBER, ME_MEMBER, JANE_MEMBER, JANE_MEMBER,
    ]);
    expect(thread.messages.map((m) => m.sentAtText)).toEqual([
      'Nov 3 10:02 AM', 'Nov 3 10:02 AM', 'Nov 3 11:15 AM', 'Nov 3 11:15 AM', 'Monday 4:40 PM', 'Monday 4:40 PM',
      'Yesterday 9:05 AM', 'Yesterday 9:05 AM', 'Today 2:13 PM', 'Today 2:13 PM',
    ]);
  });

  test('ids: the event URN where present, else a derived hash; all distinct', () => {
    const urns = Array.from(doc.querySelectorAll('[data-event-urn]')).map((e) => e.getAttribute('data-event-urn'));
    expect(thread.messages.slice(0, 6).map((m) => m.id)).toEqual(urns);
    for (const m of thread.messages.slice(6)) expect(m.id).toMatch(/^li-[0-9a-f]{8}$/);
    expect(new Set(thread.messages.map((m) => m.id)).size).toBe(10);
  });

  test('participants: the other person (vanity URL from the title bar) and the user; not the post author', () => {
    expect(thread.participants).toEqual([
      { name: JANE, isMe: false, profileUrl: JANE_VANITY },
      { name: ALEX, isMe: true, profileUrl: ME_MEMBER },
    ]);
    expect(JSON.stringify(thread.participants)).not.toContain('Sam Patel');
    expect(JSON.stringify(thread.participants)).not.toContain('sam-patel');
  });

  test("the user's own profile URLs found on the page are reported", () => {
    expect(result.me).toEqual({ emails: [], profileUrls: [ME_VANITY, ME_MEMBER] });
  });

  test('reactions, seen receipts, typing indicator and headings are not messages', () => {
    const all = thread.messages.map((m) => m.text).join('\n');
    for (const s of ['Seen by', 'typing', '👍', 'Today', 'Status is online', 'Write a message']) expect(all).not.toContain(s);
  });

  test('rereading gives the same result', () => {
    expect(read(doc, url)).toEqual(result);
    expect(read(fixture('2026-11-thread-full-page-en.html'), url)).toEqual(result);
  });

  test('a later visit (next day) keeps every id, including the derived ones', () => {
    const later = fixtureHtml('2026-11-thread-full-page-en.html')
      .replace('>Yesterday<', '>Wednesday<')
      .replace('>Today<', '>Yesterday<');
    const next = read(new DOMParser().parseFromString(later, 'text/html'), url, new Date(2026, 10, 13, 9, 0)).threads[0]!;
    expect(next.messages.map((m) => m.id)).toEqual(thread.messages.map((m) => m.id));
    expect(next.messages.map((m) => m.sentAt)).toEqual(thread.messages.map((m) => m.sentAt));
  });

  test('scrolling up to load older messages never duplicates', () => {
    // Before scrolling: only the newest day groups are loaded (older list items not in the DOM yet).
    const partial = fixture('2026-11-thread-full-page-en.html');
    const events = Array.from(partial.querySelectorAll('li.msg-s-message-list__event'));
    for (const li of events.slice(0, 6)) li.remove();
    const first = read(partial, url).threads[0]!;
    expect(first.messages.map((m) => m.text)).toEqual(thread.messages.slice(6).map((m) => m.text));
    const ids = new Set(thread.messages.map((m) => m.id));
    for (const m of first.messages) expect(ids.has(m.id)).toBe(true);
    // Merging both reads by id gives exactly the full conversation.
    const merged = new Map([...first.messages, ...thread.messages].map((m) => [m.id, m]));
    expect(merged.size).toBe(thread.messages.length);
  });

  test('a loaded list that starts mid-group skips the headless message instead of inventing its sender', () => {
    const partial = fixture('2026-11-thread-full-page-en.html');
    const events = Array.from(partial.querySelectorAll('li.msg-s-message-list__event'));
    for (const li of events.slice(0, 7)) li.remove(); // the first loaded one is "Let me know…", a continuation
    const r = read(partial, url);
    expect(r.threads[0]!.messages.map((m) => m.text)).toEqual(['Photo', 'Looks great — can we talk pricing?']);
    expect(r.problems).toEqual(['full page: message 1: group start not loaded']);
  });
});

describe('overlay bubbles on the feed (2026-11-overlay-feed-two-bubbles-en)', () => {
  const result = read(fixture('2026-11-overlay-feed-two-bubbles-en.html'), FEED);
  const [jane, carlos] = result.threads;

  test('two open bubbles, each its own conversation; the list bubble, minimised bubble and feed are not read', () => {
    expect(result.problems).toEqual([]);
    expect(result.threads.map((t) => t.threadId)).toEqual([CONV_JANE, CONV_CARLOS]);
    expect(result.threads.map((t) => t.url)).toEqual([threadPage(CONV_JANE).href, threadPage(CONV_CARLOS).href]);
  });

  test('the same conversation in a bubble and on the full page is one: same thread id, same message ids', () => {
    const page = read(fixture('2026-11-thread-full-page-en.html'), threadPage(CONV_JANE)).threads[0]!;
    expect(jane!.threadId).toBe(page.threadId);
    const byId = new Map(page.messages.map((m) => [m.id, m]));
    expect(jane!.messages).toHaveLength(4);
    for (const m of jane!.messages) expect(byId.get(m.id)).toEqual(m);
  });

  test('bubble messages', () => {
    expect(brief(carlos!)).toEqual([
      { name: 'Carlos Mendes', isMe: false, text: 'Could we move our call to Friday?', sentAt: '2026-11-10T13:20:00.100Z', partial: false },
      { name: ALEX, isMe: true, text: 'Sure, Friday works.', sentAt: '2026-11-10T13:24:45.600Z', partial: false },
      { name: ALEX, isMe: true, text: 'Same link as before.', sentAt: local(2026, 11, 10, 8, 24), partial: false },
    ]);
    expect(carlos!.participants).toEqual([
      { name: 'Carlos Mendes', isMe: false, profileUrl: 'https://www.linkedin.com/in/carlos-mendes-pt/' },
      { name: ALEX, isMe: true, profileUrl: ME_MEMBER },
    ]);
    expect(jane!.participants).toEqual([
      { name: JANE, isMe: false, profileUrl: JANE_VANITY },
      { name: ALEX, isMe: true, profileUrl: ME_MEMBER }, // nav photo + the URNs' viewer id: the user takes part even before writing
    ]);
  });

  test('an empty (not minimised) bubble is reported, with no invented thread', () => {
    const doc = fixture('2026-11-overlay-feed-two-bubbles-en.html');
    doc.querySelector('.msg-overlay-conversation-bubble--is-minimized')!.classList.remove('msg-overlay-conversation-bubble--is-minimized');
    const r = read(doc, FEED);
    expect(r.threads).toHaveLength(2);
    expect(r.problems).toEqual(['bubble 3: no messages found']);
  });

  test('a bubble inside the open shadow root of #interop-outlet is read too', () => {
    const doc = fixture('2026-11-overlay-feed-two-bubbles-en.html');
    const host = doc.getElementById('interop-outlet')!;
    host.attachShadow({ mode: 'open' }).innerHTML = fixtureHtml('2026-11-overlay-bubble-shadow-fr.html');
    const r = read(doc, FEED);
    expect(r.problems).toEqual([]);
    expect(r.threads.map((t) => t.threadId)).toEqual([CONV_JANE, CONV_CARLOS, CONV_FR]);
    const fr = r.threads[2]!;
    expect(brief(fr)).toEqual([
      { name: 'Camille Laurent', isMe: false, text: 'Bonjour Alex, pouvez-vous m’envoyer la grille tarifaire ?', sentAt: local(2026, 11, 10, 14, 44), partial: false },
      { name: ALEX, isMe: true, text: 'Bien sûr, la voici.', sentAt: local(2026, 11, 11, 9, 15), partial: false },
      { name: ALEX, isMe: true, text: 'File: grille-tarifaire-2027.pdf', sentAt: local(2026, 11, 11, 9, 15), partial: false },
      { name: 'Camille Laurent', isMe: false, text: 'Merci, je reviens vers vous vendredi.', sentAt: local(2026, 11, 12, 11, 2), partial: false },
    ]);
    expect(fr.participants.map((p) => [p.name, p.isMe, p.profileUrl])).toEqual([
      ['Camille Laurent', false, 'https://www.linkedin.com/in/camille-laurent-lyon/'],
      [ALEX, true, ME_MEMBER],
    ]);
  });

  test('a shadow root on another direct child of body is found by the bounded walk', () => {
    const doc = fixture('2026-11-overlay-feed-two-bubbles-en.html');
    const host = doc.createElement('div');
    doc.body.appendChild(host);
    host.attachShadow({ mode: 'open' }).innerHTML = fixtureHtml('2026-11-overlay-bubble-shadow-fr.html');
    expect(read(doc, FEED).threads.map((t) => t.threadId)).toEqual([CONV_JANE, CONV_CARLOS, CONV_FR]);
  });
});

describe('full page, Spanish, no URNs (2026-11-thread-full-page-es)', () => {
  const result = read(fixture('2026-11-thread-full-page-es.html'), threadPage(CONV_ES));
  const thread = result.threads[0]!;
  const MJ = 'María José Fernández';

  test('times from Spanish day headings and 24-hour times; thread id from the URL', () => {
    expect(result.problems).toEqual([]);
    expect(thread.threadId).toBe(CONV_ES);
    expect(brief(thread)).toEqual([
      { name: ALEX, isMe: true, text: 'Hola María José, gracias por aceptar la invitación.', sentAt: local(2026, 11, 3, 9, 41), partial: false },
      { name: MJ, isMe: false, text: '¡Hola! ¿Podrías enviarme la propuesta?', sentAt: local(2026, 11, 6, 18, 5), partial: false },
      { name: MJ, isMe: false, text: 'File: requisitos-2027.xlsx', sentAt: local(2026, 11, 6, 18, 5), partial: false },
      { name: ALEX, isMe: true, text: 'Te la envío hoy mismo.', sentAt: local(2026, 11, 11, 10, 30), partial: false },
      { name: MJ, isMe: false, text: 'Recibida, gracias.', sentAt: local(2026, 11, 12, 8, 2), partial: false },
    ]);
    expect(thread.messages.map((m) => m.sentAtText)).toEqual(['3 nov. 9:41', 'viernes 18:05', 'viernes 18:05', 'ayer 10:30', 'hoy 8:02']);
  });

  test('participants and derived ids', () => {
    expect(thread.participants).toEqual([
      { name: MJ, isMe: false, profileUrl: 'https://www.linkedin.com/in/maria-jose-fernandez/' },
      { name: ALEX, isMe: true, profileUrl: ME_MEMBER },
    ]);
    expect(new Set(thread.messages.map((m) => m.id)).size).toBe(5);
    for (const m of thread.messages) expect(m.id).toMatch(/^li-[0-9a-f]{8}$/);
  });
});

describe('full page, Chinese, no URNs (2026-11-thread-full-page-zh)', () => {
  const result = read(fixture('2026-11-thread-full-page-zh.html'), threadPage(CONV_ZH));
  const thread = result.threads[0]!;

  test('Chinese headings, 上午/下午/中午 times, and a month-day from last year', () => {
    expect(result.problems).toEqual([]);
    expect(brief(thread)).toEqual([
      { name: '王芳', isMe: false, text: '新年快乐！明年我们再聊合作。', sentAt: local(2025, 12, 30, 9, 5), partial: false },
      { name: ALEX, isMe: true, text: '王女士您好，附上我们的方案。', sentAt: local(2026, 10, 28, 16, 30), partial: false },
      { name: '王芳', isMe: false, text: 'Shared a post by 李雷: “供应链数字化的三个误区”', sentAt: local(2026, 11, 9, 14, 13), partial: false },
      { name: '王芳', isMe: false, text: '这篇文章值得一看。', sentAt: local(2026, 11, 9, 14, 13), partial: false },
      { name: ALEX, isMe: true, text: '谢谢分享！', sentAt: local(2026, 11, 11, 11, 48), partial: false },
      { name: '王芳', isMe: false, text: '下周二方便通话吗？', sentAt: local(2026, 11, 12, 12, 10), partial: false },
    ]);
  });

  test('participants exclude the shared post author', () => {
    expect(thread.participants.map((p) => [p.name, p.isMe, p.profileUrl])).toEqual([
      ['王芳', false, 'https://www.linkedin.com/in/wangfang-sh/'],
      [ALEX, true, ME_MEMBER],
    ]);
    expect(result.me?.profileUrls).toEqual([ME_VANITY, ME_MEMBER]);
  });
});

describe('2026 hashed classes (2026-06-thread-hashed-en)', () => {
  const url = threadPage(CONV_HASHED);

  test('read through data attributes, time elements and structure', () => {
    const result = read(fixture('2026-06-thread-hashed-en.html'), url, NOW_JUNE, [ME_MEMBER.toLowerCase()]);
    expect(result.problems).toEqual([]);
    const thread = result.threads[0]!;
    expect(thread.threadId).toBe(CONV_HASHED);
    expect(brief(thread)).toEqual([
      { name: 'Dana Okafor', isMe: false, text: 'Hi Alex, following up on the RFP. Any update?', sentAt: '2026-06-01T08:30:12.000Z', partial: false },
      { name: 'Dana Okafor', isMe: false, text: 'We need to decide by Friday.', sentAt: '2026-06-01T08:31:40.000Z', partial: false },
      { name: ALEX, isMe: true, text: 'Yes — the signed copy is on its way.', sentAt: '2026-06-02T12:05:03.000Z', partial: false },
      { name: 'Dana Okafor', isMe: false, text: 'Received, thanks!', sentAt: local(2026, 6, 3, 9, 2), partial: false },
    ]);
    expect(thread.messages[1]!.sentAtText).toBe('Jun 1 8:30 AM'); // group carry-over
    expect(thread.participants).toEqual([
      { name: 'Dana Okafor', isMe: false, profileUrl: 'https://www.linkedin.com/in/dana-okafor-ng/' },
      { name: ALEX, isMe: true, profileUrl: ME_MEMBER },
    ]);
  });

  test('without identities, a one-to-one header still tells the user from the other person', () => {
    const result = read(fixture('2026-06-thread-hashed-en.html'), url, NOW_JUNE);
    expect(result.problems).toEqual([]);
    expect(result.threads[0]!.messages.map((m) => m.from.isMe)).toEqual([false, false, true, false]);
  });

  test('the viewer id that prefixes every message URN tells the user apart, with no nav and no one-to-one header', () => {
    const doc = fixture('2026-06-thread-hashed-en.html');
    doc.querySelector('header a')!.removeAttribute('href');
    const result = read(doc, url, NOW_JUNE);
    expect(result.problems).toEqual([]);
    expect(result.threads[0]!.messages.map((m) => m.from.isMe)).toEqual([false, false, true, false]);
    expect(result.me!.profileUrls).toEqual([ME_MEMBER]);
  });

  test('with no identity, no URN and no one-to-one header, direction is reported unknown, not guessed as mine', () => {
    const doc = fixture('2026-06-thread-hashed-en.html');
    doc.querySelector('header a')!.removeAttribute('href');
    for (const el of Array.from(doc.querySelectorAll('[data-event-urn]'))) el.removeAttribute('data-event-urn');
    const result = read(doc, url, NOW_JUNE);
    expect(result.problems).toEqual(['full page: message 3: direction unknown']);
    expect(result.threads[0]!.messages.map((m) => m.from.isMe)).toEqual([false, false, false, false]);
  });
});

describe('hostile content (2026-11-thread-hostile-en)', () => {
  test('markup in names and bodies stays text; scripts and handlers are neither run nor kept', () => {
    const w = globalThis as { __pwned?: unknown };
    delete w.__pwned;
    const result = read(fixture('2026-11-thread-hostile-en.html'), threadPage(CONV_ZH));
    expect(w.__pwned).toBeUndefined();
    expect(result.problems).toEqual([]);
    const t = result.threads[0]!;
    expect(t.messages.map((m) => m.text)).toEqual([
      '<script>alert("body")</script> click here',
      '"; DROP TABLE messages; -- ${process.env} {{constructor.constructor(\'x\')()}}',
    ]);
    expect(t.messages[0]!.from).toEqual({ name: '<img src=x onerror=alert(1)> Mallory', isMe: false });
    expect(JSON.stringify(result)).not.toContain('javascript:');
    expect(JSON.stringify(result)).not.toContain('__pwned');
    expect(t.participants[0]).toEqual({ name: '<img src=x onerror=alert(1)> Mallory', isMe: false, profileUrl: 'https://www.linkedin.com/in/evil-corp-x/' });
  });
});

describe('URNs of an unknown message are checked against the page', () => {
  test('a URN with a bad payload falls back to the heading time and says so', () => {
    const doc = fixture('2026-11-thread-full-page-en.html');
    const item = doc.querySelectorAll('[data-event-urn]')[0]!;
    item.setAttribute('data-event-urn', 'urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1xMeAl3xRvr,2-bm9wZQ==)');
    const r = read(doc, threadPage(CONV_JANE));
    expect(r.problems).toEqual(['full page: message 1: id carries no time']);
    const m = r.threads[0]!.messages[0]!;
    expect(m.sentAt).toBe(local(2026, 11, 3, 10, 2));
    expect(m.id).toBe('urn:li:msg_message:(urn:li:fsd_profile:ACoAAB1xMeAl3xRvr,2-bm9wZQ==)');
  });

  test('the thread id follows the URNs when the URL names another conversation', () => {
    const r = read(fixture('2026-11-thread-full-page-en.html'), threadPage(CONV_CARLOS));
    expect(r.threads[0]!.threadId).toBe(CONV_JANE);
    expect(r.problems).toEqual(['full page: URL and messages name different conversations']);
  });

  test('urnFor helper matches the fixture URNs', () => {
    const doc = fixture('2026-11-thread-full-page-en.html');
    expect(doc.querySelector('[data-event-urn]')!.getAttribute('data-event-urn')).toBe(
      urnFor('2026-11-03T15:02:41.512Z', 'a19271-031', CONV_JANE),
    );
  });
});
