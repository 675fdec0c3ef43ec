// The protocol between the content script, the background and the extension pages (sidebar, dashboard), as valibot
// schemas. They are its one source of truth: every message type is inferred from them (types.ts), and the background
// parses everything it receives with them (src/background/validate.ts). Content scripts run inside pages we do not
// control, so what they send is checked like any untrusted input: exact types, bounded sizes (limits.ts).
// The schemas of what the background sends (sidebar state, tab context, replies) are not parsed by their receivers
// today; they are written the same way so that their types come from the same place and a test can check them.
//
// Only the background and the extension pages import this file for its values: the content script imports its types
// alone (`import type`), so valibot stays out of the script that runs inside Gmail and LinkedIn.
import * as v from 'valibot';
import {
  MAX_IDENTITIES,
  MAX_LIST_NAMES,
  MAX_LIST_ROWS,
  MAX_LIST_SNIPPET,
  MAX_MESSAGES,
  MAX_PEOPLE,
  MAX_PROBLEMS,
  MAX_SHORT,
  MAX_TEXT,
  MAX_THREADS,
} from './limits';

const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT));
const httpsUrl = v.pipe(
  v.string(),
  v.maxLength(MAX_SHORT),
  v.check((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https URL'),
);
const nonEmptyShortText = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SHORT));
export const siteSchema = v.picklist(['gmail', 'linkedin']);
const themeSchema = v.picklist(['light', 'dark']);

// ── what an adapter read (the shapes of src/sites/types.ts, bounded) ────────
export const personSchema = v.strictObject({
  name: shortText,
  email: v.optional(shortText),
  profileUrl: v.optional(httpsUrl),
  isMe: v.boolean(),
});

export const attachmentSchema = v.strictObject({
  kind: v.picklist(['voice', 'image', 'gif', 'sticker', 'video', 'file', 'post', 'article', 'link', 'event', 'call', 'other']),
  duration: v.optional(shortText),
  name: v.optional(shortText),
  author: v.optional(shortText),
  title: v.optional(shortText),
});

export const capturedMessageSchema = v.strictObject({
  id: nonEmptyShortText,
  from: personSchema,
  sentAt: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
  sentAtText: shortText,
  text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  partial: v.boolean(),
  attachment: v.optional(attachmentSchema),
});

export const threadSnapshotSchema = v.strictObject({
  site: siteSchema,
  threadId: nonEmptyShortText,
  url: httpsUrl,
  subject: v.optional(shortText),
  participants: v.pipe(v.array(personSchema), v.maxLength(MAX_PEOPLE)),
  messages: v.pipe(v.array(capturedMessageSchema), v.maxLength(MAX_MESSAGES)),
  kind: v.optional(v.picklist(['sponsored', 'system'])),
  hiddenMessageCount: v.optional(v.pipe(v.number(), v.integer(), v.minValue(0))),
});

export const profileSnapshotSchema = v.strictObject({
  site: siteSchema,
  name: shortText,
  profileUrl: httpsUrl,
  headline: v.optional(shortText),
});

export const readResultSchema = v.strictObject({
  threads: v.pipe(v.array(threadSnapshotSchema), v.maxLength(MAX_THREADS)),
  profile: v.optional(profileSnapshotSchema),
  problems: v.pipe(v.array(shortText), v.maxLength(MAX_PROBLEMS)),
  me: v.optional(
    v.strictObject({
      emails: v.pipe(v.array(shortText), v.maxLength(MAX_IDENTITIES)),
      profileUrls: v.pipe(v.array(httpsUrl), v.maxLength(MAX_IDENTITIES)),
    }),
  ),
});

// ── content script → background ─────────────────────────────────────────────
const pageReadSchema = v.strictObject({
  type: v.literal('page/read'),
  site: siteSchema,
  url: httpsUrl,
  result: readResultSchema,
  theme: v.optional(themeSchema),
});
// A list on the page changed (Gmail's thread list, LinkedIn's conversation list): the rows shown, once per change.
// The background answers with the chips of the known conversations among them, and learns what the rows prove.
const isoOrNull = v.nullable(v.pipe(v.string(), v.isoTimestamp()));
const listSnippet = v.pipe(v.string(), v.maxLength(MAX_LIST_SNIPPET));
const listGeneration = v.pipe(v.number(), v.integer(), v.minValue(0));
export const gmailListRowSchema = v.strictObject({
  threadId: nonEmptyShortText,
  lastMessageId: v.optional(nonEmptyShortText),
  unread: v.boolean(),
  newestAt: isoOrNull,
  newestAtText: shortText,
  snippet: listSnippet,
});
export const linkedinListRowSchema = v.strictObject({
  /** The card's thread id, or `people:` and its names (src/content/list-chips.ts cardKey). */
  key: nonEmptyShortText,
  threadId: v.nullable(nonEmptyShortText),
  participantNames: v.pipe(v.array(nonEmptyShortText), v.maxLength(MAX_LIST_NAMES)),
  snippetPrefix: shortText,
  snippetText: listSnippet,
  timeText: shortText,
  unread: v.boolean(),
  sponsoredLabel: v.optional(shortText),
});
const listStatesSchema = v.variant('site', [
  v.strictObject({
    type: v.literal('list/states'),
    site: v.literal('gmail'),
    url: httpsUrl,
    generation: listGeneration,
    rows: v.pipe(v.array(gmailListRowSchema), v.maxLength(MAX_LIST_ROWS)),
  }),
  v.strictObject({
    type: v.literal('list/states'),
    site: v.literal('linkedin'),
    url: httpsUrl,
    generation: listGeneration,
    rows: v.pipe(v.array(linkedinListRowSchema), v.maxLength(MAX_LIST_ROWS)),
  }),
]);

