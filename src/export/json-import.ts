// Importing a JSON export: read → check everything (nothing written) → plan (reads only) → apply (one read-write
// transaction over every table: all or nothing). See docs/export-format.md, "Importing".
import Dexie, { type Table } from 'dexie';
import * as v from 'valibot';
import type { TurnkeeperDatabase } from '../db/database';
import {
  DERIVED_TABLES,
  FORBIDDEN_KEYS,
  FORMAT_NAME,
  FORMAT_VERSION,
  KNOWN_TABLES,
  LIMITS,
  OLDEST_READABLE_VERSION,
  RECORD_SCHEMAS,
  RESERVED_KEYS,
  TRUNCATABLE_FIELDS,
  fillDefaults,
  genericRowSchema,
  isIsoDateTime,
  upgradeDocument,
  type KnownTable,
} from './format';
import { findJsonSyntaxError } from './json-syntax';
import { MERGERS, mergeGeneric, mergeSetting, sameValue, type Row } from './merge';
import { DEFAULT_CHUNK_SIZE, throwIfAborted, TimeSlicer, type ProgressCallback } from './progress';
import { breathe, primaryKeyPath, rowKey, type KeyPath } from './read';
import { SearchIndexUpdate } from './reindex';
import { deleteSearchRows, nextSearchSeq, numberedSearchRows } from '../db/search-index';

// ---------------------------------------------------------------------------------------------------------------
// Results

export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'syntax'
  | 'not-turnkeeper'
  | 'bad-version'
  | 'future-version'
  | 'shape'
  | 'duplicate-id'
  | 'too-deep'
  | 'too-long';

/** Why a file was refused. `message` is one English sentence for the user. */
export interface ImportError {
  code: ImportErrorCode;
  message: string;
  /** Where in the data, e.g. `messages[12].sentAt`. */
  path?: string;
  /** Where in the text (JSON syntax errors), 1-based. */
  line?: number;
  column?: number;
  /** Every shape problem found (up to LIMITS.maxIssuesListed), for a details list. */
  issues?: { path: string; message: string }[];
}

/** Something neutralised or worth saying, grouped: one entry per kind, with how often it happened. */
export interface ImportWarning {
  code:
    | 'upgraded'
    | 'forbidden-key'
    | 'text-truncated'
    | 'unknown-table'
    | 'unknown-field'
    | 'missing-reference'
    | 'settings-kept';
  message: string;
  count: number;
  /** The first place it happened. */
  path?: string;
}

export interface TableData {
  name: string;
  keyPath: KeyPath;
  rows: Row[];
}

/** A checked file, ready to plan and apply. Opaque to the UI apart from the fields below. */
export interface ImportFile {
  /** The version written in the file, before any upgrade. */
  version: number;
  exportedAt: string;
  scope: 'all' | 'conversation' | null;
  warnings: ImportWarning[];
  /** @internal */ readonly tables: TableData[];
  /** @internal */ readonly settings: [string, unknown][];
}

export type ParseResult = { ok: true; file: ImportFile } | { ok: false; error: ImportError };

export interface TableCounts {
  table: string;
  inFile: number;
  /** New rows. */
  add: number;
  /** Rows already present that the file enriches. */
  update: number;
  /** Rows already present, nothing to change. */
  unchanged: number;
}

export interface ImportPlan {
  tables: TableCounts[];
  warnings: ImportWarning[];
  /** "Adds 12 conversations and 340 messages; 3 conversations already present (1 gets details from the file)." */
  summary: string;
  /** Rows that applying would add or change; 0 means applying does nothing. */
  changes: number;
}

export interface ImportResult {
  tables: TableCounts[];
  /** "Added 12 conversations and 340 messages; updated 1 conversation." */
  summary: string;
  changes: number;
}

export interface ImportOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Rows per step (default IMPORT_CHUNK_SIZE). */
  chunkSize?: number;
  /** @internal Read back every row of the file, even from a table known to be empty (tests compare both ways). */
  lookUpEveryRow?: boolean;
}

