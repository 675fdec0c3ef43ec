// Reads for the sidebar, the dashboard and the background. Every function only reads through Dexie (no writes, no
// other side effects), so each can run inside liveQuery. Turns are computed from the record and the `now` given,
// never taken from the cached `turn` alone, so results are right even when the cache is stale; re-run with a new
// `now` as time passes (liveQuery re-runs only when the data changes).
import Dexie from 'dexie';
import { cappedSum, COUNT_CAP } from '../core/counts';
import { canonicalProfileUrl, linkedinMemberId, normalizeEmail } from '../core/identity';
import type { Settings } from '../core/settings';
import { makeSnippet, matchesAll, queryTokens, tokenize } from '../core/text';
import {
  compareMessages,
  computeTurn,
  followUpCutoff,
  followUpDueAt,
  type TurnExplanation,
} from '../core/turn';
import type { Site } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { mergeGroup, resolveRoots } from './internal';
import type {
  ConversationRecord,
  LinkRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  PinRecord,
  SearchKind,
  TurnState,
} from './records';
import { ME_ID } from './records';
import { kindCode, parseSearchKey, SEARCH_KINDS, searchKeyTime } from './search-index';
import { getSettings } from './settings';

export { getSettings };
export { saveSettings } from './settings';
export { DEFAULT_SETTINGS, type Settings, type SettingsPatch } from './settings';

// ── shapes ─────────────────────────────────────────────────────────────────

/** A person as the user sees them: merges resolved (id is the root row's). */
export interface PersonSummary {
  id: string;
  /** Display name: the name, else the first address or profile id, else ''. */
  name: string;
}

export interface PersonView extends PersonSummary {
  /** Union over the merged rows. */
  emails: string[];
  linkedin: string[];
  /** Every row id standing for this person (root first), as found in conversations' personIds and messages. */
  memberIds: string[];
  createdAt: string;
}

/** A conversation with its turn computed for `now` (turn, turnSince overwritten), explained, and its people. */
export interface ConversationView extends ConversationRecord {
  explanation: TurnExplanation;
  /** The other people, merges resolved, de-duplicated. */
  people: PersonSummary[];
  /** When a conversation I wrote last becomes (or became) follow-up; null otherwise. */
  followUpAt: string | null;
}

export interface TimelineMessage extends MessageRecord {
  site: Site;
  /** The sender, merges resolved; ME_ID for the user. */
  senderId: string;
  senderName: string;
  /** Whether the message belongs to the conversation the timeline was asked for. */
  inThisConversation: boolean;
}

export interface Timeline {
  conversation: ConversationView;
  /** The other people of this conversation. */
  people: PersonView[];
  /** Every conversation with any of those people, on both sites, newest first (this one included). */
  conversations: ConversationView[];
  /** All their messages, oldest first (sentAt, else seenAt; then page position). */
  messages: TimelineMessage[];
  /** Notes on this conversation, oldest first. */
  notes: NoteRecord[];
  /** Notes on its people, oldest first. */
  personNotes: NoteRecord[];
  /** This conversation's pins, open ones first, by due time. */
  pins: PinRecord[];
}

export interface PersonDetails {
  person: PersonView;
  /** Every conversation with this person on both sites, newest first. */
  conversations: ConversationView[];
  notes: NoteRecord[];
  /** Link suggestions involving this person (status suggested). */
  suggestions: LinkRecord[];
}

export interface PinView {
  pin: PinRecord;
  conversation: ConversationView | null;
}

/** Counted up to COUNT_CAP (src/core/counts.ts), as SectionCounts. */
export interface BadgeCounts {
  mine: number;
  followUp: number;
  pinsDue: number;
  /** mine + followUp + pinsDue */
  total: number;
}

export interface SearchHit {
  kind: SearchHitKind;
  /** The message / conversation (subject) / note / person (root) id. */
  refId: string;
  conversationId: string | null;
  /** The person (merges resolved): the sender of a message, the subject of a note or a person hit. */
  personId: string | null;
  /** ISO time of what the hit shows: the message, the conversation's newest message (subject), the note, the person
   * first seen. Hits are ordered by their row's time: a conversation's newest message. */
  at: string;
  snippet: string;
  /** Where the match is in `snippet` (UTF-16 offsets), for highlighting. */
  match: [number, number] | null;
}

