// The adapter contract (docs/architecture.md, "The adapter contract"). Site adapters are the only code that knows a
// site's markup. They are pure: they read the document, the URL and the clock they are given, do no I/O, and never
// throw on unexpected markup.

import type { Site } from '../core/site';

export type { Site };

export interface Person {
  name: string;
  email?: string;
  /** A LinkedIn profile URL, canonical form `https://www.linkedin.com/in/<slug-or-member-id>/`. */
  profileUrl?: string;
  isMe: boolean;
}

export interface CapturedMessage {
  /** Stable: the page's own id, else derived from sender + time + text. */
  id: string;
  from: Person;
  /** ISO 8601 in UTC; null when the page gives no parseable time. Never guessed. */
  sentAt: string | null;
  /** What the page showed, kept verbatim so an unparsed time is not lost. */
  sentAtText: string;
  /** Plain text, never HTML. For a collapsed message, the snippet. */
  text: string;
  /** True when only a snippet or a preview was visible. */
  partial: boolean;
  /**
   * What the message carries besides (or instead of) words: a voice note, a photo, a file, a shared post… Absent on
   * plain text and on records made before it existed. When the message has no words of its own, `text` holds an
   * English description (describeAttachment in attachment.ts) for search and export; the sidebar words it in the UI language
   * from this field instead.
   */
  attachment?: Attachment;
}

export type AttachmentKind =
  | 'voice'
  | 'image'
  | 'gif'
  | 'sticker'
  | 'video'
  | 'file'
  | 'post'
  | 'article'
  | 'link'
  | 'event'
  | 'call'
  | 'other';

export interface Attachment {
  kind: AttachmentKind;
  /** voice, video, call: the length shown ("1:00"), as the page wrote it. */
  duration?: string;
  /** file: its name; link: the host it points to. */
  name?: string;
  /** post, article: who wrote it. */
  author?: string;
  /** post: the first words; article, event: the title. Short, one line. */
  title?: string;
}


export interface ThreadSnapshot {
  site: Site;
  /** Stable across visits and across the ways the site shows the same conversation. */
  threadId: string;
  /** Where the user can reopen it. */
  url: string;
  subject?: string;
  /** Everyone seen, the user included (isMe). */
  participants: Person[];
  /** Page order, oldest first. */
  messages: CapturedMessage[];
  /**
   * A conversation nobody owes an answer in: a LinkedIn "Sponsored" message or a "LinkedIn Offer" (`sponsored`), a
   * notice from the site itself (`system`). Absent on ordinary conversations. Never "your turn".
   */
  kind?: ConversationKind;
  /**
   * Messages of this thread the page does not show at all (Gmail's "N older messages" bar): they are not in
   * `messages`, were not read, and must not be counted as read. Absent when none are hidden; 0 when some are hidden
   * but the page does not say how many.
   */
  hiddenMessageCount?: number;
}

export type ConversationKind = 'sponsored' | 'system';

/**
 * A person the user is looking at who is not (yet) a conversation: a LinkedIn profile page. The sidebar uses it to
 * show that person's record before the user writes to them. It never creates a conversation by itself.
 */
export interface ProfileSnapshot {
  site: Site;
  name: string;
  /** Canonical profile URL (vanity slug when the page shows one). */
  profileUrl: string;
  headline?: string;
}

export interface ReadResult {
  threads: ThreadSnapshot[];
  /** Set on profile pages; absent elsewhere. */
  profile?: ProfileSnapshot;
  /** What could not be read, in words a developer can act on. Never page text (no names, no message bodies). */
  problems: string[];
  /**
   * Identities of the signed-in user found on the page (Gmail: the account address; LinkedIn: the user's own
   * profile URL when shown). Used with the settings to decide who is "me".
   */
  me?: { emails: string[]; profileUrls: string[] };
}

export interface SiteAdapter {
  site: Site;
  /** Whether this adapter handles pages at `url` at all (used to pick an adapter). */
  matches(url: URL): boolean;
  /**
   * The conversation(s) open in `doc`, oldest message first. Pure: reads only `doc`, `url`, `now`; never throws on
   * unexpected markup (returns what it could read, or an empty list, and says why in `problems`).
   * `myAddresses` are extra identities of the user from settings (aliases, delegated mailboxes, own profile URLs),
   * lower-cased; the adapter marks a person `isMe` when their address or profile matches one of them or the
   * signed-in account found on the page.
   */
  readThreads(doc: Document, url: URL, now: Date, myIdentities?: readonly string[]): ReadResult;
}
