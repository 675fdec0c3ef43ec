// What the dashboard shows, read from the record for a given `now` (the db's clock-correct queries), and the row
// actions. Reads only in loadLists/loadTitles (they run inside a live read, src/db/live.ts).
import {
  addPin,
  badgeCounts,
  completePin,
  conversationTitles,
  deletePin,
  duePinsOf,
  followUpDue,
  getSettings,
  goneQuiet,
  hasConversations,
  myTurn,
  pinnedPage,
  restConversation,
  restorePin,
  sectionCounts,
  unrestConversation,
  waitingOnThem,
  type BadgeCounts,
  type ConversationView,
  type PinRecord,
  type TurnkeeperDatabase,
} from '../../db';
import type { Settings } from '../../core/settings';
import type { Site } from '../../core/site';

/** The live sections. Gone quiet comes after them, collapsed by default (GoneQuietSection.tsx). */
export type LiveListKey = 'mine' | 'followUp' | 'pinned' | 'waiting';
export type ListKey = LiveListKey | 'goneQuiet';
export const LIST_KEYS: readonly LiveListKey[] = ['mine', 'followUp', 'pinned', 'waiting'];

export interface Row {
  /** Unique on the page: `${list}:${conversation id}`, or `pinned:${pin id}`. */
  key: string;
  list: ListKey;
  conversation: ConversationView;
  /** Pinned rows: the pin, and whether it is due now. */
  pin?: PinRecord;
  pinDue?: boolean;
}

export interface Lists {
  /** Each list's first rows (all of them for an expanded list), for the site filter. */
  mine: Row[];
  followUp: Row[];
  pinned: Row[];
  waiting: Row[];
  /** Read only while its section is open (empty otherwise); newest first. */
  goneQuiet: Row[];
  /** Each list's full length, for the site filter. */
  counts: Record<ListKey, number>;
  /** What is due now on every site (the toolbar badge's figure). */
  due: BadgeCounts;
  /** Whether the record holds any conversation (none: show the empty state that teaches). */
  hasConversations: boolean;
  settings: Settings;
}

/** Upcoming pins listed at most (the due ones are all listed). */
export const UPCOMING_LIMIT = 200;

export interface ListOptions {
  site?: SiteFilter;
  /** Rows read per list (default: all). */
  limit?: number;
  /** Lists read whole whatever the limit ("Show all"). */
  expanded?: ReadonlySet<ListKey>;
  /** The gone-quiet section is open: read its rows (otherwise only its count). */
  goneQuietOpen?: boolean;
}

export async function loadLists(db: TurnkeeperDatabase, now: Date, options: ListOptions = {}): Promise<Lists> {
  const site = options.site && options.site !== 'all' ? options.site : null;
  const limitOf = (key: ListKey) => (options.expanded?.has(key) ? Infinity : (options.limit ?? Infinity));
  // Each list reads only its first rows, in order, from the indexes; the counts come from the indexes too.
  const page = (key: ListKey) => ({
    ...(site ? { site } : {}),
    ...(Number.isFinite(limitOf(key)) ? { limit: limitOf(key) } : {}),
  });
  const [settings, mine, followUp, waiting, quiet, counts, pinned, anyConversation, allSitesDue] = await Promise.all([
    getSettings(db),
    myTurn(db, now, page('mine')),
    followUpDue(db, now, page('followUp')),
    waitingOnThem(db, now, page('waiting')),
    options.goneQuietOpen ? goneQuiet(db, now, page('goneQuiet')) : Promise.resolve([]),
    sectionCounts(db, now, site ? { site } : {}),
    pinnedPage(db, now, { ...page('pinned'), upcomingLimit: UPCOMING_LIMIT }),
    hasConversations(db),
    // Without a site filter the section counts are the badge's figures: counted once.
    site ? badgeCounts(db, now) : null,
  ]);
  const rows = (list: ListKey, views: ConversationView[]): Row[] =>
    views.map((conversation) => ({ key: `${list}:${conversation.id}`, list, conversation }));
  return {
    mine: rows('mine', mine),
    followUp: rows('followUp', followUp),
    pinned: pinned.rows.map(({ pin, conversation, due }) => ({
      key: `pinned:${pin.id}`,
      list: 'pinned' as const,
      conversation,
      pin,
      pinDue: due,
    })),
    waiting: rows('waiting', waiting),
    goneQuiet: rows('goneQuiet', quiet),
    counts: {
      mine: counts.mine,
      followUp: counts.followUp,
      pinned: pinned.count,
      waiting: counts.waiting,
      goneQuiet: counts.goneQuiet,
    },
    due: allSitesDue ?? { mine: counts.mine, followUp: counts.followUp, pinsDue: counts.pinsDue, total: counts.total },
    hasConversations: anyConversation,
    settings,
  };
}

export type SiteFilter = 'all' | Site;
export const SITE_FILTERS: readonly SiteFilter[] = ['all', 'gmail', 'linkedin'];

export function bySite<T extends { conversation: { site: Site } }>(rows: readonly T[], site: SiteFilter): T[] {
  return site === 'all' ? [...rows] : rows.filter((r) => r.conversation.site === site);
}

/** Subject or first words for the conversations shown (only those: a title may need the newest message). */
export function loadTitles(
  db: TurnkeeperDatabase,
  conversations: readonly { id: string; subject?: string }[],
): Promise<Map<string, string>> {
  return conversationTitles(db, conversations);
}

// ── actions: each returns its undo ───────────────────────────────────────────

export type Undo = () => Promise<void>;

/** "No reply needed": the conversation rests until a new message arrives. */
export async function restRow(db: TurnkeeperDatabase, conversationId: string, now: Date): Promise<Undo> {
  const previous = await restConversation(db, conversationId, now);
  return () => unrestConversation(db, conversationId, new Date(), previous);
}

/**
 * Done. On a pinned row: the reminder is done. On a conversation row: it leaves every list until a new message
 * arrives (it rests) and its due reminders are done too.
 */
export async function doneRow(db: TurnkeeperDatabase, row: Row, now: Date): Promise<Undo> {
  if (row.pin) {
    const before = await completePin(db, row.pin.id, now);
    return () => restorePin(db, before);
  }
  const id = row.conversation.id;
  const duePins = await duePinsOf(db, id, now);
  const before: PinRecord[] = [];
  for (const p of duePins) before.push(await completePin(db, p.id, now));
  const previous = await restConversation(db, id, now);
  return async () => {
    await unrestConversation(db, id, new Date(), previous);
    for (const p of before) await restorePin(db, p);
  };
}

/** "Remind me" at `dueAt`. */
export async function remindRow(db: TurnkeeperDatabase, conversationId: string, dueAt: Date, now: Date): Promise<Undo> {
  const pin = await addPin(db, { conversationId, dueAt }, now);
  return async () => {
    await deletePin(db, pin.id);
  };
}