class Warnings {
  private byKey = new Map<string, ImportWarning>();
  /** Warnings with the same code and group are counted together; the first one's message is kept. */
  add(code: ImportWarning['code'], message: string | (() => string), path?: string, group = ''): void {
    const key = `${code}|${group}`;
    const w = this.byKey.get(key);
    if (w) w.count++;
    else this.byKey.set(key, { code, message: typeof message === 'string' ? message : message(), count: 1, ...(path ? { path } : {}) });
  }
  list(): ImportWarning[] {
    return [...this.byKey.values()].map((w) => ({
      ...w,
      message: w.count > 1 && w.path ? `${w.message} (${w.count.toLocaleString('en')} cases in all)` : w.message,
    }));
  }
}

class Refused extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}
const refuse = (error: ImportError): never => {
  throw new Refused(error);
};

// ---------------------------------------------------------------------------------------------------------------
// Reading and checking

const fmtKey = (key: string | number): string =>
  typeof key === 'number' ? `[${key}]` : /^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`;
const joinPath = (keys: (string | number)[]): string => keys.map(fmtKey).join('').replace(/^\./, '');
const mb = (chars: number) => `${(chars / 1_000_000).toLocaleString('en', { maximumFractionDigits: 1 })} million characters`;

async function readText(input: Blob | string): Promise<string> {
  if (typeof input === 'string') return input;
  if (input.size > LIMITS.maxFileBytes) {
    refuse({
      code: 'too-large',
      message: `The file is ${Math.round(input.size / 1024 / 1024)} MB; Turnkeeper reads backups of up to ${LIMITS.maxFileBytes / 1024 / 1024} MB.`,
    });
  }
  const head = new Uint8Array(await input.slice(0, 4).arrayBuffer());
  if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) {
    refuse({ code: 'not-json', message: 'This is a zip file (perhaps the CSV export), not a Turnkeeper JSON backup.' });
  }
  if (head[0] === 0x1f && head[1] === 0x8b) {
    refuse({ code: 'not-json', message: 'This file is compressed (gzip); decompress it and choose the .json file inside.' });
  }
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return new TextDecoder(head[0] === 0xff ? 'utf-16le' : 'utf-16be').decode(await input.arrayBuffer());
  }
  return input.text();
}

/** Remove forbidden keys, cut or refuse over-long strings, refuse deep nesting. In place, iterative. */
async function sanitize(root: unknown, warnings: Warnings, truncated: Set<Row>): Promise<void> {
  type Frame = { value: unknown; parent: Frame | null; key: string | number; depth: number };
  const pathOf = (f: Frame | null, extra?: string): string => {
    const keys: (string | number)[] = extra === undefined ? [] : [extra];
    for (let x = f; x && x.parent; x = x.parent) keys.unshift(x.key);
    return joinPath(keys);
  };
  const stack: Frame[] = [{ value: root, parent: null, key: '', depth: 0 }];
  const slicer = new TimeSlicer();
  let visited = 0;
  while (stack.length) {
    const frame = stack.pop()!;
    const value = frame.value;
    if ((++visited & 1023) === 0 && slicer.due) await slicer.yield();
    if (typeof value === 'string') {
      const limit = LIMITS.maxTextLength;
      if (value.length <= Math.min(limit, LIMITS.maxStringLength)) continue;
      const parent = frame.parent;
      const table = parent?.parent?.key;
      const field = frame.key;
      const isText = frame.depth === 3 && typeof table === 'string' && TRUNCATABLE_FIELDS[table] === field;
      if (isText && value.length > limit) {
        let cut = value.slice(0, limit);
        if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
        const row = parent!.value as Row;
        row[field as string] = cut;
        truncated.add(row);
        const where = pathOf(frame);
        warnings.add(
          'text-truncated',
          `${where} was ${mb(value.length)} long; the first ${mb(limit)} were kept${table === 'messages' ? ' and the message is marked partial' : ''}.`,
          where,
        );
      } else if (value.length > LIMITS.maxStringLength) {
        const where = pathOf(frame);
        refuse({
          code: 'too-long',
          path: where,
          message: `${where} is ${mb(value.length)} long; the limit is ${mb(LIMITS.maxStringLength)}.`,
        });
      }
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (frame.depth >= LIMITS.maxDepth) {
      const where = pathOf(frame);
      refuse({ code: 'too-deep', path: where, message: `The data is nested too deeply at ${where} (more than ${LIMITS.maxDepth} levels).` });
    }
    if (Array.isArray(value)) {
      for (let k = value.length - 1; k >= 0; k--) stack.push({ value: value[k], parent: frame, key: k, depth: frame.depth + 1 });
      continue;
    }
    const obj = value as Row;
    for (const key of Object.keys(obj)) {
      if (FORBIDDEN_KEYS.has(key)) {
        const where = pathOf(frame, key);
        warnings.add('forbidden-key', `Ignored the field "${key}" at ${where}: names such as __proto__ and constructor are never taken from a file.`, where);
        delete obj[key];
        continue;
      }
      stack.push({ value: obj[key], parent: frame, key, depth: frame.depth + 1 });
    }
  }
}

function issueMessage(issue: v.BaseIssue<unknown>): string {
  const last = issue.path?.[issue.path.length - 1] as { origin?: string } | undefined;
  if (last?.origin === 'key' || (issue.kind === 'schema' && issue.received === 'undefined')) return 'is missing';
  return issue.message;
}

/**
 * Read and check a file completely. Nothing is written. The database is read only to learn its tables (a file's
 * extra tables, such as `links`, are checked against them).
 */
export async function parseImportFile(
  db: TurnkeeperDatabase,
  input: Blob | string,
  options: ImportOptions = {},
): Promise<ParseResult> {
  try {
    return { ok: true, file: await parseOrRefuse(db, input, options) };
  } catch (e) {
    if (e instanceof Refused) return { ok: false, error: e.error };
    throw e;
  }
}

async function parseOrRefuse(db: TurnkeeperDatabase, input: Blob | string, options: ImportOptions): Promise<ImportFile> {
  const { onProgress, signal } = options;
  onProgress?.({ done: 0, total: 1, phase: 'parse' });
  let text = await readText(input);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') refuse({ code: 'empty', message: 'The file is empty.' });

  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const p = findJsonSyntaxError(text);
    if (!p) refuse({ code: 'syntax', message: `The file is not valid JSON: ${(e as Error).message}.` });
    refuse(
      p!.atEnd
        ? {
            code: 'syntax',
            line: p!.line,
            column: p!.column,
            message: `The file ends too early, at line ${p!.line}, column ${p!.column}: it looks truncated (an interrupted download or copy?).`,
          }
        : {
            code: 'syntax',
            line: p!.line,
            column: p!.column,
            message: `The file is not valid JSON: ${p!.reason} at line ${p!.line}, column ${p!.column}.`,
          },
    );
  }
  text = '';
  throwIfAborted(signal);
  onProgress?.({ done: 1, total: 1, phase: 'parse' });

  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    refuse({ code: 'not-turnkeeper', message: 'This is JSON, but not a Turnkeeper export: it should be an object with "format": "turnkeeper".' });
  }
  const warnings = new Warnings();
  const truncated = new Set<Row>();
  await sanitize(raw, warnings, truncated);
  let doc = raw as Row;

  if (doc.format !== FORMAT_NAME) {
    refuse({
      code: 'not-turnkeeper',
      path: 'format',
      message:
        doc.format === undefined
          ? 'This is JSON, but not a Turnkeeper export: it has no "format" field.'
          : `This is not a Turnkeeper export: its "format" is ${JSON.stringify(String(doc.format)).slice(0, 80)}, not "${FORMAT_NAME}".`,
    });
  }
  const version = doc.version;
  if (typeof version !== 'number' || !Number.isInteger(version)) {
    refuse({ code: 'bad-version', path: 'version', message: `The file's "version" must be a whole number; it is ${JSON.stringify(version) ?? 'missing'}.` });
  }
  const ver = version as number;
  if (ver > FORMAT_VERSION) {
    refuse({
      code: 'future-version',
      path: 'version',
      message: `This file was made by a newer Turnkeeper (format version ${ver}); this one reads versions up to ${FORMAT_VERSION}. Update Turnkeeper, then import again.`,
    });
  }
  if (ver < OLDEST_READABLE_VERSION) {
    refuse({ code: 'bad-version', path: 'version', message: `Format version ${ver} is not one Turnkeeper ever wrote.` });
  }
  if (ver < FORMAT_VERSION) {
    const up = upgradeDocument(doc, ver);
    doc = up.doc;
    warnings.add('upgraded', `The file is in format version ${ver}; it was upgraded to version ${FORMAT_VERSION} (${up.steps.join('; ')}).`);
  }
  if (!isIsoDateTime(doc.exportedAt)) {
    refuse({ code: 'shape', path: 'exportedAt', message: 'exportedAt must be an ISO 8601 date-time, such as 2025-03-05T14:02:00.000Z.' });
  }
  const exportedAt = doc.exportedAt as string;
  const scope = doc.scope === 'all' || doc.scope === 'conversation' ? doc.scope : null;

  // Settings: an object, key → value.
  const settingsRaw = doc.settings ?? {};
  if (typeof settingsRaw !== 'object' || settingsRaw === null || Array.isArray(settingsRaw)) {
    refuse({ code: 'shape', path: 'settings', message: 'settings must be an object (setting name → value).' });
  }
  const settings = Object.entries(settingsRaw as Row);

  // Tables: the known ones, then others the database has.
  const dbTables = new Map(db.tables.map((t) => [t.name, t]));
  const tableNames: string[] = [];
  for (const key of Object.keys(doc)) {
    if ((RESERVED_KEYS as readonly string[]).includes(key)) continue;
    const val = doc[key];
    if ((KNOWN_TABLES as readonly string[]).includes(key)) {
      if (!Array.isArray(val)) refuse({ code: 'shape', path: key, message: `${key} must be a list (an array).` });
      tableNames.push(key);
    } else if (Array.isArray(val)) {
      const t = dbTables.get(key);
      if (DERIVED_TABLES.has(key)) {
        warnings.add('unknown-table', `Left out "${key}": it is derived data, rebuilt from the rest.`, key, key);
      } else if (!t || primaryKeyPath(t) === null) {
        warnings.add('unknown-table', `The file has ${countNoun(val.length, key)} of "${key}", which this Turnkeeper does not keep; they are left out.`, key, key);
      } else tableNames.push(key);
    } else {
      warnings.add('unknown-field', `Ignored the unknown field "${key}".`, key, key);
    }
  }
  tableNames.sort((a, b) => order(a) - order(b) || (a < b ? -1 : 1));

  const total = tableNames.reduce((n, t) => n + (doc[t] as unknown[]).length, 0);
  let done = 0;
  const issues: { path: string; message: string }[] = [];
  let issueCount = 0;
  const tables: TableData[] = [];
  const slicer = new TimeSlicer();
  for (const name of tableNames) {
    const rows = doc[name] as Row[];
    const known = (KNOWN_TABLES as readonly string[]).includes(name);
    const schema = known ? RECORD_SCHEMAS[name as KnownTable] : genericRowSchema;
    const keyPath: KeyPath = known ? 'id' : primaryKeyPath(dbTables.get(name)!)!;
    const seen = new Map<string, number>();
    for (let i = 0; i < rows.length; i++) {
      if ((i & 255) === 255 && slicer.due) {
        throwIfAborted(signal);
        await slicer.yield();
      }
      const row = rows[i];
      const result = v.safeParse(schema, row);
      if (!result.success) {
        for (const issue of result.issues) {
          issueCount++;
          if (issues.length < LIMITS.maxIssuesListed) {
            const keys = (issue.path ?? []).map((p) => p.key as string | number);
            issues.push({ path: joinPath([name, i, ...keys]), message: issueMessage(issue) });
          }
        }
        continue;
      }
      const key = rowKey(row as Row, keyPath);
      if (!known && !validKey(key)) {
        issueCount++;
        if (issues.length < LIMITS.maxIssuesListed) {
          issues.push({ path: joinPath([name, i, ...(Array.isArray(keyPath) ? [] : [keyPath])]), message: 'is missing or is not a valid key' });
        }
        continue;
      }
      const k = JSON.stringify(key);
      const first = seen.get(k);
      if (first !== undefined) {
        refuse({
          code: 'duplicate-id',
          path: joinPath([name, i]),
          message: `${joinPath([name, i])} has the same id ${k.length > 80 ? k.slice(0, 77) + '..."' : k} as ${joinPath([name, first])}; ids must be unique.`,
        });
      }
      seen.set(k, i);
      // Checked: fill what a hand-made file may leave out (rows of a file refused later are simply dropped).
      if (known) {
        fillDefaults(name as KnownTable, row as Row, exportedAt);
        if (name === 'messages' && truncated.has(row as Row)) (row as Row).partial = true;
      }
      if (++done % DEFAULT_CHUNK_SIZE === 0) onProgress?.({ done, total, phase: 'validate', table: name });
    }
    tables.push({ name, keyPath, rows });
  }
  if (issueCount > 0) {
    const firstIssue = issues[0]!;
    const more = issueCount > 1 ? ` (and ${issueCount - 1} more problem${issueCount > 2 ? 's' : ''})` : '';
    refuse({
      code: 'shape',
      path: firstIssue.path,
      issues,
      message: `The file is not a valid Turnkeeper export: ${firstIssue.path} ${firstIssue.message}${more}.`,
    });
  }

  onProgress?.({ done: total, total, phase: 'validate' });
  return { version: ver, exportedAt, scope, warnings: warnings.list(), tables, settings };
}

