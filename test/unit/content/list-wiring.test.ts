// @vitest-environment happy-dom
// The content script's side of list/states, on the hand-written list fixtures (test/fixtures/*/lists/, written
// 2026-12-02 from docs/sites.md): one message per list change, in the protocol's shape (the background's own schema
// accepts it), the answer's chips put on the rows, and answers to older messages dropped.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { validateMessage } from '../../../src/background/validate';
import { chipOn } from '../../../src/content/chip-layer';
import { watchLists } from '../../../src/content/list-wiring';
import { gmailLists } from '../../../src/content/lists-gmail';
import { linkedinLists } from '../../../src/content/lists-linkedin';
import type { ListStatesMessage, ReplyTo } from '../../../src/protocol/types';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
function show(site: string, name: string): void {
  const doc = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, site, 'lists', name), 'utf8'), 'text/html');
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}
/** The page's address (happy-dom's own door: a page cannot move itself to another origin). */
const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const settle = () => new Promise((r) => setTimeout(r, 250));

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.replaceChildren();
});

describe('list/states from the page', () => {
  it('sends one message for a Gmail list, that the background accepts, and puts the answer on the rows', async () => {
    setUrl('https://mail.google.com/mail/u/0/#inbox');
    show('gmail', '2026-11-list-inbox-default-en.html');
    const sent: ListStatesMessage[] = [];
    const send = vi.fn(async (message: ListStatesMessage): Promise<ReplyTo<'list/states'>> => {
      sent.push(message);
      const first = message.site === 'gmail' ? message.rows[0]!.threadId : '';
      return { ok: true, generation: message.generation, chips: [{ threadId: first, label: 'Your turn · 2d', reason: 'Maria wrote 2 days ago', state: 'mine' }] };
    });
    watchLists('gmail', gmailLists, send, controller.signal);
    await settle();
    expect(sent).toHaveLength(1);
    expect(validateMessage(sent[0])).toMatchObject({ ok: true });
    const rows = sent[0]!.rows as Extract<ListStatesMessage, { site: 'gmail' }>['rows'];
    expect(rows[0]).toEqual({
      threadId: '19a3c5e7f9b1d203',
      lastMessageId: '19a3c5e7f9b1d203',
      unread: true,
      newestAt: expect.any(String),
      newestAtText: 'Tue, Nov 3, 2026, 9:12 AM',
      snippet: 'Hi Alex, Thanks for the demo yesterday. Could you send the quote?',
    });
    // Subjects and people stay in the page: the background does not weigh them.
    expect(JSON.stringify(sent[0])).not.toContain('Pricing for 25 seats');
    const row = document.querySelector('[data-legacy-thread-id="19a3c5e7f9b1d203"]')!.closest('tr')!;
    expect(chipOn(row)).toMatchObject({ label: 'Your turn · 2d', name: 'Your turn · 2d', state: 'mine' });
    // Nothing changed on the page: nothing more is sent.
    await settle();
    expect(sent).toHaveLength(1);
  });

  it('fits what it sends to the limits: 200 rows at most, snippets cut to 300 characters', async () => {
    setUrl('https://mail.google.com/mail/u/0/#inbox');
    show('gmail', '2026-11-list-inbox-default-en.html');
    const body = document.querySelector('table.F tbody')!;
    const template = body.querySelector('tr.zA')!;
    for (let i = 0; i < 250; i++) {
      const copy = template.cloneNode(true) as Element;
      const carrier = copy.querySelector('[data-legacy-thread-id]')!;
      carrier.setAttribute('data-legacy-thread-id', (0x19a0000000000000n + BigInt(i)).toString(16));
      carrier.removeAttribute('data-thread-id');
      copy.querySelector('.y2')!.textContent = ' - ' + 'long words '.repeat(100);
      body.append(copy);
    }
    const sent: ListStatesMessage[] = [];
    watchLists('gmail', gmailLists, async (m) => (sent.push(m), undefined), controller.signal);
    await settle();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.rows).toHaveLength(200);
    const snippets = (sent[0]!.rows as { snippet: string }[]).map((r) => r.snippet.length);
    expect(Math.max(...snippets)).toBe(300);
    expect(validateMessage(sent[0])).toMatchObject({ ok: true });
  });

  it("watches LinkedIn's page list, sends its cards (a card without a link by its people), drops an older answer", async () => {
    setUrl('https://www.linkedin.com/messaging/');
    show('linkedin', '2024-05-messaging-list-classic-en.html');
    const sent: ListStatesMessage[] = [];
    const replies: ((r: ReplyTo<'list/states'>) => void)[] = [];
    const send = (m: ListStatesMessage) => {
      sent.push(m);
      return new Promise<ReplyTo<'list/states'>>((resolve) => replies.push(resolve));
    };
    watchLists('linkedin', linkedinLists, send, controller.signal);
    await settle();
    expect(sent).toHaveLength(1);
    expect(validateMessage(sent[0])).toMatchObject({ ok: true });
    const cards = sent[0]!.rows as Extract<ListStatesMessage, { site: 'linkedin' }>['rows'];
    expect(cards.some((c) => c.threadId === null && c.key.startsWith('people:'))).toBe(true);
    const key = cards[0]!.key;
    // The list changes while the first answer is in flight: a second message goes, and its answer comes first.
    document.querySelector('.msg-conversation-card__message-snippet')!.textContent = 'Dana: New words';
    await settle();
    expect(sent).toHaveLength(2);
    replies[1]!({ ok: true, generation: sent[1]!.generation, chips: [{ threadId: key, label: 'Your turn · 1m', reason: 'Dana wrote just now', state: 'mine' }] });
    replies[0]!({ ok: true, generation: sent[0]!.generation, chips: [] });
    await settle();
    const card = document.querySelector('li.msg-conversation-listitem:not([class*="--occluded"])')!;
    expect(chipOn(card)).toMatchObject({ label: 'Your turn · 1m' });
  });
});

describe('looking for lists on the clock', () => {
  it('finds an overlay list that appears outside every watched pane within two seconds, without searching again for the list still shown', async () => {
    vi.useFakeTimers({ toFake: ['setInterval'] });
    try {
      setUrl('https://www.linkedin.com/messaging/');
      show('linkedin', '2024-05-messaging-list-classic-en.html');
      const overlay = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, 'linkedin', 'lists', '2026-11-overlay-list-es.html'), 'utf8'), 'text/html');
      const searches = { page: 0, overlay: 0 };
      const counted = linkedinLists.map((source, i) => ({
        ...source,
        findList: () => (searches[i === 0 ? 'page' : 'overlay']++, source.findList()),
      }));
      const sent: ListStatesMessage[] = [];
      watchLists('linkedin', counted, async (m) => (sent.push(m), { ok: true, generation: m.generation, chips: [] }), controller.signal);
      await settle();
      expect(sent.map((m) => m.rows.length > 0)).toEqual([true]);
      searches.page = 0;
      searches.overlay = 0;
      document.body.append(...[...overlay.body.childNodes].map((n) => document.importNode(n, true)));
      vi.advanceTimersByTime(2_000);
      await settle();
      // The overlay's cards are asked about; the page list, still shown, was not looked for again.
      expect(sent).toHaveLength(2);
      expect(searches).toEqual({ page: 0, overlay: 1 });
    } finally {
      vi.useRealTimers();
    }
  });
});
