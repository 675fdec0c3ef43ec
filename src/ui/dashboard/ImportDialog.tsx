// Import (Dashboard → Import, or the dashboard's address with #import): one file input for everything the seller
// may bring. Files are recognised from their content by the history Worker's plan: a Turnkeeper backup goes to the
// JSON importer (choose → check → show what it would do → confirm → apply); Gmail Takeout and LinkedIn exports go to
// the history import (plan → choices → import in batches → summary; HistoryImport.tsx, use-history-import.ts).
import { useEffect, useState } from 'preact/hooks';
import { getSettings, openDatabase, type Settings } from '../../db';
import {
  applyImport,
  parseImportFile,
  planImport,
  type ImportError,
  type ImportFile,
  type ImportPlan,
  type ImportResult,
  type Progress,
} from '../../export';
import { notifyRecordChanged } from '../components/record-changed';
import { ProgressLine } from './DataDialogs';
import { count, HistoryPlan, HistoryProgress, summaryText } from './HistoryImport';
import { Modal } from './Modal';
import { t } from './text';
import { useHistoryImport } from './use-history-import';

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
  const history = useHistoryImport();
  const [settings, setSettings] = useState<Settings | null>(null);
  const hs = history.state;

  const close = () => {
    if (state.step === 'checking' || state.step === 'applying') return;
    // A running history import goes on with the dialog closed; opening it again shows where it is.
    if (hs.step !== 'running' && hs.step !== 'planning') {
      history.reset();
      setState({ step: 'choose' });
    }
    onClose();
  };

  const chosen = async (files: File[]) => {
    const current = await getSettings(openDatabase());
    setSettings(current);
    history.plan(files, { myAddresses: current.myEmails });
  };

  // Backups among the files: the JSON importer takes them; when nothing else was chosen, at once, as before.
  const [backups, setBackups] = useState<File[]>([]);
  useEffect(() => {
    if (hs.step !== 'plan') return;
    const found = hs.summary.jsonBackups.map((i) => hs.files[i]!);
    setBackups(found);
    if (found.length && found.length === hs.files.length) {
      history.reset();
      void check(found[0]!);
    }
  }, [hs]);
  const checkBackup = (file: File) => {
    history.reset();
    setBackups(backups.filter((b) => b !== file));
    void check(file);
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

  const tally = hs.step === 'done' || hs.step === 'failed' ? hs.tally : null;
  const finished = tally && tally.conversations > 0 && settings ? summaryText(tally, settings, new Date()) : null;

  // After a refusal or a failure: back to choosing files.
  const chooseAnother = (
    <div class="form-actions">
      <button type="button" class="tk-button" onClick={() => setState({ step: 'choose' })}>
        {t('dashboardImportAnother')}
      </button>
    </div>
  );
  return (
    <Modal open={open} title={t('dashboardImportTitle')} onClose={close} testId="import-dialog" wide>
      {state.step === 'choose' && hs.step === 'idle' && (
        <>
          <p>{t('dashboardImportIntro')}</p>
          <label class="file-label" for="import-file">
            {t('dashboardImportChoose')}
          </label>
          <input
            id="import-file"
            type="file"
            multiple
            data-testid="import-file"
            onChange={(event) => {
              const input = event.currentTarget as HTMLInputElement;
              const files = [...(input.files ?? [])];
              input.value = '';
              if (files.length) void chosen(files);
            }}
          />
          <p class="muted">{t('dashboardHistoryLocal')}</p>
        </>
      )}
      {hs.step !== 'idle' && (
        <p class="muted" dir="auto">
          {t('dashboardImportFile', hs.files.map((f) => f.name).join(', '))}
        </p>
      )}
      {hs.step === 'planning' && (
        <HistoryProgress label={t('dashboardHistoryReading')} progress={hs.progress} tally={null} startedAt={Date.now()} onCancel={history.cancel} />
      )}
      {hs.step === 'plan' && settings && hs.summary.jsonBackups.length < hs.files.length && (
        <HistoryPlan summary={hs.summary} settings={settings} history={history} />
      )}
      {hs.step === 'running' && (
        <HistoryProgress label={t('dashboardHistoryImporting')} progress={hs.progress} tally={hs.tally} startedAt={hs.startedAt} onCancel={history.cancel} />
      )}
      {hs.step === 'done' && finished && (
        <div role="status" data-testid="history-done">
          <p>
            <strong data-testid="history-summary">{finished.main}</strong>
          </p>
          {finished.quiet > 0 && <p class="muted">{count('dashboardHistoryQuietAfter', finished.quiet)}</p>}
          <div class="form-actions">
            <button type="button" class="tk-button tk-button--primary" data-testid="history-show-lists" onClick={close}>
              {t('dashboardHistoryShowLists')}
            </button>
            {backups.map((b) => (
              <button type="button" class="tk-button" key={b.name} onClick={() => checkBackup(b)}>
                {t('dashboardHistoryCheckBackup', b.name)}
              </button>
            ))}
          </div>
        </div>
      )}
      {hs.step === 'failed' && (
        <div class="error-box" role="alert" data-testid="import-error">
          <p dir="auto">{hs.message}</p>
          {!hs.wrote && <p>{t('dashboardImportNothingChanged')}</p>}
          {finished && <p>{finished.main}</p>}
          <div class="form-actions">
            <button type="button" class="tk-button" onClick={history.reset}>
              {t('dashboardImportAnother')}
            </button>
          </div>
        </div>
      )}
      {hs.step === 'idle' && state.step !== 'choose' && (
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
          {chooseAnother}
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
          {chooseAnother}
        </div>
      )}
    </Modal>
  );
}
