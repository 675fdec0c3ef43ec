// Sidebar latency with the generated record: from a thread being opened to the sidebar showing its record (the
// subject, the turn sentence and the thread's messages, checked on every animation frame inside the sidebar). Called by
// `npm run bench` (run-bench.mjs) with a session from launchWithExtension(); runnable alone:
//   TURNKEEPER_BENCH_MESSAGES=5000 node test/bench/sidebar-latency.mjs
//
// - cold: a new tab opens a Gmail thread not yet read in this browser session (page.goto starts the clock). The page
//   loads, the content script reads the thread and sends it to the background, which stores it and answers; meanwhile
//   the sidebar frame loads (hidden), asks for its tab's context (waiting for it if the read is not stored yet) and
//   renders the record from the database. Each cold run opens another thread, so none was read before.
// - warm: the sidebar is open and the user switches to another thread in the same tab (a hash change, as Gmail does).
//   Split at the first frame the sidebar no longer shows the previous thread's subject (its tab's new context has
//   arrived: the content script read and sent the thread, the background stored it and announced it), then the
//   record on screen (queried and rendered).
// The cold time is split at moments every process can stamp on one clock (performance.timeOrigin + now): the page's
// DOMContentLoaded, the sidebar frame's navigation start (the content script starts it at once where the sidebar is
// kept open, while its first read is stored), the frame's DOMContentLoaded, and the record on screen.
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fillExtensionRecord } from './extension-record.mjs';
import { benchThreadUrl, gmailPageWithThreads } from './main-thread.mjs';
import { benchSizes } from './sizes.mjs';

const THREADS = 24;
const subjectOf = (i) => `Benchmark thread ${i}`;
const MESSAGES = 6;

async function sidebarFrameOf(page, deadline) {
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar/'));
    if (frame) return frame;
    if (Date.now() > deadline) throw new Error('no sidebar frame appeared');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** Resolves, with the epoch time it saw it, when the sidebar shows `subject`, a turn sentence and `count` messages. */
async function recordShown(frame, subject, count) {
  const handle = await frame.waitForFunction(
    ([s, n]) =>
      document.querySelector('[data-testid="subject"]')?.textContent === s &&
      !!document.querySelector('[data-testid="turn"]')?.textContent &&
      document.querySelectorAll('[data-testid="message"]').length >= n &&
      performance.timeOrigin + performance.now(),
    [subject, count],
    { polling: 'raf', timeout: 15_000 },
  );
  return handle.jsonValue();
}

/** Like recordShown, after a switch from the thread whose subject is `previous`: resolves with the epoch times of the
 * first frame that no longer showed `previous` (checked on the same animation frames) and of the record shown. */
async function switchShown(frame, previous, subject, count) {
  const handle = await frame.waitForFunction(
    ([p, s, n]) => {
      const now = performance.timeOrigin + performance.now();
      const shown = document.querySelector('[data-testid="subject"]')?.textContent;
      if (shown !== p) globalThis.__benchLeftAt ??= now;
      if (
        shown !== s ||
        !document.querySelector('[data-testid="turn"]')?.textContent ||
        document.querySelectorAll('[data-testid="message"]').length < n
      ) {
        return false;
      }
      const left = globalThis.__benchLeftAt;
      globalThis.__benchLeftAt = undefined;
      return [left, now];
    },
    [previous, subject, count],
    { polling: 'raf', timeout: 15_000 },
  );
  return handle.jsonValue();
}

/** Evaluated in a frame with the mark's name: when its navigation started or reached `name`, on the epoch clock. */
function navigationMark(name) {
  const [entry] = performance.getEntriesByType('navigation');
  return performance.timeOrigin + (name === 'start' ? 0 : entry[name]);
}

/** The floor of the sidebar frame's load: an empty page of the extension's own origin (no script, no style sheet). */
const EMPTY_PAGE = 'bench-empty-page.html';

/**
 * A copy of the built extension at `dist` with {@link EMPTY_PAGE} added, which Gmail pages may put in a frame as they
 * may the sidebar page (web_accessible_resources): the build itself is untouched. Returns the copy and its removal.
 */
export function extensionWithEmptyPage(dist) {
  const dir = mkdtempSync(join(tmpdir(), 'turnkeeper-bench-'));
  const path = join(dir, 'extension');
  cpSync(dist, path, { recursive: true });
  writeFileSync(join(path, EMPTY_PAGE), '<!doctype html><meta charset="utf-8"><title>empty</title>\n');
  const manifestPath = join(path, 'manifest.json');
  const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
  manifest.web_accessible_resources[0].resources.push(EMPTY_PAGE);
  writeFileSync(manifestPath, JSON.stringify(manifest));
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/**
 * The floor of the frame's load, in a tab whose sidebar shows its record: the empty page put in a frame from the
 * content script's world, as the content script puts the sidebar's; ms from the frame put in to its DOMContentLoaded.
 */
async function emptyFrameLoad(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const worlds = [];
    cdp.on('Runtime.executionContextCreated', ({ context }) => worlds.push(context));
    await cdp.send('Runtime.enable'); // reports the contexts already there
    const world = worlds.find((c) => c.auxData?.type === 'isolated' && c.origin.startsWith('chrome-extension://'));
    if (!world) throw new Error("the content script's world was not found");
    const expression = `new Promise((resolve) => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'position:fixed;top:0;right:0;width:360px;height:100%;border:0';
      frame.src = chrome.runtime.getURL(${JSON.stringify(EMPTY_PAGE)});
      const start = performance.timeOrigin + performance.now();
      frame.addEventListener('load', () => resolve(start));
      document.documentElement.append(frame);
    })`;
    const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { contextId: world.id, expression, awaitPromise: true, returnByValue: true });
    if (exceptionDetails) throw new Error(`the empty frame was not put in: ${exceptionDetails.text}`);
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes(EMPTY_PAGE));
    if (!frame) throw new Error('the empty frame was not found');
    return (await frame.evaluate(navigationMark, 'domContentLoadedEventEnd')) - result.value;
  } finally {
    await cdp.detach();
  }
}

