// @vitest-environment happy-dom
// The list chips, on the hand-written list fixtures (test/fixtures/*/lists/, written 2026-12-02 from docs/sites.md) and on
// generated lists: the right words on the right rows, nothing on unknown rows, nothing the page can read, recycled
// rows put right, flat node counts, one observer for the list.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { chipLayer, chipOn, isChipHost } from '../../../src/content/chip-layer';
import {
  ASK_AGAIN_AFTER_MS,
  cardKey,
  watchList,
  type ChipRow,
  type ListChip,
  type ListStatesReply,
} from '../../../src/content/list-chips';
import { gmailRowElements, readGmailList } from '../../../src/sites/gmail/read-list';
import { gmailLists } from '../../../src/content/lists-gmail';
import { readLinkedInList } from '../../../src/sites/linkedin/read-list';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
function show(site: string, name: string): void {
  const doc = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, site, 'lists', name), 'utf8'), 'text/html');
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}
const gmailRows = (): ChipRow[] => readGmailList(document).rows.map((r) => ({ ...r, key: r.threadId }));
/** The content script's own reader of Gmail's list, row by row. */
const gmailSource = gmailLists[0]!;
const chipsOf = (...chips: ListChip[]) => new Map(chips.map((c) => [c.threadId, c]));
const YOUR_TURN: ListChip = { threadId: '19a3c5e7f9b1d203', label: 'Your turn · 2d', reason: 'Maria Lopez wrote 2 days ago', state: 'mine' };
const WAITING: ListChip = { threadId: '19a2b3c4d5e6f708', label: 'Waiting', reason: 'You wrote yesterday', state: 'theirs' };
/** Every node of the document, and of the chips' shadow roots as the chips module holds them. */
const nodeCount = () => document.getElementsByTagName('*').length;

let decorateRows = chipLayer();
afterEach(() => {
  decorateRows([], new Map());
  decorateRows = chipLayer();
  document.body.replaceChildren();
});

describe('chips on rows', () => {
  test('known rows get the sidebar words, accessible name and reason; unknown rows are left exactly as they were', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const rows = gmailRows();
    const before = rows.map((r) => r.element.outerHTML);
    decorateRows(rows, chipsOf(YOUR_TURN, WAITING), 'light');
    expect(rows.map((r) => chipOn(r.element)?.label ?? null)).toEqual(['Your turn · 2d', null, 'Waiting', null]);
    expect(chipOn(rows[0]!.element)).toEqual({
      threadId: '19a3c5e7f9b1d203',
      label: 'Your turn · 2d',
      name: 'Your turn · 2d',
      role: 'img',
      reason: 'Maria Lopez wrote 2 days ago',
      state: 'mine',
      connected: true,
    });
    expect(rows[1]!.element.outerHTML).toBe(before[1]);
    expect(rows[3]!.element.outerHTML).toBe(before[3]);
    // The chip opens the subject line.
    expect(isChipHost(rows[0]!.chipPlace.firstChild!)).toBe(true);
  });

  test('the page can read nothing: the host has no attributes, no text, a closed shadow root; the row text is unchanged', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const rows = gmailRows();
    const text = rows[0]!.element.textContent;
    decorateRows(rows, chipsOf(YOUR_TURN), 'dark');
    const host = rows[0]!.chipPlace.firstChild as HTMLElement;
    expect(host.attributes).toHaveLength(0);
    expect(host.childNodes).toHaveLength(0);
    expect(host.textContent).toBe('');
    expect(host.shadowRoot).toBeNull();
    expect(rows[0]!.element.textContent).toBe(text);
    expect(document.documentElement.outerHTML).not.toMatch(/Your turn|Maria Lopez wrote|turnkeeper/i);
    expect(chipOn(rows[0]!.element)!.state).toBe('mine dark');
  });

  test('a click on the chip reaches the row and is not cancelled', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const rows = gmailRows();
    decorateRows(rows, chipsOf(YOUR_TURN));
    let seen: Event | null = null;
    rows[0]!.element.addEventListener('click', (e) => (seen = e));
    const host = rows[0]!.chipPlace.firstChild!;
    host.dispatchEvent(new MouseEvent('click', { bubbles: true, composed: true, cancelable: true }));
    expect(seen).not.toBeNull();
    expect(seen!.defaultPrevented).toBe(false);
  });

  test('LinkedIn cards, with and without ids: chips keyed by id or by people, placed inside the card link', () => {
    show('linkedin', '2024-05-messaging-list-classic-en.html');
    const cards = readLinkedInList(document).cards.map((c) => ({ ...c, key: cardKey(c) }));
    expect(cards.map((c) => c.key)[5]).toBe('people:Omar Haddad');
    decorateRows(
      cards,
      chipsOf(
        { threadId: '2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a_010', label: 'Follow up · 6d', reason: 'You wrote 6 days ago', state: 'follow-up' },
        { threadId: 'people:Omar Haddad', label: 'Pinned · Fri 8:00', reason: 'Pinned for Friday 8:00', state: 'pinned' },
      ),
    );
    expect(cards.map((c) => chipOn(c.element)?.label ?? null)).toEqual([null, 'Follow up · 6d', null, null, null, 'Pinned · Fri 8:00']);
    expect(cards[1]!.chipPlace.firstChild!.parentElement!.closest('a')).not.toBeNull();
  });
});

