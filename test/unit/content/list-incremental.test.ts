// @vitest-environment happy-dom
// The list watch reads again only the rows a change touched, on the hand-written list fixtures
// (test/fixtures/*/lists/, written 2026-12-02 from docs/sites.md): what is sent and the chips shown stay exactly those of
// a full read, a row is read again when it changed (recycled, its id changed in place, re-rendered, put back after
// leaving the list), a row no change touched is not read again, and the page watch can tell a change of the list's rows
// from any other change of the page.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { chipOn } from '../../../src/content/chip-layer';
import { cardKey, watchList, type ChipRow, type ListChip, type RowSource } from '../../../src/content/list-chips';
import { gmailLists } from '../../../src/content/lists-gmail';
import { linkedinLists } from '../../../src/content/lists-linkedin';
import type { ListSource } from '../../../src/content/list-wiring';
import { readGmailList } from '../../../src/sites/gmail/read-list';
import { readLinkedInList } from '../../../src/sites/linkedin/read-list';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
function show(site: string, name: string): void {
  const doc = new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, site, 'lists', name), 'utf8'), 'text/html');
  document.body.replaceChildren(...[...doc.body.childNodes].map((n) => document.importNode(n, true)));
}
const YOUR_TURN: ListChip = { threadId: '19a3c5e7f9b1d203', label: 'Your turn · 2d', reason: 'Maria Lopez wrote 2 days ago', state: 'mine' };
const WAITING: ListChip = { threadId: '19a2b3c4d5e6f708', label: 'Waiting', reason: 'You wrote yesterday', state: 'theirs' };
const settle = (ms = 60) => new Promise((r) => setTimeout(r, ms));

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.replaceChildren();
});

/** A watch on the content script's own reader of a site's list, counting the reads of each row element. */
function counted<R extends ChipRow>(source: RowSource<R>, fields = (source as Partial<ListSource>).fields ?? []) {
  const reads = new Map<Element, number>();
  const sent: R[][] = [];
  const watch = watchList<R>({
    ...source,
    readRow: (el) => {
      reads.set(el, (reads.get(el) ?? 0) + 1);
      return source.readRow(el);
    },
    onChange: (rows) => sent.push(rows),
    fields,
    signal: controller.signal,
    debounceMs: 10,
  });
  /** Reads since the last call, per row element. */
  const readsSince = () => {
    const now = new Map(reads);
    reads.clear();
    return now;
  };
  return { watch, sent, readsSince };
}

const gmailFields = ['threadId', 'lastMessageId', 'unread', 'newestAt', 'newestAtText', 'snippet'];
const gmailSource = gmailLists[0]! as RowSource<ChipRow & { threadId: string; snippet: string; unread: boolean }>;
const trs = () => [...document.querySelectorAll('tr.zA')];

