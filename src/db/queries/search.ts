// Full-text search over the word index (src/db/search-index.ts).
import { makeSnippet, matchesAll, MAX_TOKENS_PER_TEXT, queryTokens, tokenize } from '../../core/text';
import { compareMessages } from '../../core/turn';
import type { TurnkeeperDatabase } from '../database';
import { resolveRoots } from '../internal';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord, SearchKind } from '../records';
import { ME_ID } from '../records';
import { kindCode, parseSearchKey, SEARCH_KINDS, searchKeyTime } from '../search-index';

export interface SearchHit {
  kind: SearchHitKind;
  /** The message / conversation (subject) / note / person (root) id. */
  refId: string;
  conversationId: string | null;
  /** The person (merges resolved): the sender of a message, the subject of a note or a person hit. */
  personId: string | null;
  /** ISO time of what the hit shows: the message, the conversation's newest message (subject), the note, the person
   * first seen. Hits are ordered by their row's time: a conversation's newest message. */
  at: string;
  snippet: string;
  /** Where the match is in `snippet` (UTF-16 offsets), for highlighting. */
  match: [number, number] | null;
}

// ── search ─────────────────────────────────────────────────────────────────
//
// Measured in Chromium's IndexedDB, reading an index costs about as much per entry as reading whole rows from the
// table (6–9 µs), and counting costs the same as reading: so no query reads a common word's complete key set.

/** A token matching at most this many index entries is "selective": its complete key set is read. */
const PROBE = 300;
/** At most this many rows are read per step when scanning the word index newest first. A step reads about as many
 * rows as the density of matches seen so far says the missing hits need (a conversation's row is large: ~0.1 ms). */
const SCAN_CHUNK = 500;
/** How many rows, newest first, are scanned for a query of common words before their key sets are intersected. */
const SCAN_CAP = 20_000;

const desc = (a: string, b: string) => (a < b ? 1 : a > b ? -1 : 0);

type IndexKey = [number, string];
const byKeyDesc = (a: IndexKey, b: IndexKey) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : 0);

/** Of `candidates` (primary keys, newest first), the keys of those whose row has every one of `terms`, newest
 * first, until `want` are found (all of them when `terms` is empty: nothing to read). */
async function verified(db: TurnkeeperDatabase, candidates: readonly IndexKey[], terms: readonly string[], want: number): Promise<string[]> {
  if (!terms.length) return candidates.map((k) => k[1]);
  const found: string[] = [];
  for (let start = 0; start < candidates.length && found.length < want; ) {
    const end = start + Math.max(16, (want - found.length) * 2);
    const rows = await db.wordIndex.bulkGet(candidates.slice(start, end));
    for (const r of rows) if (r && matchesAll(r.words, terms)) found.push(r.key);
    start = end;
  }
  return found;
}

/**
 * The keys of one kind's word-index rows matching every token, newest first (at least `want` of them when there
 * are). Index entries carry their row's key, so ordering candidates reads no row.
 * 1. Each token's entries are probed with a small limit, all at once. When some token is selective, its complete
 *    set (intersected with the other complete ones) is the candidate list, newest first; candidates are read only
 *    to check them against the common tokens, until `want` match.
 * 2. When every token is common, matches are usually dense: rows are read newest first through the key index, as
 *    many per step as the density of matches so far says the missing hits need, until `want` match or SCAN_CAP rows
 *    were read.
 * 3. A rare combination of common words past SCAN_CAP: the tokens' full sets are intersected (slow, rare).
 */
async function matchingKeysOfKind(
  db: TurnkeeperDatabase,
  kind: SearchKind,
  tokens: readonly string[],
  want: number,
): Promise<string[]> {
  const code = kindCode(kind);
  const terms = tokens.map((t) => code + t);
  const probes = await Promise.all(
    terms.map((t) => db.wordIndex.where('words').startsWith(t).limit(PROBE + 1).primaryKeys()),
  );
  const intersect = (sets: IndexKey[][]): IndexKey[] => {
    const sorted = [...sets].sort((a, b) => a.length - b.length);
    let out = sorted[0]!;
    for (const other of sorted.slice(1)) {
      const seqs = new Set(other.map((k) => k[0]));
      out = out.filter((k) => seqs.has(k[0]));
    }
    return [...new Map(out.map((k) => [k[0], k])).values()].sort(byKeyDesc);
  };
  const complete = probes.flatMap((p, i) => (p.length <= PROBE ? [{ keys: p, i }] : []));
  if (complete.length) {
    const candidates = intersect(complete.map((c) => c.keys));
    const common = terms.filter((_, i) => !complete.some((c) => c.i === i));
    return verified(db, candidates, common, want);
  }
  const found = new Set<string>();
  let scanned = 0;
  let upper = `${code}|\uffff`;
  let chunk = want;
  while (found.size < want && scanned < SCAN_CAP) {
    const rows = await db.wordIndex.where('key').between(`${code}|`, upper).reverse().limit(chunk).toArray();
    scanned += rows.length;
    for (const row of rows) if (matchesAll(row.words, terms)) found.add(row.key);
    if (rows.length < chunk) return [...found];
    upper = rows[rows.length - 1]!.key;
    const density = Math.max(found.size / scanned, 0.01);
    chunk = Math.min(SCAN_CHUNK, Math.ceil(((want - found.size) / density) * 1.25) + 4);
  }
  if (found.size >= want) return [...found];
  const sets = await Promise.all(terms.map((t) => db.wordIndex.where('words').startsWith(t).primaryKeys()));
  return intersect(sets).map((k) => k[1]);
}

