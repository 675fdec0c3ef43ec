// Sidebar latency on the demo: from a thread being opened to the sidebar showing its record (the turn sentence and
// the thread's messages). Called by `npm run bench` (run-bench.mjs) with a session from launchWithExtension();
// `node test/bench/sidebar-latency.mjs` runs it alone.
//
// Two figures:
// - medianMs (the headline): a new tab goes to a Gmail thread (page.goto starts the clock). The page loads, the
//   content script reads the thread and sends it to the background, which stores it and answers; the sidebar frame
//   loads, asks for its tab's context and renders the record from the database. The clock stops when the sidebar
//   shows the thread's turn sentence and all of its messages, checked on every animation frame inside the sidebar.
// - navMedianMs: the sidebar is already open and the user opens another thread in the same Gmail tab (a hash change,
//   as in Gmail); the clock starts at the hash change.
// Each run alternates between the demo's threads; the first visits (which also create the records) are warm-ups and
// not counted.
import { pathToFileURL } from 'node:url';
import { DEMO_URLS, gmailThreads, routeDemoPages } from '../demo/demo-pages.mjs';

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function sidebarFrameOf(page, deadline) {
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar/'));
    if (frame) return frame;
    if (performance.now() > deadline) throw new Error('no sidebar frame appeared');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Resolves when the sidebar shows `subject`, a turn sentence and `count` messages of the thread. */
function recordShown(frame, subject, count, timeout) {
  return frame.waitForFunction(
    ([s, n]) =>
      document.querySelector('[data-testid="subject"]')?.textContent === s &&
      !!document.querySelector('[data-testid="turn"]')?.textContent &&
      document.querySelectorAll('[data-testid="message"]').length >= n,
    [subject, count],
    { polling: 'raf', timeout },
  );
}

/**
 * @param {{ context: import('playwright-core').BrowserContext }} session a browser with the built extension loaded
 * @param {{ runs?: number, routed?: boolean }} [options] routed: the demo pages are already routed in this context
 * @returns {Promise<{ medianMs: number, runs: number, samples: number[], navMedianMs: number, navSamples: number[] }>}
 */
export async function measureSidebarLatency(session, options = {}) {
  const runs = options.runs ?? 10;
  const now = new Date();
  const { context } = session;
  if (!options.routed) {
    await routeDemoPages(context, now);
    await context.route(/^(https?|wss?):\/\/(?!(mail\.google|www\.linkedin)\.com\/)/, (route) => route.abort());
  }
  const threads = gmailThreads(now);

  // Warm-up: every thread once, so each run measures opening a thread that is known (as most are) and the
  // browser's caches are as they are for a user.
  for (const thread of threads) {
    const page = await context.newPage();
    await page.goto(DEMO_URLS.gmailThread(thread.id));
    await recordShown(await sidebarFrameOf(page, performance.now() + 10_000), thread.subject, thread.messages.length, 10_000);
    await page.close();
  }

  const samples = [];
  for (let i = 0; i < runs; i++) {
    const thread = threads[i % threads.length];
    const page = await context.newPage();
    const start = performance.now();
    await page.goto(DEMO_URLS.gmailThread(thread.id), { waitUntil: 'commit' });
    const frame = await sidebarFrameOf(page, start + 10_000);
    await recordShown(frame, thread.subject, thread.messages.length, 10_000);
    samples.push(performance.now() - start);
    await page.close();
  }

  const navSamples = [];
  const page = await context.newPage();
  await page.goto(DEMO_URLS.gmailThread(threads[0].id));
  const frame = await sidebarFrameOf(page, performance.now() + 10_000);
  await recordShown(frame, threads[0].subject, threads[0].messages.length, 10_000);
  for (let i = 1; i <= runs; i++) {
    const thread = threads[i % threads.length];
    const start = performance.now();
    await page.evaluate((id) => (location.hash = `#inbox/${id}`), thread.id);
    await recordShown(frame, thread.subject, thread.messages.length, 10_000);
    navSamples.push(performance.now() - start);
  }
  await page.close();

  return { medianMs: median(samples), runs, samples, navMedianMs: median(navSamples), navSamples };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { launchWithExtension } = await import('../e2e/browser.mjs');
  const session = await launchWithExtension();
  try {
    const result = await measureSidebarLatency(session, { runs: Number(process.env.RUNS ?? 10) });
    const f = (n) => `${n.toFixed(0)} ms`;
    console.log(`thread opened (page.goto) → record shown: median ${f(result.medianMs)} over ${result.runs} runs`);
    console.log(`  samples: ${result.samples.map(f).join(', ')}`);
    console.log(`thread switched in the same tab (hash change) → record shown: median ${f(result.navMedianMs)}`);
    console.log(`  samples: ${result.navSamples.map(f).join(', ')}`);
  } finally {
    await session.close();
  }
}
