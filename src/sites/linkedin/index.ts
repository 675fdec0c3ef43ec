// The LinkedIn site adapter: overlay bubbles on any page, the full-page thread on /messaging/, the person on /in/.
import type { ReadResult, SiteAdapter } from '../types';
import { isProfileUrl, readProfile } from './read-profile';
import { findMe, readConversations } from './read-thread';

export function readLinkedIn(doc: Document, url: URL, now: Date, myIdentities: readonly string[] = []): ReadResult {
  const problems: string[] = [];
  const result: ReadResult = { threads: [], problems, me: { emails: [], profileUrls: [] } };
  try {
    const me = findMe(doc, Array.isArray(myIdentities) ? myIdentities : []);
    result.threads = readConversations(doc, url, now, me, problems);
    result.me!.profileUrls = me.found;
  } catch (e) {
    problems.push(`conversations: unreadable (${e instanceof Error ? e.name : 'error'})`);
  }
  try {
    if (isProfileUrl(url)) {
      const profile = readProfile(doc, url, problems);
      if (profile) result.profile = profile;
    }
  } catch (e) {
    problems.push(`profile: unreadable (${e instanceof Error ? e.name : 'error'})`);
  }
  return result;
}

export const linkedin: SiteAdapter = {
  site: 'linkedin',
  matches: (url) => url.protocol === 'https:' && url.hostname === 'www.linkedin.com',
  readThreads: readLinkedIn,
};
