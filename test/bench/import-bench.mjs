// The history import at scale (issue 16, "Speed and memory"), through the built dashboard as the seller runs it: the
// generated files are chosen in the Import dialog (the dashboard starts the import Worker, src/history/worker.ts,
// which plans, then hands whole conversations in batches that the dashboard stores through importThreads), timed
// from the file chosen to the plan shown and from "Import" clicked to the summary shown. Meanwhile the dashboard
// page's long tasks are observed and the JS heaps of the page and of the Worker sampled. Then, in the same browser,
// the floors: a bare read of the same file in a Worker, the import Worker alone (batches answered, nothing stored),
// and the same conversations stored by importThreads and by the bulk ingest (ingestSnapshots) into empty databases.
// TURNKEEPER_BENCH_IMPORT_MB (default 1024) scales the mbox, its message count and the CSV's rows together.
import { cpSync, copyFileSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'vite';
import { DIST_CHROME, launchWithExtension } from '../e2e/browser.mjs';
import { pageBundle } from './page-bundle.mjs';

const DASHBOARD = 'src/ui/dashboard/index.html';
const MiB = 2 ** 20;
const mib = (bytes) => `${(bytes / MiB).toFixed(1)} MiB`;
const s = (ms) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** import-files.ts (and the unit tests' generators it uses) bundled as an ES module for Node. */
async function fileGenerators() {
  const outDir = resolve(import.meta.dirname, '../../node_modules/.turnkeeper-bench-import-files');
  await build({
    configFile: false,
    logLevel: 'warn',
    build: { ssr: resolve(import.meta.dirname, 'import-files.ts'), outDir, emptyOutDir: true, rollupOptions: { output: { entryFileNames: 'import-files.mjs' } } },
  });
  return import(pathToFileURL(join(outDir, 'import-files.mjs')).href);
}

/**
 * Samples the JS heap of the page (CDP Performance.getMetrics) and of its dedicated Workers (CDP Runtime.getHeapUsage,
 * through the page's session auto-attached to its Workers) every ~100 ms until stopped.
 */
async function heapSampler(cdp) {
  const peak = { page: 0, worker: 0, workerFirst: null, samples: 0 };
  const workers = new Set();
  const pending = new Map();
  let nextId = 1;
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') workers.add(e.sessionId);
  });
  cdp.on('Target.detachedFromTarget', (e) => workers.delete(e.sessionId));
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    pending.get(message.id)?.(message.result ?? null);
    pending.delete(message.id);
  });
  const workerHeap = (sessionId) =>
    new Promise((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      cdp.send('Target.sendMessageToTarget', { sessionId, message: JSON.stringify({ id, method: 'Runtime.getHeapUsage' }) }).catch(() => resolve(null));
      setTimeout(() => pending.delete(id) && resolve(null), 5_000);
    });
  await cdp.send('Performance.enable');
  await cdp.send('Target.setAutoAttach', { autoAttach: true, waitForDebuggerOnStart: false, flatten: false });
  let running = true;
  const done = (async () => {
    while (running) {
      // The page gone (closed, crashed): the import's own wait reports it; the sampler just stops.
      const metrics = await cdp.send('Performance.getMetrics').then((r) => r.metrics, () => null);
      if (!metrics) break;
      peak.page = Math.max(peak.page, metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? 0);
      for (const sessionId of workers) {
        const used = (await workerHeap(sessionId))?.usedSize;
        if (used === undefined) continue;
        peak.workerFirst ??= used;
        peak.worker = Math.max(peak.worker, used);
      }
      peak.samples++;
      await sleep(100);
    }
  })();
  return {
    async stop() {
      running = false;
      await done;
      return peak;
    },
  };
}

/** The dashboard page's main thread by self time, largest first (TURNKEEPER_BENCH_IMPORT_PROFILE=1, to stderr). */
function topSelfTimes(profile, count = 15) {
  const dt = new Map();
  profile.samples.forEach((id, i) => dt.set(id, (dt.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const self = new Map();
  for (const node of profile.nodes) {
    const { functionName, url, lineNumber } = node.callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (dt.get(node.id) ?? 0));
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, us]) => `${(us / 1000).toFixed(0).padStart(7)} ms  ${key}`);
}