const order = (table: string): number => {
  const k = (KNOWN_TABLES as readonly string[]).indexOf(table);
  return k === -1 ? KNOWN_TABLES.length : k;
};

function validKey(key: unknown): boolean {
  if (typeof key === 'string') return key.length > 0 && key.length <= LIMITS.maxIdLength;
  if (typeof key === 'number') return Number.isFinite(key);
  if (Array.isArray(key)) return key.length > 0 && key.every((k) => typeof k === 'string' || (typeof k === 'number' && Number.isFinite(k)));
  return false;
}

// ---------------------------------------------------------------------------------------------------------------
// Planning and applying

const REFERENCES: { table: string; field: string; to: string; many?: boolean }[] = [
  { table: 'conversations', field: 'personIds', to: 'people', many: true },
  { table: 'messages', field: 'conversationId', to: 'conversations' },
  { table: 'messages', field: 'personId', to: 'people' },
  { table: 'notes', field: 'conversationId', to: 'conversations' },
  { table: 'notes', field: 'personId', to: 'people' },
  { table: 'pins', field: 'conversationId', to: 'conversations' },
  { table: 'people', field: 'mergedInto', to: 'people' },
];

async function referenceWarnings(db: TurnkeeperDatabase, file: ImportFile): Promise<ImportWarning[]> {
  const warnings = new Warnings();
  const slicer = new TimeSlicer();
  const ids = new Map<string, Set<string>>();
  for (const t of file.tables) if (t.keyPath === 'id') ids.set(t.name, new Set(t.rows.map((r) => r.id as string)));
  const rowsOf = (name: string) => file.tables.find((t) => t.name === name)?.rows ?? [];
  const missing = new Map<string, Set<string>>(); // target table → ids not in the file
  for (const ref of REFERENCES) {
    const rows = rowsOf(ref.table);
    for (let i = 0; i < rows.length; i++) {
      if ((i & 1023) === 1023 && slicer.due) await slicer.yield();
      const row = rows[i]!;
      const vals = ref.many ? (row[ref.field] as string[]) : [row[ref.field]];
      for (const val of vals) {
        if (typeof val !== 'string' || ids.get(ref.to)?.has(val)) continue;
        let s = missing.get(ref.to);
        if (!s) missing.set(ref.to, (s = new Set()));
        s.add(val);
      }
    }
  }
  const absent = new Map<string, Set<string>>();
  for (const [to, set] of missing) {
    const list = [...set];
    const found = await db.table(to).bulkGet(list);
    absent.set(to, new Set(list.filter((_, k) => found[k] === undefined)));
  }
  for (const ref of REFERENCES) {
    const gone = absent.get(ref.to);
    if (!gone?.size) continue;
    const rows = rowsOf(ref.table);
    for (let i = 0; i < rows.length; i++) {
      if ((i & 1023) === 1023 && slicer.due) await slicer.yield();
      const row = rows[i]!;
      const vals = ref.many ? (row[ref.field] as string[]) : [row[ref.field]];
      const bad = vals.find((x) => typeof x === 'string' && gone.has(x));
      if (bad !== undefined) {
        warnings.add(
          'missing-reference',
          () => `${ref.table}[${i}].${ref.field} refers to ${JSON.stringify(bad).slice(0, 80)}, which is in neither the file nor Turnkeeper; it is imported as it is.`,
          `${ref.table}[${i}].${ref.field}`,
          `${ref.table}.${ref.field}`,
        );
      }
    }
  }
  return warnings.list();
}

