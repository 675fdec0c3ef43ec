// The history import (issue 16) as the dashboard runs it: the files go to a dedicated Worker (src/history/worker.ts),
// which plans (writes nothing), then reads again and hands over whole conversations in batches; each batch is stored
// here in one transaction (importThreads) before the Worker reads on, so a cancel or a failure leaves whole
// conversations only, and importing the same files again finishes the job without duplicates.
import { useEffect, useRef, useState } from 'preact/hooks';
import { setImportRunning } from './import-running';
import { importThreads, openDatabase, rememberConfirmedMe, type ConfirmedMe, type ImportedConversationState } from '../../db';
import type { FromWorker, PlanSummary, Progress, ToWorker, WorkerOptions } from '../../history';
import { notifyRecordChanged } from '../components/record-changed';
import { t } from './text';

/** Conversations per batch: one transaction each, small enough that storing one never holds the page for long (in a
 * 3,000-thread trial in Chromium, batches of 200 held the page up to ~90 ms; batches of 50 never over 50 ms). */
const BATCH_SIZE = 50;

export interface RunChoices {
  myAddresses: string[];
  myProfileUrl: string;
  includeInbound: boolean;
  /** ISO: conversations whose last message is older are left out; null: everything. */
  since: string | null;
  /** "Me" as the seller confirmed it in the plan: saved to settings before the first batch is stored. */
  confirmed: ConfirmedMe;
}

export interface RunTally {
  conversations: number;
  messages: number;
  /** Conversations as they now stand in the record, by id (a conversation in two files counts once). */
  states: Map<string, ImportedConversationState>;
}

export type HistoryState =
  | { step: 'idle' }
  | { step: 'planning'; files: File[]; progress: Progress | null }
  | { step: 'plan'; files: File[]; summary: PlanSummary }
  | { step: 'running'; files: File[]; progress: Progress | null; tally: RunTally; startedAt: number }
  | { step: 'done'; files: File[]; tally: RunTally }
  | { step: 'failed'; files: File[]; message: string; wrote: boolean; tally: RunTally | null };

export interface HistoryImport {
  state: HistoryState;
  plan(files: File[], options: WorkerOptions): void;
  run(choices: RunChoices): void;
  cancel(): void;
  reset(): void;
}

function logStoreFailure(error: unknown): void {
  console.error('[Turnkeeper] handling the import worker\'s message failed:', error instanceof Error ? error.name : typeof error);
}

/** The error in the user's words: the message key of src/history/errors.ts, the file named first. */
function errorText(m: Extract<FromWorker, { type: 'error' }>): string {
  return t(m.code, m.substitutions) || m.message;
}

