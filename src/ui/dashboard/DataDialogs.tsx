// Export (JSON backup, CSV zip, ICS). Import is in ImportDialog.tsx.
import { useState } from 'preact/hooks';
import { openDatabase } from '../../db';
import {
  downloadBlob,
  exportCsvZip,
  exportIcs,
  exportJson,
  type ExportFile,
  type Progress,
} from '../../export';
import { notifyRecordChanged } from '../components/record-changed';
import { Modal } from './Modal';
import { t } from './text';

export function ProgressLine({ progress, label }: { progress: Progress | null; label: string }) {
  if (!progress) return null;
  const determinate = progress.total > 0 && progress.phase !== 'done';
  return (
    <div class="progress" role="status">
      <progress
        value={determinate ? progress.done : undefined}
        max={determinate ? progress.total : undefined}
        aria-label={label}
      />
      <span class="muted">
        {progress.phase === 'write' && progress.table === 'search'
          ? t('dashboardProgressSearch')
          : determinate
            ? t('dashboardProgress', [progress.done.toLocaleString(), progress.total.toLocaleString()])
            : label}
      </span>
    </div>
  );
}

type ExportKind = 'json' | 'csv' | 'ics';

export function ExportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [busy, setBusy] = useState<ExportKind | null>(null);
  const [progress, setProgress] = useState<Progress | null>(null);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);

  const run = async (kind: ExportKind) => {
    const db = openDatabase();
    setBusy(kind);
    setResult(null);
    setProgress({ done: 0, total: 0, phase: 'read' });
    try {
      let file: ExportFile;
      if (kind === 'json') file = await exportJson(db, { onProgress: setProgress });
      else if (kind === 'csv') file = await exportCsvZip(db, { onProgress: setProgress });
      else
        file = await exportIcs(db, {
          labels: {
            pinSummary: (title) => t('dashboardIcsPin', title),
            followUpSummary: (title) => t('dashboardIcsFollowUp', title),
            people: t('dashboardIcsWith'),
          },
        });
      downloadBlob(file.blob, file.filename);
      setResult({ ok: true, text: t('dashboardExportSaved', file.filename) });
      if (kind === 'json') notifyRecordChanged();
    } catch (error) {
      console.error('[Turnkeeper] export failed:', error instanceof Error ? error.name : typeof error);
      setResult({ ok: false, text: t('dashboardExportFailed') });
    } finally {
      setBusy(null);
      setProgress(null);
    }
  };

  const option = (kind: ExportKind, title: string, help: string) => (
    <li>
      <button
        type="button"
        class="choice"
        disabled={busy !== null}
        data-testid={`export-${kind}`}
        onClick={() => void run(kind)}
      >
        <strong>{title}</strong>
        <span class="muted">{help}</span>
      </button>
    </li>
  );

  return (
    <Modal open={open} title={t('dashboardExportTitle')} onClose={onClose} testId="export-dialog">
      <p class="warning">
        <strong>{t('settingsDataUninstall')}</strong> {t('dashboardExportWhy')}
      </p>
      <ul class="choices">
        {option('json', t('dashboardExportJson'), t('dashboardExportJsonHelp'))}
        {option('csv', t('dashboardExportCsv'), t('dashboardExportCsvHelp'))}
        {option('ics', t('dashboardExportIcs'), t('dashboardExportIcsHelp'))}
      </ul>
      <ProgressLine progress={progress} label={t('dashboardExporting')} />
      {result && (
        <p class={result.ok ? 'status' : 'status status--bad'} role={result.ok ? 'status' : 'alert'} data-testid="export-result">
          {result.text}
        </p>
      )}
      <p class="muted">{t('settingsDataNothingLeaves')}</p>
    </Modal>
  );
}