/**
 * The longest stretch of the profile in which the main thread never went idle (a long task, or several back to back),
 * with the frames that held it by self time: where a long task came from (TURNKEEPER_BENCH_IMPORT_PROFILE=1).
 */
function longestBusyStretch(profile, count = 12) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const idle = (id) => byId.get(id)?.callFrame.functionName === '(idle)';
  let best = { from: 0, to: 0, us: 0 };
  let from = 0;
  let us = 0;
  profile.samples.forEach((id, i) => {
    if (idle(id)) {
      if (us > best.us) best = { from, to: i, us };
      from = i + 1;
      us = 0;
    } else us += profile.timeDeltas[i + 1] ?? 0;
  });
  if (us > best.us) best = { from, to: profile.samples.length, us };
  const self = new Map();
  for (let i = best.from; i < best.to; i++) {
    const { functionName, url, lineNumber, columnNumber } = byId.get(profile.samples[i]).callFrame;
    const key = `${functionName || '(anonymous)'} ${url.split('/').pop()}:${lineNumber}:${columnNumber}`;
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0));
  }
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, count).map(([key, t]) => `${(t / 1000).toFixed(1).padStart(7)} ms  ${key}`);
  return [`longest busy stretch: ${(best.us / 1000).toFixed(0)} ms`, ...top];
}

/**
 * The dashboard renderer main thread's longest tasks by thread (CPU) time, which a shared machine does not inflate as
 * it does wall time, each with the trace events inside it that took the most (GC, script by file, layout…):
 * TURNKEEPER_BENCH_IMPORT_TRACE=1, to stderr.
 */
function longestTracedTasks(events, count = 5) {
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => f.url?.includes('/src/ui/dashboard/') && !f.parent);
  const pid = frame?.processId;
  const tid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
  if (pid === undefined || tid === undefined) return ['trace: the dashboard renderer main thread was not found'];
  const spans = events.filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && typeof e.dur === 'number').sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const tasks = [];
  let open = null;
  for (const span of spans) {
    if (!open || span.ts >= open.span.ts + open.span.dur) {
      open = { span, inside: new Map() };
      tasks.push(open);
      continue;
    }
    const url = span.args?.data?.url ?? '';
    const name = `${span.name}${url ? ` ${url.split('/').pop()}` : ''}`;
    open.inside.set(name, Math.max(open.inside.get(name) ?? 0, 0) + (span.tdur ?? span.dur));
  }
  const cpu = (t) => t.span.tdur ?? t.span.dur;
  return tasks
    .sort((a, b) => cpu(b) - cpu(a))
    .slice(0, count)
    .map((t) => {
      const top = [...t.inside].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([n, us]) => `${n} ${(us / 1000).toFixed(1)}`);
      return `task ${(cpu(t) / 1000).toFixed(1)} ms CPU (${(t.span.dur / 1000).toFixed(1)} ms wall) ${t.span.name}: ${top.join(', ')}`;
    });
}

