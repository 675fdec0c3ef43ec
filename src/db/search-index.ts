// The word index behind full-text search (table `wordIndex`). One row per searchable text: a message's text, a
// note, a person's name and addresses, a conversation's subject. The words are src/core/text.ts indexWords: no word
// that is a prefix of another of the same text.
//
// Keys. A row's primary key is a number IndexedDB hands out in increasing order (`++seq`), so every write appends:
// to the table and to each word's run of the multi-entry word index. (Keyed by time instead, as in schema version
// 1, the entries of a history read in any order land all over the index: at 100,000 messages that made the index
// writes 1.9x slower, measured in BENCHMARKS.md's run.) The row's `key`, `${time}|${kind}|${ref}`, is an ordinary
// index: it finds the row of a record (to replace it) and orders hits newest first. The time is the epoch
// milliseconds in base 36, nine digits (sorts like the time itself). Internal to src/db.
import type { Table } from 'dexie';
import { indexWords } from '../core/text';
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

/** An ISO time as the sortable id prefix (base 36 epoch ms, zero-padded; times before 1970 or unparseable → 0). */
export function searchTime(at: string): string {
  const ms = Date.parse(at);
  return (Number.isFinite(ms) && ms > 0 ? Math.floor(ms) : 0).toString(36).padStart(TIME_DIGITS, '0');
}

export function searchKey(kind: SearchKind, refId: string, at: string): string {
  return `${searchTime(at)}|${kind}|${refId}`;
}

export function parseSearchKey(key: string): { at: string; kind: SearchKind; refId: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return {
    at: new Date(parseInt(key.slice(0, first), 36)).toISOString(),
    kind: key.slice(first + 1, second) as SearchKind,
    refId: key.slice(second + 1),
  };
}

function row(kind: SearchKind, refId: string, at: string, text: string): SearchRecord | null {
  const words = indexWords(text);
  return words.length ? { key: searchKey(kind, refId, at), words } : null;
}

export function messageSearchRow(m: MessageRecord): SearchRecord | null {
  return row('message', m.id, m.sentAt ?? m.seenAt, m.text);
}
export function noteSearchRow(n: NoteRecord): SearchRecord | null {
  return row('note', n.id, n.createdAt, n.text);
}
export function personSearchRow(p: PersonRecord): SearchRecord | null {
  if (p.id === ME_ID || p.isMe) return null;
  return row('person', p.id, p.createdAt, [p.name, ...p.emails].join(' '));
}
/** A subject is dated by the conversation's newest message (re-keyed as the conversation goes on). */
export function subjectSearchRow(c: ConversationRecord): SearchRecord | null {
  return c.subject ? row('subject', c.id, c.lastMessageAt ?? c.firstSeenAt, c.subject) : null;
}

function sameWords(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((w, i) => w === b[i]);
}

/**
 * Collects index changes: `change(before, after)` with rows from the functions above (null = no row), `before`
 * built from the record as the database holds it. A row is never updated in place: the old one (by key) goes, the
 * new one is added.
 */
export class SearchChanges {
  /** Rows to add, by key. */
  readonly puts = new Map<string, SearchRecord>();
  /** Keys whose rows in the database go. */
  readonly deletes = new Set<string>();

  change(before: SearchRecord | null, after: SearchRecord | null): void {
    if (before && after && before.key === after.key && sameWords(before.words, after.words)) return;
    if (before) {
      // A row added earlier in this batch under that key is simply not added; one already stored is deleted.
      if (!this.puts.delete(before.key)) this.deletes.add(before.key);
    }
    if (after) this.puts.set(after.key, after);
  }

  get empty(): boolean {
    return this.puts.size === 0 && this.deletes.size === 0;
  }
}

const byKey = (a: SearchRecord, b: SearchRecord) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);

/**
 * Writes collected changes into the word index, inside the caller's rw transaction: the rows of deleted keys are
 * found through the key index and removed, then the new rows are appended (oldest key first, so the numbering
 * follows time within a batch). Every row under a deleted key goes, so a duplicate can never survive a change.
 */
export async function applySearchChanges(table: Table<SearchRecord, number>, changes: SearchChanges): Promise<void> {
  if (changes.deletes.size) await deleteSearchRows(table, [...changes.deletes]);
  if (changes.puts.size) await table.bulkAdd(sortedSearchRows(changes.puts.values()));
}

/** Removes every row of the word index stored under one of `keys`. */
export async function deleteSearchRows(table: Table<SearchRecord, number>, keys: readonly string[]): Promise<void> {
  const seqs = (await Promise.all([...keys].sort().map((k) => table.where('key').equals(k).primaryKeys()))).flat();
  if (seqs.length) await table.bulkDelete(seqs);
}

export function sortedSearchRows(rows: Iterable<SearchRecord>): SearchRecord[] {
  return [...rows].sort(byKey);
}

/** Every row of the word index for the given records, oldest key first (a rebuild: schema upgrade, tests). */
export function searchRowsFor(records: {
  messages: readonly MessageRecord[];
  notes: readonly NoteRecord[];
  people: readonly PersonRecord[];
  conversations: readonly ConversationRecord[];
}): SearchRecord[] {
  const rows = [
    ...records.messages.map(messageSearchRow),
    ...records.notes.map(noteSearchRow),
    ...records.people.map(personSearchRow),
    ...records.conversations.map(subjectSearchRow),
  ].filter((r): r is SearchRecord => r !== null);
  return sortedSearchRows(rows);
}
