// The dashboard at scale: first render with a large history, and search keystroke → results.
//
// `measureDashboard(session, { people, conversations, messages })` fills the extension's database with the generated
// record (test/bench/bench-data.ts through the real ingest, relative to now), unless the session already holds it
// (`filled`), then:
// - firstRenderMs: navigation start → the dashboard's first render with its lists (the page marks
//   `turnkeeper:first-render` once the lists are on screen); median of 5 loads after one warm-up load;
// - searchP95Ms: typing queries one character at a time into the search box, each keystroke's input event → the
//   results for that exact text in the DOM; 95th percentile over every keystroke that searches (the dashboard
//   starts searching at the second letter of a spaced script, so a first letter costs nothing).
// Used by test/bench/run-bench.mjs (`npm run bench`); runnable alone:
//   TURNKEEPER_BENCH_MESSAGES=5000 node test/bench/dashboard-bench.mjs

import { fillExtensionRecord } from './extension-record.mjs';
import { benchSizes } from './sizes.mjs';

const DASHBOARD = 'src/ui/dashboard/index.html';


/** Runs in the dashboard page: types each query a character at a time; returns each keystroke's time in ms. */
export async function typeQueries(queries) {
  const input = document.querySelector('[data-testid=search]');
  const times = [];
  const resultsFor = (q) => {
    const el = document.querySelector('[data-testid=search-results]');
    return el && el.getAttribute('data-query') === q;
  };
  const waitFor = (q) =>
    new Promise((resolve) => {
      if (resultsFor(q)) return resolve();
      const observer = new MutationObserver(() => {
        if (resultsFor(q)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      const text = query.slice(0, n);
      if (text.endsWith(' ')) continue;
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // The dashboard searches from the second letter (one letter of a spaced script matches everything).
      if (text.trim().length < 2) continue;
      await waitFor(text.trim());
      times.push(performance.now() - start);
      // A keystroke answered "nothing found" times an empty result: the generated record must answer every query.
      if (!document.querySelector('[data-testid=search-results] [data-testid=search-hit]')) {
        throw new Error(`search "${text.trim()}" found nothing in the generated record`);
      }
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function firstRender(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]', { timeout: 120_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('turnkeeper:first-render')[0]?.startTime ?? NaN);
  return { page, ms };
}

/**
 * @param {{ context: import('playwright-core').BrowserContext, extensionUrl: (path: string) => string }} session
 * @param {{ people: number, conversations: number, messages: number }} sizes
 * @param {{ filled?: object }} [options] filled: the session's database already holds the generated record
 */
export async function measureDashboard(session, sizes, options = {}) {
  const url = session.extensionUrl(DASHBOARD);
  const filled = options.filled ?? (await fillExtensionRecord(session, sizes, Date.now()));

  // First render: one warm-up load, then the median of five.
  const renders = [];
  let page;
  for (let i = 0; i < 6; i++) {
    const run = await firstRender(session.context, url);
    if (i > 0) renders.push(run.ms);
    if (i < 5) await run.page.close();
    else page = run.page;
  }
  const firstRenderMs = percentile(renders, 50);
  const rowsShown = await page.getByTestId('row').count();
  if (rowsShown === 0) throw new Error('the dashboard showed no rows of the generated record');

  // Words of the generator's vocabulary, names and companies (test/bench/bench-data.ts): each query finds something.
  const queries = ['pricing', 'proposal deadline', 'dana', 'müller', 'acme', 'renewal discount', 'предложение'];
  const times = await page.evaluate(typeQueries, queries);
  await page.close();
  return {
    firstRenderMs,
    firstRenderRunsMs: renders,
    searchP95Ms: percentile(times, 95),
    searchMedianMs: percentile(times, 50),
    searchMaxMs: Math.max(...times),
    keystrokes: times.length,
    rowsShown,
    filled,
  };
}

// Alone: TURNKEEPER_BENCH_MESSAGES=5000 node test/bench/dashboard-bench.mjs
if (import.meta.url === `file://${process.argv[1]}`) {
  const { launchWithExtension } = await import('../e2e/browser.mjs');
  const session = await launchWithExtension();
  try {
    console.log(JSON.stringify(await measureDashboard(session, benchSizes()), null, 2));
  } finally {
    await session.close();
  }
}
