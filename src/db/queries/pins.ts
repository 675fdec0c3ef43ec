// Pins (reminders) due and upcoming, the toolbar badge's counts, and the next moment something becomes due.
import { cappedSum, COUNT_CAP } from '../../core/counts';
import { followUpCutoff, followUpDueAt, goneQuietCutoff, type TurnState } from '../../core/turn';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, PinRecord, Site } from '../records';
import { getSettings } from '../settings';
import { countTurnKeys } from '../turn-keys';
import { goneQuietBound, MAX, MIN, turnRange } from './lists';
import { byTime, conversationViews, type ConversationView } from './views';

/** Counted up to COUNT_CAP (src/core/counts.ts), as SectionCounts. Gone-quiet conversations are not counted in
 * mine or followUp; a due pin counts whatever its conversation's state. */
export interface BadgeCounts {
  mine: number;
  followUp: number;
  pinsDue: number;
  /** mine + followUp + pinsDue */
  total: number;
}

async function pinViews(
  db: TurnkeeperDatabase,
  pins: PinRecord[],
  now: Date,
): Promise<{ pin: PinRecord; conversation: ConversationView | null }[]> {
  const convs = await db.conversations.bulkGet([...new Set(pins.map((p) => p.conversationId))]);
  const views = await conversationViews(
    db,
    convs.filter((c): c is ConversationRecord => !!c),
    now,
  );
  const byId = new Map(views.map((v) => [v.id, v]));
  return pins.map((pin) => ({ pin, conversation: byId.get(pin.conversationId) ?? null }));
}

// Pins are read as whole ranges of the dueAt index and the done ones dropped in memory: a range read is one request,
// while a query with a filter walks a cursor, one request per pin.

/** The open pins due at `now` (dueAt <= now), oldest due first, as stored. */
export async function openDuePins(db: TurnkeeperDatabase, now: Date): Promise<PinRecord[]> {
  return (await db.pins.where('dueAt').belowOrEqual(now.toISOString()).toArray()).filter((p) => !p.done);
}

/** The first `limit` open pins not yet due (dueAt > now), soonest first, as stored. */
export async function openUpcomingPins(db: TurnkeeperDatabase, now: Date, limit: number): Promise<PinRecord[]> {
  const range = () => db.pins.where('dueAt').above(now.toISOString());
  // A pin is rarely done before it is due: the first `limit` rows are almost always enough.
  const head = await range().limit(limit).toArray();
  const open = head.filter((p) => !p.done);
  if (open.length === head.length || head.length < limit) return open;
  return (await range().toArray()).filter((p) => !p.done).slice(0, limit);
}

/** Counts for the toolbar badge: the live lists (gone-quiet conversations left out) and the due pins. Counted on
 * the turn keys (src/db/turn-keys.ts), as sectionCounts, in one transaction. */
export async function badgeCounts(db: TurnkeeperDatabase, now: Date): Promise<BadgeCounts> {
  return db.transaction('r', [db.settings, db.pins, db.turnKeys], async () => {
    const settings = await getSettings(db);
    const cutoff = followUpCutoff(now, settings).toISOString();
    const quiet = goneQuietBound(now, settings);
    // Gone quiet is lastMessageAt <= quiet (for `mine`, turnSince is lastMessageAt): live rows are after it.
    const live = quiet === null ? { from: MIN, fromOpen: false } : { from: quiet, fromOpen: true };
    const [mine, followUp, pinsDueCount] = await Promise.all([
      countTurnKeys(db, COUNT_CAP, undefined, [{ turn: 'mine', to: MAX, ...live }]),
      countTurnKeys(db, COUNT_CAP, undefined, [{ turn: 'theirs', to: cutoff, ...live }, { turn: 'follow-up', to: cutoff, ...live }]),
      openDuePins(db, now).then((pins) => pins.length),
    ]);
    return { mine, followUp, pinsDue: pinsDueCount, total: cappedSum(mine, followUp, pinsDueCount) };
  });
}

/** The next moment something becomes due (a conversation turns follow-up, or a pin), or a counted conversation
 * (my turn, follow-up) goes quiet and leaves the badge, after `now`; the background schedules its alarm there. Null
 * when nothing is pending. A conversation that will have gone quiet by the time it turns follow-up (a waiting period
 * longer than the gone-quiet one) is never due. */
