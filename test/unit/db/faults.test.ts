// Storage faults: a database held open at an older version by another context, and a disk that refuses writes.
// Each must end in a clear, named condition the background turns into TabContext.storageError, never in a hang, and
// never damage what was already stored.
import 'fake-indexeddb/auto';
import Dexie, { type DBCore, type Middleware } from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { storageErrorOf } from '../../../src/background/storage-error';
import { DatabaseBlockedError, TurnkeeperDatabase, whenOpen } from '../../../src/db/database';
import { ingestSnapshot } from '../../../src/db/ingest';
import type { PageReadMessage } from '../../../src/protocol/types';
import { ctx, DANA, dump, gmail, makeDb, ME, msg, at } from './helpers';

const uniqueName = () => `faults-${process.pid}-${Math.random()}`;

/** A raw IndexedDB connection from "another context" that ignores versionchange (never closes when asked). */
function holdOpen(name: string, version: number): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(name, version);
    request.onerror = () => reject(request.error);
    request.onsuccess = () => resolve(request.result);
  });
}

/** A Dexie middleware that makes every write to `table` fail the way a full disk does, while `failing()` says so. */
function quotaFailure(table: string, failing: () => boolean): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'quota-failure',
    create: (down) => ({
      ...down,
      table: (name) => {
        const t = down.table(name);
        return {
          ...t,
          mutate: (request) =>
            name === table && failing()
              ? Promise.reject(new DOMException('The quota has been exceeded.', 'QuotaExceededError'))
              : t.mutate(request),
        };
      },
    }),
  };
}

const PRIYA = { name: 'Priya Raman', email: 'priya@globex.example', isMe: false };
/** `count` messages; from the 100th on, a new person joins (so a longer read writes every table). */
const thread = (count: number) =>
  gmail(
    'T-faults',
    Array.from({ length: count }, (_, i) =>
      msg(`m${i}`, i >= 100 ? PRIYA : i % 2 ? ME : DANA, at(1 + (i % 9), 9, i % 60), `Message number ${i} about the pilot`),
    ),
  );

describe('a database held open at an older version by another context', () => {
  it('does not hang: opening rejects with DatabaseBlockedError within the bound, and succeeds once released', async () => {
    const name = uniqueName();
    vi.spyOn(console, 'warn').mockImplementation(() => undefined); // Dexie says "Upgrade … blocked"
    const old = await holdOpen(name, 1); // native version 1 < Turnkeeper's (schema 1 = native 10)
    let versionChangeSeen = false;
    old.onversionchange = () => (versionChangeSeen = true); // …and does not close

    const db = new TurnkeeperDatabase(name, { indexedDB, IDBKeyRange });
    const started = Date.now();
    const error = await whenOpen(db, 150).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBlockedError);
    expect((error as Error).name).toBe('DatabaseBlockedError');
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(versionChangeSeen).toBe(true);
    expect(storageErrorOf(error)).toBe('database-blocked');

    // Asked again while still blocked: told again, in bounded time.
    await expect(whenOpen(db, 100)).rejects.toBeInstanceOf(DatabaseBlockedError);

    // The other context lets go: the pending upgrade proceeds and the database works.
    old.close();
    await expect(whenOpen(db, 1_000)).resolves.toBe(db);
    await db.settings.put({ key: 'probe', value: 1 } as never);
    expect(await db.settings.get('probe')).toBeTruthy();
    db.close();
    vi.restoreAllMocks();
  });

  it('never blocks a newer version opened elsewhere: our connection closes on versionchange', async () => {
    const name = uniqueName();
    const db = new TurnkeeperDatabase(name, { indexedDB, IDBKeyRange });
    await whenOpen(db);
    await db.messages.put({ id: 'c|1', conversationId: 'c', personId: 'p', fromMe: false, sentAt: null, sentAtText: '', text: 'kept', partial: false, seenAt: at(1), pos: 0 });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const outcome = await new Promise<string>((resolve) => {
      const request = indexedDB.open(name, 1_000); // a future Turnkeeper in another window
      request.onblocked = () => resolve('blocked');
      request.onsuccess = () => {
        const stores = [...request.result.objectStoreNames];
        request.result.close();
        resolve(stores.includes('messages') ? 'upgraded' : 'upgraded without stores');
      };
      request.onerror = () => resolve(`error ${request.error?.name}`);
      setTimeout(() => resolve('hung'), 2_000);
    });
    warn.mockRestore();
    expect(outcome).toBe('upgraded');
    expect(db.isOpen()).toBe(false);
  });
});

describe('a disk that refuses writes (QuotaExceededError) during an ingest', () => {
  it.each(['messages', 'wordIndex', 'people', 'conversations'])(
    'rejects when %s cannot be written, and leaves every stored row exactly as it was',
    async (table) => {
      let failing = false;
      const db = makeDb();
      db.use(quotaFailure(table, () => failing));
      await ingestSnapshot(db, thread(40), ctx());
      const before = await dump(db);

      failing = true;
      const error = await ingestSnapshot(db, thread(120), ctx()).then(
        () => new Error('the ingest did not fail'),
        (e: unknown) => e,
      );
      expect(storageErrorOf(error)).toBe('storage-full');
      expect(await dump(db)).toEqual(before);

      // Space freed: reading the page again completes the record, without duplicates.
      failing = false;
      await ingestSnapshot(db, thread(120), ctx());
      const rows = await db.messages.where('conversationId').equals('gmail:T-faults').toArray();
      expect(rows).toHaveLength(120);
      expect(new Set(rows.map((r) => r.id)).size).toBe(120);
      db.close();
    },
  );
});

