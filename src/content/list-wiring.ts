// The site's lists on this page (Gmail's thread list; LinkedIn's messaging-page list and overlay list): each is
// watched (list-chips.ts), each change is sent as at most ONE list/states message with the rows shown that need asking
// about (new, changed, or not asked about for a minute), cut to the protocol's limits, and the answer's chips are put on
// the rows in the page's theme.
import { MAX_LIST_NAMES, MAX_LIST_SNIPPET } from '../protocol/limits';
import type { ListStatesMessage, ReplyTo } from '../protocol/types';
import { watchList, type ChipRow, type ListWatch, type RowSource } from './list-chips';
import { pageTheme } from './page-theme';

/** How often a list not shown yet, or gone, is looked for (one may appear outside the watched main pane: LinkedIn's
 * overlay). A list still shown is not looked for again on this clock: page changes do that. */
const FIND_LISTS_EVERY_MS = 2_000;

type Send = (message: ListStatesMessage) => Promise<ReplyTo<'list/states'> | undefined>;

/** Every text is cut to the snippet limit (names, times and ids are far shorter), lists of names to theirs. */
const fit = (value: unknown): unknown =>
  typeof value === 'string'
    ? value.slice(0, MAX_LIST_SNIPPET)
    : Array.isArray(value)
      ? value.slice(0, MAX_LIST_NAMES).map(fit)
      : value;

/** One list a site shows: how to find it on the page and read its rows (the site's entry, gmail.ts or linkedin.ts,
 * gives its own, so a page carries only its own site's list reader), and what the protocol takes of a row
 * (src/protocol/schemas.ts): the elements and what the background does not weigh (Gmail's subject and people) stay
 * in the page. */
export type ListSource = RowSource<ChipRow> & { fields: readonly string[] };

/** The lists' side of the page watch (watch-page.ts). */
export interface ListsOnPage {
  /** Re-finds every list: call on page changes. */
  refresh(): void;
  /** Re-finds the lists that are gone or not found yet: cheap enough for every mutation of the page, so a list
   * shown anew gets its known chips in the same task as the site's render, not a debounce later. */
  refreshLost(): void;
  /** Whether a mutation is wholly inside the rows of a watched list (nothing else on the page changed). */
  owns(record: MutationRecord): boolean;
  /** The record changed (a thread read on this page was stored): the lists shown ask for their chips again. */
  askAgain(): void;
  /** The elements holding the lists' rows: each list observes them, and the page watch leaves them out. */
  rowParents(): Element[];
}

/** Watches the lists of `site` on this page until `signal` aborts; returns the function to call on page changes. */
export function watchLists(
  site: 'gmail' | 'linkedin',
  sources: readonly ListSource[],
  send: Send,
  signal: AbortSignal,
): ListsOnPage {
  const watches: ListWatch[] = [];
  // A row's read is kept while its element is not touched (list-chips.ts), so its message form is made once: a
  // scroll that recycled 3 rows converts 3.
  const sendable = new WeakMap<ChipRow, Record<string, unknown>>();
  const toRow = (row: ChipRow, fields: readonly string[]) => {
    let plain = sendable.get(row);
    if (!plain) {
      plain = {};
      for (const k of fields) {
        const value = (row as unknown as Record<string, unknown>)[k];
        if (value !== undefined) plain[k] = fit(value);
      }
      sendable.set(row, plain);
    }
    return plain;
  };
  for (const source of sources) {
    const w: ListWatch = watchList({
      ...source,
      signal,
      onChange(rows, generation) {
        const message = {
          type: 'list/states',
          site,
          url: location.href,
          generation,
          rows: rows.map((row) => toRow(row, source.fields)),
        } as ListStatesMessage;
        void send(message).then((reply) => {
          if (reply?.ok) w.apply(reply, pageTheme(document));
        });
      },
    });
    watches.push(w);
  }
  const refresh = () => {
    for (const w of watches) w.refresh();
  };
  const refreshLost = () => {
    for (const w of watches) if (w.lost()) w.refresh();
  };
  const timer = setInterval(refreshLost, FIND_LISTS_EVERY_MS);
  signal.addEventListener('abort', () => clearInterval(timer));
  refresh();
  return {
    refresh,
    refreshLost,
    owns: (record) => watches.some((w) => w.owns(record)),
    askAgain() {
      for (const w of watches) w.askAgain();
    },
    rowParents: () => watches.flatMap((w) => w.rowParents()),
  };
}
