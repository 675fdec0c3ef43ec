// The rows Turnkeeper keeps. These shapes are also the export format's (docs/export-format.md), so a change here is
// a change to a public promise: add fields, never rename or drop them without a new export version.
// `SearchRecord` is derived data (rebuilt from the others), not part of the export.
import type { Site } from '../core/site';
import type { TurnState } from '../core/turn';
import type { Attachment, ConversationKind } from '../sites/types';

export type { Site, TurnState };

/** The id of the one person row that is the user. */
export const ME_ID = 'me';

export interface PersonRecord {
  id: string;
  name: string;
  /** Lower-cased addresses. Each identity belongs to one person row. */
  emails: string[];
  /** Canonical LinkedIn profile URLs (vanity and opaque member-id forms both kept when seen). */
  linkedin: string[];
  isMe: boolean;
  /** Set when the user merged this person into another; the row is kept so the merge can be undone. */
  mergedInto?: string;
  createdAt: string;
  updatedAt: string;
  /** Added: the folded name (case, accents, whitespace), for same-name suggestions. */
  nameKey?: string;
}

export interface ConversationRecord {
  /** `${site}:${threadId}` */
  id: string;
  site: Site;
  threadId: string;
  url: string;
  subject?: string;
  /** The other people in the conversation (never the user). Rows as seen; merges are resolved by queries. */
  personIds: string[];
  /** Derived from the messages and the clock; a cache recomputed at every change and by refreshTurns. */
  turn: TurnState;
  turnSince: string | null;
  lastMessageAt: string | null;
  /** Whether the newest message is the user's own; null while the conversation has no message. */
  lastFromMe: boolean | null;
  /** "No reply needed" was said at this time; cleared by any newer message. */
  restingSince?: string | null;
  firstSeenAt: string;
  updatedAt: string;
  /** Added: who wrote the newest message. */
  lastPersonId?: string | null;
  /** Added: a sponsored conversation or a notice from the site (ThreadSnapshot.kind); never anyone's turn. */
  kind?: ConversationKind;
}

export interface MessageRecord {
  /** `${conversationId}|${captured message id}` */
  id: string;
  conversationId: string;
  personId: string;
  fromMe: boolean;
  sentAt: string | null;
  sentAtText: string;
  text: string;
  partial: boolean;
  /** When Turnkeeper first read it; orders messages whose time is unknown. */
  seenAt: string;
  /** Added: position on the page when first read; orders messages with the same time. */
  pos?: number;
  /** Added: what the message carries (voice note, file, shared post…; CapturedMessage.attachment). */
  attachment?: Attachment;
}

export interface NoteRecord {
  id: string;
  conversationId?: string;
  personId?: string;
  text: string;
  /** "I promised": shown above the timeline until done. */
  promised: boolean;
  done: boolean;
  createdAt: string;
  updatedAt: string;
  /** Added. */
  doneAt?: string | null;
}

export interface PinRecord {
  id: string;
  conversationId: string;
  dueAt: string;
  note?: string;
  createdAt: string;
  done: boolean;
  doneAt?: string | null;
  /** Set when the pin was made while waiting on them: their answer clears it. */
  clearOnReply: boolean;
  /** When a notification was shown for it, so it is shown once. */
  notifiedAt?: string | null;
  /** Added: why it is done: the user marked it, or their reply cleared it. */
  doneReason?: 'done' | 'replied' | null;
}

export interface SettingRecord {
  key: string;
  value: unknown;
}

export type LinkStatus = 'suggested' | 'dismissed' | 'merged';

/** Added: "these two people may be the same human". Suggested by ingest, confirmed or dismissed by the user. */
export interface LinkRecord {
  /** The two person ids, sorted, joined by '|': one row per pair, so a dismissed pair is never suggested again. */
  id: string;
  a: string;
  b: string;
  status: LinkStatus;
  reason: 'same-name' | 'shared-identity' | 'manual';
  createdAt: string;
  updatedAt: string;
  /** When merged: which one was merged into which (undo needs it). */
  mergedId?: string | null;
  keptId?: string | null;
  /** The status before the merge, restored by undo (null: the row did not exist and undo removes it). */
  statusBeforeMerge?: LinkStatus | null;
}

/** Derived: a row of the word index for full-text search (table `wordIndex`). Not exported; rebuilt from the other
 * tables. See src/db/search-index.ts. */
export interface SearchRecord {
  /** Increasing with every row written (the rows and word-index entries are only ever appended). With `key`, the
   * primary key. */
  seq: number;
  /** `${code}|${time}|${record id}`, code the kind's letter, time as 9 base-36 digits of epoch ms: sorts each kind
   * newest last. */
  key: string;
  /** `${code}|${record id}`: the record the row is for. */
  ref: string;
  /** Folded words (src/core/text.ts indexWords: none a prefix of another), each behind the kind's code. */
  words: string[];
}

/** What a word-index row is for. */
export type SearchKind = 'conversation' | 'note' | 'person';
