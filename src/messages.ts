// The typed protocol between the content script, the background and the extension pages (sidebar, dashboard).
// Every message crossing `runtime.sendMessage` / `tabs.sendMessage` is one of these. The background validates the
// shape of everything it receives (src/background/validate.ts) and checks who sent it (src/background/router.ts):
// content scripts are untrusted and may only report what they read and ask for their own tab's sidebar state.
import type { ProfileSnapshot, ReadResult, Site } from './sites/types';

/** What the sidebar of one tab is about. Kept by the background per tab, pushed to that tab's sidebar. */
export interface TabContext {
  site: Site;
  url: string;
  /** Conversations open on the page (`${site}:${threadId}`), the main one first. Empty when none is open. */
  conversationIds: string[];
  profile?: ProfileSnapshot;
  /** The page looked like a conversation but the adapter could not read it. */
  unreadable: boolean;
  /** Structural problems the adapter reported (never page text). */
  problems: string[];
  readAt: string;
  /**
   * Set when what the page showed could not be stored: the disk is full or over quota (`storage-full`), the
   * database is held at an older version by another open window (`database-blocked`), or it could not be opened at
   * all (`database-failed`). What was stored before is intact; the page is read again on its next change.
   */
  storageError?: StorageError;
  /** The page's own theme, when it shows one (a dark Gmail theme on a light system); else follow the system. */
  theme?: 'light' | 'dark';
}

export type StorageError = 'storage-full' | 'database-blocked' | 'database-failed';

// ── content script → background ─────────────────────────────────────────────
export interface PageReadMessage {
  type: 'page/read';
  site: Site;
  url: string;
  result: ReadResult;
  theme?: 'light' | 'dark';
}
/** The user opened or collapsed the sidebar; remembered per site. Harmless, so content scripts may send it too. */
export interface SidebarSetOpenMessage {
  type: 'sidebar/set-open';
  open: boolean;
}
export type ContentToBackground = PageReadMessage | SidebarSetOpenMessage;

// ── extension pages → background (privileged: accepted only from the extension's own pages) ──
export interface SidebarHelloMessage {
  type: 'sidebar/hello';
}
export interface RecordChangedMessage {
  /** A page changed the record (pin, note, rest, import, settings): recompute badge and alarms now. */
  type: 'record/changed';
}
export interface OpenConversationMessage {
  type: 'conversation/open';
  url: string;
}
export type PageToBackground =
  | SidebarHelloMessage
  | SidebarSetOpenMessage
  | RecordChangedMessage
  | OpenConversationMessage;

export type ToBackground = ContentToBackground | PageToBackground;

// ── background → content script ─────────────────────────────────────────────
export interface SidebarApplyMessage {
  type: 'sidebar/apply';
  open: boolean;
  /** The turn of the main conversation, for the collapsed tab's badge. */
  badge?: 'mine' | 'theirs' | 'follow-up' | 'resting' | 'pinned' | null;
}
export type BackgroundToContent = SidebarApplyMessage;

// ── background → extension pages (broadcast) ─────────────────────────────────
export interface TabContextMessage {
  type: 'tab/context';
  tabId: number;
  context: TabContext | null;
}
export type BackgroundToPages = TabContextMessage;

// ── replies ─────────────────────────────────────────────────────────────────
export interface PageReadReply {
  ok: true;
  sidebar: SidebarApplyMessage;
  /** The read was received but not stored (see TabContext.storageError). */
  storageError?: StorageError;
}
export interface SidebarHelloReply {
  ok: true;
  tabId: number | null;
  context: TabContext | null;
}
export interface ErrorReply {
  ok: false;
  error: string;
}
