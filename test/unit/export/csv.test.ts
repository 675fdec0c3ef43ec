import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { unzipSync } from 'fflate';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { exportCsv, exportCsvZip, neutraliseCell, toCsv } from '../../../src/export/csv';
import { openTestDb, sampleConversations, sampleMessages, samplePeople, seed } from './helpers';

let db: TurnkeeperDatabase;
beforeEach(async () => {
  db = openTestDb();
  await seed(db);
});
afterEach(() => db.delete());

const NOW = new Date('2025-03-10T12:00:00.000Z');

/** Blob.text() and fflate's strFromU8 drop a BOM; this keeps it, to check that it is there. */
const decode = (bytes: Uint8Array | ArrayBuffer) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
const text = async (blob: Blob) => {
  const bytes = new Uint8Array(await blob.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return decode(bytes);
};

function parseCsv(text: string): Record<string, string>[] {
  expect(text.charCodeAt(0)).toBe(0xfeff);
  const r = Papa.parse<Record<string, string>>(text.slice(1), { header: true, skipEmptyLines: true });
  expect(r.errors).toEqual([]);
  return r.data;
}
/** What a cell should read, before neutralisation. */
const cell = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join('; ') : String(v));
const unneutralise = (s: string) => (/^'[=+\-@\t\r]/.test(s) ? s.slice(1) : s);

describe('CSV', () => {
  it('messages.csv parses back to the data (BOM, CRLF, every field quoted)', async () => {
    const { blob, filename, counts } = await exportCsv(db, 'messages', { now: NOW });
    expect(filename).toMatch(/^turnkeeper-messages-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(blob.type).toBe('text/csv;charset=utf-8');
    expect(counts).toEqual({ messages: 4 });
    const csv = await text(blob);
    expect(csv.startsWith('\uFEFF"id","conversationId","subject","personId","personName","fromMe","sentAt","sentAtText","text","partial","seenAt"\r\n')).toBe(true);
    const rows = parseCsv(csv);
    const people = new Map(samplePeople().map((p) => [p.id, p.name]));
    const subjects = new Map(sampleConversations().map((c) => [c.id, c.subject ?? '']));
    const expected = [...sampleMessages()].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, unneutralise(v)])))).toEqual(
      expected.map((m) => ({
        id: m.id, conversationId: m.conversationId, subject: subjects.get(m.conversationId), personId: m.personId,
        personName: people.get(m.personId), fromMe: String(m.fromMe), sentAt: cell(m.sentAt), sentAtText: m.sentAtText,
        text: m.text, partial: String(m.partial), seenAt: m.seenAt,
      })),
    );
  });

  it('neutralises cells a spreadsheet would take for a formula', async () => {
    const rows = parseCsv(await text((await exportCsv(db, 'messages')).blob));
    expect(rows.find((r) => r.id === 'linkedin:t2|a')!.text).toBe(`'=HYPERLINK("http://evil.example","click")`);
    for (const bad of ['=1+1', '+1', '-1', '@SUM(A1)', '\t=x', '\r=x', '=cmd|"/c calc"!A0\nsecond line']) {
      expect(neutraliseCell(bad)).toBe(`'${bad}`);
      const [row] = parseCsv(toCsv('people', [{ id: 'x', name: bad, emails: [bad], linkedin: [], isMe: false }]));
      expect(row!.name).toBe(`'${bad}`);
      expect(row!.emails).toBe(`'${bad}`);
    }
    for (const fine of ['Hello', "'already", ' =spaced', 'a=b', '']) expect(neutraliseCell(fine)).toBe(fine);
  });

  it('people.csv and conversations.csv list people by name and lists with "; "', async () => {
    const people = parseCsv(await text((await exportCsv(db, 'people')).blob));
    expect(people.find((p) => p.id === 'p-bob')).toEqual({
      id: 'p-bob', name: 'Bob "Bobby" O\'Neil, Jr.', emails: '', linkedin: 'https://www.linkedin.com/in/bob/', isMe: 'false',
      mergedInto: '', createdAt: '2025-03-03T09:00:00.000Z', updatedAt: '2025-03-03T09:00:00.000Z',
    });
    const convs = parseCsv(await text((await exportCsv(db, 'conversations')).blob));
    expect(convs.find((c) => c.id === 'gmail:t1')).toMatchObject({ subject: 'Pricing, terms; and "next steps"', people: 'Ana Díaz', personIds: 'p-ana', turn: 'theirs', lastFromMe: 'true', restingSince: '' });
  });

  it('zips the three files, each with its BOM, and reports progress over chunks', async () => {
    const events: { done: number; total: number; table?: string }[] = [];
    const { blob, filename, counts } = await exportCsvZip(db, { now: NOW, chunkSize: 1, onProgress: (p) => p.phase === 'read' && events.push(p) });
    expect(filename).toMatch(/^turnkeeper-csv-\d{4}-\d{2}-\d{2}\.zip$/);
    expect(counts).toEqual({ people: 3, conversations: 2, messages: 4 });
    expect(blob.type).toBe('application/zip');
    const files = unzipSync(new Uint8Array(await blob.arrayBuffer()));
    expect(Object.keys(files)).toEqual(['people.csv', 'conversations.csv', 'messages.csv']);
    for (const [name, bytes] of Object.entries(files)) {
      expect([...bytes.slice(0, 3)], name).toEqual([0xef, 0xbb, 0xbf]);
      expect(parseCsv(decode(bytes)).length, name).toBe(counts[name.replace('.csv', '')]);
    }
    expect(events.at(-1)).toMatchObject({ done: 9, total: 9 });
    expect(events.filter((e) => e.table === 'messages')).toHaveLength(4);
  });

  it('exports the messages of one conversation', async () => {
    const rows = parseCsv(await text((await exportCsv(db, 'messages', { conversationId: 'gmail:t1' })).blob));
    expect(rows.map((r) => r.id)).toEqual(['gmail:t1|m1', 'gmail:t1|m2']);
  });
});
