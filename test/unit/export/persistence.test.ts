import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  backupReminderDue,
  persistenceStatus,
  readBackupState,
  startRecordingClock,
  recordBackupReminder,
  requestPersistence,
} from '../../../src/export/persistence';
import { openTestDb } from './helpers';

const DAY = 86_400_000;
const now = new Date('2025-06-30T12:00:00.000Z');
const ago = (days: number) => new Date(now.getTime() - days * DAY).toISOString();

describe('backupReminderDue', () => {
  it('reminds when there has been no backup for 30 days, at most once in 30 days', () => {
    expect(backupReminderDue(null, null, now)).toBe(true);
    expect(backupReminderDue(ago(29), null, now)).toBe(false);
    expect(backupReminderDue(ago(30), null, now)).toBe(true);
    expect(backupReminderDue(ago(45), ago(10), now)).toBe(false);
    expect(backupReminderDue(ago(45), ago(30), now)).toBe(true);
    expect(backupReminderDue(null, ago(29), now)).toBe(false);
    expect(backupReminderDue('garbage', 'garbage', now)).toBe(true);
    expect(backupReminderDue(ago(-5), null, now)).toBe(false); // a clock that went back
  });

  it('does not ask a new user for a backup: without one, the age counts from when recording began', () => {
    expect(backupReminderDue(null, null, now, ago(2))).toBe(false);
    expect(backupReminderDue(null, null, now, ago(29))).toBe(false);
    expect(backupReminderDue(null, null, now, ago(31))).toBe(true);
    expect(backupReminderDue(ago(40), null, now, ago(400))).toBe(true);
    expect(backupReminderDue(ago(3), null, now, ago(400))).toBe(false);
  });
});

describe('requestPersistence', () => {
  it('asks, then reports persisted()', async () => {
    let persisted = false;
    const storage = { persisted: vi.fn(async () => persisted), persist: vi.fn(async () => (persisted = true)) };
    expect(await persistenceStatus(storage)).toEqual({ supported: true, persisted: false });
    expect(await requestPersistence(storage)).toEqual({ supported: true, persisted: true });
    expect(storage.persist).toHaveBeenCalledTimes(1);
    expect(await requestPersistence(storage)).toEqual({ supported: true, persisted: true });
    expect(storage.persist).toHaveBeenCalledTimes(1); // not asked again
  });

  it('reports a refusal and a missing API without throwing', async () => {
    const refused = { persisted: async () => false, persist: async () => false };
    expect(await requestPersistence(refused)).toEqual({ supported: true, persisted: false });
    const broken = { persisted: async () => Promise.reject(new Error('x')), persist: async () => false };
    expect(await requestPersistence(broken)).toEqual({ supported: true, persisted: false });
    expect(await requestPersistence(undefined)).toEqual({ supported: false, persisted: false });
  });
});

describe('backup state in settings', () => {
  const db = openTestDb();
  afterEach(() => db.settings.clear());
  it('reads lastBackupAt and lastBackupReminderAt rows', async () => {
    expect(await readBackupState(db)).toEqual({ lastBackupAt: null, lastReminderAt: null, recordingSince: null });
    await startRecordingClock(db, now);
    await startRecordingClock(db, new Date(now.getTime() + DAY)); // started once, never moved
    await db.settings.put({ key: 'lastBackupAt', value: ago(40) });
    await recordBackupReminder(db, ago(1));
    const s = await readBackupState(db);
    expect(s).toEqual({ lastBackupAt: ago(40), lastReminderAt: ago(1), recordingSince: now.toISOString() });
    expect(backupReminderDue(s.lastBackupAt, s.lastReminderAt, now)).toBe(false);
  });
});
