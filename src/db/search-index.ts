// The word index behind full-text search (table `wordIndex`). One row per searchable thing: a conversation (its
// subject and every message's text together), a note, a person (name and addresses). The words are
// src/core/text.ts indexWords (no word that is a prefix of another of the same row), each stored behind its kind's
// one-letter code ("c", "n", "p"), so a word is looked up in one kind at a time.
//
// Why a conversation is one row, not each message: a search is answered a conversation at a time, the way Gmail
// answers it ("acme pricing" finds the thread where one message names Acme and another gives the price), and the
// index holds a conversation's words once instead of once per message (at 100,000 messages in 10,000 threads, a
// third of the entries). A query of common words then meets its hits within the newest few dozen rows instead of
// reading thousands of messages. The hit shows the newest message that matches best (src/db/queries/search.ts).
//
// Why each kind apart: people are recorded when first seen (a first read of a long history makes them all newer
// than every conversation), and a word common in messages is usually absent from names. Looked up kind by kind, a
// query never wades through one kind's rows to find another's.
//
// Keys. The primary key is [seq, key]: `seq` increases with every row written (next after the largest stored), so
// every write appends, to the table and to each word's run of the multi-entry word index. (Keyed by time, as in
// schema version 1, the entries of a history read in any order landed all over the index: index writes were 1.9x
// slower at 100,000 messages.) `key` (`${code}|${time}|${id}`, the time in 9 base-36 digits of epoch ms, sorting
// like the time) rides along in the primary key, so a word's index entries give their rows' times without reading
// the rows, and it is also an index ordering each kind newest first. `ref` (`${code}|${id}`) finds a record's rows
// to replace them. A row is never updated in place: the record's rows are deleted and the new one added, so no
// duplicate survives a change. Internal to src/db.
import type { Table } from 'dexie';
import { indexWords, indexWordsOfTexts } from '../core/text';
import type {
  ConversationRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  SearchKind,
  SearchRecord,
} from './records';
import { ME_ID } from './records';

const TIME_DIGITS = 9;

export const SEARCH_KINDS: readonly SearchKind[] = ['conversation', 'note', 'person'];
const CODE: Record<SearchKind, string> = { conversation: 'c', note: 'n', person: 'p' };
const KIND_OF_CODE: Record<string, SearchKind> = { c: 'conversation', n: 'note', p: 'person' };

/** The one-letter code words and keys of `kind` start with. */
export function kindCode(kind: SearchKind): string {
  return CODE[kind];
}

/** An ISO time as the sortable key part (base 36 epoch ms, zero-padded; times before 1970 or unparseable → 0). */
function searchTime(at: string): string {
  const ms = Date.parse(at);
  return (Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0).toString(36).padStart(TIME_DIGITS, '0');
}

export function searchRef(kind: SearchKind, refId: string): string {
  return `${CODE[kind]}|${refId}`;
}

/** The time part of a key (sorts like the time). */
export function searchKeyTime(key: string): string {
  return key.slice(2, 2 + TIME_DIGITS);
}

export function parseSearchKey(key: string): { at: string; kind: SearchKind; refId: string } {
  return {
    kind: KIND_OF_CODE[key[0]!]!,
    at: new Date(parseInt(searchKeyTime(key), 36)).toISOString(),
    refId: key.slice(3 + TIME_DIGITS),
  };
}

function row(kind: SearchKind, refId: string, at: string, words: string[]): SearchRecord | null {
  if (!words.length) return null;
  const code = CODE[kind];
  return {
    seq: 0,
    key: `${code}|${searchTime(at)}|${refId}`,
    ref: `${code}|${refId}`,
    words: words.map((w) => code + w),
  };
}

export function noteSearchRow(n: NoteRecord): SearchRecord | null {
  return row('note', n.id, n.createdAt, indexWords(n.text));
}
export function personSearchRow(p: PersonRecord): SearchRecord | null {
  if (p.id === ME_ID || p.isMe) return null;
  return row('person', p.id, p.createdAt, indexWords([p.name, ...p.emails].join(' ')));
}

/** The time a message is dated by. */
function messageAt(m: MessageRecord): string {
  return m.sentAt ?? m.seenAt;
}

/**
 * A conversation's row: its subject and all of `messages` (every message of it), newest message first (they keep
 * their words when a very long thread reaches the cap). Dated by the conversation's newest message, so it moves up
 * as the conversation goes on.
 */
