// The sidebar's reads, and the one write src/db has no action for: the conversation row that holds notes and pins for
// a page the adapter could not read. Everything goes through TurnkeeperDatabase (src/db/database.ts).
import type { Settings } from '../../core/settings';
import type { TurnkeeperDatabase } from '../../db/database';
import {
  findPersonByProfile,
  getPersonDetails,
  getSettings,
  getTimeline,
  listSuggestions,
  myTurn,
  followUpDue,
  pinsDue,
  sectionCounts,
  type ConversationView,
  type PersonDetails,
  type PinView,
  type SuggestionView,
  type Timeline,
} from '../../db/queries';
import type { ConversationRecord, NoteRecord, PinRecord } from '../../db/records';
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
  const timeline = await getTimeline(db, conversationId, now);
  if (!timeline) return null;
  const [settings, all] = await Promise.all([getSettings(db), listSuggestions(db)]);
  const ids = new Set(timeline.people.flatMap((p) => p.memberIds));
  const suggestions = all.filter(
    (s) => s.a.memberIds.some((id) => ids.has(id)) || s.b.memberIds.some((id) => ids.has(id)),
  );
  return { timeline, settings, suggestions };
}

/** How many items of each list the sidebar shows; the rest are counted and left to the dashboard. */
export const GENERAL_LIST_LIMIT = 8;

export interface GeneralView {
  pinsDue: PinView[];
  /** The first GENERAL_LIST_LIMIT of each list, in the dashboard's order. */
  mine: ConversationView[];
  followUp: ConversationView[];
  /** The whole lists' lengths, up to COUNT_CAP (src/core/counts.ts). */
  counts: { mine: number; followUp: number };
}

/** What is owed now, for the sidebar when no conversation is open: the head of each list and its length (a long
 * history owes thousands; reading them all would cost the sidebar a tenth of a second on every change). */
export async function loadGeneral(db: TurnkeeperDatabase, now: Date): Promise<GeneralView> {
  const page = { limit: GENERAL_LIST_LIMIT };
  const [due, mine, followUp, counts] = await Promise.all([
    pinsDue(db, now),
    myTurn(db, now, page),
    followUpDue(db, now, page),
    sectionCounts(db, now),
  ]);
  return { pinsDue: due, mine, followUp, counts: { mine: counts.mine, followUp: counts.followUp } };
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

// ── pages the adapter could not read ───────────────────────────────────────

/**
 * The stable part of a page's URL, so that notes made on an unreadable thread are found again on the next visit:
 * Gmail keys by the thread token at the end of the hash (the folder before it, `#inbox/` or `#label/x/`, changes
 * with how the user got there) under the account path; LinkedIn by the path. Query and other fragments are dropped.
 */
export function pageKey(site: Site, rawUrl: string): string {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return rawUrl;
  }
  if (site === 'gmail') {
    const parts = url.hash.replace(/^#/, '').split('?')[0]!.split('/').filter(Boolean);
    const token = parts.length > 1 ? parts[parts.length - 1]! : parts[0] ?? '';
    return `${url.origin}${url.pathname}${token ? `#all/${token}` : ''}`;
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

/** The conversation id for a page: `${site}:url:${pageKey}` (the shape `${site}:${threadId}` every id has). */
export function pageConversationId(site: Site, url: string): string {
  return `${site}:url:${pageKey(site, url)}`;
}

/**
 * Creates the row for a page's notes and pins if it is not there yet. It has no people and no messages, so its turn
 * is "empty" and it appears in no turn list; its pins are due like any other.
 */
export async function ensurePageConversation(
  db: TurnkeeperDatabase,
  site: Site,
  url: string,
  now: Date,
): Promise<string> {
  const id = pageConversationId(site, url);
  await db.transaction('rw', db.conversations, async () => {
    if (await db.conversations.get(id)) return;
    const nowIso = now.toISOString();
    const row: ConversationRecord = {
      id,
      site,
      threadId: id.slice(site.length + 1),
      url,
      personIds: [],
      turn: 'resting',
      turnSince: null,
      lastMessageAt: null,
      lastFromMe: null,
      restingSince: null,
      firstSeenAt: nowIso,
      updatedAt: nowIso,
      lastPersonId: null,
    };
    await db.conversations.add(row);
  });
  return id;
}

/** Notes and pins kept for a page (empty when none were made). */
export async function loadPageNotes(
  db: TurnkeeperDatabase,
  site: Site,
  url: string,
): Promise<{ conversationId: string; exists: boolean; notes: NoteRecord[]; pins: PinRecord[] }> {
  const conversationId = pageConversationId(site, url);
  const [conversation, notes, pins] = await Promise.all([
    db.conversations.get(conversationId),
    db.notes.where('conversationId').equals(conversationId).toArray(),
    db.pins.where('conversationId').equals(conversationId).toArray(),
  ]);
  notes.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  pins.sort((a, b) => Number(a.done) - Number(b.done) || (a.dueAt < b.dueAt ? -1 : 1));
  return { conversationId, exists: !!conversation, notes, pins };
}
