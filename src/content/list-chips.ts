// The chips on Gmail's thread rows and LinkedIn's conversation cards ("Your turn · 2d"): which rows a list shows, read
// as cheaply as the page allows, and which chip each gets. Runs inside the page, so it is small and uses no framework;
// the chips themselves (closed shadow roots, nothing the page can read) are drawn by chip-layer.ts. Rows of unknown
// conversations get nothing inserted at all. Both sites recycle rows: a row is followed by its element, and a row that
// now shows another conversation loses the old chip on the same pass.

import type { ChipState } from '../core/chip-words';
import { MAX_LIST_ROWS } from '../protocol/limits';
import { allHosts, chipLayer, isChipHost } from './chip-layer';

/** Colour family, the sidebar's (components.css); worded by src/core/chip-words.ts. */
export type { ChipState };

/** One conversation's chip, worded and localised by the background. */
export interface ListChip {
  /** The row's key ({@link ChipRow.key}): the thread id, or for a LinkedIn card without one, its people key. */
  threadId: string;
  /** "Your turn · 2d": shown, and the chip's accessible name. */
  label: string;
  /** "Dana wrote 2 days ago": the tooltip. */
  reason: string;
  state: ChipState;
}

/** The background's answer to one list/states message (src/protocol/schemas.ts), as the chips need it. An answer
 * speaks only for the rows its message asked about and that were not asked about again since (a later message's answer
 * is the newer word, whichever arrives first). */
export interface ListStatesReply {
  generation: number;
  /** Only conversations that get a chip (resting and unknown ones are absent). */
  chips: ListChip[];
}

/** A row as the chips need it: a key, the element the site recycles, and where the chip goes (prepended). */
export interface ChipRow {
  key: string;
  element: Element;
  /** Null for a row the watch took by fingerprint, until the row gets a chip: the watch hands the chip layer a
   * `placeOf` that finds it then. */
  chipPlace: Element;
}

/** The key of a LinkedIn card: its thread id, else its people (the background matches those to one conversation). */
export function cardKey(card: { threadId: string | null; participantNames: string[] }): string {
  return card.threadId ?? 'people:' + card.participantNames.join('\n');
}

export interface ListWatch {
  /** Re-finds the list (call on every page change): a list that left is let go, a new one observed. */
  refresh(): void;
  /** The keys of the rows shown now: what to ask the background about. */
  visibleThreadIds(): string[];
  /** An answer from the background, for the rows its message asked about (not those asked about again since). */
  apply(reply: ListStatesReply, theme?: 'light' | 'dark'): void;
  /** Whether a mutation of the page is wholly this list's rows (or its chips), or this list replaced by a new one
   * (which is watched at once): nothing else on the page changed. */
  owns(record: MutationRecord): boolean;
  /** Whether the list is gone (or was never found): a page change may have brought a new one. */
  lost(): boolean;
  /** The elements holding the rows of the last read, while the list is on the page: their subtrees are this watch's
   * alone to observe (the page watch leaves them out). Only the rows' parents, not the list: a site may show more than
   * rows inside its list's container (a reading pane), which the page watch must see. */
  rowParents(): Element[];
  /** Asks the background about the rows shown again, without reading them again, and forgets when every other row
   * was asked (each is asked again when shown): the record changed under a list that did not (LinkedIn shows the list
   * beside the open conversation, whose read may have taught the record; a Gmail thread read is then shown in the list
   * it was opened from). */
  askAgain(): void;
}

/** How a site's list is read, one row at a time, so a change is read again only in the rows it touched. */
export interface RowSource<R extends ChipRow> {
  findList(): Element | null;
  /** The list's row elements in page order (found, not read). */
  rowElements(list: Element): Element[];
  /** One row; null when it shows no conversation (an ad, a row without an id, an empty slot). */
  readRow(element: Element): R | null;
  /** A cheap reading of the row: two rows with the same fingerprint read the same but for their elements and chip
   * places, so a row whose fingerprint was read before is not read again. Null: read the row. */
  fingerprint?(element: Element): string | null;
  /** Where the chip of a row goes, for a row not read again whose inside the site re-rendered; by default read. */
  chipPlace?(element: Element): Element;
  /** The row element whose reading `node` is part of; by default the nearest row of the last read holding it. */
  rowOf?(node: Node): Element | null;
  /** Whether an element the last read found as a row still is one (its classes may have changed): when given, a
   * change inside rows only is read without finding the list's rows again. */
  isRow?(element: Element): boolean;
  /** Keep only the first row of each key (Gmail shows a thread once). */
  unique?: boolean;
}

