// Importing a JSON export: read → check everything (nothing written; import-parse.ts) → plan (reads only) → apply
// (one read-write transaction over every table: all or nothing; import-apply.ts). See docs/export-format.md,
// "Importing".
import type { TurnkeeperDatabase } from '../db';
import { applyImport, planImport } from './import-apply';
import { parseImportFile } from './import-parse';
import type { ImportError, ImportOptions, ImportPlan, ImportResult } from './import-types';

export { applyImport, IMPORT_CHUNK_SIZE, planImport } from './import-apply';
export { parseImportFile } from './import-parse';
export type {
  ImportError,
  ImportErrorCode,
  ImportFile,
  ImportOptions,
  ImportPlan,
  ImportResult,
  ImportWarning,
  ParseResult,
  TableCounts,
  TableData,
} from './import-types';

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
