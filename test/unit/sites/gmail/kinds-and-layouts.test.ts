// @vitest-environment happy-dom
// Gmail messages without words, hidden and clipped messages, and the layouts in use in 2026 (reading pane,
// delegated mailbox, right-to-left UI, conversation view off, a thread of 100+ messages). Hand-written fixtures
// (test/fixtures/gmail/README.md) and pages built by helpers.ts.
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import { load, page, parse, url, type Msg } from './helpers';

const NOW = new Date(2026, 10, 10, 12, 0);
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();

describe('hand-written thread with attachments, an invitation, an inline image, hidden and clipped messages', () => {
  const FILE = '2026-11-thread-attachments-calendar-en.html';
  const r = gmail.readThreads(load(FILE), url('#inbox/19a4000000000001'), NOW, []);
  const t = r.threads[0]!;

  it('every message is one message with a short text, and what it carries', () => {
    expect(t.messages.map((m) => [m.from.email, m.from.isMe, m.text.split('\n')[0], m.attachment ?? null, m.partial])).toEqual([
      ['maria.lopez@acme-corp.example', false, 'Hi Alex, could you send the proposal and the pricing sheet?', null, true],
      ['alex.seller@example.com', true, 'File: proposal.pdf, pricing-2027.xlsx', { kind: 'file', name: 'proposal.pdf, pricing-2027.xlsx' }, false],
      ['maria.lopez@acme-corp.example', false, 'Photo', { kind: 'image' }, false],
      ['maria.lopez@acme-corp.example', false, 'You have been invited to the following event.', { kind: 'event', title: 'Pricing call' }, false],
      ['alex.seller@example.com', true, 'Event', { kind: 'event' }, false],
      // Clipped by Gmail: only its start is on the page, so it is partial and can be completed later.
      ['maria.lopez@acme-corp.example', false, 'Here is the full pricing history, part 1 of the export:', null, true],
    ]);
    expect(t.messages.map((m) => m.sentAt)).toEqual([
      local(2026, 11, 2, 9, 0), local(2026, 11, 5, 10, 0), local(2026, 11, 5, 11, 30),
      local(2026, 11, 6, 9, 15), local(2026, 11, 6, 9, 40), local(2026, 11, 9, 16, 5),
    ]);
  });

  it('says how many messages Gmail hides, and never records them', () => {
    expect(t.hiddenMessageCount).toBe(3);
    expect(t.messages).toHaveLength(6);
    expect(r.problems).toEqual(['Gmail hides 3 older messages; open them to record them']);
  });

  it("the invitation card's buttons and Gmail's clip notice are not message text", () => {
    const all = t.messages.map((m) => m.text).join('\n');
    for (const s of ['Maybe', 'View entire message', '[Message clipped]', '412 KB']) expect(all).not.toContain(s);
  });

  it("attachment cards inside an email's own HTML are not Gmail's: an empty forwarded card stays the email's", () => {
    const doc = load(FILE);
    const strip = doc.querySelector('.aQH')!;
    doc.querySelectorAll('.a3s')[0]!.append(strip); // the first expanded body now holds the strip itself
    const first = gmail.readThreads(doc, url('#inbox/19a4000000000001'), NOW, []).threads[0]!.messages[1]!;
    expect(first.attachment).toBeUndefined();
    expect(first.text).toContain('proposal.pdf');
  });

  it('without any hidden-count bar, no count is claimed', () => {
    const doc = load(FILE);
    for (const el of Array.from(doc.querySelectorAll('.kQ'))) el.remove();
    const again = gmail.readThreads(doc, url('#inbox/19a4000000000001'), NOW, []);
    expect(again.threads[0]!.hiddenMessageCount).toBeUndefined();
    expect(again.problems).toEqual([]);
  });
});