export interface ListWatchOptions<R extends ChipRow> extends RowSource<R> {
  /** Called once per list change (debounced) with the rows shown that need asking about: rows not asked about in the
   * last {@link ListWatchOptions.askAgainAfterMs}, or that read differently from when they were (a new message, read
   * now). Not called when every row shown was asked lately as it reads now (a re-render, a hover, a scroll back). */
  onChange(rows: R[], generation: number): void;
  /** A row asked about is not asked again for this long unless it reads differently: the chip's words age ("2d"), and
   * the record may change elsewhere (another tab, the sidebar). */
  askAgainAfterMs?: number;
  /** The fields compared to tell a change: what is sent. */
  fields: readonly string[];
  signal: AbortSignal;
  debounceMs?: number;
}

/** Rows kept with what was asked about them and their chips, at most (a few pages of a long list). */
const MAX_ASKED = 2_000;
/** How long a row's answer holds while the row reads the same: the chip's words count days, and a change made
 * elsewhere (another tab, the sidebar of this one) shows within this. */
export const ASK_AGAIN_AFTER_MS = 60_000;
/** Rows kept by fingerprint, at most (a few pages of a long list). */
const MAX_FINGERPRINTS = 1_000;

/** A row element's last read: its fingerprint and what it read (null: no conversation). */
interface Known<R> {
  fingerprint: string | null;
  row: R | null;
}

/** What was last asked about a row's conversation: the row as read then (without its elements), when, and in which
 * message. */
interface Asked {
  row: object;
  at: number;
  generation: number;
}

/** A node that shows nothing a reader reads: a style sheet or blank text. */
const inert = (n: Node) => (n.nodeType === 3 && !n.nodeValue!.trim()) || n.nodeName === 'STYLE';

/** Whether two reads of rows show the same: compared field by field (lists of names item by item). */
function sameRow(a: object, b: object, fields: readonly string[]): boolean {
  if (a === b) return true;
  for (const k of fields) {
    const x = (a as Record<string, unknown>)[k];
    const y = (b as Record<string, unknown>)[k];
    if (x === y) continue;
    if (!Array.isArray(x) || !Array.isArray(y) || x.length !== y.length || x.some((v, i) => v !== y[i])) return false;
  }
  return true;
}

/**
 * One MutationObserver on the whole list (per-row observers are a known slowdown on Gmail). Each row's read is kept
 * by its element; a change looks again only at the rows its mutation records touched (a scroll that recycled 3 rows
 * looks at 3), and a row that left the list is forgotten (it is not watched while out, so it is looked at afresh if it
 * comes back). A row looked at is read only when its fingerprint was not read lately. The cost per update is measured
 * by `npm run bench`, section lists.
 */