/** Rows per step when planning and writing an import. In Chromium a step of 2,000 messages costs the page about
 * 50–100 ms (cloning the rows into IndexedDB, building their search rows); the page gets the event loop between
 * steps. */
export const IMPORT_CHUNK_SIZE = 2000;
/** Steps of writes queued in IndexedDB at once: while the database stores one, the page prepares the next. */
const STEPS_IN_FLIGHT = 2;

/** Writes issued inside the import's transaction and not yet seen done, by step. A transaction's requests complete
 * in the order they were made, so a step is done when its last write is. */
class WriteQueue {
  private steps: { last: PromiseLike<unknown>; done: boolean }[] = [];
  private last: Promise<unknown> | null = null;
  push(write: Promise<unknown>): void {
    // A write that fails makes the transaction fail; its rejection is seen by whoever awaits it, or not at all when
    // the import stops first (the transaction then aborts anyway).
    write.catch(() => undefined);
    this.last = write;
  }
  /**
   * End a step and give the event loop a turn, keeping the database busy. A step may only continue from a callback
   * of the transaction (it is inactive otherwise), so this waits for a step still being written: the oldest when
   * STEPS_IN_FLIGHT are, so that the newer keep the database working while the page prepares the next step; with
   * none in progress, Dexie.waitFor's keep-alive read. Dexie promises only: awaiting anything else inside a
   * transaction loses it.
   */
  turn(): PromiseLike<unknown> {
    if (this.last) {
      const step = { last: this.last, done: false };
      const end = () => void (step.done = true);
      this.last.then(end, end);
      this.steps.push(step);
      this.last = null;
    }
    while (this.steps[0]?.done) this.steps.shift();
    if (this.steps.length === 0) return breathe();
    if (this.steps.length >= STEPS_IN_FLIGHT) return this.steps.shift()!.last;
    return this.steps.at(-1)!.last;
  }
  async drain(): Promise<void> {
    await this.turn();
    while (this.steps.length) await this.steps.shift()!.last;
  }
}

