// The record at scale, in Chromium's real IndexedDB: ingest throughput against raw bulk puts of the same rows,
// dashboard queries, search latency. Called by run-bench.mjs; returns one section of BENCHMARKS.md.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { pageBundle } from './page-bundle.mjs';

const SIZES = { people: 2000, conversations: 10000, messages: 100000 };

export async function measureDbScale(executablePath) {
  const script = await pageBundle('db-in-page.ts');
  // A profile on disk, as users have: a fresh context of a launched browser keeps IndexedDB in memory, which
  // measured ~1.5x faster for the same writes and would flatter every figure here.
  const profile = mkdtempSync(join(tmpdir(), 'turnkeeper-bench-profile-'));
  const browser = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--enable-precise-memory-info', '--js-flags=--expose-gc'],
  });
  try {
    const page = browser.pages()[0] ?? (await browser.newPage());
    await page.route('https://bench.turnkeeper.test/**', (route) => route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>bench</title>' }));
    await page.goto('https://bench.turnkeeper.test/');
    await page.addScriptTag({ content: script });
    const { report, queries, heapAfterIngestBytes, transfer } = await page.evaluate(
      (sizes) => globalThis.turnkeeperDbBench(sizes),
      SIZES,
    );
    const ms = (value) => `${value.toFixed(1)} ms`;
    const rows = [
      [
        `ingest ${report.ingest.messages.toLocaleString('en')} messages in ${report.ingest.snapshots.toLocaleString('en')} snapshots`,
        `${(report.ingest.ms / 1000).toFixed(1)} s (${Math.round(report.ingest.messagesPerSecond).toLocaleString('en')} messages/s)`,
        '',
      ],
      ['raw IndexedDB bulk puts of the same rows (with the word index)', `${(report.raw.ms / 1000).toFixed(1)} s`, ''],
      ['raw bulk puts without the word index', `${(report.rawWithoutSearch.ms / 1000).toFixed(1)} s`, ''],
      ['ingest / raw', `${report.ratio.toFixed(2)}x`, 'goal ≤ 1.5x'],
      ...Object.entries(queries).map(([name, { medianMs, rows: count }]) => [`query: ${name} (${count} rows)`, ms(medianMs), 'goal < 20 ms']),
      ['search, p50 / p95 / max', `${ms(report.search.p50)} / ${ms(report.search.p95)} / ${ms(report.search.max)}`, 'goal p95 < 50 ms'],
      [
        `export the whole history to JSON (${(transfer.bytes / 2 ** 20).toFixed(0)} MiB)`,
        `${(transfer.exportMs / 1000).toFixed(1)} s; longest main-thread block ${ms(transfer.exportGapMs)}`,
        'goal < 5 s, without freezing the page',
      ],
      [
        `import it into an empty database (check, plan, apply; ${transfer.restored.toLocaleString('en')} messages restored)`,
        `${(transfer.importMs / 1000).toFixed(1)} s; longest main-thread block ${ms(transfer.importGapMs)}`,
        'goal < 10 s',
      ],
      [
        'JS heap of the page that ran the ingest, afterwards',
        heapAfterIngestBytes ? `${(heapAfterIngestBytes / 2 ** 20).toFixed(0)} MiB` : 'n/a',
        'after a garbage collection, the generated history released: what the record code keeps (a page stands in for the service worker: same code, same engine)',
      ],
    ];
    return [
      `Record at scale (${SIZES.people.toLocaleString('en')} people, ${SIZES.conversations.toLocaleString('en')} conversations, ${SIZES.messages.toLocaleString('en')} messages)`,
      rows,
      'Generated deterministically by src/db/bench-data.ts; run in a Chromium page on real IndexedDB, in a profile on disk. Queries and searches are timed after the comparison databases are deleted, the generated history is released and a 10 s pause (the storage engine compacts after a bulk load). "Whole list" queries are shown for scale: no screen reads a list whole (the dashboard and the sidebar page them).',
    ];
  } finally {
    await browser.close();
    rmSync(profile, { recursive: true, force: true });
  }
}