/**
 * @param {{ context: import('playwright-core').BrowserContext, extensionUrl: (path: string) => string }} session
 * @param {{ sizes?: { people: number, conversations: number, messages: number }, runs?: number, filled?: object, emptyPage?: boolean }} [options]
 *   `emptyPage`: the session's extension is a copy from {@link extensionWithEmptyPage}; the frame's floor is measured.
 */
export async function measureSidebarLatency(session, options = {}) {
  const sizes = options.sizes ?? benchSizes();
  const runs = options.runs ?? 10;
  if (runs * 2 > THREADS) throw new Error(`at most ${THREADS / 2} runs`);
  const { context } = session;
  const filled = options.filled ?? (await fillExtensionRecord(session, sizes, Date.now()));
  const body = gmailPageWithThreads(new Date(), THREADS);
  await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
  await context.route(/^(https?|wss?):\/\/(?!mail\.google\.com\/)/, (route) => route.abort());

  // One warm-up tab on a thread kept out of the runs: the browser's own first-use costs (the sidebar page's files
  // read from disk the first time, the service worker's first read) are not a thread's.
  const warmUp = await context.newPage();
  await warmUp.goto(benchThreadUrl(THREADS - 1));
  await recordShown(await sidebarFrameOf(warmUp, Date.now() + 15_000), subjectOf(THREADS - 1), MESSAGES);
  await warmUp.close();

  const cold = [];
  const phases = { page: [], readAndStore: [], frameLoad: [], render: [] };
  const emptyFrame = [];
  for (let i = 0; i < runs; i++) {
    const page = await context.newPage();
    const start = Date.now();
    await page.goto(benchThreadUrl(i), { waitUntil: 'commit' });
    const frame = await sidebarFrameOf(page, start + 15_000);
    const shownAt = await recordShown(frame, subjectOf(i), MESSAGES);
    cold.push(shownAt - start);
    const pageReady = await page.evaluate(navigationMark, 'domContentLoadedEventEnd');
    const frameStart = await frame.evaluate(navigationMark, 'start');
    const frameReady = await frame.evaluate(navigationMark, 'domContentLoadedEventEnd');
    phases.page.push(pageReady - start);
    phases.readAndStore.push(frameStart - pageReady);
    phases.frameLoad.push(frameReady - frameStart);
    phases.render.push(shownAt - frameReady);
    if (options.emptyPage) emptyFrame.push(await emptyFrameLoad(page));
    await page.close();
  }

  // Warm: one tab, switching between threads read in the cold runs.
  const warm = [];
  const warmPhases = { context: [], render: [] };
  const page = await context.newPage();
  await page.goto(benchThreadUrl(0));
  const frame = await sidebarFrameOf(page, Date.now() + 15_000);
  await recordShown(frame, subjectOf(0), MESSAGES);
  for (let i = 1; i <= runs; i++) {
    const thread = i % runs;
    const previous = (i - 1) % runs;
    const start = await page.evaluate(() => performance.timeOrigin + performance.now());
    await page.evaluate((url) => (location.href = url), benchThreadUrl(thread));
    const [leftAt, shownAt] = await switchShown(frame, subjectOf(previous), subjectOf(thread), MESSAGES);
    warm.push(shownAt - start);
    warmPhases.context.push(leftAt - start);
    warmPhases.render.push(shownAt - leftAt);
  }
  await page.close();

  const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
  return {
    cold,
    warm,
    filled,
    // What no sidebar in a frame of the extension can beat: the page's own load and an empty frame's.
    coldFloor: emptyFrame.length ? median(phases.page) + median(emptyFrame) : null,
    phases: [
      ['navigation start → the page’s DOMContentLoaded', median(phases.page)],
      ['→ the sidebar frame starts loading (the content script starts; its read is sent and stored meanwhile)', median(phases.readAndStore)],
      ['→ the sidebar frame’s DOMContentLoaded (its HTML and scripts)', median(phases.frameLoad)],
      ...(emptyFrame.length
        ? [['floor of that step: an empty page of the extension put in a frame of the same tab the same way, after the record is shown (frame put in → its DOMContentLoaded)', median(emptyFrame)]]
        : []),
      ['→ the record on screen (the sidebar waits for its tab’s context, queries the record, renders)', median(phases.render)],
    ],
    warmPhases: [
      ['hash change → the sidebar leaves the previous thread (the thread read, sent, stored, announced to the sidebar)', median(warmPhases.context)],
      ['→ the record on screen (the sidebar queries the record, renders)', median(warmPhases.render)],
    ],
    notes:
      'Cold: each run opens, in a new tab, a thread of the routed Gmail page that no tab of this browser has read; the phases are medians of each run\'s split on one clock (performance.timeOrigin), so they need not add up to the median total. The content script starts the sidebar frame (hidden) at once where the sidebar is kept open, so the frame\'s load overlaps the read being stored; it is shown when the background answers. The floor of the frame\'s load is an empty page of the extension\'s origin (no script, no style sheet; added to a copy of the build for the run, web-accessible as the sidebar page is), put in a frame of each cold run\'s tab from the content script\'s world once the record is shown; the cold figure\'s floor is the page\'s own load to its DOMContentLoaded plus that empty frame. Warm: one tab switches between threads read before; its split is at the first animation frame of the sidebar that no longer shows the previous thread\'s subject. The extension\'s database holds the generated record throughout.',
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const { DIST_CHROME, launchWithExtension } = await import('../e2e/browser.mjs');
  const copy = extensionWithEmptyPage(DIST_CHROME);
  const session = await launchWithExtension({ extensionPath: copy.path });
  try {
    const result = await measureSidebarLatency(session, { runs: Number(process.env.RUNS ?? 10), emptyPage: true });
    if (result.coldFloor !== null) console.log(`cold floor: ${result.coldFloor.toFixed(0)} ms`);
    const f = (n) => `${n.toFixed(0)} ms`;
    console.log(`cold: ${result.cold.map(f).join(', ')}`);
    console.log(`warm: ${result.warm.map(f).join(', ')}`);
    for (const [what, value] of result.phases) console.log(`cold, ${what}: ${f(value)}`);
    for (const [what, value] of result.warmPhases) console.log(`warm, ${what}: ${f(value)}`);
    console.log(JSON.stringify(result.filled));
  } finally {
    await session.close();
    copy.remove();
  }
}