/**
 * The primary keys `table` holds, when they are cheap to learn: then only rows of the file whose key is among them
 * are read back (an empty table: none). null when the table is much larger than the file's part of it, or holds
 * keys other than strings and numbers: every row is read back.
 */
async function keysHeld(table: Table, inFile: number): Promise<Set<unknown> | null> {
  const count = await table.count();
  if (count === 0) return new Set();
  if (count > inFile * 4) return null;
  const keys = await table.toCollection().primaryKeys();
  return keys.every((k) => typeof k === 'string' || typeof k === 'number') ? new Set(keys) : null;
}

type Existing = (Row | undefined)[];

/** The database's rows with the keys of `rows`, in the same order (undefined: absent). With `held`, reads only the
 * rows whose key is in it. */
function lookUp(table: Table, rows: Row[], keyPath: KeyPath, held: Set<unknown> | null): Promise<Existing> {
  const keys = rows.map((r) => rowKey(r, keyPath));
  const read = (list: unknown[]): Promise<Existing> => {
    const p = table.bulkGet(list as string[]) as Promise<Existing>;
    p.catch(() => undefined); // awaited later; see WriteQueue.push
    return p;
  };
  if (!held) return read(keys);
  const at: number[] = [];
  keys.forEach((key, k) => {
    if (typeof key === 'object' || held.has(key)) at.push(k);
  });
  const out: Existing = new Array<Row | undefined>(rows.length).fill(undefined);
  if (!at.length) return Dexie.Promise.resolve(out);
  return read(at.map((k) => keys[k])).then((found) => {
    at.forEach((k, j) => (out[k] = found[j]));
    return out;
  });
}

