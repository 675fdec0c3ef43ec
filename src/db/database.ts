import Dexie, { type EntityTable, type Table, type Transaction } from 'dexie';
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
import { searchRowsFor } from './search-index';
import { TURN_KEYS, turnKeysMiddleware, turnKeysOfRows, type TurnKey } from './turn-keys';

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
      conversations:
        'id, site, turn, lastMessageAt, *personIds, updatedAt, [turn+turnSince], [turn+lastMessageAt], ' +
        '[site+turn+turnSince], [site+turn+lastMessageAt]',
      messages: 'id, conversationId, personId',
      notes: 'id, conversationId, personId, updatedAt',
      pins: 'id, conversationId, dueAt',
      settings: 'key',
      links: 'id, a, b, status',
      search: 'id, *words',
    },
  },
  {
    // The word index keyed by an increasing number instead of by time, so writes append, and one row per
    // conversation instead of per message (src/db/search-index.ts). IndexedDB cannot change a table's primary key:
    // the old table goes and the new one is built from the records.
    version: 2,
    stores: { search: null, wordIndex: '[seq+key], key, ref, *words' },
    upgrade: async (tx) => {
      const [messages, notes, people, conversations] = await Promise.all(
        ['messages', 'notes', 'people', 'conversations'].map((name) => tx.table(name).toArray()),
      );
      const rows = searchRowsFor({ messages: messages!, notes: notes!, people: people!, conversations: conversations! });
      await tx.table('wordIndex').bulkAdd(rows);
    },
  },
  {
    // The counted part of the turn indexes copied as primary keys, so the dashboard's and the badge's counts count
    // a table's keys instead of walking an index (src/db/turn-keys.ts). Filled from the conversations here; kept by
    // a middleware from then on.
    version: 3,
    stores: { [TURN_KEYS]: '' },
    upgrade: async (tx) => {
      const keys = turnKeysOfRows(await tx.table('conversations').toArray());
      await tx.table(TURN_KEYS).bulkPut(keys.map(() => 0), keys);
    },
  },
];

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
  wordIndex!: Table<SearchRecord, [number, string]>;
  /** Derived, keys only (src/db/turn-keys.ts). */
  turnKeys!: Table<number, TurnKey>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.use(turnKeysMiddleware);
    for (const v of SCHEMA_VERSIONS) {
      const version = this.version(v.version).stores(v.stores);
      if (v.upgrade) version.upgrade(v.upgrade);
    }
    watchBlocking(this);
  }
}

/**
 * Opening the database waited too long for another connection to let go: an open window of an older Turnkeeper (or
 * any code) holds the database at an older version and does not close when asked, so the upgrade cannot run. The
 * open goes on in the background and succeeds once that window closes; the user is told to close it.
 */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
  constructor(heldVersion?: number) {
    super(
      `The database upgrade is blocked by another open connection${heldVersion ? ` at version ${heldVersion}` : ''}`,
    );
  }
}

/** How long an open may stay blocked before callers are told (DatabaseBlockedError). */
export const OPEN_BLOCKED_TIMEOUT_MS = 4_000;

const blockedAt = new WeakMap<Dexie, { oldVersion: number }>();

function watchBlocking(db: Dexie): void {
  db.on('blocked', (event: IDBVersionChangeEvent) => {
    blockedAt.set(db, { oldVersion: event.oldVersion / 10 });
  });
  // Dexie's own default already closes this connection when another one wants to upgrade (so a newer version in
  // another context is never blocked by us) and reopens it on the next use; nothing to add for that side.
}

/**
 * `db`, open. Rejects with DatabaseBlockedError when the open has been blocked for `timeoutMs`, instead of hanging
 * until the other connection closes (a blocked IndexedDB open waits forever); other open failures reject as Dexie
 * reports them (OpenFailedError, VersionError, …).
 */
export function whenOpen<T extends Dexie>(db: T, timeoutMs = OPEN_BLOCKED_TIMEOUT_MS): Promise<T> {
  if (db.isOpen()) return Promise.resolve(db);
  return new Promise<T>((resolve, reject) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onBlocked = () => {
      timer ??= setTimeout(() => reject(new DatabaseBlockedError(blockedAt.get(db)?.oldVersion)), timeoutMs);
    };
    db.on('blocked', onBlocked);
    if (blockedAt.has(db)) onBlocked();
    db.open().then(
      () => {
        blockedAt.delete(db);
        resolve(db);
      },
      (error: unknown) => reject(error),
    ).finally(() => {
      clearTimeout(timer);
      db.on('blocked').unsubscribe(onBlocked);
    });
  });
}

let shared: TurnkeeperDatabase | undefined;
/** The database of this extension context (background, sidebar, dashboard). */
export function openDatabase(): TurnkeeperDatabase {
  shared ??= new TurnkeeperDatabase();
  return shared;
}
