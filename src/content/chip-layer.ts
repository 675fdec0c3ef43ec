// The chips themselves, on the rows a list watch (list-chips.ts) hands over. Each chip lives in a CLOSED shadow root
// under a host element with no attributes, text only via textContent, the words (aria-label, title) only inside the
// shadow root. Rows of unknown conversations get nothing inserted at all. Both sites recycle rows: a row is followed
// by its element, and a row that now shows another conversation loses the old chip on the same pass.

import type { ChipRow, ListChip } from './list-chips';
import { styleRoot } from './shadow-style';

// Per state, light then dark: background, text, edge. Copied from src/ui/components/components.css (`--tk-*`); one
// string, since the content script's every byte is loaded into every Gmail and LinkedIn page.
const COLOURS =
  'mine fff4e0 7c4204 e08a00 35280f fcd581 e0a030,follow-up fdeceb 9b1c14 e0433a 3a1b1a fdaea8 ec6a61,' +
  'theirs e5f5f3 0b5953 14a394 12302d 7fe3d4 2bb3a2,pinned f1ecfd 5b2bb5 5b2bb5 2b2340 cdb8ff cdb8ff,' +
  'changed f0f1f3 474f59 9aa1ab 2a2d32 c6cbd2 7b828c';
// The chip takes the pointer only to show its tooltip; it has no listeners, so a click on it is a click on the row.
const CSS =
  ':host{all:initial;display:inline-block;vertical-align:middle;margin-inline-end:6px;pointer-events:auto}' +
  'span{display:inline-block;font:600 11px/16px system-ui,sans-serif;padding:0 6px 0 5px;border-radius:8px;' +
  'white-space:nowrap;background:var(--b);color:var(--f);border-inline-start:3px solid var(--e)}' +
  COLOURS.replace(/([\w-]+) (\w+) (\w+) (\w+) (\w+) (\w+) (\w+),?/g, '.$1{--b:#$2;--f:#$3;--e:#$4}.dark.$1{--b:#$5;--f:#$6;--e:#$7}');

/** What a row carries: the conversation its chip is for, the host, and the chip inside the closed root. */
interface Mark {
  threadId: string;
  host: HTMLElement;
  chip: HTMLElement;
  shown: string;
}
const marks = new WeakMap<Element, Mark>();
const hosts = new WeakSet<Node>();
/** Marks of rows that left the page, kept to be reused by rows shown anew (a list rendered again has new row
 * elements): a chip moved is cheaper for the page than a new shadow root. At most a list's worth. */
const spare: Mark[] = [];
const MAX_SPARE = 100;

function makeChip(doc: Document): Mark {
  const reused = spare.pop();
  if (reused && reused.host.ownerDocument === doc) return reused;
  const host = doc.createElement('span');
  const root = host.attachShadow({ mode: 'closed' });
  styleRoot(root, CSS);
  const chip = doc.createElement('span');
  chip.setAttribute('role', 'img');
  root.append(chip);
  hosts.add(host);
  return { host, chip, threadId: '', shown: '' };
}

// Asked on every list update when the page says no theme: the query is made once (it stays live).
let darkQuery: MediaQueryList | undefined;
const prefersDark = () => (darkQuery ??= globalThis.matchMedia?.('(prefers-color-scheme: dark)'))?.matches;

/** Puts the chips on `rows`; `placeOf` says where a row's chip goes (by default its `chipPlace`), asked only of rows
 * that get one. */
export type Decorate = (
  rows: readonly ChipRow[],
  chips: ReadonlyMap<string, ListChip>,
  theme?: 'light' | 'dark',
  placeOf?: (row: ChipRow) => Element,
) => void;

/**
 * A decorator for one list. Each call puts on each row the chip of its conversation and takes chips off rows whose
 * conversation has none (unknown, resting, or a recycled row showing another conversation); rows of this list not
 * passed (gone, or without an id now) lose their chips too. One per list, so two lists on a page (LinkedIn's page
 * list and overlay list) do not undo each other.
 */
export function chipLayer(): Decorate {
  /** Rows of this list that carry a chip now. */
  let decorated = new Set<Element>();
  return (rows, chips, theme, placeOf) => {
    const now = new Set<Element>();
    const dark = theme ? theme === 'dark' : !!prefersDark();
    const tone = dark ? ' dark' : '';
    for (const row of rows) {
      const chip = chips.get(row.key);
      if (!chip) continue;
      let mark = marks.get(row.element);
      if (!mark) {
        mark = makeChip(row.element.ownerDocument);
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
      const place = placeOf ? placeOf(row) : row.chipPlace;
      if (mark.host.parentNode !== place || place.firstChild !== mark.host) place.insertBefore(mark.host, place.firstChild);
      now.add(row.element);
    }
    // Taken out, not thrown away: a recycled row that shows a known conversation again reuses its host, and a row
    // that left the page gives its host to the next row shown anew.
    for (const element of decorated) {
      if (now.has(element)) continue;
      const mark = marks.get(element);
      if (!mark) continue;
      mark.host.remove();
      if (!element.isConnected && spare.length < MAX_SPARE) {
        marks.delete(element);
        spare.push(mark);
      }
    }
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

/** Whether every node of a mutation's list is one of the chips' hosts. */
export function allHosts(nodes: NodeList): boolean {
  // Asked of every record of every list change: no iterator made.
  for (let i = 0; i < nodes.length; i++) if (!hosts.has(nodes[i]!)) return false;
  return true;
}

/** Whether a node is one of the chips' hosts (so the list observer can ignore the chips' own insertions). */
export const isChipHost = (node: Node) => hosts.has(node);