async function reconcile(
  db: TurnkeeperDatabase,
  file: ImportFile,
  write: boolean,
  options: ImportOptions,
): Promise<{ tables: TableCounts[]; settingsKept: number }> {
  const chunkSize = Math.max(1, options.chunkSize ?? IMPORT_CHUNK_SIZE);
  const phase = write ? 'write' : 'plan';
  const total = file.tables.reduce((n, t) => n + t.rows.length, 0) + file.settings.length;
  let done = 0;
  options.onProgress?.({ done, total, phase });
  const counts: TableCounts[] = [];
  const search = write ? new SearchIndexUpdate(db) : null;
  const writes = new WriteQueue();
  for (const t of file.tables) {
    const table = db.table(t.name);
    const merge = MERGERS[t.name] ?? mergeGeneric;
    const c: TableCounts = { table: t.name, inFile: t.rows.length, add: 0, update: 0, unchanged: 0 };
    counts.push(c);
    throwIfAborted(options.signal);
    const held = options.lookUpEveryRow ? null : await keysHeld(table, t.rows.length);
    if (!write && held?.size === 0) {
      // Planning against an empty table: every row is new.
      c.add = t.rows.length;
      done += t.rows.length;
      options.onProgress?.({ done, total, phase, table: t.name });
      continue;
    }
    // Each step asks for the database's rows of the next step before writing its own (ids are unique in a table,
    // so a step's writes never touch the rows the next one reads), so the database always has work queued.
    let next = lookUp(table, t.rows.slice(0, chunkSize), t.keyPath, held);
    for (let i = 0; i < t.rows.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const rows = t.rows.slice(i, i + chunkSize);
      const existing = await next;
      if (i + chunkSize < t.rows.length) next = lookUp(table, t.rows.slice(i + chunkSize, i + 2 * chunkSize), t.keyPath, held);
      const puts: Row[] = [];
      rows.forEach((row, k) => {
        const old = existing[k];
        if (!old) {
          c.add++;
          puts.push(row);
          search?.written(t.name, undefined, row);
          return;
        }
        const merged = merge(old, row);
        if (sameValue(merged, old)) c.unchanged++;
        else {
          c.update++;
          puts.push(merged);
          search?.written(t.name, old, merged);
        }
      });
      if (write && puts.length) writes.push(table.bulkPut(puts));
      done += rows.length;
      options.onProgress?.({ done, total, phase, table: t.name });
      await writes.turn();
    }
  }

  // The search index, once every table is written: the old rows of changed records go first, then the new rows are
  // appended. Progress counts its rows apart.
  if (search) {
    const { deletes, puts } = await search.take();
    const index = db.wordIndex;
    const first = puts.length ? await nextSearchSeq(index) : 0;
    const rows = deletes.length + puts.length;
    let indexed = 0;
    for (let i = 0; i < deletes.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const part = deletes.slice(i, i + chunkSize);
      writes.push(deleteSearchRows(index, part));
      indexed += part.length;
      options.onProgress?.({ done: indexed, total: rows, phase, table: 'search' });
      await writes.turn();
    }
    for (let i = 0; i < puts.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const part = numberedSearchRows(puts.slice(i, i + chunkSize), first + i);
      writes.push(index.bulkAdd(part));
      indexed += part.length;
      options.onProgress?.({ done: indexed, total: rows, phase, table: 'search' });
      await writes.turn();
    }
  }
  await writes.drain();

  let settingsKept = 0;
  if (file.settings.length) {
    const c: TableCounts = { table: 'settings', inFile: file.settings.length, add: 0, update: 0, unchanged: 0 };
    const existing = await db.settings.bulkGet(file.settings.map(([k]) => k));
    const puts: { key: string; value: unknown }[] = [];
    file.settings.forEach(([key, value], k) => {
      const old = existing[k];
      if (!old) {
        c.add++;
        puts.push({ key, value });
        return;
      }
      const merged = mergeSetting(key, old.value, value);
      if (!sameValue(merged, old.value)) {
        c.update++;
        puts.push({ key, value: merged });
      } else {
        c.unchanged++;
        if (!sameValue(merged, value)) settingsKept++;
      }
    });
    if (write && puts.length) await db.settings.bulkPut(puts);
    done += file.settings.length;
    options.onProgress?.({ done, total, phase, table: 'settings' });
    counts.push(c);
  }
  // Last chance to stop: aborting here still rolls everything back.
  throwIfAborted(options.signal);
  return { tables: counts, settingsKept };
}