/** The user opened or collapsed the sidebar; remembered per site. Harmless, so content scripts may send it too. */
const sidebarSetOpenSchema = v.strictObject({ type: v.literal('sidebar/set-open'), open: v.boolean() });

// ── extension pages → background (privileged: accepted only from the extension's own pages) ──
const sidebarHelloSchema = v.strictObject({ type: v.literal('sidebar/hello') });
/** A page changed the record (pin, note, rest, import, settings): recompute badge and alarms now. */
const recordChangedSchema = v.strictObject({ type: v.literal('record/changed') });
const openConversationSchema = v.strictObject({ type: v.literal('conversation/open'), url: httpsUrl });

/** Everything the background accepts, from anyone; who may send which is src/background/sender.ts's rule. */
export const toBackgroundSchema = v.variant('type', [
  pageReadSchema,
  listStatesSchema,
  sidebarSetOpenSchema,
  sidebarHelloSchema,
  recordChangedSchema,
  openConversationSchema,
]);
export const contentToBackgroundSchema = v.variant('type', [pageReadSchema, listStatesSchema, sidebarSetOpenSchema]);
export const pageToBackgroundSchema = v.variant('type', [
  sidebarHelloSchema,
  sidebarSetOpenSchema,
  recordChangedSchema,
  openConversationSchema,
]);

// ── background → content script ─────────────────────────────────────────────
export const sidebarApplySchema = v.strictObject({
  type: v.literal('sidebar/apply'),
  open: v.boolean(),
  /** The turn of the main conversation, for the collapsed tab's badge. */
  badge: v.optional(v.nullable(v.picklist(['mine', 'theirs', 'follow-up', 'resting', 'pinned']))),
  /** The collapsed tab's accessible name for that badge ("Open Turnkeeper: your turn"), in the browser's language.
   * Worded by the background: the content script's first i18n lookup waits, in the page's main thread, for the
   * browser to send the extension's messages (18 ms of a load of the bench's Gmail page, in a sampling profile).
   * Absent: the name stays. */
  tabLabel: v.optional(shortText),
});

/** One row's chip, worded by the background (src/core/chip-words.ts); `threadId` is the row's key. */
export const listChipSchema = v.strictObject({
  threadId: v.string(),
  label: v.string(),
  reason: v.string(),
  state: v.picklist(['mine', 'follow-up', 'theirs', 'pinned', 'changed']),
});

// ── background → extension pages (broadcast) ────────────────────────────────
/**
 * Set when what the page showed could not be stored: the disk is full or over quota (`storage-full`), the database
 * is held at an older version by another open window (`database-blocked`), or it could not be opened at all
 * (`database-failed`). What was stored before is intact; the page is read again on its next change.
 */
export const storageErrorSchema = v.picklist(['storage-full', 'database-blocked', 'database-failed']);

/** What the sidebar of one tab is about. Kept by the background per tab, pushed to that tab's sidebar. */
export const tabContextSchema = v.strictObject({
  site: siteSchema,
  url: v.string(),
  /** Conversations open on the page (`${site}:${threadId}`), the main one first. Empty when none is open. */
  conversationIds: v.array(v.string()),
  profile: v.optional(profileSnapshotSchema),
  /** The page looked like a conversation but the adapter could not read it. */
  unreadable: v.boolean(),
  /** Structural problems the adapter reported (never page text). */
  problems: v.array(v.string()),
  readAt: v.string(),
  storageError: v.optional(storageErrorSchema),
  /** The page's own theme, when it shows one (a dark Gmail theme on a light system); else follow the system. */
  theme: v.optional(themeSchema),
});

export const tabContextMessageSchema = v.strictObject({
  type: v.literal('tab/context'),
  tabId: v.number(),
  context: v.nullable(tabContextSchema),
});
