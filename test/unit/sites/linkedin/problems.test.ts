// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { linkedin } from '../../../../src/sites/linkedin';
import { NOW, fixture, parse, threadPage } from './fixtures';

const FEED = new URL('https://www.linkedin.com/feed/');
/** Problems name parts and numbers, in words a developer can act on; never page text. */
const PROBLEM = /^(full page|bubble \d+|profile|conversations)(: message \d+)?: [a-z ;,()-]+$/i;

const meta = (name: string, time: string) =>
  `<a class="msg-s-event-listitem__link" href="/in/pat-lee-9/"><img class="msg-s-event-listitem__profile-picture" alt="${name}"></a>` +
  `<div class="msg-s-message-group__meta"><span class="msg-s-message-group__name">${name}</span>` +
  `<time class="msg-s-message-group__timestamp">${time}</time></div>`;
const body = (text: string) =>
  `<div class="msg-s-event-listitem__message-bubble"><p class="msg-s-event-listitem__body">${text}</p></div>`;

const BAD_BUBBLES = `<!DOCTYPE html><html><body>
<header class="global-nav"></header>
<aside class="msg-overlay-container">
  <div class="msg-overlay-conversation-bubble">
    <header class="msg-overlay-bubble-header"><h2 class="msg-overlay-bubble-header__title"><span>Pat Lee</span></h2></header>
    <ul class="msg-s-message-list-content">
      <li class="msg-s-message-list__event"><div class="msg-s-event-listitem msg-s-event-listitem--other">${body('orphan continuation')}</div></li>
      <li class="msg-s-message-list__event"><div class="msg-s-event-listitem msg-s-event-listitem--other">${meta('Pat Lee', '2:13 PM')}${body('before any heading')}</div></li>
      <li class="msg-s-message-list__event"><time class="msg-s-message-list__time-heading">Someday</time>
        <div class="msg-s-event-listitem msg-s-event-listitem--other">${meta('Pat Lee', '3:00 PM')}${body('unknown day')}</div></li>
      <li class="msg-s-message-list__event"><div class="msg-s-event-listitem msg-s-event-listitem--other"><div class="msg-s-event-listitem__message-bubble"><svg></svg></div></div></li>
      <li class="msg-s-message-list__event"><div class="msg-s-event-listitem msg-s-event-listitem--other"><span class="msg-s-event-listitem__system-text-container"></span></div></li>
      <li class="msg-s-message-list__event"><div class="msg-s-event-listitem">${body('mine after theirs')}</div></li>
    </ul>
  </div>
  <div class="msg-overlay-conversation-bubble"><header class="msg-overlay-bubble-header"><h2>Sam Ortiz</h2></header></div>
</aside></body></html>`;

describe('bad markup: problems, no throw, no invented messages', () => {
  const r = linkedin.readThreads(parse(BAD_BUBBLES), FEED, NOW);

  test('each failure is reported where it happened', () => {
    expect(r.problems).toEqual([
      'bubble 1: message 1: group start not loaded',
      'bubble 1: message 2: no day heading',
      'bubble 1: message 3: no time',
      'bubble 1: message 4: content not recognised',
      'bubble 1: message 6: direction differs from its group',
      'bubble 1: message 6: no time',
      'bubble 1: no conversation id; derived one from the participants',
      'bubble 2: no messages found',
    ]);
  });

  test('only the messages that are really there, with unknown times left null', () => {
    expect(r.threads).toHaveLength(1);
    const t = r.threads[0]!;
    expect(t.threadId).toMatch(/^derived-[0-9a-f]{8}$/);
    expect(t.url).toBe('https://www.linkedin.com/messaging/');
    expect(t.messages.map((m) => [m.from.name, m.from.isMe, m.text, m.sentAt, m.sentAtText])).toEqual([
      ['Pat Lee', false, 'unknown day', null, 'Someday 3:00 PM'],
      ['', true, 'mine after theirs', null, 'Someday'],
    ]);
    expect(t.participants).toEqual([{ name: 'Pat Lee', isMe: false, profileUrl: 'https://www.linkedin.com/in/pat-lee-9/' }]);
  });

  test('problems never carry page text', () => {
    for (const p of r.problems) {
      expect(p).toMatch(PROBLEM);
      for (const s of ['Pat', 'Sam', 'Someday', 'orphan', 'heading yet', 'PM']) expect(p).not.toContain(s);
    }
  });

  test('the derived thread id is stable across reads', () => {
    expect(linkedin.readThreads(parse(BAD_BUBBLES), FEED, NOW).threads[0]!.threadId).toBe(r.threads[0]!.threadId);
  });

  test('identical messages in the same minute stay two messages with distinct, stable ids', () => {
    const html = `<html><body><div class="msg-overlay-conversation-bubble"><ul>
      <li><time class="msg-s-message-list__time-heading">Today</time><div class="msg-s-event-listitem">${meta('Alex', '9:00 AM')}${body('ok')}</div></li>
      <li><div class="msg-s-event-listitem">${body('ok')}</div></li></ul></div></body></html>`;
    const a = linkedin.readThreads(parse(html), FEED, NOW).threads[0]!.messages.map((m) => m.id);
    expect(a).toHaveLength(2);
    expect(a[1]).toBe(`${a[0]}-2`);
    expect(linkedin.readThreads(parse(html), FEED, NOW).threads[0]!.messages.map((m) => m.id)).toEqual(a);
  });

  test('the same URN rendered twice is one message', () => {
    const doc = fixture('2026-11-thread-full-page-en.html');
    const li = doc.querySelector('li.msg-s-message-list__event')!;
    li.after(li.cloneNode(true));
    const t = linkedin.readThreads(doc, threadPage('7f3a2c9b-1e84-4d2e-9b61-0a5e3c7d9f12_010'), NOW).threads[0]!;
    expect(t.messages).toHaveLength(10);
  });
});

describe('never throws', () => {
  const throwing = new Proxy(
    {},
    {
      get() {
        throw new Error('Jane Doe secret page text');
      },
    },
  ) as Document;

  test.each([
    ['a document whose every access throws', throwing],
    ['null', null as unknown as Document],
    ['an empty document', parse('')],
    ['a text-only document', parse('just text')],
  ])('%s', (_, doc) => {
    for (const href of ['https://www.linkedin.com/feed/', 'https://www.linkedin.com/messaging/thread/2-MTIz/', 'https://www.linkedin.com/in/x/']) {
      const r = linkedin.readThreads(doc, new URL(href), NOW);
      expect(r.threads).toEqual([]);
      expect(r.profile).toBeUndefined();
      for (const p of r.problems) {
        expect(p).toMatch(PROBLEM);
        expect(p).not.toContain('Jane');
      }
    }
  });

  test('a throwing document yields problems naming the failed parts', () => {
    const r = linkedin.readThreads(throwing, new URL('https://www.linkedin.com/in/x/'), NOW);
    expect(r.problems).toEqual(['conversations: unreadable (Error)', 'profile: unreadable (Error)']);
  });

  test('an invalid clock or odd identities do not throw', () => {
    const doc = fixture('2026-11-thread-full-page-es.html');
    const url = threadPage('5a8e3f21-0c7d-4b96-91e2-d3f4a6b8c0e5_010');
    const r = linkedin.readThreads(doc, url, new Date(Number.NaN), ['', 'not a url', 42 as unknown as string]);
    expect(r.threads[0]!.messages.every((m) => m.sentAt === null)).toBe(true);
    expect(r.problems.every((p) => PROBLEM.test(p))).toBe(true);
  });
});