/** Chooses `path` in the dashboard's Import dialog, waits for the plan, clicks Import, waits for the summary. */
async function importThroughDashboard(session, path) {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl(DASHBOARD) + '#import');
  await page.waitForSelector('html[data-ready=true]');
  await page.evaluate(() => {
    const w = globalThis;
    w.benchLongest = 0;
    w.benchLongTasks = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) {
        w.benchLongTasks++;
        w.benchLongest = Math.max(w.benchLongest, entry.duration);
      }
    }).observe({ type: 'longtask' });
  });
  const cdp = await session.context.newCDPSession(page);
  const sampler = await heapSampler(cdp);
  const profiling = process.env.TURNKEEPER_BENCH_IMPORT_PROFILE === '1';
  const tracing = process.env.TURNKEEPER_BENCH_IMPORT_TRACE === '1';
  const dialog = page.getByTestId('import-dialog');
  const outcome = '[data-testid=history-plan], [data-testid=history-done], [data-testid=import-error]';
  try {
    if (profiling) await cdp.send('Profiler.enable').then(() => cdp.send('Profiler.start'));
    const traceEvents = [];
    if (tracing) {
      cdp.on('Tracing.dataCollected', ({ value }) => traceEvents.push(...value));
      await cdp.send('Tracing.start', {
        transferMode: 'ReportEvents',
        traceConfig: { includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8', 'blink'], excludedCategories: ['*'] },
      });
    }
    const planStart = Date.now();
    await dialog.getByTestId('import-file').setInputFiles(path);
    await page.waitForSelector(outcome, { timeout: 30 * 60_000 });
    const planMs = Date.now() - planStart;
    if (!(await dialog.getByTestId('history-plan').isVisible())) throw new Error(`no plan: ${await dialog.textContent()}`);
    const runStart = Date.now();
    await dialog.getByTestId('history-start').click();
    await page.waitForSelector('[data-testid=history-done], [data-testid=import-error]', { timeout: 60 * 60_000 });
    const runMs = Date.now() - runStart;
    if (tracing) {
      const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
      await cdp.send('Tracing.end');
      await complete;
      console.error(`[bench] import: the dashboard's longest tasks by CPU while planning and importing ${path}:\n${longestTracedTasks(traceEvents).join('\n')}`);
    }
    if (profiling) {
      const { profile } = await cdp.send('Profiler.stop');
      console.error(`[bench] import: the dashboard's main thread while planning and importing ${path}:\n${[...topSelfTimes(profile), ...longestBusyStretch(profile)].join('\n')}`);
    }
    const summary = (await dialog.getByTestId('history-summary').textContent({ timeout: 1000 }).catch(() => null)) ?? '';
    if (!summary) throw new Error(`the import failed: ${await dialog.textContent()}`);
    const longest = await page.evaluate(() => ({ ms: globalThis.benchLongest, count: globalThis.benchLongTasks }));
    return { planMs, runMs, summary, longest, heap: await sampler.stop() };
  } finally {
    await sampler.stop();
    await page.close();
  }
}

/** The floors (import-floors-in-page.ts) on the same file, in an extension page of the same browser. */
async function floors(session, path, extensionPath, options, myIdentities) {
  const page = await session.context.newPage();
  try {
    await page.goto(session.extensionUrl('manifest.json'));
    await page.evaluate(() => {
      const input = document.createElement('input');
      input.type = 'file';
      input.id = 'bench-file';
      document.body.append(input);
    });
    await page.locator('#bench-file').setInputFiles(path);
    // A string is evaluated through the DevTools protocol, which the extension page's CSP does not apply to.
    await page.evaluate(await pageBundle('import-floors-in-page.ts'));
    const worker = readdirSync(join(extensionPath, 'assets')).find((f) => /^worker-.*\.js$/.test(f));
    if (!worker) throw new Error('the built extension has no import Worker (assets/worker-*.js)');
    return await page.evaluate((args) => globalThis.turnkeeperImportFloors(args), {
      inputSelector: '#bench-file',
      workerUrl: session.extensionUrl(`assets/${worker}`),
      readWorkerUrl: session.extensionUrl('import-read-worker.js'),
      options,
      myIdentities,
    });
  } finally {
    await page.close();
  }
}

