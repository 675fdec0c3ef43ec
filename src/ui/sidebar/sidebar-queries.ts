// The sidebar's reads, composed from src/db's named queries: each runs inside a live query (src/db/live.ts).
import type { Settings } from '../../core/settings';
import {
  findPersonByProfile,
  followUpDue,
  getPersonDetails,
  getSettings,
  getTimeline,
  listSuggestions,
  badgeCounts,
  myTurn,
  pinnedPage,
  type ConversationView,
  type PersonDetails,
  type PinnedRow,
  type SuggestionView,
  type Timeline,
  type TurnkeeperDatabase,
} from '../../db';
import type { Site } from '../../core/site';

export interface ConversationRecordView {
  timeline: Timeline;
  settings: Settings;
  /** "Same person?" suggestions that involve this conversation's people. */
  suggestions: SuggestionView[];
}

/** The open conversation's running record, its settings (for turns that change with the clock) and suggestions. */
export async function loadConversation(
  db: TurnkeeperDatabase,
  conversationId: string,
  now: Date,
): Promise<ConversationRecordView | null> {
  // The settings do not depend on the timeline: read with it, so only the suggestions wait for its people.
  const [timeline, settings] = await Promise.all([getTimeline(db, conversationId, now), getSettings(db)]);
  if (!timeline) return null;
  const memberIds = timeline.people.flatMap((p) => p.memberIds);
  const involved = await listSuggestions(db, { involving: memberIds });
  const ids = new Set(memberIds);
  const suggestions = involved.filter(
    (s) => s.a.memberIds.some((id) => ids.has(id)) || s.b.memberIds.some((id) => ids.has(id)),
  );
  return { timeline, settings, suggestions };
}

/** How many items of each list the sidebar shows; the rest are counted and left to the dashboard. */
export const GENERAL_LIST_LIMIT = 8;

export interface GeneralView {
  /** The first GENERAL_LIST_LIMIT pins due, oldest due first, less any whose conversation is not in the record. */
  pinsDue: PinnedRow[];
  /** The first GENERAL_LIST_LIMIT of each list, in the dashboard's order. */
  mine: ConversationView[];
  followUp: ConversationView[];
  /** The whole lists' lengths, up to COUNT_CAP (src/core/counts.ts); pinsDue counted as the badge counts it. */
  counts: { pinsDue: number; mine: number; followUp: number };
}

/** What is owed now, for the sidebar when no conversation is open: the head of each list and its length (a long
 * history owes thousands; reading them all would cost the sidebar a tenth of a second on every change). Views (a
 * few requests each) are built for the rows shown only, and the lengths are the badge's counts: the sidebar shows
 * neither waiting nor gone-quiet conversations, which sectionCounts would count as well. */
export async function loadGeneral(db: TurnkeeperDatabase, now: Date): Promise<GeneralView> {
  const page = { limit: GENERAL_LIST_LIMIT };
  const [due, mine, followUp, counts] = await Promise.all([
    // Due pins only: the sidebar lists no upcoming ones.
    pinnedPage(db, now, { ...page, upcomingLimit: 0 }),
    myTurn(db, now, page),
    followUpDue(db, now, page),
    badgeCounts(db, now),
  ]);
  return {
    pinsDue: due.rows,
    mine,
    followUp,
    counts: { pinsDue: due.count, mine: counts.mine, followUp: counts.followUp },
  };
}

/** The person on a profile page and their record with us; `person` null when we never talked. */
export async function loadProfile(
  db: TurnkeeperDatabase,
  profileUrl: string,
  now: Date,
): Promise<{ details: PersonDetails | null }> {
  const person = await findPersonByProfile(db, profileUrl);
  return { details: person ? await getPersonDetails(db, person.id, now) : null };
}
