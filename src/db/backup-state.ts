// The backup reminder's times, kept as settings rows (key/value in the `settings` table, not part of Settings): when
// the last backup was made, when the reminder was last shown, when this browser started recording.
import type { TurnkeeperDatabase } from './database';

export const LAST_BACKUP_KEY = 'lastBackupAt';
export const LAST_BACKUP_REMINDER_KEY = 'lastBackupReminderAt';
/** When this browser started keeping a record: a new user is not asked for a backup of a day's data. */
export const RECORDING_SINCE_KEY = 'recordingSince';

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
