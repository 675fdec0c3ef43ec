// Export (JSON backup, CSV zip, ICS) and Import (choose a file → check → show what it would do → confirm → apply).
import { useState } from 'preact/hooks';
import { openDatabase } from '../../db';
import {
  applyImport,
  downloadBlob,
  exportCsvZip,
  exportIcs,
  exportJson,
  parseImportFile,
  planImport,
  type ExportFile,
  type ImportError,
  type ImportFile,
  type ImportPlan,
  type ImportResult,
  type Progress,
} from '../../export';
import { notifyRecordChanged } from '../components/record-changed';
import { Modal } from './Modal';
import { t } from './text';

function ProgressLine({ progress, label }: { progress: Progress | null; label: string }) {
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

type ImportState =
  | { step: 'choose' }
  | { step: 'checking'; name: string }
  | { step: 'refused'; name: string; error: ImportError }
  | { step: 'plan'; name: string; file: ImportFile; plan: ImportPlan }
  | { step: 'applying'; name: string; plan: ImportPlan }
  | { step: 'done'; name: string; result: ImportResult }
  | { step: 'failed'; name: string };

export function ImportDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const [state, setState] = useState<ImportState>({ step: 'choose' });
  const [progress, setProgress] = useState<Progress | null>(null);

  const close = () => {
    if (state.step === 'checking' || state.step === 'applying') return;
    setState({ step: 'choose' });
    onClose();
  };

  const check = async (file: File) => {
    const db = openDatabase();
    setState({ step: 'checking', name: file.name });
    try {
      const parsed = await parseImportFile(db, file, { onProgress: setProgress });
      if (!parsed.ok) {
        setState({ step: 'refused', name: file.name, error: parsed.error });
        return;
      }
      const plan = await planImport(db, parsed.file, { onProgress: setProgress, translate: t });
      setState({ step: 'plan', name: file.name, file: parsed.file, plan });
    } catch (error) {
      console.error('[Turnkeeper] import check failed:', error instanceof Error ? error.name : typeof error);
      setState({ step: 'failed', name: file.name });
    } finally {
      setProgress(null);
    }
  };

  const apply = async (file: ImportFile, plan: ImportPlan, name: string) => {
    setState({ step: 'applying', name, plan });
    try {
      const result = await applyImport(openDatabase(), file, { onProgress: setProgress, translate: t });
      notifyRecordChanged();
      setState({ step: 'done', name, result });
    } catch (error) {
      console.error('[Turnkeeper] import failed:', error instanceof Error ? error.name : typeof error);
      setState({ step: 'failed', name });
    } finally {
      setProgress(null);
    }
  };

  return (
    <Modal open={open} title={t('dashboardImportTitle')} onClose={close} testId="import-dialog" wide>
      {state.step === 'choose' && (
        <>
          <p>{t('dashboardImportIntro')}</p>
          <label class="file-label" for="import-file">
            {t('dashboardImportChoose')}
          </label>
          <input
            id="import-file"
            type="file"
            accept=".json,application/json"
            data-testid="import-file"
            onChange={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              const file = input.files?.[0];
              input.value = '';
              if (file) void check(file);
            }}
          />
        </>
      )}
      {state.step !== 'choose' && (
        <p class="muted" dir="auto">
          {t('dashboardImportFile', state.name)}
        </p>
      )}
      {(state.step === 'checking' || state.step === 'applying') && (
        <ProgressLine
          progress={progress ?? { done: 0, total: 0, phase: 'parse' }}
          label={state.step === 'checking' ? t('dashboardImportChecking') : t('dashboardImportApplying')}
        />
      )}
      {state.step === 'refused' && (
        <div class="error-box" role="alert" data-testid="import-error">
          <h3>{t('dashboardImportRefused')}</h3>
          <p>{state.error.message}</p>
          {state.error.line !== undefined && (
            <p class="muted">{t('dashboardImportWhere', [String(state.error.line), String(state.error.column ?? 1)])}</p>
          )}
          {state.error.path && !state.error.issues?.length && <p class="muted"><code>{state.error.path}</code></p>}
          {!!state.error.issues?.length && (
            <ul class="issues">
              {state.error.issues.map((issue, i) => (
                <li key={i}>
                  <code>{issue.path}</code> {issue.message}
                </li>
              ))}
            </ul>
          )}
          <p>{t('dashboardImportNothingChanged')}</p>
          <div class="form-actions">
            <button type="button" class="tk-button" onClick={() => setState({ step: 'choose' })}>
              {t('dashboardImportAnother')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'plan' && (
        <div data-testid="import-plan">
          <p class="plan-summary">
            <strong>{state.plan.summary}</strong>
          </p>
          <table class="plan-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboardImportTable')}</th>
                <th scope="col">{t('dashboardImportInFile')}</th>
                <th scope="col">{t('dashboardImportAdds')}</th>
                <th scope="col">{t('dashboardImportUpdates')}</th>
                <th scope="col">{t('dashboardImportUnchanged')}</th>
              </tr>
            </thead>
            <tbody>
              {state.plan.tables.map((row) => (
                <tr key={row.table}>
                  <th scope="row">{row.table}</th>
                  <td>{row.inFile.toLocaleString()}</td>
                  <td>{row.add.toLocaleString()}</td>
                  <td>{row.update.toLocaleString()}</td>
                  <td>{row.unchanged.toLocaleString()}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!!state.plan.warnings.length && (
            <ul class="warnings">
              {state.plan.warnings.map((w) => (
                <li key={w.code}>{w.message}</li>
              ))}
            </ul>
          )}
          <p class="muted">{t('dashboardImportMergeNote')}</p>
          <div class="form-actions">
            {state.plan.changes > 0 && (
              <button
                type="button"
                class="tk-button tk-button--primary"
                data-testid="import-confirm"
                onClick={() => void apply(state.file, state.plan, state.name)}
              >
                {t('dashboardImportConfirm')}
              </button>
            )}
            <button type="button" class="tk-button tk-button--quiet" onClick={close}>
              {state.plan.changes > 0 ? t('dashboardCancel') : t('dashboardClose')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'done' && (
        <div role="status" data-testid="import-done">
          <p>
            <strong>{state.result.summary}</strong>
          </p>
          <div class="form-actions">
            <button type="button" class="tk-button tk-button--primary" onClick={close}>
              {t('dashboardClose')}
            </button>
          </div>
        </div>
      )}
      {state.step === 'failed' && (
        <div class="error-box" role="alert">
          <p>{t('dashboardImportFailed')}</p>
          <div class="form-actions">
            <button type="button" class="tk-button" onClick={() => setState({ step: 'choose' })}>
              {t('dashboardImportAnother')}
            </button>
          </div>
        </div>
      )}
    </Modal>
  );
}
