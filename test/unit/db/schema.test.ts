import Dexie from 'dexie';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import fixture from '../../fixtures/db/v1-sample.json';
import { V1_STORES } from '../../fixtures/db/v1-schema';
import { SCHEMA_VERSIONS, TurnkeeperDatabase } from '../../../src/db/database';
import { getTimeline, search } from '../../../src/db/queries';
import { searchRowsFor } from '../../../src/db/search-index';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord } from '../../../src/db/records';
import { getSettings } from '../../../src/db/settings';

const tables = fixture.tables as Record<string, Record<string, unknown>[]>;

describe('schema versions', () => {
  it('keeps version 1 as released, first', () => {
    expect(SCHEMA_VERSIONS[0]).toMatchObject({ version: 1, stores: V1_STORES });
    const numbers = SCHEMA_VERSIONS.map((v) => v.version);
    expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
  });

  it('opens a database written by version 1 and finds every record intact', async () => {
    const name = `v1-${Math.random()}`;
    const old = new Dexie(name, { indexedDB, IDBKeyRange });
    old.version(1).stores(V1_STORES);
    await old.open();
    for (const [table, rows] of Object.entries(tables)) await old.table(table).bulkAdd(rows);
    old.close();

    const db = new TurnkeeperDatabase(name, { indexedDB, IDBKeyRange });
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSIONS.at(-1)!.version);
    // Every record, exactly; the derived search index of version 1 (table `search`) is replaced by version 2's
    // `wordIndex`, rebuilt from the records.
    const records = Object.entries(tables).filter(([table]) => table !== 'search');
    for (const [table, rows] of records) {
      const key = table === 'settings' ? 'key' : 'id';
      const sorted = [...rows].sort((a, b) => (String(a[key]) < String(b[key]) ? -1 : 1));
      expect(await db.table(table).toArray(), table).toEqual(sorted);
    }
    expect([...records.map(([table]) => table), 'turnKeys', 'wordIndex'].sort()).toEqual(db.tables.map((t) => t.name).sort());
    // Version 3 copies the counted turn keys (src/db/turn-keys.ts) from the conversations: the two of my turn; the
    // resting one has none.
    expect(await db.turnKeys.toCollection().primaryKeys()).toEqual([
      'gmail\u0001mine\u00012024-01-10T12:00:00.000Z\u0001gmail:t1',
      'linkedin\u0001mine\u00012024-01-09T12:00:00.000Z\u0001linkedin:l1',
    ]);
    const index = await db.wordIndex.toArray();
    expect(index).toEqual(
      searchRowsFor({
        messages: tables.messages as unknown as MessageRecord[],
        notes: tables.notes as unknown as NoteRecord[],
        people: tables.people as unknown as PersonRecord[],
        conversations: tables.conversations as unknown as ConversationRecord[],
      }),
    );
    // Version 1 indexed each message; version 2 each conversation, note and contact, and finds the same records.
    const refs = (code: string) => index.filter((r) => r.ref.startsWith(`${code}|`)).map((r) => r.ref.slice(2)).sort();
    const v1Refs = (kinds: string[]) =>
      [...new Set(tables.search!.map((r) => String(r.id).split('|')).filter(([, k]) => kinds.includes(k!)).map((p) => p.slice(2).join('|')))].sort();
    expect(refs('n')).toEqual(v1Refs(['note']));
    expect(refs('p')).toEqual(v1Refs(['person']));
    expect(refs('c')).toEqual(
      [...new Set([...v1Refs(['subject']), ...v1Refs(['message']).map((id) => id.split('|')[0]!)])].sort(),
    );
    // And the current code reads them.
    expect((await getSettings(db)).waitDays).toBe(4);
    const t = await getTimeline(db, 'gmail:t1', new Date(2024, 0, 10, 12));
    expect(t!.messages.map((m) => m.site)).toEqual(['linkedin', 'gmail', 'gmail', 'linkedin', 'gmail']);
    expect((await search(db, 'economica')).map((h) => h.conversationId)).toEqual(['gmail:t1']);
    db.close();
  });
});
