// Bundled by import-bench.mjs and evaluated in a page of the extension: the floors the import's figures are compared
// with, on the same file in the same browser, after the import through the dashboard:
// - a bare read of the file in a Worker (import-read-worker.js);
// - the real import Worker (the built src/history/worker.ts) planning and running with its batches answered at once,
//   nothing stored: what reading and parsing alone take;
// - storing those same conversations into empty databases: through importThreads (what the dashboard calls per
//   batch) and through ingestSnapshots (the bulk ingest, the goal's floor), 50 conversations a transaction each.
import { importThreads, ingestSnapshots, TurnkeeperDatabase } from '../../src/db';
import type { Batch, FromWorker, ToWorker, WorkerOptions } from '../../src/history';
import type { ThreadSnapshot } from '../../src/sites/types';

function bareRead(url: string, file: File): Promise<{ bytes: number; ms: number }> {
  const worker = new Worker(url);
  return new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = () => reject(new Error('the bare-read worker failed'));
    worker.postMessage(file);
  });
}

/** plan then run in the real import Worker; every batch acknowledged at once; returns the batches and the times. */
function readOnly(url: string, file: File, options: WorkerOptions): Promise<{ planMs: number; runMs: number; batches: Batch[] }> {
  const worker = new Worker(url, { type: 'module' });
  const post = (m: ToWorker) => worker.postMessage(m);
  const batches: Batch[] = [];
  let start = performance.now();
  let planMs = 0;
  return new Promise((resolve, reject) => {
    worker.onerror = () => reject(new Error('the import worker failed'));
    worker.onmessage = (e: MessageEvent<FromWorker>) => {
      const m = e.data;
      if (m.type === 'error') reject(new Error(`import worker: ${m.code} ${m.message}`));
      else if (m.type === 'plan') {
        planMs = performance.now() - start;
        start = performance.now();
        post({ type: 'run', job: 2, files: [file], options });
      } else if (m.type === 'batch') {
        batches.push(m.batch);
        post({ type: 'batchStored', job: 2 });
      } else if (m.type === 'done') {
        worker.terminate();
        resolve({ planMs, runMs: performance.now() - start, batches });
      }
    };
    post({ type: 'plan', job: 1, files: [file], options });
  });
}

function asSnapshot(thread: ThreadSnapshot): ThreadSnapshot {
  const snapshot: ThreadSnapshot = {
    site: thread.site,
    threadId: thread.threadId,
    url: thread.url,
    participants: thread.participants,
    messages: thread.messages.map((m) => ({ id: m.id, from: m.from, sentAt: m.sentAt, sentAtText: m.sentAtText, text: m.text, partial: m.partial })),
  };
  if (thread.subject) snapshot.subject = thread.subject;
  return snapshot;
}

async function timedStore(name: string, batches: Batch[], store: (db: TurnkeeperDatabase, threads: ThreadSnapshot[]) => Promise<unknown>): Promise<{ ms: number; messages: number }> {
  const db = new TurnkeeperDatabase(name);
  await db.open();
  const start = performance.now();
  for (const batch of batches) await store(db, batch.threads);
  const ms = performance.now() - start;
  const messages = await db.messages.count();
  db.close();
  await new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = request.onerror = request.onblocked = resolve;
  });
  return { ms, messages };
}

(globalThis as unknown as Record<string, unknown>).turnkeeperImportFloors = async (args: {
  inputSelector: string;
  workerUrl: string;
  readWorkerUrl: string;
  options: WorkerOptions;
  myIdentities: string[];
}) => {
  const file = (document.querySelector(args.inputSelector) as HTMLInputElement).files![0]!;
  const bare = await bareRead(args.readWorkerUrl, file);
  const read = await readOnly(args.workerUrl, file, args.options);
  const context = () => ({ now: new Date(), myIdentities: args.myIdentities });
  // The page's long tasks while storing (a page with no UI: what storing alone costs the main thread).
  let longest = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) longest = Math.max(longest, entry.duration);
  });
  observer.observe({ type: 'longtask' });
  const imported = await timedStore('turnkeeper-bench-import-threads', read.batches, (db, threads) => importThreads(db, threads, context()));
  await new Promise((r) => setTimeout(r, 0));
  observer.disconnect();
  const importedLongestTaskMs = longest;
  const snapshots = await timedStore('turnkeeper-bench-ingest-snapshots', read.batches, (db, threads) =>
    ingestSnapshots(db, threads.map(asSnapshot), context()),
  );
  const messages = read.batches.reduce((n, b) => n + b.threads.reduce((a, t) => a + t.messages.length, 0), 0);
  return { bare, planMs: read.planMs, runMs: read.runMs, batches: read.batches.length, messages, imported, importedLongestTaskMs, snapshots };
};
