// What Turnkeeper adds to a Gmail page's load, the cost every Gmail tab pays before anything is opened: two browsers,
// one with the built extension (sidebar open), one without, load the same routed Gmail thread page in new tabs, in
// interleaved pairs (the order flipped every pair). Each load is traced from before the navigation until the page has
// settled (the content script has started, put the sidebar's frame in, read the thread and shown the answer); the
// figure is the page renderer main thread's CPU time over that window, with minus without. The sidebar's own page runs
// in the extension's process and is not in it. Runnable alone: `PAIRS=6 node test/bench/page-load.mjs`.
import { launchWithExtension, launchWithoutExtension } from '../e2e/browser.mjs';
import { benchThreadUrl, gmailPageWithThreads, meanBreakdown, PAGE_TRACE, pairedStats, quantile, selfTimes } from './main-thread.mjs';


/** One traced load of `url` in a new tab: the page renderer main thread's CPU and wall ms, and the content script's
 * first task (its start: the sidebar frame put in, the first read sent), CPU and wall ms inclusive of what it called
 * (its wall time holds its waits on the browser, such as a frame's creation). */
async function tracedLoad(context, url, settleMs) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
  const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: PAGE_TRACE,
  });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(settleMs);
  await cdp.send('Tracing.end');
  await done;
  await page.close();
  const times = selfTimes(events, 1);
  const starts = events.filter((e) => e.name === 'EvaluateScript' && e.ph === 'X' && /^chrome-extension:\/\/[^/]+\/content-gmail\.js$/.test(e.args?.data?.url ?? ''));
  const sum = (of) => starts.reduce((total, e) => total + of(e) / 1000, 0);
  return { cpu: times.cpu, wall: times.wall, byName: times.byName, contentScriptStart: sum((e) => e.tdur ?? e.dur), contentScriptStartWall: sum((e) => e.dur) };
}

/**
 * @param {{ pairs?: number, settleMs?: number, extensionPath?: string }} [options]
 */
export async function measurePageLoad(options = {}) {
  const pairs = options.pairs ?? 10;
  const settleMs = options.settleMs ?? 1_500;
  const body = gmailPageWithThreads(new Date(), pairs + 1);
  const withSession = await launchWithExtension(options.extensionPath ? { extensionPath: options.extensionPath } : {});
  const withoutSession = await launchWithoutExtension();
  try {
    for (const { context } of [withSession, withoutSession]) {
      await context.route('https://mail.google.com/**', (route) => route.fulfill({ contentType: 'text/html; charset=utf-8', body }));
      await context.route(/^(https?|wss?):\/\/(?!mail\.google\.com\/)/, (route) => route.abort());
    }
    // A warm-up load on each side, of a thread kept out of the pairs: the browser's own first-use costs.
    for (const { context } of [withSession, withoutSession]) await tracedLoad(context, benchThreadUrl(pairs), settleMs);
    const withLoads = [];
    const withoutLoads = [];
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? [withSession, withoutSession] : [withoutSession, withSession];
      for (const session of order) (session === withSession ? withLoads : withoutLoads).push(await tracedLoad(session.context, benchThreadUrl(pair), settleMs));
    }
    return {
      pairs,
      settleMs,
      cpu: pairedStats(withLoads, withoutLoads, 'cpu'),
      wall: pairedStats(withLoads, withoutLoads, 'wall'),
      contentScriptStart: quantile(withLoads.map((load) => load.contentScriptStart), 0.5),
      contentScriptStartWall: quantile(withLoads.map((load) => load.contentScriptStartWall), 0.5),
      breakdown: { with: meanBreakdown(withLoads), without: meanBreakdown(withoutLoads) },
    };
  } finally {
    await withSession.close();
    await withoutSession.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { traceDifferences } = await import('./main-thread.mjs');
  const r = await measurePageLoad({ pairs: Number(process.env.PAIRS ?? 6), extensionPath: process.env.EXTENSION_PATH });
  const f = (n) => n.toFixed(2);
  for (const metric of ['cpu', 'wall']) {
    const s = r[metric];
    console.log(`${metric}: with - without per load: median ${f(s.median)} ms (p25 ${f(s.p25)}, p75 ${f(s.p75)}); with ${f(s.withMedian)}, without ${f(s.withoutMedian)}; differences ${s.differences.map(f).join(' ')}`);
  }
  console.log(`content script's first task: ${f(r.contentScriptStart)} ms CPU, ${f(r.contentScriptStartWall)} ms wall (medians)`);
  for (const row of traceDifferences(r.breakdown, 16)) console.log(`${row.name}: with ${f(row.with)} without ${f(row.without)} diff ${f(row.diff)}`);
}
