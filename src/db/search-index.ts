// The word index behind full-text search (table `search`). One row per searchable text: a message's text, a note,
// a person's name and addresses, a conversation's subject. Row id `${time}|${kind}|${ref}` sorts by time, so the
// newest hits are taken from the keys alone. The time is the epoch milliseconds in base 36, nine digits (sorts like
// the time itself, 15 characters shorter than ISO: the id is repeated in every entry of the word index). The words
// are src/core/text.ts indexWords: no word that is a prefix of another of the same text. Internal to src/db.
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
  return words.length ? { id: searchKey(kind, refId, at), words } : null;
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

/** Collects index changes: `change(before, after)` with rows from the functions above (null = no row). */
export class SearchChanges {
  readonly puts = new Map<string, SearchRecord>();
  readonly deletes = new Set<string>();

  change(before: SearchRecord | null, after: SearchRecord | null): void {
    if (before && after && before.id === after.id && sameWords(before.words, after.words)) return;
    if (before && before.id !== after?.id) {
      this.deletes.add(before.id);
      this.puts.delete(before.id);
    }
    if (after) {
      this.puts.set(after.id, after);
      this.deletes.delete(after.id);
    }
  }

  get empty(): boolean {
    return this.puts.size === 0 && this.deletes.size === 0;
  }
}