/** The keys of the word-index rows matching every token, newest first across kinds (each kind looked up apart). */
async function matchingKeys(db: TurnkeeperDatabase, tokens: readonly string[], want: number): Promise<string[]> {
  const perKind = await Promise.all(SEARCH_KINDS.map((kind) => matchingKeysOfKind(db, kind, tokens, want)));
  return perKind.flat().sort((a, b) => {
    const ta = searchKeyTime(a);
    const tb = searchKeyTime(b);
    return ta < tb ? 1 : ta > tb ? -1 : desc(a, b);
  });
}

/** What a hit is: a message (the best match of a conversation), a conversation's subject, a note, a person. */
export type SearchHitKind = 'message' | 'subject' | 'note' | 'person';

const ASCII = /^[\x00-\x7f]*$/;
/** An ASCII text shorter than this has fewer than MAX_TOKENS_PER_TEXT words (a word and what ends it take two
 * characters at least), so tokenize would have kept every one of its words. */
const SHORT_TEXT = 2 * MAX_TOKENS_PER_TEXT;
const isAsciiWordChar = (code: number) => (code >= 97 && code <= 122) || (code >= 48 && code <= 57);

/** Whether `token` starts a word of `lower`, an ASCII text in lower case (words: runs of a-z and 0-9, as tokenize
 * cuts ASCII text). */
function startsAsciiWord(lower: string, token: string): boolean {
  for (let i = lower.indexOf(token); i >= 0; i = lower.indexOf(token, i + 1)) {
    if (i === 0 || !isAsciiWordChar(lower.charCodeAt(i - 1))) return true;
  }
  return false;
}

/** How many of `tokens` prefix-match a word of `text` (a word of tokenize(text)). A search weighs every message of
 * the conversations it shows, and most are short ASCII texts: those are matched in place, not cut into words. */
function tokensMatched(text: string, tokens: readonly string[]): number {
  const lower = text.toLowerCase();
  let n = 0;
  if (lower.length < SHORT_TEXT && ASCII.test(lower)) {
    for (const t of tokens) if (startsAsciiWord(lower, t)) n++;
    return n;
  }
  const words = tokenize(text);
  for (const t of tokens) if (words.some((w) => w.startsWith(t))) n++;
  return n;
}

/**
 * What a conversation that matched shows: the message matching the most query words, the newest of those; the
 * subject instead when it matches every word and no message does.
 */
function bestOfConversation(
  conv: ConversationRecord,
  messages: readonly MessageRecord[],
  tokens: readonly string[],
): { message: MessageRecord } | { subject: string } | null {
  // Newest first: the first message with every word is the answer, and usually comes early.
  const newestFirst = [...messages].sort((a, b) => compareMessages(b, a));
  let best: MessageRecord | null = null;
  let bestCount = 0;
  for (const m of newestFirst) {
    const n = tokensMatched(m.text, tokens);
    if (n > bestCount) {
      best = m;
      bestCount = n;
      if (n === tokens.length) return { message: m };
    }
  }
  if (conv.subject && tokensMatched(conv.subject, tokens) === tokens.length) return { subject: conv.subject };
  if (best) return { message: best };
  return conv.subject ? { subject: conv.subject } : null;
}

/**
 * Full-text search over conversations (subject and message texts together), notes, and people's names and
 * addresses. Case-, accent- and width-insensitive; every query word must match the start of some word of the same
 * conversation, note or person (prefix), any script (texts without spaces are matched by character pairs). One hit
 * per conversation, showing its best message (see bestOfConversation), ordered by the conversation's newest
 * message; newest first, at most `limit` hits; people are merged-resolved and de-duplicated.
 */
export async function search(
  db: TurnkeeperDatabase,
  query: string,
  options: { limit?: number } = {},
): Promise<SearchHit[]> {
  return (await searchWithRecords(db, query, options)).hits;
}

/** What a search read on its way, for a caller that shows its hits without reading them again: the conversations of
 * the message and subject hits, and the people the hits name (merges resolved), by id. */
export interface SearchRecords {
  conversations: Map<string, ConversationRecord>;
  people: Map<string, PersonRecord>;
}

