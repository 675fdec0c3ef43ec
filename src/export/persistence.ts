// Keeping the data: persistent storage, and the monthly "make a backup" reminder.

// The backup times themselves are settings rows, kept by src/db (backup-state.ts).
export {
  LAST_BACKUP_KEY,
  LAST_BACKUP_REMINDER_KEY,
  RECORDING_SINCE_KEY,
  readBackupState,
  recordBackup,
  recordBackupReminder,
  startRecordingClock,
} from '../db';

export const BACKUP_REMINDER_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;

export interface PersistenceStatus {
  /** The browser offers persistent storage at all. */
  supported: boolean;
  /** Storage is persistent now (not cleared under storage pressure). */
  persisted: boolean;
}

type StorageLike = Pick<StorageManager, 'persist' | 'persisted'>;
const defaultStorage = (): StorageLike | undefined =>
  (globalThis as { navigator?: { storage?: StorageLike } }).navigator?.storage;

/** Ask for persistent storage (`navigator.storage.persist()`), then report `persisted()`. Never throws. */
export async function requestPersistence(storage: StorageLike | undefined = defaultStorage()): Promise<PersistenceStatus> {
  if (!storage || typeof storage.persist !== 'function' || typeof storage.persisted !== 'function') {
    return { supported: false, persisted: false };
  }
  try {
    if (await storage.persisted()) return { supported: true, persisted: true };
    await storage.persist();
    return { supported: true, persisted: await storage.persisted() };
  } catch {
    return { supported: true, persisted: false };
  }
}

/** Whether storage is persistent, without asking for it. */
export async function persistenceStatus(storage: StorageLike | undefined = defaultStorage()): Promise<PersistenceStatus> {
  if (!storage || typeof storage.persisted !== 'function') return { supported: false, persisted: false };
  try {
    return { supported: true, persisted: await storage.persisted() };
  } catch {
    return { supported: true, persisted: false };
  }
}

const time = (iso: string | null | undefined): number | null => {
  if (!iso) return null;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? null : t;
};

/**
 * A backup reminder is due when there has been no backup for 30 days (or never), and no reminder was shown in the
 * last 30 days. Times are ISO strings (null: never); unparseable ones count as never.
 */
export function backupReminderDue(
  lastBackupAt: string | null,
  lastReminderAt: string | null,
  now: Date,
  recordingSince?: string | null,
): boolean {
  const t = now.getTime();
  // Without a backup, the record's age counts from when recording began; not known yet (null) counts as now.
  const backup = time(lastBackupAt) ?? (recordingSince === undefined ? null : (time(recordingSince) ?? t));
  const reminder = time(lastReminderAt);
  const backupStale = backup === null || t - backup >= BACKUP_REMINDER_DAYS * DAY_MS;
  const reminderStale = reminder === null || t - reminder >= BACKUP_REMINDER_DAYS * DAY_MS;
  return backupStale && reminderStale;
}
