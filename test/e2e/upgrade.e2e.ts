// An update from schema version 1, in Chromium's own IndexedDB: the database a version-1 Turnkeeper wrote
// (test/fixtures/db/v1-sample.json, stored the way Dexie stores version 1) is opened by the built extension, which
// upgrades it. The seller finds their conversations listed and searchable as before. (test/unit/db/schema.test.ts
// checks every record row by row against fake-indexeddb; this checks the same upgrade where users run it.)
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { V1_STORES } from '../fixtures/db/v1-schema';
import { type Session, startSession } from './harness';

const fixture = JSON.parse(readFileSync(resolve(import.meta.dirname, '../fixtures/db/v1-sample.json'), 'utf8')) as {
  tables: Record<string, Record<string, unknown>[]>;
};

let session: Session;

beforeAll(async () => {
  session = await startSession();
});
afterAll(async () => {
  await session?.close();
});

describe('an update from schema version 1', () => {
  it('keeps every conversation, lists them and finds them by search', async () => {
    // Replace the database the fresh install created with the one version 1 left behind. (The service worker's own
    // connection lets go when asked, as Dexie's do, and reopens on its next use: that open runs the upgrade.)
    await session.worker.evaluate(
      async ([stores, tables]) => {
        const deleteAll = () =>
          new Promise<void>((done, fail) => {
            const request = indexedDB.deleteDatabase('turnkeeper');
            request.onsuccess = () => done();
            request.onerror = () => fail(request.error);
          });
        // Laid out as Dexie does: its version 1 is IndexedDB version 10; "*x" is a multi-entry index, "[a+b]" a
        // compound one named so.
        const openAsVersion1 = () =>
          new Promise<IDBDatabase>((done, fail) => {
            const request = indexedDB.open('turnkeeper', 10);
            request.onupgradeneeded = () => {
              for (const [name, spec] of Object.entries(stores)) {
                const [primary, ...indexes] = spec.split(',').map((part) => part.trim());
                const store = request.result.createObjectStore(name, { keyPath: primary });
                for (const index of indexes) {
                  if (index.startsWith('*')) store.createIndex(index.slice(1), index.slice(1), { multiEntry: true });
                  else if (index.startsWith('[')) store.createIndex(index, index.slice(1, -1).split('+'));
                  else store.createIndex(index, index);
                }
              }
            };
            request.onsuccess = () => done(request.result);
            request.onerror = () => fail(request.error);
          });
        // The worker's connection may reopen (at version 2) between the delete and our open: then delete again.
        let db: IDBDatabase | undefined;
        for (let attempt = 0; !db; attempt++) {
          await deleteAll();
          db = await openAsVersion1().catch((error: DOMException) => {
            if (error.name !== 'VersionError' || attempt >= 20) throw error;
            return new Promise<undefined>((wait) => setTimeout(() => wait(undefined), 100));
          });
        }
        const tx = db.transaction(Object.keys(tables), 'readwrite');
        for (const [name, rows] of Object.entries(tables)) for (const row of rows) tx.objectStore(name).put(row);
        await new Promise<void>((done, fail) => {
          tx.oncomplete = () => done();
          tx.onerror = () => fail(tx.error);
        });
        db.close();
      },
      [V1_STORES, fixture.tables] as const,
    );

    const dashboard = await session.open(session.extensionUrl('src/ui/dashboard/index.html'));
    await dashboard.waitForSelector('html[data-ready=true]');
    // Listed by its turn: the Gmail thread whose turn is mine, by its subject. Its last message is from January 2024,
    // long past the gone-quiet period, so it waits in the Gone quiet section (closed until asked), not in My turn.
    await dashboard.getByTestId('gone-quiet-toggle').click();
    await expect
      .poll(() => dashboard.getByTestId('section-goneQuiet').getByTestId('row').filter({ hasText: 'Proposal for Q3' }).count())
      .toBe(1);
    expect(await dashboard.getByTestId('section-mine').getByTestId('row').count()).toBe(0);

    // Searchable: the word index was rebuilt from the records (accents folded, any script).
    await dashboard.getByTestId('search').fill('economica');
    const hit = dashboard.getByTestId('search-results').getByTestId('search-hit');
    await expect.poll(() => hit.count()).toBe(1);
    expect(await hit.locator('mark').textContent()).toBe('económica');
    await dashboard.getByTestId('search').fill('会議');
    await expect.poll(() => hit.allTextContents()).toEqual([expect.stringContaining('東京都の会議')]);

    // Every record is there, under the new schema; the version-1 index table is gone.
    for (const table of ['people', 'conversations', 'messages', 'notes', 'pins', 'links']) {
      const rows = await session.table<{ id: string }>(table);
      expect(rows.map((r) => r.id).sort(), table).toEqual(fixture.tables[table]!.map((r) => r.id).sort());
    }
    expect(await session.table('search')).toEqual([]);
    expect((await session.table<{ ref: string }>('wordIndex')).map((r) => r.ref).sort()).toEqual(
      ['c|gmail:t1', 'c|gmail:t2', 'c|linkedin:l1', ...fixture.tables.notes!.map((n) => `n|${n.id}`), ...fixture.tables.people!.filter((p) => p.id !== 'me' && !p.isMe).map((p) => `p|${p.id}`)].sort(),
    );
    await dashboard.close();
  });
});
