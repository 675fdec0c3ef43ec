// Importing a JSON export, second step: plan (reads only: what would be added, what enriched) and apply (one
// read-write transaction over every table: all or nothing), the search index kept in step. The file was checked by
// import-parse.ts; rows meet the database's by the rules of merge.ts. See docs/export-format.md, "Importing".
import {
  addIndexRows,
  countRows,
  deleteIndexRows,
  getRows,
  getSettingRows,
  inSnapshot,
  inWriteTransaction,
  nextIndexSeq,
  primaryKeysOf,
  putRows,
  putSettingRows,
  rowKey,
  SearchIndexUpdate,
  transactionValue,
  type KeyPath,
  type Row,
  type TurnkeeperDatabase,
} from '../db';
import {
  Warnings,
  type ImportFile,
  type ImportOptions,
  type ImportPlan,
  type ImportResult,
  type ImportWarning,
  type TableCounts,
} from './import-types';
import { planSummary, resultSummary } from './import-summary';
import { MERGERS, mergeGeneric, mergeSetting, sameValue } from './merge';
import { throwIfAborted, TimeSlicer } from './progress';
import { breathe } from './read';

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
    const found = await getRows(db, to, list);
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
async function keysHeld(db: TurnkeeperDatabase, table: string, inFile: number): Promise<Set<unknown> | null> {
  const count = await countRows(db, table);
  if (count === 0) return new Set();
  if (count > inFile * 4) return null;
  const keys = await primaryKeysOf(db, table);
  return keys.every((k) => typeof k === 'string' || typeof k === 'number') ? new Set(keys) : null;
}

type Existing = (Row | undefined)[];

/** The database's rows with the keys of `rows`, in the same order (undefined: absent). With `held`, reads only the
 * rows whose key is in it. */
function lookUp(
  db: TurnkeeperDatabase,
  table: string,
  rows: Row[],
  keyPath: KeyPath,
  held: Set<unknown> | null,
): PromiseLike<Existing> {
  const keys = rows.map((r) => rowKey(r, keyPath));
  const read = (list: unknown[]): Promise<Existing> => {
    const p = getRows(db, table, list);
    p.catch(() => undefined); // awaited later; see WriteQueue.push
    return p;
  };
  if (!held) return read(keys);
  const at: number[] = [];
  keys.forEach((key, k) => {
    if (typeof key === 'object' || held.has(key)) at.push(k);
  });
  const out: Existing = new Array<Row | undefined>(rows.length).fill(undefined);
  if (!at.length) return transactionValue(out);
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
    const merge = MERGERS[t.name] ?? mergeGeneric;
    const c: TableCounts = { table: t.name, inFile: t.rows.length, add: 0, update: 0, unchanged: 0 };
    counts.push(c);
    throwIfAborted(options.signal);
    const held = options.lookUpEveryRow ? null : await keysHeld(db, t.name, t.rows.length);
    if (!write && held?.size === 0) {
      // Planning against an empty table: every row is new.
      c.add = t.rows.length;
      done += t.rows.length;
      options.onProgress?.({ done, total, phase, table: t.name });
      continue;
    }
    // Each step asks for the database's rows of the next step before writing its own (ids are unique in a table,
    // so a step's writes never touch the rows the next one reads), so the database always has work queued.
    let next = lookUp(db, t.name, t.rows.slice(0, chunkSize), t.keyPath, held);
    for (let i = 0; i < t.rows.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const rows = t.rows.slice(i, i + chunkSize);
      const existing = await next;
      if (i + chunkSize < t.rows.length) next = lookUp(db, t.name, t.rows.slice(i + chunkSize, i + 2 * chunkSize), t.keyPath, held);
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
      if (write && puts.length) writes.push(putRows(db, t.name, puts));
      done += rows.length;
      options.onProgress?.({ done, total, phase, table: t.name });
      await writes.turn();
    }
  }

  // The search index, once every table is written: the old rows of changed records go first, then the new rows are
  // appended. Progress counts its rows apart.
  if (search) {
    const { deletes, puts } = await search.take();
    const first = puts.length ? await nextIndexSeq(db) : 0;
    const rows = deletes.length + puts.length;
    let indexed = 0;
    for (let i = 0; i < deletes.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const part = deletes.slice(i, i + chunkSize);
      writes.push(deleteIndexRows(db, part));
      indexed += part.length;
      options.onProgress?.({ done: indexed, total: rows, phase, table: 'search' });
      await writes.turn();
    }
    for (let i = 0; i < puts.length; i += chunkSize) {
      throwIfAborted(options.signal);
      const part = puts.slice(i, i + chunkSize);
      writes.push(addIndexRows(db, part, first + i));
      indexed += part.length;
      options.onProgress?.({ done: indexed, total: rows, phase, table: 'search' });
      await writes.turn();
    }
  }
  await writes.drain();

  let settingsKept = 0;
  if (file.settings.length) {
    const c: TableCounts = { table: 'settings', inFile: file.settings.length, add: 0, update: 0, unchanged: 0 };
    const existing = await getSettingRows(db, file.settings.map(([k]) => k));
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
    if (write && puts.length) await putSettingRows(db, puts);
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
  const { tables, settingsKept } = await inSnapshot(db, () => reconcile(db, file, false, options));
  const warnings = [...file.warnings, ...(await referenceWarnings(db, file))];
  if (settingsKept) {
    warnings.push({
      code: 'settings-kept',
      count: settingsKept,
      message: `${settingsKept} setting${settingsKept > 1 ? 's differ' : ' differs'} from the file; your current ${settingsKept > 1 ? 'values are' : 'value is'} kept.`,
    });
  }
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return { tables, warnings, summary: planSummary(tables, options.translate), changes: changesOf(tables) };
}

/**
 * Import a checked file: merge it with the database in one read-write transaction over every table. Either all of
 * it is written or (on any error, or when `signal` aborts) none of it. Importing the same file again changes nothing.
 */
export async function applyImport(db: TurnkeeperDatabase, file: ImportFile, options: ImportOptions = {}): Promise<ImportResult> {
  const { tables } = await inWriteTransaction(db, () => reconcile(db, file, true, options));
  options.onProgress?.({ done: 1, total: 1, phase: 'done' });
  return { tables, summary: resultSummary(tables, options.translate), changes: changesOf(tables) };
}

const changesOf = (tables: TableCounts[]) => tables.reduce((n, t) => n + t.add + t.update, 0);