describe('reading again only what changed (Gmail inbox)', () => {
  test('a new message in a row (its snippet, and its id where the row names its newest message) is read again in its row only, and sent; the other rows are not read again', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    expect(readsSince().size).toBe(trs().length); // the first read reads every row once
    const second = trs()[1]!;
    second.querySelector('span.y2')!.textContent = ' - The signed framework agreement is attached.';
    const carrier = second.querySelector('[data-legacy-last-message-id]');
    carrier?.setAttribute('data-legacy-last-message-id', '19a5d1e2f3a4b5f1');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect([...readsSince()]).toEqual([[second, 1]]);
    // Only the changed row is asked about (the others were asked lately and read the same), as a full read gives it.
    expect(sent[1]!.map((r) => [r.threadId, r.snippet])).toEqual([
      [readGmailList(document).rows[1]!.threadId, 'The signed framework agreement is attached.'],
    ]);
    expect(sent[1]![0]!.element).toBe(second);
  });

  test('rows recycled in place (two rows swap conversations) show the right chips at once, without a read: both were read before', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN, WAITING] });
    readsSince();
    const [first, , third, , , , last] = trs();
    expect(chipOn(first!)?.label).toBe('Your turn · 2d');
    expect(chipOn(third!)?.label).toBe('Waiting');
    const firstContent = [...first!.childNodes].map((n) => n.cloneNode(true));
    first!.replaceChildren(...[...third!.childNodes].map((n) => n.cloneNode(true)));
    third!.replaceChildren(...firstContent);
    await vi.waitFor(() => expect(chipOn(first!)?.label).toBe('Waiting'));
    expect(chipOn(third!)?.label).toBe('Your turn · 2d');
    // The chips sit in the rows' new insides, where a full read puts them.
    expect(first!.querySelector('div.y6')!.firstChild).toBe(readGmailList(document).rows[0]!.chipPlace.firstChild);
    expect(readsSince().size).toBe(0);
    expect(watch.visibleThreadIds().slice(0, 3)).toEqual(readGmailList(document).rows.slice(0, 3).map((r) => r.threadId));
    expect(last).toBeDefined();
  });

  test('a row recycled to show a conversation not shown before is read; the rows around it are not', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    readsSince();
    const first = trs()[0]!;
    const fresh = [...first.childNodes].map((n) => n.cloneNode(true));
    const carrier = fresh.map((n) => (n as Element).querySelector?.('[data-legacy-thread-id]')).find(Boolean)!;
    carrier.setAttribute('data-legacy-thread-id', '19a0000000000abc');
    first.replaceChildren(...fresh);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect([...readsSince().keys()]).toEqual([first]);
    expect(watch.visibleThreadIds()[0]).toBe('19a0000000000abc');
    expect(chipOn(first)).toBeNull();
  });

  test('a row whose id changed in place is read again: the new conversation is asked about, the old chip goes', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    readsSince();
    const first = trs()[0]!;
    first.querySelector('[data-legacy-thread-id]')!.setAttribute('data-legacy-thread-id', '19a0000000000abc');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect([...readsSince().keys()]).toEqual([first]);
    expect(watch.visibleThreadIds()[0]).toBe('19a0000000000abc');
    expect(chipOn(first)).toBeNull();
  });

  test('a row re-rendered with the same content is not read again (its fingerprint is the same), keeps its chip and sends nothing', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    readsSince();
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    const first = trs()[0]!;
    first.replaceChildren(...[...first.childNodes].map((n) => n.cloneNode(true)));
    await vi.waitFor(() => expect(chipOn(first)?.connected).toBe(true));
    expect(chipOn(first)?.label).toBe('Your turn · 2d');
    await settle();
    expect(readsSince().size).toBe(0);
    expect(sent).toHaveLength(1);
  });

  test('a change inside rows only does not look for the list\'s rows again; a row whose classes make it no row any more leaves the list', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    let found = 0;
    const { watch, sent } = counted({ ...gmailSource, rowElements: (list) => (found++, gmailSource.rowElements(list)) }, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const before = found;
    const ids = watch.visibleThreadIds();
    // Read now: inside the row (its class), found in place.
    const first = readGmailList(document).rows[0]!.element;
    first.classList.toggle('zE');
    first.classList.toggle('yO');
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(found).toBe(before);
    expect(sent[1]!.map((r) => [r.threadId, r.unread])).toEqual([[ids[0], false]]); // it was unread
    // Its classes no longer make it a thread row: the list is read again, without it.
    first.classList.remove('zA');
    await vi.waitFor(() => expect(watch.visibleThreadIds()).toEqual(ids.slice(1)));
    expect(found).toBe(before + 1);
  });

  test('askAgain (a thread beside the list was stored) asks about the same rows again without reading them again', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    readsSince();
    watch.askAgain();
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(sent[1]!.map((r) => r.threadId)).toEqual(sent[0]!.map((r) => r.threadId));
    expect(readsSince().size).toBe(0);
  });

  test('a row that left the list and changed while out is read afresh when it comes back', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const tbody = document.querySelector('tbody')!;
    const last = trs().at(-1)!;
    last.remove();
    await settle();
    expect(sent).toHaveLength(1); // the rows left were all asked about lately
    // Changed while out of the list: the list's observer no longer sees it.
    last.querySelector('[data-legacy-thread-id]')!.setAttribute('data-legacy-thread-id', '19a0000000000def');
    await settle();
    tbody.append(last);
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect(watch.visibleThreadIds().at(-1)).toBe('19a0000000000def');
    expect(sent[1]!.map((r) => r.threadId)).toEqual(['19a0000000000def']);
  });

  test('with the reading pane, a change in a continuation row (tr.apw) reads its thread\'s first row again', async () => {
    show('gmail', '2026-11-list-reading-pane-ja.html');
    const { watch, sent, readsSince } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    readsSince();
    const firstThread = document.querySelector('tr.apv')!;
    const snippet = document.querySelector('tr.apw span.y2')!;
    snippet.textContent = '新しいお見積もりを添付しました。';
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect([...readsSince().keys()]).toEqual([firstThread]);
    expect(sent[1]![0]!.snippet).toBe('新しいお見積もりを添付しました。');
  });

  test('a row reader that throws on one row costs that row its chip only', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    let broken: Element | null = null;
    const { watch, sent } = counted({
      ...gmailSource,
      readRow: (el) => {
        if (el === broken) throw new Error('unexpected markup');
        return gmailSource.readRow(el);
      },
    });
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN, WAITING] });
    const [first, , third] = trs();
    broken = first!;
    first!.classList.add('x-hover');
    await vi.waitFor(() => expect(chipOn(first!)).toBeNull());
    expect(chipOn(third!)?.label).toBe('Waiting');
  });
});

