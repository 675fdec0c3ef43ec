// The import Worker: started from the dashboard (src/ui/dashboard) with
//   new Worker(new URL('../../history/worker.ts', import.meta.url), { type: 'module' })
// (vite 8 + crxjs bundle it as assets/worker-<hash>.js on the extension's origin, which the extension_pages CSP
// `script-src 'self'` allows).
// It reads the chosen files (File handles, never copied into the page) and answers with the protocol of protocol.ts.
// Errors name the file and what was wrong, never message text.
import { HistoryError } from './errors';
import { plan, run, type Plan } from './pipeline';
import type { FromWorker, ToWorker } from './protocol';
import type { Progress } from './types';

interface Job {
  id: number;
  abort: AbortController;
  /** One per batch handed over and not yet stored, oldest first: resolved when the page says it stored one. */
  stored: (() => void)[];
}

/** Batches handed over and not yet stored at most: the Worker reads and parses the next batch while the page stores
 * one (reading waiting for the writing measured at 0.3x to 0.45x the bulk ingest's speed in `npm run bench`), and
 * holds no more than two batches. */
const IN_FLIGHT = 2;

let current: Job | null = null;
let lastPlan: { files: File[]; plan: Plan } | null = null;

const post = (m: FromWorker) => (self as unknown as { postMessage(m: FromWorker): void }).postMessage(m);

function sameFiles(a: File[], b: File[]): boolean {
  return a.length === b.length && a.every((f, i) => f === b[i] || (f.name === b[i]!.name && f.size === b[i]!.size && f.lastModified === b[i]!.lastModified));
}

function fail(job: number, e: unknown): void {
  if (e instanceof HistoryError) post({ type: 'error', job, code: e.code, substitutions: e.substitutions, message: e.message });
  else post({ type: 'error', job, code: 'historyFailed', substitutions: [], message: e instanceof Error ? e.name : 'error' });
}

async function start(m: Extract<ToWorker, { type: 'plan' | 'run' }>): Promise<void> {
  current?.abort.abort();
  const job: Job = { id: m.job, abort: new AbortController(), stored: [] };
  current = job;
  const options = {
    ...m.options,
    signal: job.abort.signal,
    onProgress: (progress: Progress) => post({ type: 'progress', job: job.id, progress }),
  };
  try {
    if (m.type === 'plan') {
      const p = await plan(m.files, options);
      lastPlan = { files: m.files, plan: p };
      post({ type: 'plan', job: job.id, summary: p.summary });
    } else {
      const previous = lastPlan && sameFiles(lastPlan.files, m.files) ? lastPlan.plan : undefined;
      const cancelled = () => new HistoryError('historyCancelled', m.files.map((f) => f.name).join(', '));
      const pending: Promise<void>[] = [];
      const summary = await run(m.files, options, async (batch) => {
        if (job.abort.signal.aborted) throw cancelled();
        pending.push(new Promise<void>((resolve) => job.stored.push(resolve)));
        post({ type: 'batch', job: job.id, batch });
        while (pending.length >= IN_FLIGHT) await pending.shift();
      }, previous);
      await Promise.all(pending);
      if (job.abort.signal.aborted) throw cancelled();
      post({ type: 'done', job: job.id, summary });
    }
  } catch (e) {
    fail(job.id, e);
  } finally {
    if (current === job) current = null;
  }
}

self.addEventListener('message', (event: MessageEvent<ToWorker>) => {
  const m = event.data;
  if (m.type === 'plan' || m.type === 'run') void start(m);
  else if (current && current.id === m.job) {
    if (m.type === 'batchStored') current.stored.shift()?.();
    else if (m.type === 'cancel') {
      current.abort.abort();
      // a job waiting for its batches to be stored ends at its next check
      for (const resolve of current.stored.splice(0)) resolve();
    }
  }
});