describe('two lists on one page', () => {
  test('each list has its own layer: decorating one leaves the other\'s chips alone', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const rows = gmailRows();
    const other = chipLayer();
    decorateRows(rows.slice(0, 2), chipsOf(YOUR_TURN));
    other(rows.slice(2), chipsOf(WAITING));
    decorateRows(rows.slice(0, 2), chipsOf(YOUR_TURN));
    expect(rows.map((r) => chipOn(r.element)?.label ?? null)).toEqual(['Your turn · 2d', null, 'Waiting', null]);
    other([], new Map());
  });
});

describe('recycled rows', () => {
  function recycle(row: Element, hex: string) {
    const span = row.querySelector('[data-legacy-thread-id]')!;
    span.setAttribute('data-legacy-thread-id', hex);
    span.setAttribute('data-thread-id', '#thread-f:' + BigInt('0x' + hex).toString());
  }

  test('a row now showing another conversation loses the old chip: it shows the new one, or nothing when unknown', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    decorateRows(gmailRows(), chipsOf(YOUR_TURN, WAITING));
    const [first, , third] = gmailRows();
    const thirdBare = third!.element.querySelectorAll('*').length;
    recycle(first!.element, '19a2b3c4d5e6f708'); // now shows the "Waiting" thread…
    recycle(third!.element, '19a0000000000001'); // …and the row that showed it, an unknown one
    const rows = gmailRows();
    decorateRows(rows, chipsOf(YOUR_TURN, WAITING));
    expect(rows.map((r) => chipOn(r.element)?.label ?? null)).toEqual(['Waiting', null, null, null]);
    expect(chipOn(first!.element)!.threadId).toBe('19a2b3c4d5e6f708');
    expect(third!.element.querySelectorAll('*').length).toBe(thirdBare - 1); // its chip host is gone
  });

  test('a row re-rendered from scratch by the site (host dropped) gets its chip back once, not twice', () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    decorateRows(gmailRows(), chipsOf(YOUR_TURN));
    const place = gmailRows()[0]!.chipPlace;
    place.innerHTML = place.innerHTML; // Gmail rebuilds the cell; our host is not serialisable, so it is gone
    expect([...place.childNodes].some(isChipHost)).toBe(false);
    decorateRows(gmailRows(), chipsOf(YOUR_TURN));
    decorateRows(gmailRows(), chipsOf(YOUR_TURN));
    expect([...place.childNodes].filter(isChipHost)).toHaveLength(1);
    expect(chipOn(gmailRows()[0]!.element)!.connected).toBe(true);
  });

  test('node counts stay flat over 1,000 re-renders of a recycled 20-row list', { timeout: 60_000 }, () => {
    const table = document.createElement('table');
    document.body.append(table);
    const rows: ChipRow[] = [];
    for (let i = 0; i < 20; i++) {
      const tr = table.appendChild(document.createElement('tr'));
      const td = tr.appendChild(document.createElement('td'));
      td.append(document.createElement('span'));
      rows.push({ key: '', element: tr, chipPlace: td });
    }
    const chips = new Map<string, ListChip>();
    for (let k = 0; k < 120; k += 2) chips.set('t' + k, { threadId: 't' + k, label: 'Your turn · ' + k + 'd', reason: 'r', state: 'mine' });
    const bare = nodeCount();
    let counts: number[] = [];
    for (let pass = 0; pass < 1000; pass++) {
      rows.forEach((row, i) => {
        row.key = 't' + ((i + pass * 7) % 120); // virtualised scrolling: every row shows another thread each pass
        if (pass % 5 === 0) row.chipPlace.replaceChildren(document.createElement('span')); // the site re-renders
      });
      decorateRows(rows, chips, pass % 2 ? 'dark' : 'light');
      if (pass % 25 === 24) {
        for (const row of rows) expect(chipOn(row.element)?.label ?? null).toBe(chips.get(row.key)?.label ?? null);
        counts.push(nodeCount());
      }
    }
    counts = [...new Set(counts)];
    // Half the keys are known: 10 hosts at every pass, nothing else.
    expect(counts).toEqual([bare + 10]);
  });

  test('a 1,000-row list: one chip per known row, none elsewhere, none added by decorating again', { timeout: 60_000 }, () => {
    const table = document.createElement('table');
    document.body.append(table);
    const rows: ChipRow[] = [];
    for (let i = 0; i < 1000; i++) {
      const tr = table.appendChild(document.createElement('tr'));
      rows.push({ key: 'k' + i, element: tr, chipPlace: tr.appendChild(document.createElement('td')) });
    }
    const chips = new Map<string, ListChip>();
    for (let i = 0; i < 1000; i += 3) chips.set('k' + i, { threadId: 'k' + i, label: 'Waiting', reason: '', state: 'theirs' });
    decorateRows(rows, chips);
    const once = nodeCount();
    decorateRows(rows, chips);
    expect(nodeCount()).toBe(once);
    expect(rows.filter((r) => r.chipPlace.firstChild && isChipHost(r.chipPlace.firstChild))).toHaveLength(334);
  });

  test('rows of unexpected shape do not throw: a detached place, a place that is the row, a row passed twice', () => {
    const tr = document.createElement('tr');
    const detached = document.createElement('div');
    expect(() =>
      decorateRows(
        [
          { key: 'a', element: tr, chipPlace: detached },
          { key: 'b', element: detached, chipPlace: detached },
          { key: 'a', element: tr, chipPlace: detached },
        ],
        chipsOf({ threadId: 'a', label: 'Waiting', reason: '', state: 'theirs' }),
      ),
    ).not.toThrow();
    expect([...detached.childNodes].filter(isChipHost)).toHaveLength(1);
  });
});

