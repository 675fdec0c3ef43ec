// The rows Turnkeeper keeps. These shapes are also the export format's (docs/export-format.md), so a change here is
// a change to a public promise: add fields, never rename or drop them without a new export version.
import type { Site } from '../sites/types';

export type { Site };

/** Whose turn it is: mine (they wrote last), theirs (I wrote last, within the waiting period), follow-up (I wrote
 * last, the waiting period passed without an answer), resting (the user said no reply is needed). */
export type TurnState = 'mine' | 'theirs' | 'follow-up' | 'resting';

export interface PersonRecord {
  id: string;
  name: string;
  /** Lower-cased addresses. */
  emails: string[];
  /** Canonical LinkedIn profile URLs (vanity and opaque member-id forms both kept when seen). */
  linkedin: string[];
  isMe: boolean;
  /** Set when the user merged this person into another; the row is kept so the merge can be undone. */
  mergedInto?: string;
  createdAt: string;
  updatedAt: string;
}

export interface ConversationRecord {
  /** `${site}:${threadId}` */
  id: string;
  site: Site;
  threadId: string;
  url: string;
  subject?: string;
  /** The other people in the conversation (never the user). */
  personIds: string[];
  /** Derived from the messages and the clock; recomputed at every change and when time passes. */
  turn: TurnState;
  turnSince: string | null;
  lastMessageAt: string | null;
  /** Whether the newest message is the user's own; null while the conversation has no message. */
  lastFromMe: boolean | null;
  /** "No reply needed" was said at this time; cleared by any newer message. */
  restingSince?: string | null;
  firstSeenAt: string;
  updatedAt: string;
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
}

export interface SettingRecord {
  key: string;
  value: unknown;
}
