// The dashboard's lists a page at a time: each list's first `limit` rows read in order straight from the indexes,
// and its full count, without turning every conversation of a large history into a view. The same rules and order
// as myTurn / followUpDue / waitingOnThem in src/db/queries.ts (which read whole lists); clock-correct the same way
// (a conversation I wrote last is follow-up exactly when its lastMessageAt <= followUpCutoff(now)). Reads only.
// Paged variants of those queries belong in src/db/queries.ts; they live here until they move there.
import Dexie, { type Collection, type InsertType } from 'dexie';
import type { Settings } from '../../core/settings';
import { followUpCutoff } from '../../core/turn';
import type { TurnkeeperDatabase } from '../../db/database';
import { conversationViews, type ConversationView } from '../../db/queries';
import type { ConversationRecord, Site } from '../../db/records';

export interface Page {
  rows: ConversationView[];
  /** Every row of the list (for the site asked). */
  count: number;
}

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

type Range = Collection<ConversationRecord, string, InsertType<ConversationRecord, 'id'>>;

async function take(range: Range, site: Site | null, limit: number): Promise<{ rows: ConversationRecord[]; count: number }> {
  const scoped = () => (site ? range.clone().filter((c) => c.site === site) : range.clone());
  const [rows, count] = await Promise.all([
    Number.isFinite(limit) ? scoped().limit(limit).toArray() : scoped().toArray(),
    scoped().count(),
  ]);
  return { rows, count };
}

const byLastMessage = (a: ConversationRecord, b: ConversationRecord) =>
  (a.lastMessageAt ?? '') < (b.lastMessageAt ?? '') ? -1 : (a.lastMessageAt ?? '') > (b.lastMessageAt ?? '') ? 1 : 0;

/** It is my turn: oldest owed first. */
export async function myTurnPage(db: TurnkeeperDatabase, now: Date, settings: Settings, site: Site | null, limit: number): Promise<Page> {
  const range = db.conversations.where('[turn+turnSince]').between(['mine', MIN], ['mine', MAX]);
  const { rows, count } = await take(range, site, limit);
  const views = await conversationViews(db, rows, now, settings);
  return { rows: views.filter((v) => v.turn === 'mine'), count };
}

async function mineLast(
  db: TurnkeeperDatabase,
  now: Date,
  settings: Settings,
  site: Site | null,
  limit: number,
  overdue: boolean,
): Promise<Page> {
  const cutoff = followUpCutoff(now, settings).toISOString();
  const range = (turn: string) =>
    overdue
      ? db.conversations.where('[turn+lastMessageAt]').between([turn, MIN], [turn, cutoff], true, true)
      : db.conversations.where('[turn+lastMessageAt]').between([turn, cutoff], [turn, MAX], false, true);
  const [theirs, followUp] = await Promise.all([take(range('theirs'), site, limit), take(range('follow-up'), site, limit)]);
  // Both ranges are in lastMessageAt order, which is the order of their follow-up moments.
  const rows = [...theirs.rows, ...followUp.rows].sort(byLastMessage).slice(0, limit);
  const views = await conversationViews(db, rows, now, settings);
  return { rows: views.filter((v) => v.turn === (overdue ? 'follow-up' : 'theirs')), count: theirs.count + followUp.count };
}

/** I wrote last and the waiting period passed: longest overdue first. */
export function followUpPage(db: TurnkeeperDatabase, now: Date, settings: Settings, site: Site | null, limit: number) {
  return mineLast(db, now, settings, site, limit, true);
}

/** I wrote last, still within the waiting period: the soonest to go quiet first. */
export function waitingPage(db: TurnkeeperDatabase, now: Date, settings: Settings, site: Site | null, limit: number) {
  return mineLast(db, now, settings, site, limit, false);
}