export async function nextDueAt(db: TurnkeeperDatabase, now: Date): Promise<string | null> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const quiet = goneQuietBound(now, settings);
  const oldestLive = (turn: TurnState, to: unknown) =>
    quiet === null ? undefined : turnRange(db, turn, 'lastMessageAt', quiet, to, { fromOpen: true }).first();
  const [theirs, pin, ...oldestCounted] = await Promise.all([
    turnRange(db, 'theirs', 'lastMessageAt', cutoff, MAX, { fromOpen: true }).first(),
    openUpcomingPins(db, now, 1).then((pins) => pins[0]),
    // The oldest live conversations of the two counted lists are the next to go quiet; an overdue conversation's
    // cached turn may still say 'theirs' (lists.ts), so both are read.
    oldestLive('mine', MAX),
    oldestLive('theirs', cutoff),
    oldestLive('follow-up', cutoff),
  ]);
  const candidates: string[] = [];
  if (theirs?.lastMessageAt) {
    const due = followUpDueAt(theirs.lastMessageAt, settings);
    const quietThen = goneQuietCutoff(due, settings);
    if (quietThen === null || Date.parse(theirs.lastMessageAt) > quietThen.getTime()) candidates.push(due.toISOString());
  }
  if (pin) candidates.push(pin.dueAt);
  for (const live of oldestCounted) {
    if (live?.lastMessageAt) candidates.push(goesQuietAt(live.lastMessageAt, settings.goneQuietDays ?? 0));
  }
  return candidates.sort((a, b) => byTime(a, b))[0] ?? null;
}

/** The moment a conversation whose last message is at `lastMessageAt` has gone quiet: goneQuietCutoff's inverse
 * (calendar days on the local clock). */
function goesQuietAt(lastMessageAt: string, days: number): string {
  const d = new Date(lastMessageAt);
  d.setDate(d.getDate() + Math.max(0, Math.floor(days)));
  return d.toISOString();
}

/** One conversation's open pins that are due at `now`. */
export async function duePinsOf(db: TurnkeeperDatabase, conversationId: string, now: Date): Promise<PinRecord[]> {
  return db.pins
    .where('conversationId')
    .equals(conversationId)
    .filter((p) => !p.done && Date.parse(p.dueAt) <= now.getTime())
    .toArray();
}

/** Open pins due at `now` whose notification was not shown yet (the background notifies them). */
export async function unnotifiedDuePins(db: TurnkeeperDatabase, now: Date): Promise<PinRecord[]> {
  return (await openDuePins(db, now)).filter((p) => !p.notifiedAt);
}

/** A pinned row: the pin, its conversation's view, and whether it is due at the moment asked. */
export interface PinnedRow {
  pin: PinRecord;
  conversation: ConversationView;
  due: boolean;
}

/** The pinned list for `now` as the dashboard shows it: every open pin due, oldest due first, then the first
 * `upcomingLimit` open pins not yet due, soonest first; only those of `site` when given. `count` is the whole list's
 * length, counted from the pins alone as the badge counts them; views (the conversation's people and turn, a few
 * requests each) are built for the first `limit` rows only, and a row whose conversation is not in the record (a
 * pin imported without it) is left out of them. */
export async function pinnedPage(
  db: TurnkeeperDatabase,
  now: Date,
  options: { site?: Site; limit?: number; upcomingLimit: number },
): Promise<{ rows: PinnedRow[]; count: number }> {
  const [due, upcoming] = await Promise.all([openDuePins(db, now), openUpcomingPins(db, now, options.upcomingLimit)]);
  const prefix = options.site ? `${options.site}:` : '';
  const byDue = (a: PinRecord, b: PinRecord) => Date.parse(a.dueAt) - Date.parse(b.dueAt);
  const listed = [...due.sort(byDue), ...upcoming.sort(byDue)].filter((p) => p.conversationId.startsWith(prefix));
  const shown = options.limit === undefined ? listed : listed.slice(0, options.limit);
  const views = await pinViews(db, shown, now);
  const dueIds = new Set(due.map((p) => p.id));
  const rows = views.flatMap(({ pin, conversation }) => (conversation ? [{ pin, conversation, due: dueIds.has(pin.id) }] : []));
  return { rows, count: listed.length };
}