export interface SuggestionView {
  link: LinkRecord;
  a: PersonView;
  b: PersonView;
}

// ── helpers ────────────────────────────────────────────────────────────────

function displayName(p: PersonRecord): string {
  if (p.name.trim()) return p.name.trim();
  if (p.emails[0]) return p.emails[0];
  const first = p.linkedin[0];
  return first ? (linkedinMemberId(first) ?? first) : '';
}

function personView(group: PersonRecord[]): PersonView {
  const root = group[0]!;
  return {
    id: root.id,
    name: displayName(root),
    emails: [...new Set(group.flatMap((p) => p.emails))],
    linkedin: [...new Set(group.flatMap((p) => p.linkedin))],
    memberIds: group.map((p) => p.id),
    createdAt: root.createdAt,
  };
}

async function personViews(db: TurnkeeperDatabase, ids: readonly string[]): Promise<Map<string, PersonView>> {
  const roots = await resolveRoots(db, ids);
  const views = new Map<string, PersonView>();
  for (const root of new Set(roots.values())) {
    if (!views.has(root.id)) views.set(root.id, personView(await mergeGroup(db, root.id)));
  }
  const out = new Map<string, PersonView>();
  for (const [id, root] of roots) out.set(id, views.get(root.id)!);
  return out;
}

function byTime(a: string | null, b: string | null): number {
  return (a ? Date.parse(a) : -Infinity) - (b ? Date.parse(b) : -Infinity);
}

/** Views for conversations: turn for `now`, explanation with names, people resolved. */
export async function conversationViews(
  db: TurnkeeperDatabase,
  convs: readonly ConversationRecord[],
  now: Date,
  settings?: Settings,
): Promise<ConversationView[]> {
  const s = settings ?? (await getSettings(db));
  const ids = new Set<string>();
  for (const c of convs) {
    for (const id of c.personIds) ids.add(id);
    if (c.lastPersonId) ids.add(c.lastPersonId);
  }
  const roots = await resolveRoots(db, [...ids]);
  return convs.map((c) => {
    const people: PersonSummary[] = [];
    for (const id of c.personIds) {
      const r = roots.get(id);
      if (r && r.id !== ME_ID && !people.some((p) => p.id === r.id)) people.push({ id: r.id, name: displayName(r) });
    }
    const last = c.lastPersonId ? roots.get(c.lastPersonId) : undefined;
    const t = computeTurn(
      {
        ...c,
        lastSenderName: last && last.id !== ME_ID ? displayName(last) : null,
        contactName: people[0]?.name ?? null,
      },
      now,
      s,
    );
    const followUpAt =
      c.lastFromMe && c.lastMessageAt && t.turn !== 'resting' ? followUpDueAt(c.lastMessageAt, s).toISOString() : null;
    return { ...c, turn: t.turn, turnSince: t.since, explanation: t.explanation, people, followUpAt };
  });
}

// ── people and conversations ───────────────────────────────────────────────

/** Everything about a person: every conversation on both sites (newest first), notes, open suggestions. Merges
 * resolved: asking for any merged row gives its root. */
export async function getPersonDetails(
  db: TurnkeeperDatabase,
  personId: string,
  now: Date,
): Promise<PersonDetails | null> {
  const root = (await resolveRoots(db, [personId])).get(personId);
  if (!root) return null;
  const group = await mergeGroup(db, root.id);
  const ids = group.map((p) => p.id);
  const [convs, notes, linksA, linksB] = await Promise.all([
    db.conversations.where('personIds').anyOf(ids).distinct().toArray(),
    db.notes.where('personId').anyOf(ids).toArray(),
    db.links.where('a').anyOf(ids).toArray(),
    db.links.where('b').anyOf(ids).toArray(),
  ]);
  convs.sort((a, b) => byTime(b.lastMessageAt, a.lastMessageAt) || (a.id < b.id ? -1 : 1));
  notes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  const suggestions = [...new Map([...linksA, ...linksB].map((l) => [l.id, l])).values()].filter(
    (l) => l.status === 'suggested',
  );
  return { person: personView(group), conversations: await conversationViews(db, convs, now), notes, suggestions };
}

/** The running record for an open conversation: all messages of all conversations with the same people (any of
 * them, merges resolved) on both sites, oldest first, plus this conversation's notes and pins. */