/** search, with the records it read (SearchRecords). */
export async function searchWithRecords(
  db: TurnkeeperDatabase,
  query: string,
  options: { limit?: number } = {},
): Promise<{ hits: SearchHit[] } & SearchRecords> {
  const limit = options.limit ?? 50;
  const tokens = queryTokens(query);
  const records: SearchRecords = { conversations: new Map(), people: new Map() };
  if (!tokens.length || limit <= 0) return { hits: [], ...records };
  const keys = await matchingKeys(db, tokens, limit + 10);
  const hits: SearchHit[] = [];
  const seenPeople = new Set<string>();
  // A batch reads what the hits still missing need (a few more: a person may be a duplicate of a merged one).
  for (let start = 0, end = 0; start < keys.length && hits.length < limit; start = end) {
    end = start + limit - hits.length + 5;
    const batch = keys.slice(start, end).map(parseSearchKey);
    const ids = (kind: SearchKind) => batch.filter((b) => b.kind === kind).map((b) => b.refId);
    const convIds = ids('conversation');
    // One transaction for the batch's ~60 reads (each its own transaction cost ~10% more). Who wrote a
    // conversation's best message is known once its messages are read, the slowest read here; its people are
    // resolved meanwhile, from the conversation rows (the writer is one of them, or is me).
    const tables = [db.conversations, db.messages, db.notes, db.people];
    const [convs, convMessages, notes, people, participants] = await db.transaction('r', tables, () => {
      const convsRead = db.conversations.bulkGet(convIds);
      const participantsRead = convsRead.then((cs) => resolveRoots(db, cs.flatMap((c) => c?.personIds ?? [])));
      return Promise.all([
        convsRead,
        Promise.all(convIds.map((id) => db.messages.where('conversationId').equals(id).toArray())),
        db.notes.bulkGet(ids('note')),
        db.people.bulkGet(ids('person')),
        participantsRead,
      ]);
    });
    const best = new Map<string, { conv: ConversationRecord; best: ReturnType<typeof bestOfConversation> }>();
    convs.forEach((c, i) => {
      if (c) best.set(c.id, { conv: c, best: bestOfConversation(c, convMessages[i]!, tokens) });
    });
    const found = new Map<string, NoteRecord | PersonRecord>();
    for (const r of [...notes, ...people]) if (r) found.set(r.id, r);
    const personIds = [
      ...[...best.values()].flatMap(({ best: b }) => (b && 'message' in b && !b.message.fromMe ? [b.message.personId] : [])),
      ...notes.flatMap((n) => (n?.personId ? [n.personId] : [])),
      ...people.flatMap((p) => (p ? [p.id] : [])),
    ];
    const others = await resolveRoots(db, personIds.filter((id) => !participants.has(id)));
    const roots = new Map<string, PersonRecord>();
    for (const id of personIds) {
      const root = participants.get(id) ?? others.get(id);
      if (root) roots.set(id, root);
    }
    for (const root of roots.values()) records.people.set(root.id, root);
    for (const { conv } of best.values()) records.conversations.set(conv.id, conv);
    for (const { kind, refId, at } of batch) {
      if (hits.length >= limit) break;
      if (kind === 'conversation') {
        const entry = best.get(refId);
        if (!entry?.best) continue;
        if ('message' in entry.best) {
          const m = entry.best.message;
          const snippet = makeSnippet(m.text, tokens);
          hits.push({
            kind: 'message',
            refId: m.id,
            conversationId: refId,
            personId: m.fromMe ? ME_ID : (roots.get(m.personId)?.id ?? m.personId),
            at: m.sentAt ?? m.seenAt,
            snippet: snippet.text,
            match: snippet.match,
          });
        } else {
          const snippet = makeSnippet(entry.best.subject, tokens);
          hits.push({ kind: 'subject', refId, conversationId: refId, personId: null, at, snippet: snippet.text, match: snippet.match });
        }
        continue;
      }
      const row = found.get(refId);
      if (!row) continue;
      if (kind === 'note') {
        const n = row as NoteRecord;
        const snippet = makeSnippet(n.text, tokens);
        hits.push({
          kind: 'note',
          refId,
          conversationId: n.conversationId ?? null,
          personId: n.personId ? (roots.get(n.personId)?.id ?? n.personId) : null,
          at,
          snippet: snippet.text,
          match: snippet.match,
        });
      } else {
        const p = row as PersonRecord;
        const root = roots.get(p.id) ?? p;
        if (root.id === ME_ID || seenPeople.has(root.id)) continue;
        seenPeople.add(root.id);
        const snippet = makeSnippet([p.name, ...p.emails].join(' '), tokens);
        hits.push({ kind: 'person', refId: root.id, conversationId: null, personId: root.id, at, snippet: snippet.text, match: snippet.match });
      }
    }
  }
  return { hits, ...records };
}
