// CSV for spreadsheets and CRMs: people, conversations, messages. UTF-8 with a BOM (Excel), CRLF, every field quoted
// (papaparse.unparse), and any cell that a spreadsheet could take for a formula neutralised with a leading `'`.
import Papa from 'papaparse';
import { Zip, ZipDeflate, strToU8 } from 'fflate';
import type { ConversationRecord, MessageRecord, PersonRecord, TurnkeeperDatabase } from '../db';
import type { ExportFile } from './json-export';
import type { ProgressCallback } from './progress';
import { dateStamp, inSnapshot, openSource, type ReadOptions, type Row } from './read';

export type CsvTable = 'people' | 'conversations' | 'messages';
export const CSV_TABLES: readonly CsvTable[] = ['people', 'conversations', 'messages'];

const BOM = '\uFEFF';
const EOL = '\r\n';
/** Separator inside one cell for lists (emails, profiles, ids). */
const LIST_SEP = '; ';

/** Characters that make a spreadsheet read a cell as a formula (OWASP "CSV injection"). */
const FORMULA_START = /^[=+\-@\t\r]/;

/** Prefix `'` to a cell a spreadsheet could take for a formula. papaparse's own `escapeFormulae` is not used: its
 * pattern (`/^[=+\-@\t\r].*$/`, no `s` flag) misses multi-line cells such as "=cmd\n...". */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return neutraliseCell(value.map((x) => String(x)).join(LIST_SEP));
  if (typeof value === 'object') return neutraliseCell(JSON.stringify(value));
  return neutraliseCell(String(value));
}

interface Lookup {
  people: Map<string, string>;
  conversations: Map<string, string>;
}

type Column = [header: string, get: (row: Row, lookup: Lookup) => unknown];

const names = (ids: unknown, lookup: Lookup) =>
  Array.isArray(ids) ? ids.map((id) => lookup.people.get(id as string) ?? '') : [];

export const CSV_COLUMNS: Record<CsvTable, Column[]> = {
  people: [
    ['id', (r) => r.id],
    ['name', (r) => r.name],
    ['emails', (r) => r.emails],
    ['linkedin', (r) => r.linkedin],
    ['isMe', (r) => r.isMe],
    ['mergedInto', (r) => r.mergedInto],
    ['createdAt', (r) => r.createdAt],
    ['updatedAt', (r) => r.updatedAt],
  ],
  conversations: [
    ['id', (r) => r.id],
    ['site', (r) => r.site],
    ['threadId', (r) => r.threadId],
    ['url', (r) => r.url],
    ['subject', (r) => r.subject],
    ['people', (r, l) => names(r.personIds, l)],
    ['personIds', (r) => r.personIds],
    ['turn', (r) => r.turn],
    ['turnSince', (r) => r.turnSince],
    ['lastMessageAt', (r) => r.lastMessageAt],
    ['lastFromMe', (r) => r.lastFromMe],
    ['restingSince', (r) => r.restingSince],
    ['firstSeenAt', (r) => r.firstSeenAt],
    ['updatedAt', (r) => r.updatedAt],
  ],
  messages: [
    ['id', (r) => r.id],
    ['conversationId', (r) => r.conversationId],
    ['subject', (r, l) => l.conversations.get(r.conversationId as string)],
    ['personId', (r) => r.personId],
    ['personName', (r, l) => l.people.get(r.personId as string)],
    ['fromMe', (r) => r.fromMe],
    ['sentAt', (r) => r.sentAt],
    ['sentAtText', (r) => r.sentAtText],
    ['text', (r) => r.text],
    ['partial', (r) => r.partial],
    ['seenAt', (r) => r.seenAt],
  ],
};

const unparse = (rows: string[][]) => Papa.unparse(rows, { quotes: true, newline: EOL, header: false });