describe('storageErrorOf: what the background tells the user', () => {
  const quota = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  it.each([
    ['a DOMException QuotaExceededError', quota, 'storage-full'],
    ["Dexie's QuotaExceededError", new Dexie.QuotaExceededError('full'), 'storage-full'],
    ['an AbortError wrapping a quota error', new Dexie.AbortError('aborted', quota), 'storage-full'],
    ['a BulkError with a quota failure', new Dexie.BulkError('bulkPut failed', { 3: quota } as never), 'storage-full'],
    ['an error whose cause is a quota error', new Error('wrapped', { cause: quota }), 'storage-full'],
    ['a blocked open', new DatabaseBlockedError(1), 'database-blocked'],
    ['a failed open', new Dexie.OpenFailedError('no disk'), 'database-failed'],
    ['a VersionError', new Dexie.VersionError('too new'), 'database-failed'],
    ['a closed database', new Dexie.DatabaseClosedError(), 'database-failed'],
    ['an IndexedDB UnknownError', new DOMException('Internal error', 'UnknownError'), 'database-failed'],
    ['a ConstraintError (a bug, not storage)', new Dexie.ConstraintError('dup'), null],
    ['a TypeError (a bug)', new TypeError('x is undefined'), null],
    ['a string', 'QuotaExceededError', null],
    ['null', null, null],
  ])('%s → %s', (_label, error, expected) => {
    expect(storageErrorOf(error)).toBe(expected);
  });

  it('does not loop on a cyclic error', () => {
    const a = new Error('a') as Error & { inner?: unknown };
    const b = new Error('b', { cause: a });
    a.inner = b;
    expect(storageErrorOf(a)).toBeNull();
  });
});

// The background's page/read path (src/background/ingest-page.ts) on the extension's own database (global
// fake-indexeddb here): a storage failure becomes TabContext.storageError, not an exception, and is logged scrubbed.
describe('ingestPage under storage faults', () => {
  const SECRET = 'Confidential: our budget is 40k';
  const read = (count: number): PageReadMessage => {
    const snapshot = thread(count);
    snapshot.subject = SECRET;
    snapshot.messages[0]!.text = SECRET;
    return { type: 'page/read', site: 'gmail', url: snapshot.url, result: { threads: [snapshot], problems: [] } };
  };
  let modules: {
    ingestPage: typeof import('../../../src/background/ingest-page').ingestPage;
    db: TurnkeeperDatabase;
  };
  beforeEach(async () => {
    vi.resetModules();
    const { ingestPage } = await import('../../../src/background/ingest-page');
    const { openDatabase } = await import('../../../src/db/database');
    modules = { ingestPage, db: openDatabase() };
  });
  afterEach(async () => {
    modules.db.close();
    await modules.db.delete().catch(() => undefined);
    vi.restoreAllMocks();
  });

  it('storage full: storageError "storage-full", the record unchanged, nothing of the page in the log', async () => {
    let failing = false;
    modules.db.use(quotaFailure('messages', () => failing));
    const first = await modules.ingestPage(read(10));
    expect(first.storageError).toBeUndefined();
    expect(first.conversationIds).toEqual(['gmail:T-faults']);
    const before = await dump(modules.db);

    failing = true;
    const logged: string[] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args.join(' ')));
    const context = await modules.ingestPage(read(50));
    expect(context.storageError).toBe('storage-full');
    // The sidebar still shows what is stored for the conversation on the page.
    expect(context.conversationIds).toEqual(['gmail:T-faults']);
    expect(await dump(modules.db)).toEqual(before);
    expect(logged.join('\n')).toContain('QuotaExceededError');
    expect(logged.join('\n')).not.toContain('Confidential');
  });

  it('database held open by an older version: storageError "database-blocked", in bounded time', async () => {
    const old = await holdOpen('turnkeeper', 1);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const started = Date.now();
    const context = await modules.ingestPage(read(5));
    expect(Date.now() - started).toBeLessThan(8_000);
    expect(context.storageError).toBe('database-blocked');
    expect(context.conversationIds).toEqual(['gmail:T-faults']);
    old.close();
    const again = await modules.ingestPage(read(5));
    expect(again.storageError).toBeUndefined();
    expect(await modules.db.messages.count()).toBe(5);
  }, 15_000);

  it('a bug that is not a storage condition still throws (reported by the router as before)', async () => {
    const broken = read(3);
    (broken.result.threads[0] as { threadId: string }).threadId = '';
    await expect(modules.ingestPage(broken)).rejects.toThrow(TypeError);
  });
});
