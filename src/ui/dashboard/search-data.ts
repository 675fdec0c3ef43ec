// Search over the whole history (messages, notes, names, subjects) through the db's word index, with what each hit
// needs to be shown and opened: its conversation (a person hit: their newest conversation) and who.
import {
  getConversations,
  getPeople,
  ME_ID,
  newestConversationOf,
  searchWithRecords,
  type ConversationRecord,
  type SearchHit,
  type TurnkeeperDatabase,
} from '../../db';
import type { SiteFilter } from './data';

export interface SearchResult {
  hit: SearchHit;
  /** The conversation it opens; null when none is known (a person never seen in one). */
  conversation: ConversationRecord | null;
  /** Who wrote it / whom it is about; '' for the user. */
  person: string;
  fromMe: boolean;
}

export const SEARCH_LIMIT = 50;

/** One letter of a script written with spaces matches most of a large history and tells nothing yet: search starts
 * at two characters, or at one in scripts written without spaces (Chinese, Japanese, Thai…), where one is a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}]/u;
export const searchable = (query: string): boolean => query.trim().length >= 2 || UNSPACED.test(query);

export async function runSearch(
  db: TurnkeeperDatabase,
  query: string,
  site: SiteFilter,
  limit = SEARCH_LIMIT,
): Promise<SearchResult[]> {
  const { hits, conversations: read, people: named } = await searchWithRecords(db, query, {
    limit: site === 'all' ? limit : limit * 3,
  });
  if (!hits.length) return [];
  // The search read the conversations of its message and subject hits and the people it names: only a note's
  // conversation and a person hit's newest one are read here.
  const conversationIds = [...new Set(hits.flatMap((h) => (h.conversationId && !read.has(h.conversationId) ? [h.conversationId] : [])))];
  const personHits = hits.filter((h) => !h.conversationId && h.personId);
  // Hits name people with merges already resolved.
  const personIds = [...new Set(hits.flatMap((h) => (h.personId && h.personId !== ME_ID && !named.has(h.personId) ? [h.personId] : [])))];
  // Usually nothing is left to read (every hit a message or subject): no request, no transaction then.
  const [conversations, people, newestOf] = await Promise.all([
    conversationIds.length ? getConversations(db, conversationIds) : [],
    personIds.length ? getPeople(db, personIds) : [],
    // A person hit opens their newest conversation.
    newestConversationOf(db, personHits.map((h) => h.personId!)),
  ]);
  const roots = new Map([...named, ...people.map((p) => [p.id, p] as const)]);
  const byId = new Map([...read, ...conversations.map((c) => [c.id, c] as const)]);
  const out: SearchResult[] = [];
  for (const hit of hits) {
    const conversation =
      (hit.conversationId ? byId.get(hit.conversationId) : hit.personId ? newestOf.get(hit.personId) : undefined) ?? null;
    if (site !== 'all' && conversation && conversation.site !== site) continue;
    if (site !== 'all' && !conversation) continue;
    const fromMe = hit.personId === ME_ID;
    const root = hit.personId && !fromMe ? roots.get(hit.personId) : undefined;
    out.push({ hit, conversation, person: fromMe ? '' : root?.name || root?.emails[0] || '', fromMe });
    if (out.length >= limit) break;
  }
  return out;
}
