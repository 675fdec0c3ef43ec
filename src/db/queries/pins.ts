// Pins (reminders) due and upcoming, the toolbar badge's counts, and the next moment something becomes due.
import { cappedSum } from '../../core/counts';
import { followUpCutoff, followUpDueAt, goneQuietCutoff } from '../../core/turn';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, PinRecord } from '../records';
import { getSettings } from '../settings';
import { countUpTo, goneQuietBound, MAX, MIN, turnRange } from './lists';
import { byTime, conversationViews, type ConversationView } from './views';

export interface PinView {
  pin: PinRecord;
  conversation: ConversationView | null;
}

/** Counted up to COUNT_CAP (src/core/counts.ts), as SectionCounts. Gone-quiet conversations are not counted in
 * mine or followUp; a due pin counts whatever its conversation's state. */
export interface BadgeCounts {
  mine: number;
  followUp: number;
  pinsDue: number;
  /** mine + followUp + pinsDue */
  total: number;
}

async function pinViews(db: TurnkeeperDatabase, pins: PinRecord[], now: Date): Promise<PinView[]> {
  const convs = await db.conversations.bulkGet([...new Set(pins.map((p) => p.conversationId))]);
  const views = await conversationViews(
    db,
    convs.filter((c): c is ConversationRecord => !!c),
    now,
  );
  const byId = new Map(views.map((v) => [v.id, v]));
  return pins.map((pin) => ({ pin, conversation: byId.get(pin.conversationId) ?? null }));
}

/** Pins due (dueAt <= now, not done), oldest due first. */
export async function pinsDue(db: TurnkeeperDatabase, now: Date): Promise<PinView[]> {
  const pins = await db.pins.where('dueAt').belowOrEqual(now.toISOString()).filter((p) => !p.done).toArray();
  return pinViews(db, pins, now);
}

/** Pins not yet due and not done, soonest first. */
export async function upcomingPins(db: TurnkeeperDatabase, now: Date, limit = 100): Promise<PinView[]> {
  const pins = await db.pins.where('dueAt').above(now.toISOString()).filter((p) => !p.done).limit(limit).toArray();
  return pinViews(db, pins, now);
}

/** Counts for the toolbar badge: the live lists (gone-quiet conversations left out) and the due pins. */
export async function badgeCounts(db: TurnkeeperDatabase, now: Date): Promise<BadgeCounts> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const quiet = goneQuietBound(now, settings);
  // Gone quiet is lastMessageAt <= quiet (for `mine`, turnSince is lastMessageAt): live rows are after it.
  const live = (turn: 'mine' | 'theirs' | 'follow-up', field: 'turnSince' | 'lastMessageAt', to: unknown) =>
    quiet === null ? turnRange(db, turn, field, MIN, to) : turnRange(db, turn, field, quiet, to, { fromOpen: true });
  const [mine, f1, f2, pinsDueCount] = await Promise.all([
    countUpTo(live('mine', 'turnSince', MAX)),
    countUpTo(live('theirs', 'lastMessageAt', cutoff)),
    countUpTo(live('follow-up', 'lastMessageAt', cutoff)),
    db.pins.where('dueAt').belowOrEqual(now.toISOString()).filter((p) => !p.done).count(),
  ]);
  const followUp = cappedSum(f1, f2);
  return { mine, followUp, pinsDue: pinsDueCount, total: cappedSum(mine, followUp, pinsDueCount) };
}

/** The next moment something becomes due (a conversation turns follow-up, or a pin), after `now`; the background
 * schedules its alarm there. Null when nothing is pending. A conversation that will have gone quiet by the time it
 * turns follow-up (a waiting period longer than the gone-quiet one) is never due. */
export async function nextDueAt(db: TurnkeeperDatabase, now: Date): Promise<string | null> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const [theirs, pin] = await Promise.all([
    turnRange(db, 'theirs', 'lastMessageAt', cutoff, MAX, { fromOpen: true }).first(),
    db.pins.where('dueAt').above(now.toISOString()).filter((p) => !p.done).first(),
  ]);
  const candidates: string[] = [];
  if (theirs?.lastMessageAt) {
    const due = followUpDueAt(theirs.lastMessageAt, settings);
    const quietThen = goneQuietCutoff(due, settings);
    if (quietThen === null || Date.parse(theirs.lastMessageAt) > quietThen.getTime()) candidates.push(due.toISOString());
  }
  if (pin) candidates.push(pin.dueAt);
  return candidates.sort((a, b) => byTime(a, b))[0] ?? null;
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
  return db.pins.where('dueAt').belowOrEqual(now.toISOString()).filter((p) => !p.done && !p.notifiedAt).toArray();
}