export function watchList<R extends ChipRow>(options: ListWatchOptions<R>): ListWatch {
  const { signal } = options;
  let list: Element | null = null;
  let rows: R[] = [];
  /** Every row element of the last read and what it read. */
  let known = new Map<Element, Known<R>>();
  // Rows read lately by fingerprint, without their elements (which may leave the page): a site that re-renders or
  // recycles rows mostly shows conversations it showed before (new mail moves every row down one), and those are not
  // read again. Rows taken from here get their chip place found when they get a chip.
  const byFingerprint = new Map<string, Omit<R, 'element' | 'chipPlace'>>();
  /** Lists this watch let go (a record removing one is part of the list's replacement). */
  const former = new WeakSet<Node>();
  // Every chip answered lately, by row key, not only for the rows of the last answer: a row the site recycles to show
  // a conversation answered before gets its chip in the same frame as the site's own render. Each row key is asked
  // about once while it reads the same (for `askAgainAfterMs`), so a re-render, a scroll back or the list shown again
  // sends nothing and the answer's chips are not drawn twice (measured by `npm run bench`, section lists).
  const chips = new Map<string, ListChip>();
  const asks = new Map<string, Asked>();
  /** Each read asked about, and the ask (not keeping reads of rows that left the page). */
  const askedAs = new WeakMap<R, Asked>();
  const askAgainAfterMs = options.askAgainAfterMs ?? ASK_AGAIN_AFTER_MS;
  let theme: 'light' | 'dark' | undefined;
  let generation = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const decorate = chipLayer();
  const observer = new MutationObserver((records) => {
    if (!records.every(ours)) update(records);
  });

  // Called for every record of every list change (by this observer and the page watch's): no arrays made.
  const ours = (r: MutationRecord) => r.type === 'childList' && allHosts(r.addedNodes) && allHosts(r.removedNodes);
  const rowOf =
    options.rowOf ??
    ((node: Node) => {
      for (let n: Node | null = node; n && n !== list; n = n.parentNode) if (known.has(n as Element)) return n as Element;
      return null;
    });
  const placeOf = (row: ChipRow): Element => {
    // A row taken by fingerprint has no place yet (null: `contains` says false).
    if (row.element.contains(row.chipPlace)) return row.chipPlace;
    try {
      row.chipPlace = options.chipPlace ? options.chipPlace(row.element) : (options.readRow(row.element)?.chipPlace ?? row.element);
    } catch {
      row.chipPlace = row.element;
    }
    return row.chipPlace;
  };

  /** One row element, not read again when its fingerprint was read before. */
  function readOne(element: Element, before: Known<R> | undefined): Known<R> {
    let fingerprint: string | null = null;
    try {
      fingerprint = options.fingerprint?.(element) ?? null;
    } catch {
      // Read in full below.
    }
    if (fingerprint !== null) {
      if (before?.fingerprint === fingerprint) return before;
      const seen = byFingerprint.get(fingerprint);
      if (seen) {
        return { fingerprint, row: { ...seen, element, chipPlace: null } as unknown as R };
      }
    }
    let row: R | null;
    try {
      row = options.readRow(element);
    } catch {
      // Unreadable: it may have been recycled, so no chip rather than a wrong one.
      row = null;
    }
    if (fingerprint !== null && row) {
      const { element: _element, chipPlace: _place, ...seen } = row;
      byFingerprint.set(fingerprint, seen);
      if (byFingerprint.size > MAX_FINGERPRINTS) byFingerprint.delete(byFingerprint.keys().next().value!);
    }
    return { fingerprint, row };
  }

  /** The rows touched by `records`: their own, and for rows added, moved or removed, the ones beside them (a Gmail
   * reading-pane row reads the continuation rows after it). `rowsMoved`: a record outside every row (rows added,
   * removed or moved), so the list's rows are to be found again. */
  function touched(records: readonly MutationRecord[]): { hit: Set<Element>; rowsMoved: boolean } {
    const hit = new Set<Element>();
    let rowsMoved = false;
    const mark = (node: Node | null) => {
      const row = node && rowOf(node);
      if (row) hit.add(row);
    };
    for (const r of records) {
      // Most records of a re-render are a row's own (the site replaced its inside): one lookup, nothing more.
      if (known.has(r.target as Element)) {
        hit.add(r.target as Element);
        continue;
      }
      if (ours(r)) continue;
      const row = rowOf(r.target);
      if (row) {
        hit.add(row); // what changed inside a row is that row's
        continue;
      }
      rowsMoved = true;
      if (r.type !== 'childList') continue;
      r.addedNodes.forEach(mark);
      mark(r.previousSibling);
      mark(r.nextSibling);
    }
    return { hit, rowsMoved };
  }

  function read(from: Element, records: readonly MutationRecord[]): R[] {
    const { hit: again, rowsMoved } = touched(records);
    // A change inside rows only (a re-render, a recycle, a read state) leaves the rows where they were: they are not
    // found again, unless a touched row may no longer be one (its classes changed).
    const isRow = options.isRow;
    const inPlace = !rowsMoved && isRow && known.size > 0 && [...again].every((el) => known.has(el) && isRow(el));
    const next = new Map<Element, Known<R>>();
    const keys = new Set<string>();
    const out: R[] = [];
    for (const element of inPlace ? known.keys() : options.rowElements(from)) {
      let entry = known.get(element);
      if (entry === undefined || again.has(element)) entry = readOne(element, entry);
      next.set(element, entry);
      const row = entry.row;
      if (!row || (options.unique && keys.has(row.key))) continue;
      keys.add(row.key);
      out.push(row);
    }
    known = next;
    return out;
  }

  function update(records: readonly MutationRecord[] = []) {
    if (signal.aborted) return;
    if (list && !list.isConnected) {
      observer.disconnect();
      list = null;
    }
    try {
      rows = list ? read(list, records) : [];
    } catch {
      // The list itself could not be read: no chips rather than wrong ones.
      rows = [];
      known = new Map();
    }
    // Recycled rows are put right at once, with what is known; the background is asked after the list settles.
    draw(rows);
    clearTimeout(timer);
    timer = setTimeout(ask, options.debounceMs ?? 150);
  }

  function draw(shown: readonly R[]) {
    decorate(shown, chips, theme, placeOf);
    observer.takeRecords(); // the chips' own insertions
  }

  /** Asks about the rows shown that were not asked about lately as they read now: one message, or none. */
  function ask() {
    if (signal.aborted) return;
    const now = Date.now();
    const fresh = rows.filter((row) => {
      if (!row.key) return false;
      const before = asks.get(row.key);
      // A row still holding the read asked about was not read again since: it reads the same.
      return !before || now - before.at >= askAgainAfterMs || (askedAs.get(row) !== before && !sameRow(row, before.row, options.fields));
    });
    if (!fresh.length) return;
    // A message holds at most the protocol's rows; the rest are asked about in the next one.
    if (fresh.length > MAX_LIST_ROWS) {
      fresh.length = MAX_LIST_ROWS;
      timer = setTimeout(ask, options.debounceMs ?? 150);
    }
    generation++;
    for (const row of fresh) {
      const { element: _element, chipPlace: _place, ...plain } = row;
      asks.delete(row.key); // re-inserted: the rows asked about longest ago are the first forgotten
      const asked = { row: plain, at: now, generation };
      asks.set(row.key, asked);
      askedAs.set(row, asked);
    }
    for (const key of asks.keys()) {
      if (asks.size <= MAX_ASKED) break;
      asks.delete(key);
      chips.delete(key);
    }
    options.onChange(fresh, generation);
  }

  function take(found: Element | null) {
    if (found === list && (!list || list.isConnected)) return;
    observer.disconnect();
    if (list) former.add(list);
    list = found;
    // A list shown anew (back from a thread, another label) is read afresh (rows of a fingerprint read before are not
    // read again): nothing was watched while it was away. Its rows asked about lately are not asked again; a thread
    // read while it was away asks again (`askAgain`).
    known = new Map();
    if (list) {
      observer.observe(list, {
        childList: true,
        subtree: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['class', 'href', 'data-thread-id', 'data-legacy-thread-id', 'data-legacy-last-message-id', 'title'],
      });
    }
    update();
  }

  /**
   * Whether `r` is part of this list replaced by a new one and of nothing else: it removes only this list (or one it
   * replaced) and adds only the list the page shows now, besides style sheets and blank text (a site may do it in one
   * record or several). The new list is taken up at once.
   */
  function replacedBy(r: MutationRecord): boolean {
    if (r.type !== 'childList') return false;
    let lists = 0;
    for (const n of r.removedNodes) if (n === list || former.has(n)) lists++;
    else if (!inert(n)) return false;
    // Asked of records all over the page: the list is looked up only when it was just removed.
    if (!lists && (!list || list.isConnected)) {
      for (const n of r.addedNodes) if (n !== list && !inert(n)) return false;
      return !!list && r.target === list.parentNode;
    }
    const found = options.findList();
    for (const n of r.addedNodes) if (n !== found && !inert(n)) return false;
    take(found);
    return true;
  }

  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    decorate([], new Map());
  });

  return {
    refresh() {
      if (!signal.aborted) take(options.findList());
    },
    visibleThreadIds: () => rows.map((r) => r.key),
    apply(reply, pageTheme) {
      if (signal.aborted) return;
      theme = pageTheme;
      const answered = new Map(reply.chips.map((chip) => [chip.threadId, chip]));
      let spoke = false;
      for (const [key, asked] of asks) {
        if (asked.generation !== reply.generation) continue;
        spoke = true;
        const chip = answered.get(key);
        if (chip) chips.set(key, chip);
        else chips.delete(key);
      }
      // An answer whose rows were all asked about again since changes nothing.
      if (!spoke) return;
      // Site changes not yet delivered to the observer are read first, so their rows are not decorated as they were.
      const pending = observer.takeRecords();
      if (!pending.every(ours)) return update(pending);
      if (list && !list.isConnected) list = null;
      draw(list ? rows : []);
    },
    owns(r) {
      const t = r.target;
      if (list && known.has(t as Element) && list.isConnected && list.contains(t)) return true; // a row's inside
      if (ours(r)) return true;
      if (replacedBy(r)) return true;
      if (!list || !list.isConnected || !list.contains(r.target)) return false;
      if (rowOf(t)) return true;
      return r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => isChipHost(n) || known.has(n as Element) || rowOf(n));
    },
    lost: () => !list || !list.isConnected,
    rowParents() {
      const parents = new Set<Element>();
      if (list?.isConnected) for (const el of known.keys()) if (el.parentElement) parents.add(el.parentElement);
      return [...parents];
    },
    askAgain() {
      if (signal.aborted) return;
      for (const asked of asks.values()) asked.at = -Infinity;
      if (!list || !list.isConnected) return;
      update();
    },
  };
}