export function conversationSearchRow(c: ConversationRecord, messages: readonly MessageRecord[]): SearchRecord | null {
  const newestFirst = [...messages].sort((a, b) => (messageAt(a) < messageAt(b) ? 1 : messageAt(a) > messageAt(b) ? -1 : 0));
  const texts = [c.subject ?? '', ...newestFirst.map((m) => m.text)];
  return row('conversation', c.id, c.lastMessageAt ?? c.firstSeenAt, indexWordsOfTexts(texts));
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/**
 * Collects index changes, by record: `change(before, after)` with rows from the functions above (null = no row),
 * `before` built from the record as the database holds it; `replace(ref, after)` when the old row is not at hand.
 */
export class SearchChanges {
  /** Rows to add, by ref. */
  readonly puts = new Map<string, SearchRecord>();
  /** Refs whose rows in the database go. */
  readonly deletes = new Set<string>();

  change(before: SearchRecord | null, after: SearchRecord | null): void {
    if (before && after && before.key === after.key && sameWords(before.words, after.words)) return;
    if (before) this.deletes.add(before.ref);
    if (after) this.puts.set(after.ref, after);
    else if (before) this.puts.delete(before.ref);
  }

  /** The record `ref` had a row (or may have had one): it goes; `after`, if any, takes its place. */
  replace(ref: string, after: SearchRecord | null): void {
    this.deletes.add(ref);
    if (after) this.puts.set(ref, after);
    else this.puts.delete(ref);
  }

  get empty(): boolean {
    return this.puts.size === 0 && this.deletes.size === 0;
  }
}

/** Oldest first (by time, then key), whatever the kind. */
const byKey = (a: SearchRecord, b: SearchRecord) => {
  const ta = searchKeyTime(a.key);
  const tb = searchKeyTime(b.key);
  return ta < tb ? -1 : ta > tb ? 1 : a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
};

export function sortedSearchRows(rows: Iterable<SearchRecord>): SearchRecord[] {
  return [...rows].sort(byKey);
}

export type WordIndexTable = Table<SearchRecord, [number, string]>;

/** The seq the next row written gets: one more than the largest stored. Read inside the writing transaction. */
export async function nextSearchSeq(table: WordIndexTable): Promise<number> {
  const [last] = await table.orderBy(':id').reverse().limit(1).primaryKeys();
  return last ? last[0] + 1 : 1;
}

/** `rows` numbered from `first` on, in their order. */
export function numberedSearchRows(rows: readonly SearchRecord[], first: number): SearchRecord[] {
  return rows.map((r, i) => ({ ...r, seq: first + i }));
}

/**
 * Writes collected changes into the word index, inside the caller's rw transaction: every row of a deleted ref is
 * removed (found through the ref index), then the new rows are appended, oldest key first.
 */
export async function applySearchChanges(table: WordIndexTable, changes: SearchChanges): Promise<void> {
  const [next] = await Promise.all([
    changes.puts.size ? nextSearchSeq(table) : 0,
    changes.deletes.size ? deleteSearchRows(table, [...changes.deletes]) : undefined,
  ]);
  if (changes.puts.size) await table.bulkAdd(numberedSearchRows(sortedSearchRows(changes.puts.values()), next));
}

/** Removes every row of the word index of the records `refs`. */
export async function deleteSearchRows(table: WordIndexTable, refs: readonly string[]): Promise<void> {
  const keys = (await Promise.all([...refs].sort().map((r) => table.where('ref').equals(r).primaryKeys()))).flat();
  if (keys.length) await table.bulkDelete(keys);
}

/** Messages grouped by conversation id. */
function messagesByConversation(messages: readonly MessageRecord[]): Map<string, MessageRecord[]> {
  const out = new Map<string, MessageRecord[]>();
  for (const m of messages) {
    const list = out.get(m.conversationId);
    if (list) list.push(m);
    else out.set(m.conversationId, [m]);
  }
  return out;
}

/** Every row of the word index for the given records, oldest first, numbered from 1 (a rebuild: schema upgrade,
 * tests). */
export function searchRowsFor(records: {
  messages: readonly MessageRecord[];
  notes: readonly NoteRecord[];
  people: readonly PersonRecord[];
  conversations: readonly ConversationRecord[];
}): SearchRecord[] {
  const byConversation = messagesByConversation(records.messages);
  const rows = [
    ...records.conversations.map((c) => conversationSearchRow(c, byConversation.get(c.id) ?? [])),
    ...records.notes.map(noteSearchRow),
    ...records.people.map(personSearchRow),
  ].filter((r): r is SearchRecord => r !== null);
  return numberedSearchRows(sortedSearchRows(rows), 1);
}
