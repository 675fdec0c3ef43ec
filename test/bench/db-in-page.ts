// Bundled by db-scale.mjs and run in a Chromium page: Turnkeeper's database code on real IndexedDB at scale.
import { runBenchmark } from '../../src/db/bench-data';
import { TurnkeeperDatabase } from '../../src/db/database';
import { applyImport, exportJson, parseImportFile, planImport } from '../../src/export';
import { badgeCounts, followUpDue, myTurn, pinsDue, sectionCounts, upcomingPins, waitingOnThem } from '../../src/db/queries';

async function queryTimes(db: TurnkeeperDatabase, now: Date) {
  const queries = {
    'my turn, whole list': () => myTurn(db, now),
    'my turn, first page (limit 50)': () => myTurn(db, now, { limit: 50 }),
    'my turn, page 3 of one site (offset 100, limit 50)': () => myTurn(db, now, { site: 'gmail', offset: 100, limit: 50 }),
    'follow up due, whole list': () => followUpDue(db, now),
    'follow up due, first page (limit 50)': () => followUpDue(db, now, { limit: 50 }),
    'waiting on them, first page (limit 50)': () => waitingOnThem(db, now, { limit: 50 }),
    'section counts': () => sectionCounts(db, now),
    'pins due': () => pinsDue(db, now),
    'pins upcoming': () => upcomingPins(db, now),
    'waiting on them, whole list': () => waitingOnThem(db, now),
    'badge counts': () => badgeCounts(db, now),
  };
  const out: Record<string, { medianMs: number; rows: number }> = {};
  for (const [name, run] of Object.entries(queries)) {
    const times: number[] = [];
    let rows = 0;
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const result = await run();
      times.push(performance.now() - start);
      rows = Array.isArray(result) ? result.length : 1;
    }
    times.sort((a, b) => a - b);
    out[name] = { medianMs: times[3]!, rows };
  }
  return out;
}

/** Export the whole history to JSON, then restore it into an empty database: what a user moving machines does. */
async function exportImportTimes(db: TurnkeeperDatabase) {
  let longestGapMs = 0;
  let last = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last - 10);
    last = now;
  }, 10);
  let start = performance.now();
  const file = await exportJson(db);
  const exportMs = performance.now() - start;
  const exportGapMs = longestGapMs;
  longestGapMs = 0;
  const target = new TurnkeeperDatabase('bench-restore');
  start = performance.now();
  const parsed = await parseImportFile(target, file.blob);
  if (!parsed.ok) throw new Error(`import refused: ${parsed.error.message}`);
  await planImport(target, parsed.file);
  await applyImport(target, parsed.file);
  const importMs = performance.now() - start;
  clearInterval(watch);
  const restored = await target.messages.count();
  return { exportMs, importMs, bytes: file.blob.size, restored, exportGapMs, importGapMs: longestGapMs };
}

(globalThis as unknown as Record<string, unknown>).turnkeeperDbBench = async (
  sizes: { people: number; conversations: number; messages: number },
) => {
  const report = await runBenchmark((name) => new TurnkeeperDatabase(name), sizes);
  const db = new TurnkeeperDatabase('bench-ingest');
  const queries = await queryTimes(db, new Date());
  (globalThis as { gc?: () => void }).gc?.(); // db-scale.mjs starts Chromium with --expose-gc
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
  const transfer = await exportImportTimes(db);
  return { report, queries, heapAfterIngestBytes: memory, transfer };
};
