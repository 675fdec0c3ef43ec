import { afterEach, describe, expect, it } from 'vitest';
import * as v from 'valibot';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { exportJson } from '../../../src/export/json-export';
import { applyImport, parseImportFile, planImport } from '../../../src/export/json-import';
import { documentSchemaV1, FORMAT_VERSION } from '../../../src/export/format';
import type { Progress } from '../../../src/export/progress';
import { openTestDb, seed, snapshot, wipe } from './helpers';

const NOW = new Date('2025-03-10T12:00:00.000Z');
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

async function importText(db: TurnkeeperDatabase, text: string) {
  const parsed = await parseImportFile(db, text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return applyImport(db, parsed.file);
}

describe('JSON export', () => {
  it('matches the documented format (valibot schema of version 1)', async () => {
    const db = fresh();
    await seed(db);
    const { blob, filename, counts } = await exportJson(db, { now: NOW });
    const doc = JSON.parse(await blob.text());
    const result = v.safeParse(documentSchemaV1, doc);
    expect(result.issues ?? []).toEqual([]);
    expect(doc.format).toBe('turnkeeper');
    expect(doc.version).toBe(FORMAT_VERSION);
    expect(doc.exportedAt).toBe(NOW.toISOString());
    expect(Object.keys(doc)).toEqual(['format', 'version', 'exportedAt', 'scope', 'people', 'conversations', 'messages', 'notes', 'pins', 'links', 'settings']);
    expect(doc.search).toBeUndefined();
    expect(doc.settings).toEqual({ waitDays: 3, myEmails: ['sam@seller.example'], sites: { gmail: true, linkedin: false }, lastBackupAt: NOW.toISOString() });
    expect(counts).toMatchObject({ people: 3, conversations: 2, messages: 4, notes: 2, pins: 2, links: 1 });
    expect(filename).toMatch(/^turnkeeper-backup-\d{4}-\d{2}-\d{2}\.json$/);
    expect(blob.type).toBe('application/json');
  });

  it('records lastBackupAt in the settings table after a full export only', async () => {
    const db = fresh();
    await seed(db);
    await exportJson(db, { now: NOW, conversationId: 'gmail:t1' });
    expect(await db.settings.get('lastBackupAt')).toBeUndefined();
    await exportJson(db, { now: NOW });
    expect(await db.settings.get('lastBackupAt')).toEqual({ key: 'lastBackupAt', value: NOW.toISOString() });
  });

  it('reads in chunks, yields, and reports progress up to the total', async () => {
    const db = fresh();
    await seed(db);
    const extra = Array.from({ length: 23 }, (_, i) => ({
      id: `gmail:t1|x${String(i).padStart(3, '0')}`, conversationId: 'gmail:t1', personId: 'p-ana', fromMe: false,
      sentAt: null, sentAtText: '', text: `m${i}`, partial: false, seenAt: '2025-03-03T09:00:00.000Z',
    }));
    await db.messages.bulkPut(extra);
    const events: Progress[] = [];
    const { blob } = await exportJson(db, { now: NOW, chunkSize: 5, onProgress: (p) => events.push({ ...p }) });
    const doc = JSON.parse(await blob.text());
    expect(doc.messages).toHaveLength(27);
    expect(new Set(doc.messages.map((m: { id: string }) => m.id)).size).toBe(27);
    const reads = events.filter((e) => e.phase === 'read' && e.table === 'messages');
    expect(reads.length).toBe(6); // 27 messages in chunks of 5
    const done = events.filter((e) => e.phase === 'read').map((e) => e.done);
    expect(done).toEqual([...done].sort((a, b) => a - b));
    const last = events.filter((e) => e.phase === 'read').at(-1)!;
    expect(last.done).toBe(last.total);
    expect(last.total).toBe(3 + 2 + 27 + 2 + 2 + 1);
    expect(events.at(-1)!.phase).toBe('done');
  });

  it('exports one conversation with its people, notes and pins', async () => {
    const db = fresh();
    await seed(db);
    const { blob, filename } = await exportJson(db, { now: NOW, conversationId: 'linkedin:t2' });
    const doc = JSON.parse(await blob.text());
    expect(doc.scope).toBe('conversation');
    expect(doc.conversations.map((c: { id: string }) => c.id)).toEqual(['linkedin:t2']);
    expect(doc.messages).toHaveLength(2);
    expect(doc.people.map((p: { id: string }) => p.id)).toEqual(['p-bob']);
    expect(doc.notes.map((p: { id: string }) => p.id)).toEqual(['n2']);
    expect(doc.pins.map((p: { id: string }) => p.id)).toEqual(['pin1']);
    expect(doc.settings).toEqual({});
    expect(filename).toMatch(/^turnkeeper-conversation-/);
    await expect(exportJson(db, { conversationId: 'nope' })).rejects.toThrow(/no conversation/);
  });

  it('can be cancelled', async () => {
    const db = fresh();
    await seed(db);
    const ac = new AbortController();
    ac.abort();
    await expect(exportJson(db, { signal: ac.signal })).rejects.toThrow();
    expect(await db.settings.get('lastBackupAt')).toBeUndefined();
  });
});

describe('JSON round trip', () => {
  it('export → wipe → import gives back every record, field for field', async () => {
    const db = fresh();
    await seed(db);
    const { blob } = await exportJson(db, { now: NOW });
    const before = await snapshot(db);
    await wipe(db);
    expect((await snapshot(db)).messages).toEqual([]);
    const result = await importText(db, await blob.text());
    const after = await snapshot(db);
    for (const table of ['people', 'conversations', 'messages', 'notes', 'pins', 'links', 'settings']) {
      expect(after[table], table).toStrictEqual(before[table]);
    }
    expect(result.summary).toBe('Added 3 people, 2 conversations, 4 messages, 2 notes, 2 pins, 1 row of links and 4 settings.');
  });

  it('rebuilds the search index for imported rows', async () => {
    const db = fresh();
    await seed(db);
    const { blob } = await exportJson(db, { now: NOW });
    await wipe(db);
    await importText(db, await blob.text());
    const rows = await db.wordIndex.toArray();
    expect(rows.map((r) => r.ref)).toEqual(expect.arrayContaining(['c|gmail:t1', 'n|n1', 'p|p-ana']));
    expect(new Set(rows.map((r) => r.ref)).size).toBe(rows.length);
  });

  it('importing the same file twice changes nothing the second time', async () => {
    const db = fresh();
    await seed(db);
    const { blob } = await exportJson(db, { now: NOW });
    const text = await blob.text();
    const other = fresh();
    await importText(other, text);
    const once = await snapshot(other);
    const parsed = await parseImportFile(other, text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    const plan = await planImport(other, parsed.file);
    expect(plan.changes).toBe(0);
    expect(plan.summary).toBe('Nothing to import: everything in the file is already here.');
    const second = await applyImport(other, parsed.file);
    expect(second.changes).toBe(0);
    expect(second.summary).toBe('Nothing changed: everything in the file was already here.');
    expect(await snapshot(other)).toStrictEqual(once);
  });

  it('importing a file into the database it came from changes nothing', async () => {
    const db = fresh();
    await seed(db);
    const { blob } = await exportJson(db, { now: NOW });
    const before = await snapshot(db);
    const result = await importText(db, await blob.text());
    expect(result.changes).toBe(0);
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('reports progress while checking and writing', async () => {
    const db = fresh();
    await seed(db);
    const { blob } = await exportJson(db, { now: NOW });
    await wipe(db);
    const events: Progress[] = [];
    const parsed = await parseImportFile(db, blob, { onProgress: (p) => events.push(p) });
    if (!parsed.ok) throw new Error(parsed.error.message);
    await applyImport(db, parsed.file, { chunkSize: 2, onProgress: (p) => events.push(p) });
    const phases = [...new Set(events.map((e) => e.phase))];
    expect(phases).toEqual(['parse', 'validate', 'write', 'done']);
    const writes = events.filter((e) => e.phase === 'write');
    expect(writes.at(-1)!.done).toBe(writes.at(-1)!.total);
    expect(writes.filter((e) => e.table === 'messages')).toHaveLength(2);
  });
});
