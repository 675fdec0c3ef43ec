// The chips on Gmail's thread rows and LinkedIn's conversation cards ("Your turn · 2d"). Runs inside the page, so it
// is small, uses no framework, and leaves the page nothing to read: each chip lives in a CLOSED shadow root under a
// host element with no attributes, text only via textContent, the words (aria-label, title) only inside the shadow
// root. Rows of unknown conversations get nothing inserted at all. Both sites recycle rows: a row is followed by its
// element, and a row that now shows another conversation loses the old chip on the same pass.

import type { ChipState } from '../core/chip-words';

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

/** The background's answer to one list/states message (src/protocol/schemas.ts), as the chips need it. Answers to
 * older messages of this list (a lower generation) are dropped. */
export interface ListStatesReply {
  generation: number;
  /** Only conversations that get a chip (resting and unknown ones are absent). */
  chips: ListChip[];
}

/** A row as the chips need it: a key, the element the site recycles, and where the chip goes (prepended). */
export interface ChipRow {
  key: string;
  element: Element;
  chipPlace: Element;
}

/** The key of a LinkedIn card: its thread id, else its people (the background matches those to one conversation). */
export function cardKey(card: { threadId: string | null; participantNames: string[] }): string {
  return card.threadId ?? 'people:' + card.participantNames.join('\n');
}

// Light, then dark: background, text, edge. Copied from src/ui/components/components.css (`--tk-*`).
const COLOURS: Record<ChipState, string[]> = {
  mine: ['#fff4e0', '#7c4204', '#e08a00', '#35280f', '#fcd581', '#e0a030'],
  'follow-up': ['#fdeceb', '#9b1c14', '#e0433a', '#3a1b1a', '#fdaea8', '#ec6a61'],
  theirs: ['#e5f5f3', '#0b5953', '#14a394', '#12302d', '#7fe3d4', '#2bb3a2'],
  pinned: ['#f1ecfd', '#5b2bb5', '#5b2bb5', '#2b2340', '#cdb8ff', '#cdb8ff'],
  changed: ['#f0f1f3', '#474f59', '#9aa1ab', '#2a2d32', '#c6cbd2', '#7b828c'],
};
const vars = (c: string[], i: number) => `--b:${c[i]};--f:${c[i + 1]};--e:${c[i + 2]}`;
// The chip takes the pointer only to show its tooltip; it has no listeners, so a click on it is a click on the row.
const CSS =
  ':host{all:initial;display:inline-block;vertical-align:middle;margin-inline-end:6px;pointer-events:auto}' +
  'span{display:inline-block;font:600 11px/16px system-ui,sans-serif;padding:0 6px 0 5px;border-radius:8px;' +
  'white-space:nowrap;background:var(--b);color:var(--f);border-inline-start:3px solid var(--e)}' +
  Object.entries(COLOURS)
    .map(([s, c]) => `.${s}{${vars(c, 0)}}.dark.${s}{${vars(c, 3)}}`)
    .join('');

/** What a row carries: the conversation its chip is for, the host, and the chip inside the closed root. */
interface Mark {
  threadId: string;
  host: HTMLElement;
  chip: HTMLElement;
  shown: string;
}
const marks = new WeakMap<Element, Mark>();
const hosts = new WeakSet<Node>();

function makeChip(doc: Document): Pick<Mark, 'host' | 'chip'> {
  const host = doc.createElement('span');
  const root = host.attachShadow({ mode: 'closed' });
  const style = doc.createElement('style');
  style.textContent = CSS;
  const chip = doc.createElement('span');
  chip.setAttribute('role', 'img');
  root.append(style, chip);
  hosts.add(host);
  return { host, chip };
}

export type Decorate = (rows: readonly ChipRow[], chips: ReadonlyMap<string, ListChip>, theme?: 'light' | 'dark') => void;

/**
 * A decorator for one list. Each call puts on each row the chip of its conversation and takes chips off rows whose
 * conversation has none (unknown, resting, or a recycled row showing another conversation); rows of this list not
 * passed (gone, or without an id now) lose their chips too. One per list, so two lists on a page (LinkedIn's page
 * list and overlay list) do not undo each other.
 */
