// Reading the database for export: every table generically (db.tables), in primary-key chunks, inside one read
// transaction so the file is a consistent snapshot even while the background keeps ingesting.
import Dexie, { type Table } from 'dexie';
import type { TurnkeeperDatabase } from '../db/database';
import type { ConversationRecord, MessageRecord, NoteRecord, PinRecord } from '../db/records';
import { DERIVED_TABLES, KNOWN_TABLES } from './format';
import { DEFAULT_CHUNK_SIZE, throwIfAborted, yieldToEventLoop } from './progress';

export type Row = Record<string, unknown>;
export type KeyPath = string | string[];

/** The inbound primary key path of a table, or null when its keys are outbound (such a table is not exported). */
export function primaryKeyPath(table: Table): KeyPath | null {
  const kp = table.schema.primKey.keyPath;
  if (kp === undefined || kp === null || kp === '') return null;
  return kp;
}

export function rowKey(row: Row, keyPath: KeyPath): unknown {
  return Dexie.getByKeyPath(row, keyPath);
}

/** The tables a full export writes, known ones first in their documented order, then the others by name.
 * `settings` is written apart (as an object); derived tables (the search index) are left out. */
export function exportTables(db: TurnkeeperDatabase): Table[] {
  const byName = new Map(db.tables.map((t) => [t.name, t]));
  const known = KNOWN_TABLES.map((n) => byName.get(n)).filter((t): t is Table => t !== undefined);
  const others = db.tables
    .filter((t) => t.name !== 'settings' && !DERIVED_TABLES.has(t.name) && !(KNOWN_TABLES as readonly string[]).includes(t.name))
    .filter((t) => primaryKeyPath(t) !== null)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  return [...known, ...others];
}

export interface ReadOptions {
  /** Export one conversation (its messages, notes, pins and the people in it) instead of everything. */
  conversationId?: string;
  chunkSize?: number;
  signal?: AbortSignal;
}

/** Rows grouped by table, read chunk by chunk. */
export interface RowSource {
  tables: { name: string; count: number }[];
  settings: Row[];
  forEachChunk(table: string, fn: (rows: Row[]) => void): Promise<void>;
}

/** Run `fn` in one read-only transaction over every table. */
export function inSnapshot<T>(db: TurnkeeperDatabase, fn: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.tables, fn);
}

/** Yield to the event loop without letting the surrounding transaction commit. */
export function breathe(): Promise<void> {
  return Dexie.waitFor(yieldToEventLoop());
}

/** Must be called inside `inSnapshot`. */
export async function openSource(db: TurnkeeperDatabase, options: ReadOptions = {}): Promise<RowSource> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const signal = options.signal;
  if (options.conversationId !== undefined) return scopedSource(db, options.conversationId, chunkSize, signal);

  const tables = exportTables(db);
  const counts = await Promise.all(tables.map((t) => t.count()));
  const settings = (await db.settings.toArray()) as unknown as Row[];
  return {
    tables: tables.map((t, i) => ({ name: t.name, count: counts[i]! })),
    settings,
    async forEachChunk(name, fn) {
      const table = db.table(name);
      let last: unknown = undefined;
      let first = true;
      for (;;) {
        throwIfAborted(signal);
        const coll = first ? table.orderBy(':id') : table.where(':id').above(last);
        const rows = (await coll.limit(chunkSize).toArray()) as Row[];
        first = false;
        if (rows.length === 0) break;
        const kp = primaryKeyPath(table)!;
        last = rowKey(rows[rows.length - 1]!, kp);
        fn(rows);
        if (rows.length < chunkSize) break;
        await breathe();
      }
    },
  };
}

async function scopedSource(
  db: TurnkeeperDatabase,
  conversationId: string,
  chunkSize: number,
  signal: AbortSignal | undefined,
): Promise<RowSource> {
  const conversation = await db.conversations.get(conversationId);
  if (!conversation) throw new Error(`There is no conversation "${conversationId}".`);
  const messages = await db.messages.where('conversationId').equals(conversationId).toArray();
  const personIds = new Set<string>(conversation.personIds);
  for (const m of messages) personIds.add(m.personId);
  const notes = new Map<string, NoteRecord>();
  for (const n of await db.notes.where('conversationId').equals(conversationId).toArray()) notes.set(n.id, n);
  for (const n of await db.notes.where('personId').anyOf([...personIds]).toArray()) notes.set(n.id, n);
  const pins = await db.pins.where('conversationId').equals(conversationId).toArray();
  const people = (await db.people.bulkGet([...personIds])).filter((p) => p !== undefined);
  const byKey = <T extends { id: string }>(rows: T[]) => [...rows].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const data: Record<string, Row[]> = {
    people: byKey(people) as unknown as Row[],
    conversations: [conversation as ConversationRecord] as unknown as Row[],
    messages: byKey<MessageRecord>(messages) as unknown as Row[],
    notes: byKey([...notes.values()]) as unknown as Row[],
    pins: byKey<PinRecord>(pins) as unknown as Row[],
  };
  return {
    tables: KNOWN_TABLES.map((name) => ({ name, count: data[name]!.length })),
    settings: [],
    async forEachChunk(name, fn) {
      const rows = data[name] ?? [];
      for (let i = 0; i < rows.length; i += chunkSize) {
        throwIfAborted(signal);
        fn(rows.slice(i, i + chunkSize));
        await breathe();
      }
    },
  };
}

/** Today's date as YYYY-MM-DD in local time, for file names. */
export function dateStamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