export async function getTimeline(
  db: TurnkeeperDatabase,
  conversationId: string,
  now: Date,
): Promise<Timeline | null> {
  const conv = await db.conversations.get(conversationId);
  if (!conv) return null;
  const settings = await getSettings(db);
  const people = await personViews(db, conv.personIds);
  const uniquePeople = [...new Map([...people.values()].filter((p) => p.id !== ME_ID).map((p) => [p.id, p])).values()];
  const allIds = [...new Set(uniquePeople.flatMap((p) => p.memberIds))];
  const related = allIds.length
    ? await db.conversations.where('personIds').anyOf(allIds).distinct().toArray()
    : [];
  if (!related.some((c) => c.id === conv.id)) related.push(conv);
  related.sort((a, b) => byTime(b.lastMessageAt, a.lastMessageAt) || (a.id < b.id ? -1 : 1));
  const convIds = related.map((c) => c.id);
  const [messages, notes, personNotes, pins] = await Promise.all([
    db.messages.where('conversationId').anyOf(convIds).toArray(),
    db.notes.where('conversationId').equals(conv.id).toArray(),
    allIds.length ? db.notes.where('personId').anyOf(allIds).toArray() : Promise.resolve([]),
    db.pins.where('conversationId').equals(conv.id).toArray(),
  ]);
  messages.sort(compareMessages);
  const senders = await personViews(db, [...new Set(messages.map((m) => m.personId))]);
  const siteOf = new Map(related.map((c) => [c.id, c.site]));
  const timeline: TimelineMessage[] = messages.map((m) => {
    const sender = senders.get(m.personId);
    return {
      ...m,
      site: siteOf.get(m.conversationId) ?? conv.site,
      senderId: m.fromMe ? ME_ID : (sender?.id ?? m.personId),
      senderName: m.fromMe ? '' : (sender?.name ?? ''),
      inThisConversation: m.conversationId === conv.id,
    };
  });
  notes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  personNotes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  pins.sort((a, b) => Number(a.done) - Number(b.done) || byTime(a.dueAt, b.dueAt));
  const views = await conversationViews(db, related, now, settings);
  return {
    conversation: views.find((v) => v.id === conv.id)!,
    people: uniquePeople,
    conversations: views,
    messages: timeline,
    notes,
    personNotes,
    pins,
  };
}

/** The person a LinkedIn profile (any form: URL, /in/<id>, id) belongs to, merges resolved. */
export async function findPersonByProfile(
  db: TurnkeeperDatabase,
  profileUrl: string,
): Promise<PersonRecord | undefined> {
  const url = canonicalProfileUrl(profileUrl);
  if (!url) return undefined;
  const row = await db.people.where('linkedin').equals(url).first();
  return row ? (await resolveRoots(db, [row.id])).get(row.id) : undefined;
}

/** The person an email address belongs to, merges resolved. */
export async function findPersonByEmail(db: TurnkeeperDatabase, email: string): Promise<PersonRecord | undefined> {
  const e = normalizeEmail(email);
  if (!e) return undefined;
  const row = await db.people.where('emails').equals(e).first();
  return row ? (await resolveRoots(db, [row.id])).get(row.id) : undefined;
}

export async function findConversation(
  db: TurnkeeperDatabase,
  site: Site,
  threadId: string,
): Promise<ConversationRecord | undefined> {
  return db.conversations.get(`${site}:${threadId}`);
}

// ── lists ──────────────────────────────────────────────────────────────────
//
// Each list is read in its order straight from a compound index ([turn+turnSince] / [turn+lastMessageAt], or the
// [site+turn+…] ones for one site), so a page of `limit` rows reads about `offset + limit` rows and resolves people
// for the returned rows only. The clock-dependent split between waiting and follow-up is taken from the index too:
// a conversation I wrote last is follow-up exactly when its lastMessageAt <= followUpCutoff(now), whatever its
// cached turn says ('theirs' or 'follow-up'), so both cached states are read on each side of the cutoff. Every row
// read is still checked against the turn computed for `now`.

const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

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
/** The rows of `collection`, counted up to COUNT_CAP: reading at most that many keys costs less than IndexedDB's
 * count of a long range, which walks all of it. */