export function chipLayer(): Decorate {
  /** Rows of this list that carry a chip now. */
  let decorated = new Set<Element>();
  return (rows, chips, theme) => {
    const now = new Set<Element>();
    const dark = (theme ?? (globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark';
    const tone = dark ? ' dark' : '';
    for (const row of rows) {
      const chip = chips.get(row.key);
      if (!chip) continue;
      let mark = marks.get(row.element);
      if (!mark) {
        mark = { ...makeChip(row.element.ownerDocument), threadId: row.key, shown: '' };
        marks.set(row.element, mark);
      }
      mark.threadId = row.key;
      const shown = chip.state + tone + '\n' + chip.label + '\n' + chip.reason;
      if (mark.shown !== shown) {
        mark.shown = shown;
        mark.chip.className = chip.state + tone;
        mark.chip.textContent = chip.label;
        mark.chip.setAttribute('aria-label', chip.label);
        mark.chip.setAttribute('title', chip.reason);
      }
      // The site may have re-rendered the row's inside (dropping the host) or moved the place.
      if (mark.host.parentNode !== row.chipPlace || row.chipPlace.firstChild !== mark.host) {
        row.chipPlace.insertBefore(mark.host, row.chipPlace.firstChild);
      }
      now.add(row.element);
    }
    // Taken out, not thrown away: a recycled row that shows a known conversation again reuses its host.
    for (const element of decorated) if (!now.has(element)) marks.get(element)?.host.remove();
    decorated = now;
  };
}

/** The chip's words on a row, read from its shadow root: for tests and checks inside the extension only. */
export function chipOn(
  element: Element,
): { threadId: string; label: string; name: string; role: string; reason: string; state: string; connected: boolean } | null {
  const mark = marks.get(element);
  if (!mark || !mark.host.parentNode) return null;
  return {
    threadId: mark.threadId,
    label: mark.chip.textContent || '',
    name: mark.chip.getAttribute('aria-label') || '',
    role: mark.chip.getAttribute('role') || '',
    reason: mark.chip.getAttribute('title') || '',
    state: mark.chip.className,
    connected: mark.host.isConnected,
  };
}

function allHosts(nodes: NodeList): boolean {
  for (const n of nodes) if (!hosts.has(n)) return false;
  return true;
}

/** Whether a node is one of the chips' hosts (so the list observer can ignore the chips' own insertions). */
export const isChipHost = (node: Node) => hosts.has(node);

export interface ListWatch {
  /** Re-finds the list (call on every page change): a list that left is let go, a new one observed. */
  refresh(): void;
  /** The keys of the rows shown now: what to ask the background about. */
  visibleThreadIds(): string[];
  /** An answer from the background; answers older than the last applied one are dropped. */
  apply(reply: ListStatesReply, theme?: 'light' | 'dark'): void;
  /** Whether a mutation of the page is wholly this list's rows (or its chips): nothing else on the page changed. */
  owns(record: MutationRecord): boolean;
  /** Whether the list is gone (or was never found): a page change may have brought a new one. */
  lost(): boolean;
  /** Asks the background about the rows shown again, without reading them again: the record changed under a list
   * that did not (LinkedIn shows the list beside the open conversation, whose read may have taught the record). */
  askAgain(): void;
}

/** How a site's list is read, one row at a time, so a change is read again only in the rows it touched. */
export interface RowSource<R extends ChipRow> {
  findList(): Element | null;
  /** The list's row elements in page order (found, not read). */
  rowElements(list: Element): Element[];
  /** One row; null when it shows no conversation (an ad, a row without an id, an empty slot). */
  readRow(element: Element): R | null;
  /** The row element whose reading `node` is part of; by default the nearest row of the last read holding it. */
  rowOf?(node: Node): Element | null;
  /** Keep only the first row of each key (Gmail shows a thread once). */
  unique?: boolean;
}

export interface ListWatchOptions<R extends ChipRow> extends RowSource<R> {
  /** Called once per list change (debounced) with the rows now shown, when what they show changed (not for a
   * re-render that changed nothing readable, such as a hover). */
  onChange(rows: R[], generation: number): void;
  /** The fields compared to tell a change (what is sent); by default every field but the elements. */
  fields?: readonly string[];
  signal: AbortSignal;
  debounceMs?: number;
}

/** Chips kept from earlier answers, at most (a few pages of a long list). */
const MAX_KNOWN_CHIPS = 2_000;

const noElements = (_: string, v: unknown) => (v instanceof Element ? undefined : v);
/** Whether two reads of rows show the same: compared field by field (lists of names item by item). */
function sameRow(a: object, b: object, fields: readonly string[] | undefined): boolean {
  if (a === b) return true;
  if (!fields) return JSON.stringify(a, noElements) === JSON.stringify(b, noElements);
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
 * by its element; a change reads again only the rows its mutation records touched (a scroll that recycled 3 rows
 * reads 3), and a row that left the list is forgotten (it is not watched while out, so it is read afresh if it comes
 * back). The cost per update is measured by `npm run bench`, section lists.
 */
export function watchList<R extends ChipRow>(options: ListWatchOptions<R>): ListWatch {
  const { signal } = options;
  let list: Element | null = null;
  let rows: R[] = [];
  /** Every row element of the last read and what it read (null: no conversation). */
  let known = new Map<Element, R | null>();
  // Every chip answered lately, by row key, not only the last answer's: a row the site recycles to show a conversation
  // answered before gets its chip in the same frame as the site's own render, and the answer that follows changes
  // nothing (measured by `npm run bench`, section lists: the answer's chips otherwise cost the page a second layout
  // and paint of the list). An answer removes the keys it was asked about and gave no chip.
  const chips = new Map<string, ListChip>();
  const asked = new Map<number, string[]>();
  let theme: 'light' | 'dark' | undefined;
  let generation = 0;
  let applied = -1;
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** What was last sent; null: send whatever is read next. */
  let sent: R[] | null = null;
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

  /** The rows touched by `records`: their own, and for rows added, moved or removed, the ones beside them (a Gmail
   * reading-pane row reads the continuation rows after it). */
  function touched(records: readonly MutationRecord[]): Set<Element> {
    const hit = new Set<Element>();
    const mark = (node: Node | null) => {
      const row = node && rowOf(node);
      if (row) hit.add(row);
    };
    for (const r of records) {
      if (ours(r)) continue;
      const row = rowOf(r.target);
      if (row) {
        hit.add(row); // what changed inside a row is that row's
        continue;
      }
      if (r.type !== 'childList') continue;
      r.addedNodes.forEach(mark);
      mark(r.previousSibling);
      mark(r.nextSibling);
    }
    return hit;
  }

  function read(from: Element, records: readonly MutationRecord[]): R[] {
    const again = touched(records);
    const next = new Map<Element, R | null>();
    const keys = new Set<string>();
    const out: R[] = [];
    for (const element of options.rowElements(from)) {
      let row = known.get(element);
      if (row === undefined || again.has(element)) {
        try {
          row = options.readRow(element);
        } catch {
          // Unreadable: it may have been recycled, so no chip rather than a wrong one.
          row = null;
        }
      }
      next.set(element, row);
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
    decorate(rows, chips, theme);
    observer.takeRecords(); // the chips' own insertions
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (signal.aborted) return;
      const last = sent;
      if (last && last.length === rows.length && rows.every((r, i) => sameRow(r, last[i]!, options.fields))) return;
      sent = rows;
      if (!rows.length) return;
      asked.set(++generation, rows.map((r) => r.key));
      options.onChange(rows, generation);
    }, options.debounceMs ?? 150);
  }

  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(timer);
    decorate([], new Map());
  });

  return {
    refresh() {
      if (signal.aborted) return;
      const found = options.findList();
      if (found === list && (!list || list.isConnected)) return;
      observer.disconnect();
      list = found;
      // A list shown anew (back from a thread, another label) is asked about again: the record may have changed. Its
      // rows are read afresh: nothing was watched while it was away.
      sent = null;
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
    },
    visibleThreadIds: () => rows.map((r) => r.key),
    apply(reply, pageTheme) {
      if (signal.aborted || reply.generation < applied) return;
      applied = reply.generation;
      theme = pageTheme;
      for (const key of asked.get(reply.generation) ?? []) chips.delete(key);
      for (const g of asked.keys()) if (g <= reply.generation) asked.delete(g);
      for (const chip of reply.chips) {
        chips.delete(chip.threadId); // re-inserted: the oldest answers are the first forgotten
        chips.set(chip.threadId, chip);
      }
      for (const key of chips.keys()) {
        if (chips.size <= MAX_KNOWN_CHIPS) break;
        chips.delete(key);
      }
      // Site changes not yet delivered to the observer are read first, so their rows are not decorated as they were.
      const pending = observer.takeRecords();
      if (!pending.every(ours)) return update(pending);
      if (list && !list.isConnected) list = null;
      decorate(list ? rows : [], chips, theme);
      observer.takeRecords();
    },
    owns(r) {
      if (ours(r)) return true;
      if (!list || !list.isConnected || !list.contains(r.target)) return false;
      if (rowOf(r.target)) return true;
      return r.type === 'childList' && [...r.addedNodes, ...r.removedNodes].every((n) => hosts.has(n) || known.has(n as Element) || rowOf(n));
    },
    lost: () => !list || !list.isConnected,
    askAgain() {
      if (signal.aborted || !list || !list.isConnected) return;
      sent = null;
      update();
    },
  };
}
