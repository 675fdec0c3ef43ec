// Bulk reads and writes for export and import (src/export): every table generically, by name, in primary-key order
// and in chunks, inside one transaction over every table. The export module decides what to read and write and
// how rows merge; this is the only part of it that touches IndexedDB.
import Dexie, { type Table } from 'dexie';
import type { TurnkeeperDatabase } from './database';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord, PinRecord, SettingRecord } from './records';

export type Row = Record<string, unknown>;
export type KeyPath = string | string[];

export interface TableInfo {
  name: string;
  /** The inbound primary key path, or null when the table's keys are outbound (such a table is not exported). */
  keyPath: KeyPath | null;
}

function keyPathOf(table: Table): KeyPath | null {
  const kp = table.schema.primKey.keyPath;
  if (kp === undefined || kp === null || kp === '') return null;
  return kp;
}

/** Every table of the database, in the schema's order. */
export function tableInfos(db: TurnkeeperDatabase): TableInfo[] {
  return db.tables.map((t) => ({ name: t.name, keyPath: keyPathOf(t) }));
}

/** The value at `keyPath` of `row` (a compound path gives an array). */
export function rowKey(row: Row, keyPath: KeyPath): unknown {
  return Dexie.getByKeyPath(row, keyPath);
}

/** Run `fn` in one read-only transaction over every table: what it reads is one consistent snapshot. */
export function inSnapshot<T>(db: TurnkeeperDatabase, fn: () => Promise<T>): Promise<T> {
  return db.transaction('r', db.tables, fn);
}

/** Run `fn` in one read-write transaction over every table: all of its writes or (on any error) none. */
export function inWriteTransaction<T>(db: TurnkeeperDatabase, fn: () => Promise<T>): Promise<T> {
  return db.transaction('rw', db.tables, fn);
}

/** Await `promise` (a pause, work outside the database) inside a transaction without letting it commit. */
export function keepTransactionOpen<T>(promise: Promise<T>): Promise<T> {
  return Dexie.waitFor(promise);
}

/** `value` as a promise that may be awaited inside a transaction (a native one would let the transaction commit). */
export function transactionValue<T>(value: T): PromiseLike<T> {
  return Dexie.Promise.resolve(value);
}

/** How many rows `table` holds. */
export function countRows(db: TurnkeeperDatabase, table: string): Promise<number> {
  return db.table(table).count();
}

/** Every primary key of `table`. */
export function primaryKeysOf(db: TurnkeeperDatabase, table: string): Promise<unknown[]> {
  return db.table(table).toCollection().primaryKeys() as Promise<unknown[]>;
}

/** Up to `limit` rows of `table` in primary-key order, from the first (`after` undefined) or after the key `after`. */
export function readRowsInKeyOrder(
  db: TurnkeeperDatabase,
  table: string,
  after: { key: unknown } | undefined,
  limit: number,
): Promise<Row[]> {
  const t = db.table(table);
  const coll = after ? t.where(':id').above(after.key) : t.orderBy(':id');
  return coll.limit(limit).toArray() as Promise<Row[]>;
}

/** The rows of `table` with these primary keys, in the same order (undefined: absent). Usable inside a transaction
 * without awaiting it at once (the promise is the database's own). */
export function getRows(db: TurnkeeperDatabase, table: string, keys: readonly unknown[]): Promise<(Row | undefined)[]> {
  return db.table(table).bulkGet(keys as string[]) as Promise<(Row | undefined)[]>;
}

/** Writes `rows` to `table` (each replaces the row with its key). The promise is the database's own, as getRows. */
export function putRows(db: TurnkeeperDatabase, table: string, rows: readonly Row[]): Promise<unknown> {
  return db.table(table).bulkPut(rows as Row[]);
}

/** Every settings row, as stored ({ key, value }). */
export function readSettingRows(db: TurnkeeperDatabase): Promise<SettingRecord[]> {
  return db.settings.toArray();
}

/** The settings rows with these keys, in the same order (undefined: not set). */
export function getSettingRows(db: TurnkeeperDatabase, keys: readonly string[]): Promise<(SettingRecord | undefined)[]> {
  return db.settings.bulkGet([...keys]);
}

/** Writes settings rows as given. Use saveSettings for the user's settings: this one re-derives nothing. */
export async function putSettingRows(db: TurnkeeperDatabase, rows: readonly SettingRecord[]): Promise<void> {
  await db.settings.bulkPut([...rows]);
}

/** One conversation's records: the conversation, its messages, the people in it (its people and the messages'
 * senders), the notes on it, the notes on those people, its pins. null when there is no such conversation. */
export interface ConversationRecords {
  conversation: ConversationRecord;
  messages: MessageRecord[];
  people: PersonRecord[];
  notes: NoteRecord[];
  personNotes: NoteRecord[];
  pins: PinRecord[];
}

export async function readConversationRecords(
  db: TurnkeeperDatabase,
  conversationId: string,
): Promise<ConversationRecords | null> {
  return db.transaction('r', db.conversations, db.messages, db.people, db.notes, db.pins, async () => {
    const conversation = await db.conversations.get(conversationId);
    if (!conversation) return null;
    const messages = await db.messages.where('conversationId').equals(conversationId).toArray();
    const personIds = [...new Set([...conversation.personIds, ...messages.map((m) => m.personId)])];
    const people = (await db.people.bulkGet(personIds)).filter((p): p is PersonRecord => p !== undefined);
    const notes = await db.notes.where('conversationId').equals(conversationId).toArray();
    const personNotes = await db.notes.where('personId').anyOf(personIds).toArray();
    const pins = await db.pins.where('conversationId').equals(conversationId).toArray();
    return { conversation, messages, people, notes, personNotes, pins };
  });
}

/** What a calendar of reminders holds: open pins, the conversations waiting on them or pinned, and their people.
 * With `conversationId`, that conversation's only. */
export async function readOpenReminders(
  db: TurnkeeperDatabase,
  conversationId?: string,
): Promise<{ pins: PinRecord[]; conversations: ConversationRecord[]; people: PersonRecord[] }> {
  return db.transaction('r', db.pins, db.conversations, db.people, async () => {
    const pins =
      conversationId !== undefined
        ? await db.pins.where('conversationId').equals(conversationId).filter((p) => !p.done).toArray()
        : await db.pins.filter((p) => !p.done).toArray();
    const ids = new Set(pins.map((p) => p.conversationId));
    const waiting =
      conversationId !== undefined
        ? await db.conversations.where('id').equals(conversationId).toArray()
        : await db.conversations.where('turn').anyOf(['theirs', 'follow-up']).toArray();
    for (const c of waiting) ids.delete(c.id);
    const pinned = (await db.conversations.bulkGet([...ids])).filter((c): c is ConversationRecord => c !== undefined);
    const personIds = [...new Set([...waiting, ...pinned].flatMap((c) => c.personIds))];
    const people = (await db.people.bulkGet(personIds)).filter((p): p is PersonRecord => p !== undefined);
    return { pins, conversations: [...waiting, ...pinned], people };
  });
}