async function countUpTo(collection: ConvCollection): Promise<number> {
  return (await collection.limit(COUNT_CAP).primaryKeys()).length;
}

function turnRange(
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

/** Counts for the toolbar badge. */
export async function badgeCounts(db: TurnkeeperDatabase, now: Date): Promise<BadgeCounts> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const [mine, f1, f2, pinsDueCount] = await Promise.all([
    countUpTo(db.conversations.where('turn').equals('mine')),
    countUpTo(turnRange(db, 'theirs', 'lastMessageAt', MIN, cutoff)),
    countUpTo(turnRange(db, 'follow-up', 'lastMessageAt', MIN, cutoff)),
    db.pins.where('dueAt').belowOrEqual(now.toISOString()).filter((p) => !p.done).count(),
  ]);
  const followUp = cappedSum(f1, f2);
  return { mine, followUp, pinsDue: pinsDueCount, total: cappedSum(mine, followUp, pinsDueCount) };
}

/** The next moment something becomes due (a conversation turns follow-up, or a pin), after `now`; the background
 * schedules its alarm there. Null when nothing is pending. */
export async function nextDueAt(db: TurnkeeperDatabase, now: Date): Promise<string | null> {
  const settings = await getSettings(db);
  const cutoff = followUpCutoff(now, settings).toISOString();
  const [theirs, pin] = await Promise.all([
    turnRange(db, 'theirs', 'lastMessageAt', cutoff, MAX, { fromOpen: true }).first(),
    db.pins.where('dueAt').above(now.toISOString()).filter((p) => !p.done).first(),
  ]);
  const candidates: string[] = [];
  if (theirs?.lastMessageAt) candidates.push(followUpDueAt(theirs.lastMessageAt, settings).toISOString());
  if (pin) candidates.push(pin.dueAt);
  return candidates.sort((a, b) => byTime(a, b))[0] ?? null;
}

/** Open "same person?" suggestions with both people. */
export async function listSuggestions(db: TurnkeeperDatabase): Promise<SuggestionView[]> {
  const links = await db.links.where('status').equals('suggested').toArray();
  const views = await personViews(db, links.flatMap((l) => [l.a, l.b]));
  const out: SuggestionView[] = [];
  for (const link of links) {
    const a = views.get(link.a);
    const b = views.get(link.b);
    if (a && b && a.id !== b.id) out.push({ link, a, b });
  }
  return out;
}

// ── search ─────────────────────────────────────────────────────────────────
//
// Measured in Chromium's IndexedDB, reading an index costs about as much per entry as reading whole rows from the
// table (6–9 µs), and counting costs the same as reading: so no query reads a common word's complete key set.

/** A token matching at most this many index entries is "selective": its complete key set is read. */
const PROBE = 300;
/** At most this many rows are read per step when scanning the word index newest first. A step reads about as many
 * rows as the density of matches seen so far says the missing hits need (a conversation's row is large: ~0.1 ms). */
const SCAN_CHUNK = 500;
/** How many rows, newest first, are scanned for a query of common words before their key sets are intersected. */
const SCAN_CAP = 20_000;

const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

type IndexKey = [number, string];
const byKeyDesc = (a: IndexKey, b: IndexKey) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);

/** Of `candidates` (primary keys, newest first), the keys of those whose row has every one of `terms`, newest
 * first, until `want` are found (all of them when `terms` is empty: nothing to read). */
async function verified(db: TurnkeeperDatabase, candidates: readonly IndexKey[], terms: readonly string[], want: number): Promise<string[]> {
  if (!terms.length) return candidates.map((k) => k[1]);
  const found: string[] = [];
  for (let start = 0; start < candidates.length && found.length < want; ) {
    const end = start + Math.max(16, (want - found.length) * 2);
    const rows = await db.wordIndex.bulkGet(candidates.slice(start, end));
    for (const r of rows) if (r && matchesAll(r.words, terms)) found.push(r.key);
    start = end;
  }
  return found;
}

/**
 * The keys of one kind's word-index rows matching every token, newest first (at least `want` of them when there
 * are). Index entries carry their row's key, so ordering candidates reads no row.
 * 1. Each token's entries are probed with a small limit, all at once. When some token is selective, its complete
 *    set (intersected with the other complete ones) is the candidate list, newest first; candidates are read only
 *    to check them against the common tokens, until `want` match.
 * 2. When every token is common, matches are usually dense: rows are read newest first through the key index, as
 *    many per step as the density of matches so far says the missing hits need, until `want` match or SCAN_CAP rows
 *    were read.
 * 3. A rare combination of common words past SCAN_CAP: the tokens' full sets are intersected (slow, rare).
 */