describe('reading pane, delegated mailbox, Hebrew right-to-left UI (2026-11-reading-pane-delegated-he)', () => {
  const FILE = '2026-11-reading-pane-delegated-he.html';
  const delegated = new URL('https://mail.google.com/mail/u/0/d/AEoRXRTq9x/#inbox');

  it('finds the thread from the selected row when neither the URL nor the subject names it', () => {
    const r = gmail.readThreads(load(FILE), delegated, NOW, []);
    expect(r.problems).toEqual([]);
    const t = r.threads[0]!;
    expect(t.threadId).toBe('19a5000000000abc');
    expect(t.url).toBe('https://mail.google.com/mail/u/0/d/AEoRXRTq9x/#all/19a5000000000abc');
    expect(t.subject).toBe('הצעת מחיר לרבעון הראשון');
  });

  it('the delegated mailbox (title) and the delegate (account button) are both "me"; Hebrew dates parse', () => {
    const r = gmail.readThreads(load(FILE), delegated, NOW, []);
    expect(r.me!.emails).toEqual(['boss@acme.example', 'alex.seller@example.com']);
    const t = r.threads[0]!;
    expect(t.messages.map((m) => [m.from.email, m.from.isMe, m.sentAt])).toEqual([
      ['dana@buyer.example', false, local(2026, 11, 2, 9, 30)],
      ['boss@acme.example', true, local(2026, 11, 9, 16, 20)],
    ]);
    expect(t.messages[1]!.attachment).toEqual({ kind: 'file', name: 'הצעה-רבעון-1.pdf' });
  });

  it('with no id anywhere (no row selected, none on the subject, none in the URL), says so and reads nothing', () => {
    const doc = load(FILE);
    doc.querySelector('tr.aps')!.classList.remove('aps');
    const r = gmail.readThreads(doc, delegated, NOW, []);
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual(['no thread id (h2.hP, jslog, URL)']);
  });
});

describe('conversation view off (2026-11-conversation-view-off-en)', () => {
  it("a message's own page: the URL names the message, the thread id still comes from the subject", () => {
    const r = gmail.readThreads(load('2026-11-conversation-view-off-en.html'), url('#inbox/19a6000000000002'), NOW, []);
    expect(r.problems).toEqual([]);
    const t = r.threads[0]!;
    expect(t.threadId).toBe('19a6000000000001');
    expect(t.messages.map((m) => [m.id, m.from.isMe])).toEqual([['msg-a:r-7712093884410021', true]]);
  });
});

describe('a thread of 100+ messages (built by helpers.ts)', () => {
  const msgs: Msg[] = Array.from({ length: 130 }, (_, i) => ({
    name: i % 2 ? 'Alex Seller' : 'Dana Buyer',
    email: i % 2 ? 'me@example.com' : 'dana@buyer.example',
    title: new Date(2026, 8, 1 + Math.floor(i / 4), 9 + (i % 4), 0).toLocaleString('en-US', {
      month: 'short', day: 'numeric', year: 'numeric', hour: 'numeric', minute: '2-digit',
    }),
    body: `<div>Message ${i + 1} of the long thread.</div>`,
    snippet: `Message ${i + 1} of the long thread.`,
    expanded: i >= 127,
    legacy: (0x19a7000000000000n + BigInt(i)).toString(16),
  }));
  const r = gmail.readThreads(parse(page({ messages: msgs })), url('#inbox/19a3c5e7f9b1d203'), NOW, []);

  it('reads every message once, in page order, with its own id and time', () => {
    expect(r.problems).toEqual([]);
    const t = r.threads[0]!;
    expect(t.messages).toHaveLength(130);
    expect(new Set(t.messages.map((m) => m.id)).size).toBe(130);
    expect(t.messages.map((m) => m.text)).toEqual(msgs.map((m) => m.snippet));
    expect(t.messages.every((m) => m.sentAt !== null)).toBe(true);
    expect(t.messages.filter((m) => m.from.isMe)).toHaveLength(65);
    expect(t.messages[0]!.partial).toBe(true);
    expect(t.messages[129]!.partial).toBe(false);
  });
});
