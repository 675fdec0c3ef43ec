// Merges what a content script read into the record and works out what that tab's sidebar is about.
import { conversationIdOf, getSettings, ingestSnapshot, openDatabase, whenOpen } from '../db';
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
  const pageOrigin = new URL(message.url).origin;
  // The message's site is the page's; a snapshot claiming another site, or a link to another origin, is not trusted.
  const threads = result.threads.filter(
    (snapshot: ThreadSnapshot) => snapshot.site === message.site && sameOrigin(snapshot.url, pageOrigin),
  );
  const context: TabContext = {
    site: message.site,
    url: message.url,
    conversationIds: [],
    ...(result.profile ? { profile: result.profile } : {}),
    ...(message.theme ? { theme: message.theme } : {}),
    unreadable: result.threads.length === 0 && result.problems.length > 0,
    problems: result.problems,
    readAt: now.toISOString(),
  };
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

function sameOrigin(url: string, origin: string): boolean {
  try {
    return new URL(url).origin === origin;
  } catch {
    return false;
  }
}