/** What importing would do. Reads only; the database may change before applyImport, which recomputes. */
export async function planImport(db: TurnkeeperDatabase, file: ImportFile, options: ImportOptions = {}): Promise<ImportPlan> {
  const { tables, settingsKept } = await db.transaction('r', db.tables, () => reconcile(db, file, false, options));
  const warnings = [...file.warnings, ...(await referenceWarnings(db, file))];
  if (settingsKept) {
    warnings.push({
      code: 'settings-kept',
      count: settingsKept,
      message: `${settingsKept} setting${settingsKept > 1 ? 's differ' : ' differs'} from the file; your current ${settingsKept > 1 ? 'values are' : 'value is'} kept.`,
    });
  }
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return { tables, warnings, summary: planSummary(tables), changes: changesOf(tables) };
}

/**
 * Import a checked file: merge it with the database in one read-write transaction over every table. Either all of
 * it is written or (on any error, or when `signal` aborts) none of it. Importing the same file again changes nothing.
 */
export async function applyImport(db: TurnkeeperDatabase, file: ImportFile, options: ImportOptions = {}): Promise<ImportResult> {
  const { tables } = await db.transaction('rw', db.tables, () => reconcile(db, file, true, options));
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return { tables, summary: resultSummary(tables), changes: changesOf(tables) };
}

