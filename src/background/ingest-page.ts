// Merges what a content script read into the record and works out what that tab's sidebar is about.
import { openDatabase } from '../db/database';
import { ingestSnapshot } from '../db/ingest';
import { getSettings } from '../db/queries';
import type { PageReadMessage, TabContext } from '../messages';

export async function ingestPage(message: PageReadMessage, now = new Date()): Promise<TabContext> {
  const db = openDatabase();
  const settings = await getSettings(db);
  const { result } = message;
  const myIdentities = [
    ...settings.myEmails,
    ...settings.myProfiles,
    ...(result.me?.emails ?? []),
    ...(result.me?.profileUrls ?? []),
  ].map((identity) => identity.toLowerCase());

  const enabled = settings.sites[message.site] !== false;
  const conversationIds: string[] = [];
  if (enabled) {
    for (const snapshot of result.threads) {
      // The message's site is the page's; a snapshot claiming another site is not trusted.
      if (snapshot.site !== message.site) continue;
      const { conversationId } = await ingestSnapshot(db, snapshot, { now, myIdentities });
      conversationIds.push(conversationId);
    }
  }
  return {
    site: message.site,
    url: message.url,
    conversationIds,
    ...(result.profile ? { profile: result.profile } : {}),
    unreadable: result.threads.length === 0 && result.problems.length > 0,
    problems: result.problems,
    readAt: now.toISOString(),
  };
}
