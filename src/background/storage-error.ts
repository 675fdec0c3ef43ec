// What kind of storage failure an error is, for the user: the disk is full (or over quota), the database is blocked by
// another open window at an older version, or it could not be opened at all. Anything else is a bug, not a storage
// condition, and is left to the normal error path.
import type { StorageError } from '../protocol/types';

/** Dexie's names for "the database could not be opened or used at all" (its own and the IndexedDB ones it passes on). */
const DATABASE_FAILED = new Set([
  'OpenFailedError',
  'VersionError',
  'UpgradeError',
  'DatabaseClosedError',
  'MissingAPIError',
  'InvalidStateError',
  'UnknownError',
  'NoSuchDatabaseError',
  'InvalidAccessError',
]);

/** The errors wrapped inside `error`: Dexie's `inner`, a standard `cause`, a BulkError's per-row failures. */
function wrapped(error: object): unknown[] {
  const e = error as { inner?: unknown; cause?: unknown; failures?: unknown; failuresByPos?: unknown };
  const out: unknown[] = [e.inner, e.cause];
  if (Array.isArray(e.failures)) out.push(...e.failures);
  if (e.failuresByPos && typeof e.failuresByPos === 'object') out.push(...Object.values(e.failuresByPos));
  return out.filter((x) => x && typeof x === 'object');
}

function names(error: unknown, depth = 0, seen = new Set<unknown>()): string[] {
  if (!error || typeof error !== 'object' || seen.has(error) || depth > 5) return [];
  seen.add(error);
  const name = (error as { name?: unknown }).name;
  return [typeof name === 'string' ? name : '', ...wrapped(error).flatMap((inner) => names(inner, depth + 1, seen))];
}

/** The storage condition behind `error`, or null when it is not one (then it is a bug and is reported as such). */
export function storageErrorOf(error: unknown): StorageError | null {
  const all = names(error);
  if (all.includes('QuotaExceededError')) return 'storage-full';
  if (all.includes('DatabaseBlockedError')) return 'database-blocked';
  if (all.some((name) => DATABASE_FAILED.has(name))) return 'database-failed';
  return null;
}