describe('reading again only what changed (LinkedIn)', () => {
  test('a changed card is read again alone and sent; the others are not read again', async () => {
    show('linkedin', '2024-05-messaging-list-classic-en.html');
    const source = linkedinLists[0]! as RowSource<ChipRow & { snippetText: string }>;
    const { watch, sent, readsSince } = counted(source, ['key', 'snippetText']);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    readsSince();
    const snippet = document.querySelectorAll('.msg-conversation-card__message-snippet')[1]!;
    const card = snippet.closest('li')!;
    snippet.textContent = 'Ravi: Thursday works for me';
    await vi.waitFor(() => expect(sent).toHaveLength(2));
    expect([...readsSince().keys()]).toEqual([card]);
    // Only that card is asked about, as a full read gives it.
    expect(sent[1]!.map((c) => c.snippetText)).toEqual([readLinkedInList(document).cards[1]!.snippetText]);
    expect(sent[1]![0]!.snippetText).toBe('Thursday works for me');
  });
});

describe('cards re-rendered in place are not looked for again (LinkedIn)', () => {
  test.each([
    ['2024-05-messaging-list-classic-en.html', 0],
    ['2026-06-messaging-list-hashed-zh.html', 0],
    ['2026-11-overlay-list-es.html', 1],
  ])('%s: two cards swapping conversations in place are read as a full read reads them, without the list searched again', async (name, list) => {
    show('linkedin', name);
    const source = linkedinLists[list]! as RowSource<ChipRow>;
    let searches = 0;
    const { watch, sent } = counted({ ...source, rowElements: (root) => (searches++, source.rowElements(root)) });
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const cards = source.rowElements(source.findList()!);
    const filled = cards.filter((c) => source.readRow(c));
    expect(filled.length).toBeGreaterThan(1);
    searches = 0;
    const [a, b] = filled as [Element, Element];
    const aInside = [...a.childNodes].map((n) => n.cloneNode(true));
    a.replaceChildren(...[...b.childNodes].map((n) => n.cloneNode(true)));
    b.replaceChildren(...aInside);
    const fullRead = () => readLinkedInList(document).cards.map(cardKey);
    await vi.waitFor(() => expect(watch.visibleThreadIds()).toEqual(fullRead()));
    expect(watch.visibleThreadIds()[cards.indexOf(a)]).not.toBe(sent[0]!.map((r) => r.key)[cards.indexOf(a)]);
    expect(searches).toBe(0);
  });
});

