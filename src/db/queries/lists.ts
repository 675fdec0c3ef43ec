// The turn lists (my turn, follow-up due, waiting on them, resting) and their counts.
import Dexie from 'dexie';
import { cappedSum, COUNT_CAP } from '../../core/counts';
import type { Settings } from '../../core/settings';
import { computeTurn, followUpCutoff } from '../../core/turn';
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, TurnState } from '../records';
import { getSettings } from '../settings';
import { byTime, conversationViews, type ConversationView } from './views';

// ── lists ──────────────────────────────────────────────────────────────────
//
// Each list is read in its order straight from a compound index ([turn+turnSince] / [turn+lastMessageAt], or the
// [site+turn+…] ones for one site), so a page of `limit` rows reads about `offset + limit` rows and resolves people
// for the returned rows only. The clock-dependent split between waiting and follow-up is taken from the index too:
// a conversation I wrote last is follow-up exactly when its lastMessageAt <= followUpCutoff(now), whatever its
// cached turn says ('theirs' or 'follow-up'), so both cached states are read on each side of the cutoff. Every row
// read is still checked against the turn computed for `now`.

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

/** The rows of `collection`, counted up to COUNT_CAP: reading at most that many keys costs less than IndexedDB's
 * count of a long range, which walks all of it. */
export async function countUpTo(collection: ConvCollection): Promise<number> {
  return (await collection.limit(COUNT_CAP).primaryKeys()).length;
}

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

const byLastMessageAt = (a: ConversationRecord, b: ConversationRecord) =>
  byTime(a.lastMessageAt, b.lastMessageAt) || compareIds(a.id, b.id);

/** It is my turn (they wrote last), oldest owed first. `options`: a page, one site. */
export async function myTurn(db: TurnkeeperDatabase, now: Date, options: ListOptions = {}): Promise<ConversationView[]> {
  const settings = await getSettings(db);
  const rows = await readPage(
    [turnRange(db, 'mine', 'turnSince', MIN, MAX, { site: options.site })],
    (a, b) => byTime(a.turnSince, b.turnSince) || compareIds(a.id, b.id),
    (c) => turnNow(c, now, settings) === 'mine',
    options,
  );
  return conversationViews(db, rows, now, settings);
}

/** The conversations I wrote last, on one side of the follow-up cutoff, in lastMessageAt order. */
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
      ? turnRange(db, turn, 'lastMessageAt', MIN, cutoff, { site: options.site })
      : turnRange(db, turn, 'lastMessageAt', cutoff, MAX, { site: options.site, fromOpen: true });
  const want: TurnState = overdue ? 'follow-up' : 'theirs';
  return readPage(
    [range('theirs'), range('follow-up')],
    byLastMessageAt,
    (c) => turnNow(c, now, settings) === want,
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

/** How many rows each list has for `now` (what myTurn, followUpDue, waitingOnThem, resting and pinsDue would
 * return), counted on the indexes without reading conversations, up to COUNT_CAP (src/core/counts.ts): a count of
 * COUNT_CAP means that many or more. */
export interface SectionCounts {
  mine: number;
  followUp: number;
  waiting: number;
  resting: number;
  pinsDue: number;
  /** mine + followUp + pinsDue, as badgeCounts. */
  total: number;
}

/** Counts per dashboard section for `now`, optionally for one site. Cheap: index counts (pins, usually few, are
 * read). */
export async function sectionCounts(
  db: TurnkeeperDatabase,
  now: Date,
  options: { site?: Site } = {},
): Promise<SectionCounts> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const site = options.site;
  const prefix = site ? `${site}:` : '';
  const [mine, f1, f2, w1, w2, rested, due] = await Promise.all([
    countUpTo(turnRange(db, 'mine', 'turnSince', MIN, MAX, { site })),
    countUpTo(turnRange(db, 'theirs', 'lastMessageAt', MIN, cutoff, { site })),
    countUpTo(turnRange(db, 'follow-up', 'lastMessageAt', MIN, cutoff, { site })),
    countUpTo(turnRange(db, 'theirs', 'lastMessageAt', cutoff, MAX, { site, fromOpen: true })),
    countUpTo(turnRange(db, 'follow-up', 'lastMessageAt', cutoff, MAX, { site, fromOpen: true })),
    countUpTo(turnRange(db, 'resting', 'turnSince', MIN, MAX, { site })),
    db.pins
      .where('dueAt')
      .belowOrEqual(now.toISOString())
      .filter((p) => !p.done && p.conversationId.startsWith(prefix))
      .count(),
  ]);
  const followUp = cappedSum(f1, f2);
  return {
    mine,
    followUp,
    waiting: cappedSum(w1, w2),
    resting: rested,
    pinsDue: due,
    total: cappedSum(mine, followUp, due),
  };
}

/** The rows, as stored, of the conversations I wrote last whose lastMessageAt is at or before `cutoff` (ISO; see
 * followUpCutoff): those cached as theirs first, then those cached as follow-up, each in lastMessageAt order. Raw
 * rows, no views: the background reads them on every run and builds views only for the few it notifies. */
export async function overdueConversationRows(db: TurnkeeperDatabase, cutoff: string): Promise<ConversationRecord[]> {
  const [theirs, followUps] = await Promise.all([
    turnRange(db, 'theirs', 'lastMessageAt', MIN, cutoff).toArray(),
    turnRange(db, 'follow-up', 'lastMessageAt', MIN, cutoff).toArray(),
  ]);
  return [...theirs, ...followUps];
}
