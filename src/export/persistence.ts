// Keeping the data: persistent storage, and the monthly "make a backup" reminder.
import type { TurnkeeperDatabase } from '../db/database';

/** Settings rows (key/value in the `settings` table). */
export const LAST_BACKUP_KEY = 'lastBackupAt';
export const LAST_BACKUP_REMINDER_KEY = 'lastBackupReminderAt';
/** When this browser started keeping a record: a new user is not asked for a backup of a day's data. */
export const RECORDING_SINCE_KEY = 'recordingSince';

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

/** Record that a backup was made (a full JSON export does this itself). */
export async function recordBackup(db: TurnkeeperDatabase, at: string): Promise<void> {
  await db.settings.put({ key: LAST_BACKUP_KEY, value: at });
}

/** Record that the backup reminder was shown. */
export async function recordBackupReminder(db: TurnkeeperDatabase, at: string): Promise<void> {
  await db.settings.put({ key: LAST_BACKUP_REMINDER_KEY, value: at });
}

/** The times backupReminderDue needs, from the settings table (reads only: the dashboard calls it while showing). */
export async function readBackupState(
  db: TurnkeeperDatabase,
): Promise<{ lastBackupAt: string | null; lastReminderAt: string | null; recordingSince: string | null }> {
  const [b, r, since] = await db.settings.bulkGet([LAST_BACKUP_KEY, LAST_BACKUP_REMINDER_KEY, RECORDING_SINCE_KEY]);
  const str = (x: unknown) => (typeof x === 'string' ? x : null);
  return { lastBackupAt: str(b?.value), lastReminderAt: str(r?.value), recordingSince: str(since?.value) };
}

/** Starts the recording clock once (the background calls it when Turnkeeper is installed or updated). */
export async function startRecordingClock(db: TurnkeeperDatabase, now: Date): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    if (!(await db.settings.get(RECORDING_SINCE_KEY))) await db.settings.put({ key: RECORDING_SINCE_KEY, value: now.toISOString() });
  });
}
