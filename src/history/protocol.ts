// The messages between the dashboard and the import Worker (worker.ts). One job at a time: `plan`, then `run` on the
// same files (the Worker keeps the plan's per-thread facts between the two); `cancel` stops the current job, which
// then ends with an `error` of code `historyCancelled`.
import type { HistoryErrorCode } from './errors';
import type { RunSummary } from './pipeline';
import type { Batch, HistoryOptions, PlanSummary, Progress } from './types';

/** Options that cross postMessage (no callbacks, no signal). */
export type WorkerOptions = Omit<HistoryOptions, 'signal' | 'onProgress'>;

export type ToWorker =
  | { type: 'plan'; job: number; files: File[]; options: WorkerOptions }
  | { type: 'run'; job: number; files: File[]; options: WorkerOptions }
  /** The dashboard stored a batch: the Worker may read on (one batch in flight at a time). */
  | { type: 'batchStored'; job: number }
  | { type: 'cancel'; job: number };

export type FromWorker =
  | { type: 'progress'; job: number; progress: Progress }
  | { type: 'plan'; job: number; summary: PlanSummary }
  /** Whole conversations to store; answer with `batchStored`. */
  | { type: 'batch'; job: number; batch: Batch }
  | { type: 'done'; job: number; summary: RunSummary }
  | { type: 'error'; job: number; code: HistoryErrorCode | 'historyFailed'; substitutions: string[]; message: string };