async function matchingKeysOfKind(
  db: TurnkeeperDatabase,
  kind: SearchKind,
  tokens: readonly string[],
  want: number,
): Promise<string[]> {
  const code = kindCode(kind);
  const terms = tokens.map((t) => code + t);
  const probes = await Promise.all(
    terms.map((t) => db.wordIndex.where('words').startsWith(t).limit(PROBE + 1).primaryKeys()),
  );
  const intersect = (sets: IndexKey[][]): IndexKey[] => {
    const sorted = [...sets].sort((a, b) => a.length - b.length);
    let out = sorted[0]!;
    for (const other of sorted.slice(1)) {
      const seqs = new Set(other.map((k) => k[0]));
      out = out.filter((k) => seqs.has(k[0]));
    }
    return [...new Map(out.map((k) => [k[0], k])).values()].sort(byKeyDesc);
  };
  const complete = probes.flatMap((p, i) => (p.length <= PROBE ? [{ keys: p, i }] : []));
  if (complete.length) {
    const candidates = intersect(complete.map((c) => c.keys));
    const common = terms.filter((_, i) => !complete.some((c) => c.i === i));
    return verified(db, candidates, common, want);
  }
  const found = new Set<string>();
  let scanned = 0;
  let upper = `${code}|\uffff`;
  let chunk = want;
  while (found.size < want && scanned < SCAN_CAP) {
    const rows = await db.wordIndex.where('key').between(`${code}|`, upper).reverse().limit(chunk).toArray();
    scanned += rows.length;
    for (const row of rows) if (matchesAll(row.words, terms)) found.add(row.key);
    if (rows.length < chunk) return [...found];
    upper = rows[rows.length - 1]!.key;
    const density = Math.max(found.size / scanned, 0.01);
    chunk = Math.min(SCAN_CHUNK, Math.ceil(((want - found.size) / density) * 1.25) + 4);
  }
  if (found.size >= want) return [...found];
  const sets = await Promise.all(terms.map((t) => db.wordIndex.where('words').startsWith(t).primaryKeys()));
  return intersect(sets).map((k) => k[1]);
}

/** The keys of the word-index rows matching every token, newest first across kinds (each kind looked up apart). */
async function matchingKeys(db: TurnkeeperDatabase, tokens: readonly string[], want: number): Promise<string[]> {
  const perKind = await Promise.all(SEARCH_KINDS.map((kind) => matchingKeysOfKind(db, kind, tokens, want)));
  return perKind.flat().sort((a, b) => {
    const ta = searchKeyTime(a);
    const tb = searchKeyTime(b);
    return ta < tb ? 1 : ta > tb ? -1 : desc(a, b);
  });
}

/** What a hit is: a message (the best match of a conversation), a conversation's subject, a note, a person. */
export type SearchHitKind = 'message' | 'subject' | 'note' | 'person';

/** How many of `tokens` prefix-match a word of `text`. */
function tokensMatched(text: string, tokens: readonly string[]): number {
  const words = tokenize(text);
  let n = 0;
  for (const t of tokens) if (words.some((w) => w.startsWith(t))) n++;
  return n;
}

/**
 * What a conversation that matched shows: the message matching the most query words, the newest of those; the
 * subject instead when it matches every word and no message does.
 */
function bestOfConversation(
  conv: ConversationRecord,
  messages: readonly MessageRecord[],
  tokens: readonly string[],
): { message: MessageRecord } | { subject: string } | null {
  // Newest first: the first message with every word is the answer, and usually comes early.
  const newestFirst = [...messages].sort((a, b) => compareMessages(b, a));
  let best: MessageRecord | null = null;
  let bestCount = 0;
  for (const m of newestFirst) {
    const n = tokensMatched(m.text, tokens);
    if (n > bestCount) {
      best = m;
      bestCount = n;
      if (n === tokens.length) return { message: m };
    }
  }
  if (conv.subject && tokensMatched(conv.subject, tokens) === tokens.length) return { subject: conv.subject };
  if (best) return { message: best };
  return conv.subject ? { subject: conv.subject } : null;
}