describe('the page watch tells the list\'s own changes from the others', () => {
  test("the page watch leaves out the elements holding the rows (the rows' parent, not the list's container), none once the list is gone", async () => {
    show('gmail', '2026-11-list-reading-pane-ja.html');
    const { watch, sent } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    const holders = watch.rowParents();
    expect(holders.length).toBeGreaterThan(0);
    expect(holders).toEqual([...new Set(trs().map((tr) => tr.parentElement))]);
    expect(holders.map((el) => el.localName)).toEqual(holders.map(() => 'tbody'));
    document.body.replaceChildren();
    expect(watch.rowParents()).toEqual([]);
  });

  test('a change inside a row is the list\'s; a change beside the rows or outside the list is not', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    const records: MutationRecord[] = [];
    const page = new MutationObserver((r) => records.push(...r));
    page.observe(document.body, { childList: true, subtree: true, characterData: true });
    const take = async () => {
      await settle(0);
      const owned = records.splice(0).map((r) => watch.owns(r));
      expect(owned.length).toBeGreaterThan(0);
      return owned;
    };
    const [first, second] = trs();
    first!.querySelector('span.y2')!.textContent = ' - New words';
    expect((await take()).every(Boolean)).toBe(true);
    // The site re-renders a row from scratch (the chip's host goes with it, and comes back): all the list's.
    second!.replaceChildren(...[...second!.childNodes].map((n) => n.cloneNode(true)));
    first!.replaceChildren(...[...first!.childNodes].map((n) => n.cloneNode(true)));
    expect((await take()).every(Boolean)).toBe(true);
    // Rows moved (a virtualised scroll): the list's.
    document.querySelector('tbody')!.append(first!);
    expect((await take()).every(Boolean)).toBe(true);
    // Something beside the rows in the list (a reading pane, a header), and something outside the list: not its.
    document.querySelector('[gh="tl"]')!.append(document.createElement('div'));
    document.querySelector('[role="main"]')!.append(document.createElement('div'));
    expect(await take()).toEqual([false, false]);
    page.disconnect();
  });

  test('the list replaced by a new list and nothing else is the list\'s, and the new list gets its chips at once; replaced with more is not', async () => {
    show('gmail', '2026-11-list-inbox-default-en.html');
    const { watch, sent } = counted(gmailSource, gmailFields);
    watch.refresh();
    await vi.waitFor(() => expect(sent).toHaveLength(1));
    watch.apply({ generation: 1, chips: [YOUR_TURN] });
    const records: MutationRecord[] = [];
    const page = new MutationObserver((r) => records.push(...r));
    page.observe(document.body, { childList: true, subtree: true, characterData: true });
    const main = document.querySelector('[role="main"]')!;
    const listCopy = () => document.querySelector('[gh="tl"]')!.cloneNode(true) as Element;
    // The list rendered anew in place (a style sheet and blank text beside it): nothing else on the page changed.
    const fresh = listCopy();
    document.querySelector('[gh="tl"]')!.replaceWith(document.createTextNode('\n'), document.createElement('style'), fresh);
    await settle(0);
    // (One record in browsers, one per node in happy-dom: each is the list's.)
    const replaced = records.splice(0).map((r) => watch.owns(r));
    expect(replaced.length).toBeGreaterThan(0);
    expect(replaced.every(Boolean)).toBe(true);
    // Taken up in the same task: the known chip is on the new list's row before any answer.
    expect(chipOn(fresh.querySelector('tr.zA')!)?.label).toBe('Your turn · 2d');
    // The list replaced together with something else (a thread shown beside it): that is a change of the page.
    const thread = document.createElement('div');
    thread.textContent = 'A thread';
    document.querySelector('[gh="tl"]')!.replaceWith(listCopy(), thread);
    await settle(0);
    expect(records.splice(0).map((r) => watch.owns(r))).toContain(false);
    expect(main.contains(thread)).toBe(true);
    page.disconnect();
  });
});
