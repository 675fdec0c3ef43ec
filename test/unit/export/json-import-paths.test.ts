// The importer skips reading back rows it knows are absent (an empty table, or a table whose keys it has read) and
// keeps several steps of writes in flight. These tests check that this gives exactly the rows of the plain path,
// which reads back every row of the file (`lookUpEveryRow`), on a real history built by ingest.
import { afterEach, describe, expect, it } from 'vitest';
import { generateHistory } from '../../bench/bench-data';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { ingestSnapshots } from '../../../src/db/ingest';
import { exportJson } from '../../../src/export/json-export';
import { applyImport, parseImportFile, planImport, type ImportOptions } from '../../../src/export/json-import';
import type { Progress } from '../../../src/export/progress';
import { openTestDb, snapshot } from './helpers';

const NOW = new Date('2024-06-02T00:00:00.000Z');
let dbs: TurnkeeperDatabase[] = [];
const fresh = () => {
  const db = openTestDb();
  dbs.push(db);
  return db;
};
afterEach(async () => {
  for (const db of dbs) await db.delete();
  dbs = [];
});

async function history(): Promise<{ source: TurnkeeperDatabase; text: string }> {
  const source = fresh();
  const h = generateHistory({ people: 30, conversations: 60, messages: 240, seed: 7 });
  for (let i = 0; i < h.snapshots.length; i += 20) {
    await ingestSnapshots(source, h.snapshots.slice(i, i + 20), { now: h.now, myIdentities: h.myIdentities });
  }
  const { blob } = await exportJson(source, { now: NOW });
  return { source, text: await blob.text() };
}

async function importInto(db: TurnkeeperDatabase, text: string, options: ImportOptions = {}) {
  const parsed = await parseImportFile(db, text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const plan = await planImport(db, parsed.file, options);
  const result = await applyImport(db, parsed.file, options);
  return { plan: { tables: plan.tables, summary: plan.summary, changes: plan.changes }, result };
}

/** Give `db` part of the history, poorer and older than the file, plus rows the file does not have. */
async function prefill(db: TurnkeeperDatabase, source: TurnkeeperDatabase): Promise<void> {
  const people = await source.people.toArray();
  const conversations = await source.conversations.toArray();
  const messages = await source.messages.toArray();
  await db.transaction('rw', db.tables, async () => {
    await db.people.bulkPut(people.filter((_, i) => i % 3 === 0).map((p) => ({ ...p, emails: p.emails.slice(1), updatedAt: '2020-01-01T00:00:00.000Z' })));
    await db.conversations.bulkPut(conversations.filter((_, i) => i % 4 === 1).map((c) => ({ ...c, subject: undefined, lastMessageAt: null, turn: 'resting' as const })));
    await db.messages.bulkPut(
      messages
        .filter((_, i) => i % 2 === 0)
        .map((m, i) => (i % 3 === 0 ? { ...m, text: m.text.slice(0, 10), partial: true } : i % 3 === 1 ? { ...m, sentAt: null } : m)),
    );
    await db.messages.put({ ...messages[0]!, id: 'only-here|1', text: 'a message the file does not have' });
    await db.notes.put({ id: 'note-only-here', conversationId: conversations[0]!.id, text: 'kept', promised: false, done: false, createdAt: NOW.toISOString(), updatedAt: NOW.toISOString() });
    await db.settings.put({ key: 'waitDays', value: 9 });
  });
}

describe('import paths give the same database', () => {
  it('into an empty database: skipping the reads gives the rows of reading every row, and of the source', async () => {
    const { source, text } = await history();
    const fast = fresh();
    const plain = fresh();
    const events: Progress[] = [];
    const a = await importInto(fast, text, { onProgress: (p) => events.push(p) });
    const b = await importInto(plain, text, { lookUpEveryRow: true, chunkSize: 7 });
    expect(a).toStrictEqual(b);
    expect(a.result.changes).toBeGreaterThan(300);
    const got = await snapshot(fast);
    expect(got).toStrictEqual(await snapshot(plain));
    // The same rows as the database the file came from, search index included (settings differ: lastBackupAt).
    const want = await snapshot(source);
    for (const table of Object.keys(want)) if (table !== 'settings') expect(got[table], table).toStrictEqual(want[table]);
    // One row per conversation, note and contact.
    expect(got.wordIndex).toHaveLength(got.conversations!.length + got.notes!.length + got.people!.length - 1);
    // The index is written last, its progress counted in its own rows.
    const index = events.filter((e) => e.table === 'search');
    expect(index.at(-1)).toMatchObject({ phase: 'write', done: got.wordIndex!.length, total: got.wordIndex!.length });
  });

  it('into a database holding part of the history: the same merges, counts and index either way', async () => {
    const { source, text } = await history();
    const known = fresh();
    const plain = fresh();
    await prefill(known, source);
    await prefill(plain, source);
    const a = await importInto(known, text, { chunkSize: 5 });
    const b = await importInto(plain, text, { lookUpEveryRow: true, chunkSize: 11 });
    expect(a).toStrictEqual(b);
    const messages = a.result.tables.find((t) => t.table === 'messages')!;
    expect(messages.add).toBe(120);
    expect(messages.update).toBeGreaterThan(60);
    expect(messages.unchanged).toBeGreaterThan(20);
    expect(await snapshot(known)).toStrictEqual(await snapshot(plain));
    expect(await known.messages.get('only-here|1')).toBeDefined();

    // And again: nothing changes, on either path.
    const again = await importInto(known, text);
    const againPlain = await importInto(plain, text, { lookUpEveryRow: true });
    expect([again.plan.changes, again.result.changes, againPlain.result.changes]).toEqual([0, 0, 0]);
    expect(await snapshot(known)).toStrictEqual(await snapshot(plain));
  });

  it('all or nothing with writes in flight: a failure while indexing leaves the database as it was', async () => {
    const { source, text } = await history();
    const db = fresh();
    await prefill(db, source);
    const before = await snapshot(db);
    const parsed = await parseImportFile(db, text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    await expect(
      applyImport(db, parsed.file, {
        chunkSize: 4,
        onProgress: (p) => {
          if (p.table === 'search' && p.done > 40) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot(db)).toStrictEqual(before);

    const ac = new AbortController();
    await expect(
      applyImport(db, parsed.file, { chunkSize: 4, signal: ac.signal, onProgress: (p) => p.table === 'links' && ac.abort() }),
    ).rejects.toThrow();
    expect(await snapshot(db)).toStrictEqual(before);
  });
});
