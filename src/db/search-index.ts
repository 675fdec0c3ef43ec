// The word index behind full-text search (table `search`). One row per searchable text: a message's text, a note,
// a person's name and addresses, a conversation's subject. Row id `${time}|${kind}|${ref}` sorts by time, so the
// newest hits are taken from the keys alone. Internal to src/db.
import { tokenize } from '../core/text';
import type {
  ConversationRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  SearchKind,
  SearchRecord,
} from './records';
import { ME_ID } from './records';

export function searchKey(kind: SearchKind, refId: string, at: string): string {
  return `${at}|${kind}|${refId}`;
}

export function parseSearchKey(key: string): { at: string; kind: SearchKind; refId: string } {
  const first = key.indexOf('|');
  const second = key.indexOf('|', first + 1);
  return {
    at: key.slice(0, first),
    kind: key.slice(first + 1, second) as SearchKind,
    refId: key.slice(second + 1),
  };
}

function row(kind: SearchKind, refId: string, at: string, text: string): SearchRecord | null {
  const words = tokenize(text);
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
