// The gentle monthly reminder to make a backup (uninstalling deletes the data). Shown when no backup was made for
// 30 days (or, before any backup, since recording began 30 days ago) and no reminder was shown for 30 days; shown
// once per month, dismissable.
import { useEffect, useState } from 'preact/hooks';
import { openDatabase } from '../../db';
import { backupReminderDue, readBackupState, recordBackupReminder } from '../../export/persistence';
import { t } from './text';

export function BackupReminder({ hasData, onExport }: { hasData: boolean; onExport(): void }) {
  const [visible, setVisible] = useState(false);
  useEffect(() => {
    if (!hasData) return;
    let cancelled = false;
    void (async () => {
      const db = openDatabase();
      const now = new Date();
      const { lastBackupAt, lastReminderAt, recordingSince } = await readBackupState(db);
      if (cancelled || !backupReminderDue(lastBackupAt, lastReminderAt, now, recordingSince)) return;
      setVisible(true);
      await recordBackupReminder(db, now.toISOString());
    })().catch(() => undefined);
    return () => {
      cancelled = true;
    };
  }, [hasData]);
  if (!visible) return null;
  return (
    <aside class="banner" aria-labelledby="backup-title" data-testid="backup-reminder">
      <div>
        <strong id="backup-title">{t('dashboardBackupTitle')}</strong> <span>{t('dashboardBackupText')}</span>
      </div>
      <div class="banner__actions">
        <button
          type="button"
          class="tk-button tk-button--primary"
          onClick={() => {
            setVisible(false);
            onExport();
          }}
        >
          {t('dashboardBackupNow')}
        </button>
        <button type="button" class="tk-button tk-button--quiet" onClick={() => setVisible(false)}>
          {t('dashboardBackupLater')}
        </button>
      </div>
    </aside>
  );
}
