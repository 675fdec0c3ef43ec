// The turn lists (my turn, follow-up due, waiting on them, resting, gone quiet) and their counts.
import Dexie from 'dexie';
import { cappedSum, COUNT_CAP } from '../../core/counts';
import type { Settings } from '../../core/settings';
import { computeTurn, followUpCutoff, goneQuietCutoff } from '../../core/turn';
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, TurnState } from '../records';
import { getSettings } from '../settings';
import { countTurnKeys, type TurnKeyRange } from '../turn-keys';
import { openDuePins } from './pins';
import { byTime, conversationViews, type ConversationView } from './views';

// ── lists ──────────────────────────────────────────────────────────────────
//
// Each list is read in its order straight from a compound index ([turn+turnSince] / [turn+lastMessageAt], or the
// [site+turn+…] ones for one site), so a page of `limit` rows reads about `offset + limit` rows and resolves people
// for the returned rows only. The clock-dependent split between waiting and follow-up is taken from the index too:
// a conversation I wrote last is follow-up exactly when its lastMessageAt <= followUpCutoff(now), whatever its
// cached turn says ('theirs' or 'follow-up'), so both cached states are read on each side of the cutoff. Every row
// read is still checked against the turn computed for `now`.
//
// Gone quiet (src/core/turn.ts) splits my turn and follow-up the same way: a conversation of either has gone quiet
// exactly when its lastMessageAt <= goneQuietCutoff(now). For `mine` turnSince is lastMessageAt, so the live list
// starts just after that cutoff on [turn+turnSince]; for follow-up the cutoff is the open lower bound of the
// lastMessageAt range. The gone-quiet section reads the other side of both.

export const MIN = Dexie.minKey;
export const MAX = Dexie.maxKey;

/** A page of a list. Without `limit`, the whole list (from `offset`). */
export interface ListOptions {
  /** At most this many rows (default: all). */
  limit?: number;
  /** Rows of the list to skip first (default 0). */
  offset?: number;
  /** Only conversations on this site. */
  site?: Site;
}

type ConvCollection = ReturnType<TurnkeeperDatabase['conversations']['toCollection']>;

/** The rows of cached turn `turn` with `field` between `from` and `to`, in `field` order. */
export function turnRange(
  db: TurnkeeperDatabase,
  turn: TurnState,
  field: 'turnSince' | 'lastMessageAt',
  from: unknown,
  to: unknown,
  options: { fromOpen?: boolean; site?: Site | undefined } = {},
): ConvCollection {
  const { fromOpen = false, site } = options;
  return site
    ? db.conversations
        .where(`[site+turn+${field}]`)
        .between([site, turn, from], [site, turn, to], !fromOpen, true)
    : db.conversations.where(`[turn+${field}]`).between([turn, from], [turn, to], !fromOpen, true);
}

const compareIds = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/**
 * Rows `offset`..`offset+limit` of the merge of `sources` (each already in `order`), keeping the rows `accept`s.
 * Reads `offset + limit` rows of each source, more only when rows were refused.
 */
async function readPage(
  sources: readonly ConvCollection[],
  order: (a: ConversationRecord, b: ConversationRecord) => number,
  accept: (c: ConversationRecord) => boolean,
  options: ListOptions,
): Promise<ConversationRecord[]> {
  const offset = Math.max(0, Math.floor(options.offset ?? 0));
  const limit = options.limit === undefined ? Infinity : Math.max(0, Math.floor(options.limit));
  if (limit === 0) return [];
  const want = offset + limit;
  let n = want;
  for (;;) {
    const lists = await Promise.all(
      sources.map((s) => (Number.isFinite(n) ? s.clone().limit(n).toArray() : s.clone().toArray())),
    );
    const merged = lists.length === 1 ? lists[0]! : lists.flat().sort(order);
    const accepted = merged.filter(accept);
    const exhausted = lists.every((l) => l.length < n);
    if (accepted.length >= want || exhausted) return accepted.slice(offset, offset + limit);
    n *= 2;
  }
}

function turnNow(c: ConversationRecord, now: Date, settings: Settings): TurnState {
  return computeTurn(c, now, settings).turn;
}

/** The turn for `now`, with `goneQuiet` folded in: a live list keeps only rows that are not gone quiet. */
function liveTurnNow(c: ConversationRecord, now: Date, settings: Settings): TurnState | 'gone-quiet' {
  const t = computeTurn(c, now, settings);
  return t.goneQuiet ? 'gone-quiet' : t.turn;
}

/** The newest lastMessageAt that has gone quiet at `now` (ISO), or null when nothing goes quiet. */
export function goneQuietBound(now: Date, settings: Settings): string | null {
  return goneQuietCutoff(now, settings)?.toISOString() ?? null;
}

/** The earlier of an ISO time and an optional ISO bound (null: no bound). */
function earlier(a: string, b: string | null): string {
  return b !== null && Date.parse(b) < Date.parse(a) ? b : a;
}

