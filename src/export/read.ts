// Reading the database for export: every table generically, in primary-key chunks, inside one read transaction so
// the file is a consistent snapshot even while the background keeps ingesting. The reads are src/db's (transfer.ts).
import {
  countRows,
  inSnapshot,
  keepTransactionOpen,
  readConversationRecords,
  readRowsInKeyOrder,
  readSettingRows,
  rowKey,
  tableInfos,
  type ConversationRecord,
  type KeyPath,
  type MessageRecord,
  type NoteRecord,
  type PinRecord,
  type Row,
  type TableInfo,
  type TurnkeeperDatabase,
} from '../db';
import { DERIVED_TABLES, KNOWN_TABLES } from './format';
import { DEFAULT_CHUNK_SIZE, throwIfAborted, yieldToEventLoop } from './progress';

export { inSnapshot, rowKey, type KeyPath, type Row };

/** The tables a full export writes, known ones first in their documented order, then the others by name.
 * `settings` is written apart (as an object); derived tables (the search index) are left out. */
export function exportTables(db: TurnkeeperDatabase): (TableInfo & { keyPath: KeyPath })[] {
  const all = tableInfos(db).filter((t): t is TableInfo & { keyPath: KeyPath } => t.keyPath !== null);
  const byName = new Map(all.map((t) => [t.name, t]));
  const known = KNOWN_TABLES.map((n) => byName.get(n)).filter((t) => t !== undefined);
  const others = all
    .filter((t) => t.name !== 'settings' && !DERIVED_TABLES.has(t.name) && !(KNOWN_TABLES as readonly string[]).includes(t.name))
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

/** Yield to the event loop without letting the surrounding transaction commit. */
export function breathe(): Promise<void> {
  return keepTransactionOpen(yieldToEventLoop());
}

/** Must be called inside `inSnapshot`. */
export async function openSource(db: TurnkeeperDatabase, options: ReadOptions = {}): Promise<RowSource> {
  const chunkSize = Math.max(1, options.chunkSize ?? DEFAULT_CHUNK_SIZE);
  const signal = options.signal;
  if (options.conversationId !== undefined) return scopedSource(db, options.conversationId, chunkSize, signal);

  const tables = exportTables(db);
  const counts = await Promise.all(tables.map((t) => countRows(db, t.name)));
  const settings = (await readSettingRows(db)) as unknown as Row[];
  const keyPaths = new Map(tables.map((t) => [t.name, t.keyPath]));
  return {
    tables: tables.map((t, i) => ({ name: t.name, count: counts[i]! })),
    settings,
    async forEachChunk(name, fn) {
      const keyPath = keyPaths.get(name)!;
      let after: { key: unknown } | undefined;
      for (;;) {
        throwIfAborted(signal);
        const rows = await readRowsInKeyOrder(db, name, after, chunkSize);
        if (rows.length === 0) break;
        after = { key: rowKey(rows[rows.length - 1]!, keyPath) };
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
  const records = await readConversationRecords(db, conversationId);
  if (!records) throw new Error(`There is no conversation "${conversationId}".`);
  const { conversation, messages, pins, people } = records;
  const notes = new Map<string, NoteRecord>();
  for (const n of [...records.notes, ...records.personNotes]) notes.set(n.id, n);
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