describe('watching the list', () => {
  const settle = (ms = 100) => new Promise((r) => setTimeout(r, ms));
  /** A watch on the inbox fixture's list that records the keys of each message it sends. */
  const watchInboxKeys = () => {
    const controller = new AbortController();
    const sent: string[][] = [];
    const watch = watchList({
      ...gmailSource,
      findList: () => document.querySelector('[gh="tl"]'),
      onChange: (rows) => sent.push(rows.map((r) => r.key)),
      signal: controller.signal,
      debounceMs: 10,
    });
    return { watch, sent, controller };
  };

  test('one message per list change, with only the rows not asked about lately; each answer speaks for its own rows; the list let go when it leaves', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const controller = new AbortController();
    const sent: { keys: string[]; generation: number }[] = [];
    const watch = watchList({
      ...gmailSource,
      findList: () => document.querySelector('[gh="tl"]'),
      onChange: (rows, generation) => sent.push({ keys: rows.map((r) => r.key), generation }),
      signal: controller.signal,
      debounceMs: 10,
    });
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(sent).toEqual([{ keys: ['19a3c5e7f9b1d203', '19a5d1e2f3a4b5c6', '19a2b3c4d5e6f708', '19a0f0e0d0c0b0a1'], generation: 1 }]);
    expect(watch.visibleThreadIds()).toEqual(sent[0]!.keys);

    const reply: ListStatesReply = { generation: 1, chips: [YOUR_TURN] };
    watch.apply(reply);
    const row = () => readGmailList(document).rows[0]!.element;
    expect(chipOn(row())!.label).toBe('Your turn · 2d');
    await settle();
    expect(sent).toHaveLength(1); // the chip's own insertion is not a list change

    // A burst of site changes showing the same conversations as they were asked about: nothing to ask.
    const tbody = document.querySelector('tbody')!;
    for (let i = 0; i < 5; i++) tbody.append(tbody.firstElementChild!.cloneNode(true));
    tbody.querySelector('tr')!.remove();
    await settle();
    expect(sent).toHaveLength(1);
    expect(readGmailList(document).rows.map((r) => chipOn(r.element)?.label ?? null)).toEqual([null, null, null, 'Your turn · 2d']);

    // A burst that reads differently (the first row's read state flipped, the second recycled to another
    // conversation): one message, with those two rows only.
    const [a, b] = readGmailList(document).rows;
    a!.element.classList.toggle('zE');
    a!.element.classList.toggle('yO');
    b!.element.querySelector('[data-legacy-thread-id]')!.setAttribute('data-legacy-thread-id', '19a0000000000abc');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    await settle();
    expect(sent).toHaveLength(2);
    expect(sent[1]).toEqual({ keys: ['19a5d1e2f3a4b5c6', '19a0000000000abc'], generation: 2 });
    // The answer of generation 2 arrives first; the late answer of generation 1 speaks only for the rows not asked
    // about since (it gives 19a5d1e2f3a4b5c6 no chip; generation 2's word, a chip, stands).
    const CHANGED: ListChip = { ...WAITING, threadId: '19a5d1e2f3a4b5c6', label: 'New message', state: 'changed' };
    watch.apply({ generation: 2, chips: [CHANGED] });
    watch.apply(reply);
    expect(readGmailList(document).rows.map((r) => chipOn(r.element)?.label ?? null)).toEqual(['New message', null, null, 'Your turn · 2d']);

    // The list leaves the page (Gmail opened a thread): refresh lets it go; later changes to it are not watched.
    const list = document.querySelector('[gh="tl"]')!;
    list.remove();
    watch.refresh();
    list.querySelector('tbody')!.append(document.createElement('tr'));
    await settle();
    expect(sent).toHaveLength(2);
    expect(watch.visibleThreadIds()).toEqual([]);
    controller.abort();
  });

  test('a row recycled by the site loses its chip at once, before the background is asked again', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const controller = new AbortController();
    let calls = 0;
    const watch = watchList({
      ...gmailSource,
      findList: () => document.querySelector('[gh="tl"]'),
      onChange: () => calls++,
      signal: controller.signal,
      debounceMs: 50,
    });
    watch.refresh();
    await vi.waitFor(() => expect(calls).toBe(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    const first = readGmailList(document).rows[0]!.element;
    expect(chipOn(first)!.label).toBe('Your turn · 2d');
    first.querySelector('[data-legacy-thread-id]')!.setAttribute('data-legacy-thread-id', '19a0000000000001');
    await vi.waitFor(() => expect(chipOn(first)).toBeNull());
    expect([...first.querySelector('div.y6')!.childNodes].some(isChipHost)).toBe(false);
    expect(calls).toBe(1); // the question waits for the list to settle
    await vi.waitFor(() => expect(calls).toBe(2));
    controller.abort();
  });

  test('a row recycled to a conversation answered lately shows its chip at once without asking; after a minute it is asked again, and an answer without it takes it off', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    let clock = Date.parse('2026-12-02T10:00:00Z');
    const now = vi.spyOn(Date, 'now').mockImplementation(() => clock);
    const { watch, sent, controller } = watchInboxKeys();
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN, WAITING] });
    const row = () => readGmailList(document).rows.find((r) => r.threadId === YOUR_TURN.threadId)!.element;
    const first = row();
    const id = () => first.querySelector('[data-legacy-thread-id]')!;
    // Recycled to an unknown conversation: no chip, and that conversation is asked about; back to the one answered
    // before: its chip, before any answer, and nothing asked.
    id().setAttribute('data-legacy-thread-id', '19a0000000000001');
    await vi.waitFor(() => expect(chipOn(first)).toBeNull());
    await vi.waitFor(() => expect(sent).toEqual([expect.any(Array), ['19a0000000000001']]));
    watch.apply({ generation: 2, chips: [] });
    id().setAttribute('data-legacy-thread-id', YOUR_TURN.threadId);
    await vi.waitFor(() => expect(chipOn(first)?.label).toBe('Your turn · 2d'));
    await settle();
    expect(sent).toHaveLength(2);
    // A minute later the row is asked about again at the list's next change; the answer gives it no chip now (it is
    // resting): the chip goes.
    clock += ASK_AGAIN_AFTER_MS;
    document.querySelector('tbody')!.append(document.createElement('tr'));
    await vi.waitFor(() => expect(sent).toHaveLength(3));
    expect(sent[2]).toContain(YOUR_TURN.threadId);
    watch.apply({ generation: 3, chips: [WAITING] });
    expect(chipOn(first)).toBeNull();
    expect(chipOn(readGmailList(document).rows.find((r) => r.threadId === WAITING.threadId)!.element)?.label).toBe('Waiting');
    now.mockRestore();
    controller.abort();
  });

  test('asked again: the record changed under the list (a thread read beside it), so every row shown is asked about, its chips kept until the answer', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, controller } = watchInboxKeys();
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    watch.askAgain();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]).toEqual(sent[0]);
    expect(chipOn(readGmailList(document).rows[0]!.element)?.label).toBe('Your turn · 2d');
    watch.apply({ generation: 2, chips: [{ ...YOUR_TURN, label: 'Waiting', state: 'theirs' }] });
    expect(chipOn(readGmailList(document).rows[0]!.element)?.label).toBe('Waiting');
    controller.abort();
  });

  test('aborting removes every chip and stops watching; a reader that throws is contained', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const controller = new AbortController();
    let calls = 0;
    let explode = false;
    const watch = watchList({
      ...gmailSource,
      findList: () => document.querySelector('[gh="tl"]'),
      rowElements: (list) => {
        if (explode) throw new Error('unexpected markup');
        return gmailRowElements(list);
      },
      onChange: () => calls++,
      signal: controller.signal,
      debounceMs: 5,
    });
    watch.refresh();
    await vi.waitFor(() => expect(calls).toBe(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN, WAITING] });
    expect(readGmailList(document).rows.filter((r) => chipOn(r.element))).toHaveLength(2);
    explode = true;
    document.querySelector('tbody')!.append(document.createElement('tr'));
    await vi.waitFor(() => expect(readGmailList(document).rows.filter((r) => chipOn(r.element))).toHaveLength(0));
    explode = false;
    controller.abort();
    document.querySelector('tbody')!.append(document.createElement('tr'));
    await settle();
    expect(calls).toBe(1);
    expect(document.querySelectorAll('*').length).toBe(nodeCount());
    expect([...document.querySelectorAll('div.y6')].every((el) => ![...el.childNodes].some(isChipHost))).toBe(true);
  });
});