export function useHistoryImport(): HistoryImport {
  const [state, setState] = useState<HistoryState>({ step: 'idle' });
  const worker = useRef<Worker | null>(null);
  const job = useRef(0);
  const stateRef = useRef(state);
  stateRef.current = state;

  useEffect(() => () => worker.current?.terminate(), []);
  useEffect(() => setImportRunning(state.step === 'running'), [state.step]);
  useEffect(() => () => setImportRunning(false), []);

  const update = (next: HistoryState) => {
    stateRef.current = next;
    setState(next);
  };

  const ensureWorker = (): Worker => {
    if (worker.current) return worker.current;
    const w = new Worker(new URL('../../history/worker.ts', import.meta.url), { type: 'module' });
    w.addEventListener('error', (event) => {
      event.preventDefault();
      console.error('[Turnkeeper] import worker failed to start or crashed');
      const s = stateRef.current;
      if (s.step === 'planning' || s.step === 'running') {
        const wrote = s.step === 'running' && s.tally.conversations > 0;
        if (wrote) notifyRecordChanged();
        update({ step: 'failed', files: s.files, message: t('historyFailed'), wrote, tally: s.step === 'running' ? s.tally : null });
      }
      worker.current?.terminate();
      worker.current = null;
    });
    w.addEventListener('message', (event: MessageEvent<FromWorker>) => {
      const m = event.data;
      if (m.type === 'progress') void onMessage(m);
      else queue.current = queue.current.then(() => onMessage(m)).catch(logStoreFailure);
    });
    worker.current = w;
    return w;
  };

  const post = (m: ToWorker) => ensureWorker().postMessage(m);

  /**
   * The Worker's messages other than progress, handled one after the other: a batch is stored before the next one, and
   * the end of a job (done, or the error a cancel ends with) is taken only once every batch handed over before it is
   * stored, so the tally, the summary and whether anything was written are true.
   */
  const queue = useRef<Promise<void>>(Promise.resolve());

  /** The identities the user confirmed as theirs for the running import. */
  const identities = useRef<string[]>([]);

  async function onMessage(m: FromWorker): Promise<void> {
    if (m.job !== job.current) return; // an old job's last words
    const s = stateRef.current;
    if (m.type === 'progress') {
      if (s.step === 'planning' || s.step === 'running') update({ ...s, progress: m.progress });
      return;
    }
    if (m.type === 'plan') {
      if (s.step === 'planning') update({ step: 'plan', files: s.files, summary: m.summary });
      return;
    }
    if (m.type === 'error') {
      if (s.step !== 'planning' && s.step !== 'running') return;
      const wrote = s.step === 'running' && s.tally.conversations > 0;
      if (wrote) notifyRecordChanged();
      update({ step: 'failed', files: s.files, message: errorText(m), wrote, tally: s.step === 'running' ? s.tally : null });
      return;
    }
    if (s.step !== 'running') return;
    if (m.type === 'batch') {
      try {
        const stored = await importThreads(openDatabase(), m.batch.threads, {
          now: new Date(),
          myIdentities: identities.current,
        });
        const current = stateRef.current;
        if (current.step !== 'running' || m.job !== job.current) return;
        const states = new Map(current.tally.states);
        for (const c of stored.conversations) states.set(c.conversationId, c);
        const tally: RunTally = {
          conversations: current.tally.conversations + m.batch.threads.length,
          messages: current.tally.messages + m.batch.threads.reduce((a, th) => a + th.messages.length, 0),
          states,
        };
        update({ ...current, tally });
        post({ type: 'batchStored', job: m.job });
      } catch (error) {
        console.error('[Turnkeeper] storing imported conversations failed:', error instanceof Error ? error.name : typeof error);
        post({ type: 'cancel', job: m.job });
        job.current++;
        const current = stateRef.current;
        const tally = current.step === 'running' ? current.tally : null;
        if (tally?.conversations) notifyRecordChanged();
        update({ step: 'failed', files: s.files, message: t('historyFailed'), wrote: !!tally?.conversations, tally });
      }
      return;
    }
    if (m.type === 'done') {
      notifyRecordChanged();
      update({ step: 'done', files: s.files, tally: s.tally });
    }
  }

  return {
    state,
    plan(files, options) {
      job.current++;
      update({ step: 'planning', files, progress: null });
      post({ type: 'plan', job: job.current, files, options });
    },
    run(choices) {
      const s = stateRef.current;
      if (s.step !== 'plan') return;
      identities.current = [...choices.myAddresses, ...(choices.myProfileUrl ? [choices.myProfileUrl] : [])];
      job.current++;
      update({ step: 'running', files: s.files, progress: null, tally: { conversations: 0, messages: 0, states: new Map() }, startedAt: Date.now() });
      const options: WorkerOptions = {
        myAddresses: choices.myAddresses,
        includeInbound: choices.includeInbound,
        batchSize: BATCH_SIZE,
      };
      if (choices.myProfileUrl) options.myProfileUrl = choices.myProfileUrl;
      if (choices.since) options.since = choices.since;
      // Saved first, so that the first batch is stored with them and the next plan and the pages read are too.
      const remembered = rememberConfirmedMe(openDatabase(), choices.confirmed).then(
        () => undefined,
        (error: unknown) => console.error('[Turnkeeper] saving who "me" is failed:', error instanceof Error ? error.name : typeof error),
      );
      queue.current = queue.current.then(() => remembered);
      post({ type: 'run', job: job.current, files: s.files, options });
    },
    cancel() {
      const s = stateRef.current;
      if (s.step === 'planning' || s.step === 'running') post({ type: 'cancel', job: job.current });
    },
    reset() {
      const s = stateRef.current;
      if (s.step === 'planning' || s.step === 'running') return;
      update({ step: 'idle' });
    },
  };
}