/** Returns [section title, rows, notes] for run-bench.mjs's record(). */
export async function measureImport() {
  const mb = Number(process.env.TURNKEEPER_BENCH_IMPORT_MB ?? 1024);
  if (!(mb >= 1)) throw new Error('TURNKEEPER_BENCH_IMPORT_MB: a number of MB ≥ 1');
  const scale = mb / 1024;
  const scaled = mb !== 1024 ? ` (reduced with TURNKEEPER_BENCH_IMPORT_MB=${mb}; the goals are for 1 GB, 20,000 messages and 50,000 rows)` : '';
  const { writeTakeoutMbox, writeMessagesCsv, MY_ADDRESS, MY_PROFILE } = await fileGenerators();
  const dir = mkdtempSync(join(tmpdir(), 'turnkeeper-bench-import-'));
  // The built extension with the bare-read Worker beside it (a Worker must be a file of the extension's origin).
  const extensionPath = join(dir, 'extension');
  cpSync(DIST_CHROME, extensionPath, { recursive: true });
  copyFileSync(resolve(import.meta.dirname, 'import-read-worker.js'), join(extensionPath, 'import-read-worker.js'));
  let session = null;
  try {
    const mboxPath = join(dir, 'All mail Including Spam and Trash.mbox');
    const csvPath = join(dir, 'messages.csv');
    const genStart = Date.now();
    const mbox = writeTakeoutMbox(mboxPath, Math.round(mb * MiB), Math.max(50, Math.round(20_000 * scale)));
    const csv = writeMessagesCsv(csvPath, Math.max(100, Math.round(50_000 * scale)));
    console.error(`[bench] import: files written in ${s(Date.now() - genStart)} (mbox ${mib(mbox.bytes)}, csv ${mib(csv.bytes)})`);

    session = await launchWithExtension({ extensionPath });
    const ui = await importThroughDashboard(session, mboxPath);
    const uiCsv = await importThroughDashboard(session, csvPath);
    const floor = await floors(session, mboxPath, extensionPath, { myAddresses: [MY_ADDRESS], includeInbound: true, batchSize: 50 }, [MY_ADDRESS]);
    const floorCsv = await floors(session, csvPath, extensionPath, { myAddresses: [], myProfileUrl: MY_PROFILE, includeInbound: true, batchSize: 50 }, [MY_PROFILE]);
    if (floorCsv.snapshots.messages !== csv.rows) throw new Error(`stored ${floorCsv.snapshots.messages} of ${csv.rows} rows (ingestSnapshots)`);
    if (floor.messages !== mbox.messages) throw new Error(`the import Worker read ${floor.messages} of ${mbox.messages} messages`);
    if (floor.snapshots.messages !== mbox.messages || floor.imported.messages !== mbox.messages) {
      throw new Error(`stored ${floor.imported.messages} (importThreads) and ${floor.snapshots.messages} (ingestSnapshots) of ${mbox.messages} messages`);
    }
    if (!ui.summary.includes(mbox.messages.toLocaleString('en'))) throw new Error(`the dashboard's summary does not count ${mbox.messages} messages: ${ui.summary}`);
    if (!uiCsv.summary.includes(csv.rows.toLocaleString('en'))) throw new Error(`the dashboard's summary does not count ${csv.rows} messages: ${uiCsv.summary}`);

    const planRate = mbox.bytes / MiB / (ui.planMs / 1000);
    const bareRate = floor.bare.bytes / MiB / (floor.bare.ms / 1000);
    const uiRate = mbox.messages / (ui.runMs / 1000);
    const bulkRate = mbox.messages / (floor.snapshots.ms / 1000);
        // What the Worker holds besides the message in hand (its code, the plan's per-thread facts) is allowed 16 MiB.
    const heapBound = 16 * MiB + 4 * mbox.largestMessageBytes;
    const csvMs = uiCsv.planMs + uiCsv.runMs;
    const csvRate = csv.rows / (csvMs / 1000);
    const csvBulkRate = csv.rows / (floorCsv.snapshots.ms / 1000);
    // 10 s at 0.8x the bulk ingest leaves the ingest 8 s: a slower floor makes the goal one no import can meet.
    const csvBelowFloor = floorCsv.snapshots.ms > 8_000 * scale;
    const longest = Math.max(ui.longest.ms, uiCsv.longest.ms);
    const longestText = (l) => (l.count ? `${l.ms.toFixed(0)} ms (${l.count} task(s) over 50 ms)` : 'no task over 50 ms');
    const rows = [
      [
        `mbox ${mib(mbox.bytes)}, ${mbox.messages.toLocaleString('en')} messages, mostly attachments: read-and-split pass (plan, file chosen → plan shown)`,
        `${s(ui.planMs)} = ${planRate.toFixed(0)} MB/s; bare read of the file in a Worker: ${bareRate.toFixed(0)} MB/s (plan at ${(planRate / bareRate).toFixed(2)}x it)`,
        'goal ≥ 100 MB/s',
        planRate >= 100,
      ],
      [
        `mbox: import ("Import" clicked → summary shown: read again, parse, store ${mbox.messages.toLocaleString('en')} messages in ${mbox.threads.toLocaleString('en')} conversations)`,
        `${s(ui.runMs)} = ${Math.round(uiRate).toLocaleString('en')} messages/s; bulk ingest (ingestSnapshots) of the same conversations: ${Math.round(bulkRate).toLocaleString('en')} messages/s (${(uiRate / bulkRate).toFixed(2)}x)`,
        'goal ≥ 0.8x the bulk ingest',
        uiRate >= 0.8 * bulkRate,
      ],
      ['detail: the import Worker alone, batches answered at once, nothing stored: plan / run', `${s(floor.planMs)} / ${s(floor.runMs)}`, 'reading and parsing', null],
      ['detail: storing the same conversations into an empty database: importThreads / ingestSnapshots (50 a transaction)', `${s(floor.imported.ms)} / ${s(floor.snapshots.ms)}`, 'storing alone', null],
      [
        'peak JS heap of the import Worker during plan and import, next to the largest message and the file',
        `${mib(ui.heap.worker)} (first sample ${mib(ui.heap.workerFirst ?? 0)}, ${ui.heap.samples} samples); largest message ${mib(mbox.largestMessageBytes)}; file ${mib(mbox.bytes)}; dashboard page peak ${mib(ui.heap.page)}`,
        'goal: bounded by the largest message, not the file (≤ 16 MiB + 4x the largest message)',
        ui.heap.workerFirst !== null && ui.heap.worker <= heapBound,
      ],
      [
        `messages.csv ${mib(csv.bytes)}, ${csv.rows.toLocaleString('en')} rows, ${csv.conversations.toLocaleString('en')} conversations: file chosen → plan shown + "Import" clicked → summary shown`,
        `${s(csvMs)} (plan ${s(uiCsv.planMs)}, import ${s(uiCsv.runMs)}) = ${Math.round(csvRate).toLocaleString('en')} messages/s; bulk ingest (ingestSnapshots) of the same conversations: ${s(floorCsv.snapshots.ms)} = ${Math.round(csvBulkRate).toLocaleString('en')} messages/s (${(csvRate / csvBulkRate).toFixed(2)}x)`,
        csvBelowFloor
          ? `goal < 10 s is below the floor (the bulk ingest alone of the same conversations: ${s(floorCsv.snapshots.ms)} in this run): restated as ≥ 0.8x the bulk ingest, as for the mbox`
          : 'goal < 10 s',
        csvMs < 10_000 || (csvBelowFloor && csvRate >= 0.8 * csvBulkRate),
      ],
      [
        'detail, csv: the import Worker alone (plan / run, nothing stored); storing the same conversations: importThreads / ingestSnapshots',
        `${s(floorCsv.planMs)} / ${s(floorCsv.runMs)}; ${s(floorCsv.imported.ms)} / ${s(floorCsv.snapshots.ms)} (${Math.round(csv.rows / (floorCsv.snapshots.ms / 1000)).toLocaleString('en')} messages/s)`,
        'into an empty database',
        null,
      ],
      [
        "longest task on the dashboard page's main thread while planning and importing (PerformanceObserver 'longtask'): mbox / csv",
        `${longestText(ui.longest)} / ${longestText(uiCsv.longest)}`,
        'goal ≤ 50 ms',
        longest <= 50,
      ],
      [
        'detail: longest task storing the same batches through importThreads in an extension page with no UI: mbox / csv',
        `${floor.importedLongestTaskMs ? `${floor.importedLongestTaskMs.toFixed(0)} ms` : 'no task over 50 ms'} / ${floorCsv.importedLongestTaskMs ? `${floorCsv.importedLongestTaskMs.toFixed(0)} ms` : 'no task over 50 ms'}`,
        'the dashboard minus its lists: storing alone',
        null,
      ],
    ];
    return [
      `History import (Takeout mbox, LinkedIn messages.csv) through the dashboard${scaled}`,
      rows,
      `Files generated on disk by test/bench/import-files.ts with the unit tests' generators (mbox: threads of five, me and a buyer in turn, in time order with forty threads running at once, so a thread spans a stretch of the file as it spans weeks of a mailbox; each message a short text and a base64 PDF, one in 1,000 a large one; csv: the 2026 layout, conversations of ten) and deleted afterwards. Imported through the built dashboard (dist/chrome) in Chromium with the extension loaded, into its own IndexedDB in a profile on disk; times are taken from Node around the UI (a few ms of polling included). Heap: the Worker's (CDP Runtime.getHeapUsage) and the page's (CDP JSHeapUsedSize), sampled every ~100 ms; garbage not yet collected counts, so a peak is an upper bound. The floors run afterwards in an extension page of the same browser on the same file; the bare read runs in a Worker of the extension's origin (test/bench/import-read-worker.js, copied beside the built extension for the run).`,
    ];
  } finally {
    await session?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