const byLastMessageAt = (a: ConversationRecord, b: ConversationRecord) =>
  byTime(a.lastMessageAt, b.lastMessageAt) || compareIds(a.id, b.id);

/** My turn, not gone quiet: turnSince (= lastMessageAt) after the gone-quiet cutoff. */
function liveMineRange(db: TurnkeeperDatabase, now: Date, settings: Settings, site: Site | undefined): ConvCollection {
  const quiet = goneQuietBound(now, settings);
  return quiet === null
    ? turnRange(db, 'mine', 'turnSince', MIN, MAX, { site })
    : turnRange(db, 'mine', 'turnSince', quiet, MAX, { site, fromOpen: true });
}

/** It is my turn (they wrote last), oldest owed first; gone-quiet conversations are left out. `options`: a page,
 * one site. */
export async function myTurn(db: TurnkeeperDatabase, now: Date, options: ListOptions = {}): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  const rows = await readPage(
    [liveMineRange(db, now, settings, options.site)],
    (a, b) => byTime(a.turnSince, b.turnSince) || compareIds(a.id, b.id),
    (c) => liveTurnNow(c, now, settings) === 'mine',
    options,
  );
  return conversationViews(db, rows, now, settings);
}

/** Cached `turn` rows I wrote last that are follow-up at `now` and not gone quiet: lastMessageAt in
 * (gone-quiet cutoff, follow-up cutoff]. Empty when the gone-quiet cutoff is the later one. */
function liveOverdueRange(
  db: TurnkeeperDatabase,
  turn: TurnState,
  now: Date,
  settings: Settings,
  site: Site | undefined,
): ConvCollection {
  const cutoff = followUpCutoff(now, settings).toISOString();
  const quiet = goneQuietBound(now, settings);
  return quiet === null
    ? turnRange(db, turn, 'lastMessageAt', MIN, cutoff, { site })
    : turnRange(db, turn, 'lastMessageAt', quiet, cutoff, { site, fromOpen: true });
}

/** The conversations I wrote last, on one side of the follow-up cutoff (the overdue side without the gone-quiet
 * ones), in lastMessageAt order. */
function mineLastRows(
  db: TurnkeeperDatabase,
  now: Date,
  settings: Settings,
  overdue: boolean,
  options: ListOptions,
): Promise<ConversationRecord[]> {
  const cutoff = followUpCutoff(now, settings).toISOString();
  const range = (turn: TurnState) =>
    overdue
      ? liveOverdueRange(db, turn, now, settings, options.site)
      : turnRange(db, turn, 'lastMessageAt', cutoff, MAX, { site: options.site, fromOpen: true });
  const want: TurnState = overdue ? 'follow-up' : 'theirs';
  return readPage(
    [range('theirs'), range('follow-up')],
    byLastMessageAt,
    (c) => liveTurnNow(c, now, settings) === want,
    options,
  );
}

/** I wrote last and the waiting period passed without an answer; longest overdue first (ties: the older last
 * message first). Correct for `now` even if refreshTurns has not run. `options`: a page, one site. */
export async function followUpDue(
  db: TurnkeeperDatabase,
  now: Date,
  options: ListOptions = {},
): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  // followUpDueAt is non-decreasing in lastMessageAt: lastMessageAt order is turnSince order.
  return conversationViews(db, await mineLastRows(db, now, settings, true, options), now, settings);
}

/** I wrote last, still within the waiting period; the soonest to become follow-up first. `options`: a page, one
 * site. */
export async function waitingOnThem(
  db: TurnkeeperDatabase,
  now: Date,
  options: ListOptions = {},
): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  return conversationViews(db, await mineLastRows(db, now, settings, false, options), now, settings);
}

/** The sources of the gone-quiet section, each newest first: my turn and follow-up with lastMessageAt at or before
 * the gone-quiet cutoff (for follow-up also at or before the follow-up cutoff). Null when nothing goes quiet. */
function goneQuietSources(
  db: TurnkeeperDatabase,
  now: Date,
  settings: Settings,
  site: Site | undefined,
): ConvCollection[] | null {
  const quiet = goneQuietBound(now, settings);
  if (quiet === null) return null;
  const overdueQuiet = earlier(followUpCutoff(now, settings).toISOString(), quiet);
  return [
    turnRange(db, 'mine', 'turnSince', MIN, quiet, { site }),
    turnRange(db, 'theirs', 'lastMessageAt', MIN, overdueQuiet, { site }),
    turnRange(db, 'follow-up', 'lastMessageAt', MIN, overdueQuiet, { site }),
  ];
}

/** My turn and follow-up conversations whose last message is older than the gone-quiet period (settings
 * `goneQuietDays`), newest first: they are left out of myTurn, followUpDue, the badge and the notifications.
 * Empty when the setting is "never". `options`: a page, one site. */