const changesOf = (tables: TableCounts[]) => tables.reduce((n, t) => n + t.add + t.update, 0);

const NOUNS: Record<string, [string, string]> = {
  people: ['person', 'people'],
  conversations: ['conversation', 'conversations'],
  messages: ['message', 'messages'],
  notes: ['note', 'notes'],
  pins: ['pin', 'pins'],
  settings: ['setting', 'settings'],
};
export function countNoun(n: number, table: string): string {
  const [one, many] = NOUNS[table] ?? ['row', 'rows'];
  return `${n.toLocaleString('en')} ${n === 1 ? one : many}`;
}
/** "3 people", or for a table without a noun of its own "3 rows of links". */
const nounFor = (n: number, table: string) => (NOUNS[table] ? countNoun(n, table) : `${countNoun(n, table)} of ${table}`);
function listJoin(items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function planSummary(tables: TableCounts[]): string {
  const adds = tables.filter((t) => t.add).map((t) => nounFor(t.add, t.table));
  const present = tables.filter((t) => t.update + t.unchanged && t.table !== 'settings');
  if (!adds.length && !tables.some((t) => t.update)) {
    return tables.some((t) => t.inFile) ? 'Nothing to import: everything in the file is already here.' : 'The file holds no records.';
  }
  const parts: string[] = [adds.length ? `Adds ${listJoin(adds)}` : 'Adds nothing new'];
  if (present.length) {
    const updated = present.reduce((n, t) => n + t.update, 0);
    const items = present.map((t) => nounFor(t.update + t.unchanged, t.table));
    parts.push(`${listJoin(items)} already present${updated ? ` (${updated.toLocaleString('en')} get${updated === 1 ? 's' : ''} details from the file)` : ''}`);
  }
  return `${parts.join('; ')}.`;
}

function resultSummary(tables: TableCounts[]): string {
  const adds = tables.filter((t) => t.add).map((t) => nounFor(t.add, t.table));
  const ups = tables.filter((t) => t.update).map((t) => nounFor(t.update, t.table));
  if (!adds.length && !ups.length) return 'Nothing changed: everything in the file was already here.';
  const parts: string[] = [];
  if (adds.length) parts.push(`Added ${listJoin(adds)}`);
  if (ups.length) parts.push(`${adds.length ? 'updated' : 'Updated'} ${listJoin(ups)}`);
  return `${parts.join('; ')}.`;
}

/** Parse, plan, ask, apply: the whole flow for a UI that shows the plan in a dialog. `confirm` returning false
 * stops before anything is written. */
export async function importJson(
  db: TurnkeeperDatabase,
  input: Blob | string,
  confirm: (plan: ImportPlan) => boolean | Promise<boolean>,
  options: ImportOptions = {},
): Promise<
  | { status: 'refused'; error: ImportError }
  | { status: 'cancelled'; plan: ImportPlan }
  | { status: 'imported'; plan: ImportPlan; result: ImportResult }
> {
  const parsed = await parseImportFile(db, input, options);
  if (!parsed.ok) return { status: 'refused', error: parsed.error };
  const plan = await planImport(db, parsed.file, options);
  if (!(await confirm(plan))) return { status: 'cancelled', plan };
  const result = await applyImport(db, parsed.file, options);
  return { status: 'imported', plan, result };
}
