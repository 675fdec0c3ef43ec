import Dexie, { type EntityTable, type Transaction } from 'dexie';
import type {
  ConversationRecord,
  LinkRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  PinRecord,
  SearchRecord,
  SettingRecord,
} from './records';

export const DATABASE_NAME = 'turnkeeper';

export interface SchemaVersion {
  version: number;
  /** Dexie store specs; `null` deletes a table. Only what changed needs listing in later versions. */
  stores: Record<string, string | null>;
  /** Data changes from the previous version, run once inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<unknown> | void;
}

/**
 * Every released schema version, oldest first. A released entry never changes: a new schema is a new entry with a
 * higher number (and an `upgrade` when rows must change). test/unit/db/schema.test.ts opens a database written by
 * version 1 (test/fixtures/db/v1-sample.json) with the current class and checks every row survived.
 *
 * Index notes: booleans are not IndexedDB keys, so `isMe`/`done` are not indexed (the user is the row ME_ID; open
 * pins are filtered in memory). Rows whose indexed field is null/absent are simply not in that index.
 */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: {
      people: 'id, *emails, *linkedin, nameKey, mergedInto',
      conversations: 'id, site, turn, lastMessageAt, *personIds, updatedAt, [turn+turnSince], [turn+lastMessageAt]',
      messages: 'id, conversationId, personId',
      notes: 'id, conversationId, personId, updatedAt',
      pins: 'id, conversationId, dueAt',
      settings: 'key',
      links: 'id, a, b, status',
      search: 'id, *words',
    },
  },
];

/** The tables an ingest or an action writes (all but settings). */
export const RECORD_TABLES = ['people', 'conversations', 'messages', 'notes', 'pins', 'links', 'search'] as const;

/**
 * The one database class. Only code under src/db touches IndexedDB.
 * Tests pass `{ indexedDB, IDBKeyRange }` from fake-indexeddb as options.
 */
export class TurnkeeperDatabase extends Dexie {
  people!: EntityTable<PersonRecord, 'id'>;
  conversations!: EntityTable<ConversationRecord, 'id'>;
  messages!: EntityTable<MessageRecord, 'id'>;
  notes!: EntityTable<NoteRecord, 'id'>;
  pins!: EntityTable<PinRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;
  links!: EntityTable<LinkRecord, 'id'>;
  search!: EntityTable<SearchRecord, 'id'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
  }
}

let shared: TurnkeeperDatabase | undefined;
/** The database of this extension context (background, sidebar, dashboard). */
export function openDatabase(): TurnkeeperDatabase {
  shared ??= new TurnkeeperDatabase();
  return shared;
}