export async function goneQuiet(
  db: TurnkeeperDatabase,
  now: Date,
  options: ListOptions = {},
): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  const sources = goneQuietSources(db, now, settings, options.site);
  if (!sources) return [];
  const rows = await readPage(
    sources.map((s) => s.reverse()),
    (a, b) => byLastMessageAt(b, a),
    (c) => liveTurnNow(c, now, settings) === 'gone-quiet',
    options,
  );
  return conversationViews(db, rows, now, settings);
}

/** Conversations resting ("no reply needed"), most recently rested first. Empty conversations are not included.
 * `options`: a page, one site. */
export async function resting(db: TurnkeeperDatabase, now: Date, options: ListOptions = {}): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  const rows = await readPage(
    [turnRange(db, 'resting', 'turnSince', MIN, MAX, { site: options.site }).reverse()],
    (a, b) => byTime(b.turnSince, a.turnSince) || compareIds(b.id, a.id),
    (c) => !!c.restingSince && turnNow(c, now, settings) === 'resting',
    options,
  );
  return conversationViews(db, rows, now, settings);
}

/** How many rows each list a screen shows has for `now` (what myTurn, followUpDue, waitingOnThem and goneQuiet would
 * return, and the due pins of pinnedPage), counted without reading conversations, up to COUNT_CAP (src/core/counts.ts): a
 * count of COUNT_CAP means that many or more. Resting is not counted: no screen shows its length. */
export interface SectionCounts {
  mine: number;
  followUp: number;
  waiting: number;
  pinsDue: number;
  /** My turn and follow-up conversations gone quiet: not in mine or followUp, nor in the total. */
  goneQuiet: number;
  /** mine + followUp + pinsDue, as badgeCounts. */
  total: number;
}

/** Counts per dashboard section for `now`, optionally for one site. Counted on the turn keys (src/db/turn-keys.ts),
 * the same ranges the lists read, in one transaction; pins, usually few, are read. */
export async function sectionCounts(
  db: TurnkeeperDatabase,
  now: Date,
  options: { site?: Site } = {},
): Promise<SectionCounts> {
  const site = options.site;
  const prefix = site ? `${site}:` : '';
  return db.transaction('r', [db.settings, db.pins, db.turnKeys], async () => {
    const settings = await getSettings(db);
    const cutoff = followUpCutoff(now, settings).toISOString();
    const quiet = goneQuietBound(now, settings);
    // Live: after the gone-quiet cutoff (when there is one); gone quiet: at or before it.
    const live = quiet === null ? { from: MIN, fromOpen: false } : { from: quiet, fromOpen: true };
    const count = (...ranges: TurnKeyRange[]) => countTurnKeys(db, COUNT_CAP, site, ranges);
    const overdueQuiet = quiet === null ? null : earlier(cutoff, quiet);
    const [mine, followUp, waiting, due, goneQuietCount] = await Promise.all([
      count({ turn: 'mine', to: MAX, ...live }),
      count({ turn: 'theirs', to: cutoff, ...live }, { turn: 'follow-up', to: cutoff, ...live }),
      count({ turn: 'theirs', from: cutoff, to: MAX, fromOpen: true }, { turn: 'follow-up', from: cutoff, to: MAX, fromOpen: true }),
      openDuePins(db, now).then((pins) => pins.filter((p) => p.conversationId.startsWith(prefix)).length),
      quiet === null || overdueQuiet === null
        ? 0
        : count(
            { turn: 'mine', from: MIN, to: quiet },
            { turn: 'theirs', from: MIN, to: overdueQuiet },
            { turn: 'follow-up', from: MIN, to: overdueQuiet },
          ),
    ]);
    return { mine, followUp, waiting, pinsDue: due, goneQuiet: goneQuietCount, total: cappedSum(mine, followUp, due) };
  });
}

/** The rows, as stored, of the conversations I wrote last whose lastMessageAt is at or before `cutoff` (ISO; see
 * followUpCutoff) and, given `quietCutoff` (ISO; see goneQuietCutoff), after it: the live follow-ups, gone-quiet ones
 * left out. Those cached as theirs first, then those cached as follow-up, each in lastMessageAt order. Raw rows, no
 * views: the background reads them on every run and builds views only for the few it notifies. */
export async function overdueConversationRows(
  db: TurnkeeperDatabase,
  cutoff: string,
  quietCutoff: string | null = null,
): Promise<ConversationRecord[]> {
  const range = (turn: TurnState) =>
    quietCutoff === null
      ? turnRange(db, turn, 'lastMessageAt', MIN, cutoff)
      : turnRange(db, turn, 'lastMessageAt', quietCutoff, cutoff, { fromOpen: true });
  const [theirs, followUps] = await Promise.all([range('theirs').toArray(), range('follow-up').toArray()]);
  return [...theirs, ...followUps];
}