/** Rows of one table as CSV text (BOM, header, CRLF). For small, in-memory row sets and tests. */
export function toCsv(table: CsvTable, rows: readonly object[], lookup?: Partial<Lookup>): string {
  const l: Lookup = { people: lookup?.people ?? new Map(), conversations: lookup?.conversations ?? new Map() };
  const cols = CSV_COLUMNS[table];
  const body = rows.map((r) => cols.map(([, get]) => cell(get(r as Row, l))));
  return BOM + unparse([cols.map(([h]) => h), ...body]) + EOL;
}

export interface CsvExportOptions extends ReadOptions {
  onProgress?: ProgressCallback;
  now?: Date;
}

/** Stream the chosen tables as CSV text chunks. `emit(table, chunk)` receives each table's BOM + header first. */
async function streamCsv(
  db: TurnkeeperDatabase,
  tables: readonly CsvTable[],
  options: CsvExportOptions,
  emit: (table: CsvTable, text: string, final: boolean) => void,
): Promise<Record<string, number>> {
  return inSnapshot(db, async () => {
    const source = await openSource(db, options);
    // Names for the readable columns: people always, subjects when messages are exported.
    const lookup: Lookup = { people: new Map(), conversations: new Map() };
    await source.forEachChunk('people', (rows) => {
      for (const p of rows as unknown as PersonRecord[]) lookup.people.set(p.id, p.name);
    });
    if (tables.includes('messages')) {
      await source.forEachChunk('conversations', (rows) => {
        for (const c of rows as unknown as ConversationRecord[]) lookup.conversations.set(c.id, c.subject ?? '');
      });
    }
    const total = source.tables.filter((t) => tables.includes(t.name as CsvTable)).reduce((n, t) => n + t.count, 0);
    let done = 0;
    options.onProgress?.({ done, total, phase: 'read' });
    const counts: Record<string, number> = {};
    for (const table of tables) {
      const cols = CSV_COLUMNS[table];
      emit(table, BOM + unparse([cols.map(([h]) => h)]) + EOL, false);
      let n = 0;
      await source.forEachChunk(table, (rows) => {
        const body = (rows as unknown as (PersonRecord | ConversationRecord | MessageRecord)[]).map((r) =>
          cols.map(([, get]) => cell(get(r as unknown as Row, lookup))),
        );
        emit(table, unparse(body) + EOL, false);
        n += rows.length;
        done += rows.length;
        options.onProgress?.({ done, total, phase: 'read', table });
      });
      emit(table, '', true);
      counts[table] = n;
    }
    return counts;
  });
}

/** One table as a CSV file. */
export async function exportCsv(db: TurnkeeperDatabase, table: CsvTable, options: CsvExportOptions = {}): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const parts: Blob[] = [];
  const counts = await streamCsv(db, [table], options, (_t, text) => {
    if (text) parts.push(new Blob([text]));
  });
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return {
    blob: new Blob(parts, { type: 'text/csv;charset=utf-8' }),
    filename: `turnkeeper-${table}-${dateStamp(now)}.csv`,
    exportedAt: now.toISOString(),
    counts,
  };
}

/** people.csv, conversations.csv and messages.csv in one zip (deflated as it streams; no worker). */
export async function exportCsvZip(
  db: TurnkeeperDatabase,
  options: CsvExportOptions & { tables?: readonly CsvTable[] } = {},
): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const tables = options.tables ?? CSV_TABLES;
  const out: Uint8Array[] = [];
  let failure: Error | null = null;
  const zip = new Zip((err, chunk) => {
    if (err) failure = err;
    else out.push(chunk);
  });
  const entries = new Map<CsvTable, ZipDeflate>();
  const counts = await streamCsv(db, tables, options, (table, text, final) => {
    let entry = entries.get(table);
    if (!entry) {
      entry = new ZipDeflate(`${table}.csv`, { level: 6 });
      entry.mtime = now;
      zip.add(entry);
      entries.set(table, entry);
    }
    entry.push(strToU8(text), final);
  });
  zip.end();
  if (failure) throw failure;
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return {
    blob: new Blob(out as BlobPart[], { type: 'application/zip' }),
    filename: `turnkeeper-csv-${dateStamp(now)}.zip`,
    exportedAt: now.toISOString(),
    counts,
  };
}