/**
 * Full-text search over conversations (subject and message texts together), notes, and people's names and
 * addresses. Case-, accent- and width-insensitive; every query word must match the start of some word of the same
 * conversation, note or person (prefix), any script (texts without spaces are matched by character pairs). One hit
 * per conversation, showing its best message (see bestOfConversation), ordered by the conversation's newest
 * message; newest first, at most `limit` hits; people are merged-resolved and de-duplicated.
 */
export async function search(
  db: TurnkeeperDatabase,
  query: string,
  options: { limit?: number } = {},
): Promise<SearchHit[]> {
  const limit = options.limit ?? 50;
  const tokens = queryTokens(query);
  if (!tokens.length || limit <= 0) return [];
  const keys = await matchingKeys(db, tokens, limit + 10);
  const hits: SearchHit[] = [];
  const seenPeople = new Set<string>();
  // A batch reads what the hits still missing need (a few more: a person may be a duplicate of a merged one).
  for (let start = 0, end = 0; start < keys.length && hits.length < limit; start = end) {
    end = start + limit - hits.length + 5;
    const batch = keys.slice(start, end).map(parseSearchKey);
    const ids = (kind: SearchKind) => batch.filter((b) => b.kind === kind).map((b) => b.refId);
    const convIds = ids('conversation');
    const [convs, convMessages, notes, people] = await Promise.all([
      db.conversations.bulkGet(convIds),
      Promise.all(convIds.map((id) => db.messages.where('conversationId').equals(id).toArray())),
      db.notes.bulkGet(ids('note')),
      db.people.bulkGet(ids('person')),
    ]);
    const best = new Map<string, { conv: ConversationRecord; best: ReturnType<typeof bestOfConversation> }>();
    convs.forEach((c, i) => {
      if (c) best.set(c.id, { conv: c, best: bestOfConversation(c, convMessages[i]!, tokens) });
    });
    const found = new Map<string, NoteRecord | PersonRecord>();
    for (const r of [...notes, ...people]) if (r) found.set(r.id, r);
    const personIds = [
      ...[...best.values()].flatMap(({ best: b }) => (b && 'message' in b && !b.message.fromMe ? [b.message.personId] : [])),
      ...notes.flatMap((n) => (n?.personId ? [n.personId] : [])),
      ...people.flatMap((p) => (p ? [p.id] : [])),
    ];
    const roots = await resolveRoots(db, personIds);
    for (const { kind, refId, at } of batch) {
      if (hits.length >= limit) break;
      if (kind === 'conversation') {
        const entry = best.get(refId);
        if (!entry?.best) continue;
        if ('message' in entry.best) {
          const m = entry.best.message;
          const snippet = makeSnippet(m.text, tokens);
          hits.push({
            kind: 'message',
            refId: m.id,
            conversationId: refId,
            personId: m.fromMe ? ME_ID : (roots.get(m.personId)?.id ?? m.personId),
            at: m.sentAt ?? m.seenAt,
            snippet: snippet.text,
            match: snippet.match,
          });
        } else {
          const snippet = makeSnippet(entry.best.subject, tokens);
          hits.push({ kind: 'subject', refId, conversationId: refId, personId: null, at, snippet: snippet.text, match: snippet.match });
        }
        continue;
      }
      const row = found.get(refId);
      if (!row) continue;
      if (kind === 'note') {
        const n = row as NoteRecord;
        const snippet = makeSnippet(n.text, tokens);
        hits.push({
          kind: 'note',
          refId,
          conversationId: n.conversationId ?? null,
          personId: n.personId ? (roots.get(n.personId)?.id ?? n.personId) : null,
          at,
          snippet: snippet.text,
          match: snippet.match,
        });
      } else {
        const p = row as PersonRecord;
        const root = roots.get(p.id) ?? p;
        if (root.id === ME_ID || seenPeople.has(root.id)) continue;
        seenPeople.add(root.id);
        const snippet = makeSnippet([p.name, ...p.emails].join(' '), tokens);
        hits.push({ kind: 'person', refId: root.id, conversationId: null, personId: root.id, at, snippet: snippet.text, match: snippet.match });
      }
    }
  }
  return hits;
}
