// The public shapes of the history import (issue 16): what a plan says and what a run hands over. Plain data only,
// so that everything here can cross `postMessage` between the import Worker and the dashboard.
import type { CapturedMessage, Site, ThreadSnapshot } from '../sites/types';

/** What a file was recognised as, from its content. */
export type FileKind = 'turnkeeper-json' | 'mbox' | 'linkedin-csv' | 'zip';

/** Why a thread (or a message) is not imported. */
export type LeftOutReason =
  | 'spam'
  | 'trash'
  | 'drafts'
  | 'chats'
  | 'bulk' // newsletters, notifications, no-reply senders, Gmail categories
  | 'inbound' // a person wrote, I never answered, and the caller switched inbound threads off
  | 'older' // last message before `since`
  | 'system' // LinkedIn rows with no sender ("Message request accepted")
  | 'sponsored'
  | 'duplicate';

export interface HistoryOptions {
  /** The user's own addresses (any case); addresses found as the sender of mail labelled Sent are added. */
  myAddresses?: readonly string[];
  /** The user's LinkedIn profile URL; when absent, the profile taking part in the most conversations. */
  myProfileUrl?: string;
  /** Import Gmail threads where a person wrote and I never did (default true). */
  includeInbound?: boolean;
  /** ISO time: conversations whose last message is older are left out (reason `older`). */
  since?: string;
  /** Cancels reading; the promise then rejects with a HistoryError of code `historyCancelled`. */
  signal?: AbortSignal;
  onProgress?: (progress: Progress) => void;
  /** Conversations per batch handed to `onBatch` (default 200). */
  batchSize?: number;
  /** At most this many messages per batch (default 150); a longer conversation goes alone, never split. */
  batchMessages?: number;
}

export interface Progress {
  phase: 'plan' | 'run';
  file: string;
  /** Bytes read so far over all files (compressed bytes for a zip), and their total size. */
  bytesRead: number;
  bytesTotal: number;
  conversations: number;
  messages: number;
}

export interface SitePlan {
  /** Conversations that will be imported and their messages. */
  conversations: number;
  messages: number;
  /** ISO times of the oldest and newest imported message; null when there is none. */
  from: string | null;
  to: string | null;
  /** Threads left out, by reason. */
  leftOut: Partial<Record<LeftOutReason, number>>;
  /** Messages left out inside otherwise imported conversations, or rows dropped, by reason. */
  leftOutMessages: Partial<Record<LeftOutReason, number>>;
  /**
   * Imported conversations by the UTC day of their last message (days since 1970-01-01 → count): small whatever the
   * history, and enough for the dashboard to say how many are live and how many have gone quiet, or would be left
   * with a shorter `since`, without reading the files again.
   */
  lastMessageDays: Record<number, number>;
}

export interface GmailPlan extends SitePlan {
  /** Of `conversations`, those where only other people wrote (imported when includeInbound). */
  inboundConversations: number;
  /** The addresses taken to be "me": the caller's plus the senders of mail labelled Sent, lower case. */
  me: string[];
  /** Senders of mail labelled Sent, most frequent first. */
  ownerCandidates: { address: string; sent: number }[];
  /** Messages whose charset was unknown and were read as windows-1252 (counted in run only). */
  charsetFallbacks: number;
}

export interface LinkedInPlan extends SitePlan {
  /** The profile taken to be "me" (caller's, else the one in most conversations), with the name it writes under. */
  me: { profileUrl: string; name: string } | null;
  ownerCandidates: { profileUrl: string; name: string; conversations: number }[];
}

export interface FilePlan {
  name: string;
  size: number;
  kind: FileKind;
  /** For a zip: the kinds found inside, entry name → kind. */
  entries?: { name: string; kind: FileKind }[];
  /** Things worth telling the user that did not stop the import (a file cut mid-message…). No message text. */
  problems: string[];
}

/** What the plan shows before anything is written. Small: counts and names only. */
export interface PlanSummary {
  files: FilePlan[];
  gmail: GmailPlan;
  linkedin: LinkedInPlan;
  /** Turnkeeper backups among the files: the existing JSON importer takes them (by index in `files`). */
  jsonBackups: number[];
}

/** A message as imported: a captured message (its `attachment` as the page would record it: attached files by name,
 * their bytes never read) plus what only a file tells. */
export interface ImportedMessage extends CapturedMessage {
  /** The charset was unknown and the text was read as windows-1252. */
  charsetFallback?: true;
}

export interface ImportedThread extends ThreadSnapshot {
  messages: ImportedMessage[];
  /** Gmail: nobody in the thread is me (an inbound thread from a person). */
  inbound?: true;
}

export interface Batch {
  site: Site;
  threads: ImportedThread[];
}

export type { Site };
