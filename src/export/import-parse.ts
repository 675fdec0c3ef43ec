// Importing a JSON export, first step: read the file and check everything (nothing written). A file refused here
// says why in one sentence (ImportError); what was neutralised on the way is said in warnings. See
// docs/export-format.md, "Importing".
import * as v from 'valibot';
import { rowKey, tableInfos, type KeyPath, type Row, type TurnkeeperDatabase } from '../db';
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
import { Warnings, type ImportError, type ImportFile, type ImportOptions, type ParseResult, type TableData } from './import-types';
import { findJsonSyntaxError } from './json-syntax';
import { DEFAULT_CHUNK_SIZE, throwIfAborted, TimeSlicer } from './progress';

class Refused extends Error {
  constructor(readonly error: ImportError) {
    super(error.message);
  }
}
const refuse = (error: ImportError): never => {
  throw new Refused(error);
};


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
  const dbTables = new Map(tableInfos(db).map((t) => [t.name, t]));
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
      } else if (!t || t.keyPath === null) {
        warnings.add('unknown-table', `The file has ${val.length.toLocaleString('en')} ${val.length === 1 ? 'row' : 'rows'} of "${key}", which this Turnkeeper does not keep; they are left out.`, key, key);
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
    const keyPath: KeyPath = known ? 'id' : dbTables.get(name)!.keyPath!;
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
