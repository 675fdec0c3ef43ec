// Merges what a content script read into the record and works out what that tab's sidebar is about.
import { conversationIdOf, getConversations, getSettings, ingestSnapshot, openDatabase, whenOpen } from '../db';
import type { PageReadMessage, TabContext } from '../protocol/types';
import type { ThreadSnapshot } from '../sites/types';
import { reportError } from './report-error';
import { storageErrorOf } from './storage-error';

/**
 * The tab's context after merging the read. A storage failure (disk full, database blocked or broken) does not throw:
 * the context says so in `storageError` (the sidebar tells the user), nothing already stored is changed (each
 * snapshot is merged in one transaction, rolled back whole), and the page is read again on its next change.
 */
export async function ingestPage(message: PageReadMessage, now = new Date()): Promise<TabContext> {
  const { result } = message;
  const threads = trustedThreads(message);
  const context = contextOf(message, now);
  try {
    const db = await whenOpen(openDatabase());
    const settings = await getSettings(db);
    const myIdentities = [
      ...settings.myEmails,
      ...settings.myProfiles,
      ...(result.me?.emails ?? []),
      ...(result.me?.profileUrls ?? []),
    ].map((identity) => identity.toLowerCase());

    if (settings.sites[message.site] !== false) {
      for (const snapshot of threads) {
        const { conversationId } = await ingestSnapshot(db, snapshot, { now, myIdentities });
        context.conversationIds.push(conversationId);
      }
    }
    return context;
  } catch (error) {
    const storageError = storageErrorOf(error);
    if (!storageError) throw error;
    reportError('ingest', error);
    // What is already stored for these conversations is still shown (it is intact), with the reason for the gap.
    return {
      ...context,
      conversationIds: [...new Set(threads.map((t) => conversationIdOf(t.site, t.threadId)))],
      storageError,
    };
  }
}

/**
 * The context `ingestPage` will give the tab, known before the read is stored when every conversation it names is
 * already in the record (the user going back to a thread): null otherwise, since a conversation not yet stored would
 * show as "no record yet" until it is. Reads only.
 */
export async function knownContext(message: PageReadMessage, now: Date): Promise<TabContext | null> {
  const context = contextOf(message, now);
  // In the order and number ingestPage gives them, so the context announced after the ingest is this one again.
  const ids = trustedThreads(message).map((t) => conversationIdOf(t.site, t.threadId));
  const unique = new Set(ids);
  const db = await whenOpen(openDatabase());
  const [settings, known] = await Promise.all([getSettings(db), getConversations(db, [...unique])]);
  if (settings.sites[message.site] === false) return context;
  if (known.length < unique.size) return null;
  context.conversationIds = ids;
  return context;
}

/** The message's site is the page's; a snapshot claiming another site, or a link to another origin, is not trusted. */
function trustedThreads(message: PageReadMessage): ThreadSnapshot[] {
  const pageOrigin = new URL(message.url).origin;
  return message.result.threads.filter(
    (snapshot: ThreadSnapshot) => snapshot.site === message.site && sameOrigin(snapshot.url, pageOrigin),
  );
}

function contextOf(message: PageReadMessage, now: Date): TabContext {
  const { result } = message;
  return {
    site: message.site,
    url: message.url,
    conversationIds: [],
    ...(result.profile ? { profile: result.profile } : {}),
    ...(message.theme ? { theme: message.theme } : {}),
    unreadable: result.threads.length === 0 && result.problems.length > 0,
    problems: result.problems,
    readAt: now.toISOString(),
  };
}

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
