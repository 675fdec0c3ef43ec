// What Turnkeeper adds to a Gmail page's main thread per thread opened: two browsers side by side on the same routed
// page, one with the built extension, one without, opening the same threads in alternating blocks (A/B interleaved,
// the order flipped every pair so drift on a shared machine falls on both). Each block's figure is the page renderer's
// main-thread time (CDP Performance.getMetrics TaskDuration) divided by the threads opened; the headline is the median
// of the per-pair differences, with their spread. Then one traced block on each side says where the difference goes
// (self time of the renderer main thread's trace events, by event name), and the sampling profiler gives the content
// script's own JS time.
import { launchWithExtension, launchWithoutExtension } from '../e2e/browser.mjs';
import { gmailDemoPage, gmailThreadMarkup, ME, DANA } from '../demo/demo-pages.mjs';

const THREADS = 20;

/** The address of bench thread `i` of {@link gmailPageWithThreads}. */
export const benchThreadUrl = (i) => `https://mail.google.com/mail/u/0/#inbox/FMfcgzBench${i}`;

export function gmailPageWithThreads(now, count = THREADS) {
  const base = gmailDemoPage(now);
  const templates = Array.from({ length: count }, (_, i) => {
    const thread = {
      id: `FMfcgzBench${i}`,
      legacy: `19c00000000000${String(i).padStart(2, '0')}`,
      subject: `Benchmark thread ${i}`,
      messages: Array.from({ length: 6 }, (_, j) => ({
        legacyId: `19c000000000${String(i).padStart(2, '0')}${String(j).padStart(2, '0')}`,
        from: j % 2 ? ME : DANA,
        to: [j % 2 ? DANA : ME],
        cc: [],
        at: new Date(now.getTime() - (10 - j) * 3_600_000),
        collapsed: j < 3,
        text: `Thread ${i} message ${j}: notes on the pilot, pricing and the security review.`,
      })),
    };
    return `<template data-thread="${thread.id}">${gmailThreadMarkup(thread)}</template>`;
  }).join('\n');
  return base.replace('<template data-inbox>', `${templates}\n<template data-inbox>`);
}

export const quantile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * p;
  const low = Math.floor(at);
  return sorted[low] + (sorted[Math.ceil(at)] - sorted[low]) * (at - low);
};

export async function openSide(withExtension, body, extensionPath, variant = {}) {
  // Both sides are the same browser, profile kind and flags (browser.mjs); only the extension differs.
  const session = withExtension ? await launchWithExtension(extensionPath ? { extensionPath } : {}) : await launchWithoutExtension();
  if (variant.collapsed) await session.worker.evaluate(() => chrome.storage.local.set({ sidebarOpen: { gmail: false } }));
  const served = variant.margin ? body.replace('</head>', '<style>html{margin-right:360px}</style></head>') : body;
  // variant.site: another routed site (the lists bench's LinkedIn page); the Gmail inbox by default.
  const site = variant.site ?? { routes: 'https://mail.google.com/**', url: 'https://mail.google.com/mail/u/0/#inbox', sidebarFirst: true };
  await session.context.route(site.routes, (route) => route.fulfill({ contentType: 'text/html', body: served }));
  const page = await session.context.newPage();
  await page.goto(site.url);
  if (withExtension && site.sidebarFirst) {
    // The sidebar is open by default: wait for its frame, so the first block does not pay for its first load.
    // Polled with evaluate, as both sides are driven: waitForFunction would load Playwright's injected script (330 KB
    // of source, in a world of its own) into this side's page only, and the page's every garbage collection would then
    // mark it (measured: the JS heap 2.25 MB against 0.88 MB without Turnkeeper, a full collection 15 against 10 ms).
    const until = Date.now() + 10_000;
    while (!(await page.evaluate(() => !!document.querySelector('turnkeeper-sidebar')))) {
      if (Date.now() > until) throw new Error('the sidebar frame did not appear within 10 s');
      await page.waitForTimeout(100);
    }
  }
  await page.waitForTimeout(1500);
  const cdp = await session.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  return { session, page, cdp, opened: 0 };
}

/** The page renderer's main thread so far, in ms: wall time in tasks (TaskDuration) and CPU time (ThreadTime). */
export async function mainThreadTimes(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const value = (name) => metrics.find((m) => m.name === name).value * 1000;
  return { task: value('TaskDuration'), cpu: value('ThreadTime') };
}

/** Opens the next thread (a hash change, as Gmail does): the step of this section's blocks. */
const openNextThread = (side) =>
  side.page.evaluate((id) => (location.hash = `#inbox/${id}`), `FMfcgzBench${side.opened++ % THREADS}`);

/** Takes `count` steps (by default, opens threads), `settleMs` apart; returns main-thread ms per step. */
export async function block(side, count, settleMs, step = openNextThread) {
  const before = await mainThreadTimes(side.cdp);
  for (let i = 0; i < count; i++) {
    await step(side);
    await side.page.waitForTimeout(settleMs);
  }
  const after = await mainThreadTimes(side.cdp);
  return { task: (after.task - before.task) / count, cpu: (after.cpu - before.cpu) / count };
}

/** The trace categories whose events selfTimes weighs: the page's tasks, its script, style and layout. */
export const PAGE_TRACE = {
  includedCategories: ['toplevel', 'devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'blink'],
  excludedCategories: ['*'],
};

/** Self time of each trace event name on the page renderer's main thread during one block, in ms per step. */
export async function tracedBlock(side, count, settleMs, step = openNextThread) {
  const events = [];
  const collect = ({ value }) => events.push(...value);
  side.cdp.on('Tracing.dataCollected', collect);
  const done = new Promise((resolve) => side.cdp.once('Tracing.tracingComplete', resolve));
  await side.cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: PAGE_TRACE,
  });
  await block(side, count, settleMs, step);
  await side.cdp.send('Tracing.end');
  await done;
  side.cdp.off('Tracing.dataCollected', collect);
  return selfTimes(events, count);
}

/** The page renderer's trace events, by self time per `count` (threads opened, updates, loads): totals of its main
 * thread's top-level tasks (CPU and wall) and each event name's self time. */
export function selfTimes(events, count) {
  // The page's renderer: the process that committed the mail.google.com (or www.linkedin.com) frame, shown when the
  // trace started or committed during it (a page loaded while traced).
  const site = /^https:\/\/(mail\.google|www\.linkedin)\.com\//;
  const started = events.find((e) => e.name === 'TracingStartedInBrowser');
  const frame = started?.args?.data?.frames?.find((f) => site.test(f.url ?? '') && !f.parent);
  const committed = events.findLast((e) => e.name === 'FrameCommittedInBrowser' && e.args?.data?.isOutermostMainFrame && site.test(e.args.data.url ?? ''));
  const pid = frame?.processId ?? committed?.args.data.processId;
  const mainTid = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.pid === pid && e.args?.name === 'CrRendererMain')?.tid;
  if (pid === undefined || mainTid === undefined) throw new Error('trace: the page renderer main thread was not found');
  const spans = events
    .filter((e) => e.pid === pid && e.tid === mainTid && e.ph === 'X' && typeof e.dur === 'number')
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  // Thread (CPU) time where the event carries it: wall time on a shared machine includes waiting for a core.
  const self = new Map();
  const stack = [];
  let cpuTotal = 0;
  let wallTotal = 0;
  for (const span of spans) {
    while (stack.length && stack.at(-1).end <= span.ts) stack.pop();
    const parent = stack.at(-1);
    const name = labelOf(span);
    const cost = span.tdur ?? span.dur;
    self.set(name, (self.get(name) ?? 0) + cost);
    if (parent) self.set(parent.name, self.get(parent.name) - cost);
    else {
      cpuTotal += cost;
      wallTotal += span.dur;
    }
    stack.push({ name, end: span.ts + span.dur });
  }
  const perThread = (us) => us / 1000 / count;
  return { cpu: perThread(cpuTotal), wall: perThread(wallTotal), byName: Object.fromEntries([...self].map(([name, us]) => [name, perThread(us)])) };
}

/** Trace event names, with script work split by whose script it is. */
function labelOf(span) {
  const url = span.args?.data?.url ?? span.args?.data?.scriptName ?? '';
  if (/^(FunctionCall|EvaluateScript|V8\.Execute|v8\.run|TimerFire|EventDispatch)$/.test(span.name) && url) {
    return `${span.name} (${url.startsWith('chrome-extension://') ? 'extension' : 'page'})`;
  }
  return span.name;
}

/**
 * @param {{ pairs?: number, threadsPerBlock?: number, settleMs?: number, extensionPath?: string }} [options]
 */
export async function measureMainThread(options = {}) {
  const pairs = options.pairs ?? 12;
  const perBlock = options.threadsPerBlock ?? 10;
  const settleMs = options.settleMs ?? 350;
  const body = gmailPageWithThreads(new Date());
  const withSide = await openSide(true, body, options.extensionPath, { collapsed: options.collapsed });
  const withoutSide = await openSide(false, body, undefined, { margin: options.marginWithout });
  try {
    // One warm-up block each: every thread read once, the record holds them, the JIT has seen the code.
    await block(withSide, THREADS, settleMs);
    await block(withoutSide, THREADS, settleMs);
    const withBlocks = [];
    const withoutBlocks = [];
    for (let pair = 0; pair < pairs; pair++) {
      // The order flips every pair, so a slow spell of the shared machine falls on both sides alike.
      const order = pair % 2 === 0 ? [withSide, withoutSide] : [withoutSide, withSide];
      for (const side of order) (side === withSide ? withBlocks : withoutBlocks).push(await tracedBlock(side, perBlock, settleMs));
    }
    // The content script's own JS, by the sampling profiler (a block of its own: the profiler slows what it samples).
    const profiled = await profileContentScript(withSide, THREADS, settleMs, 'content-gmail.js');
    const stats = (metric) => pairedStats(withBlocks, withoutBlocks, metric);
    return {
      pairs,
      perBlock,
      settleMs,
      cpu: stats('cpu'),
      wall: stats('wall'),
      contentScriptMs: profiled.ms,
      contentScriptFunctions: profiled.functions,
      breakdown: { with: meanBreakdown(withBlocks), without: meanBreakdown(withoutBlocks) },
    };
  } finally {
    await withSide.session.close();
    await withoutSide.session.close();
  }
}

/** The content script's own JS per step, by the sampling profiler, over one block of `count` steps on `side`. */
export async function profileContentScript(side, count, settleMs, scriptName, step = openNextThread) {
  await side.cdp.send('Profiler.enable');
  await side.cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await side.cdp.send('Profiler.start');
  await block(side, count, settleMs, step);
  const { profile } = await side.cdp.send('Profiler.stop');
  const ours = new Set(profile.nodes.filter((node) => node.callFrame.url.startsWith('chrome-extension:') && node.callFrame.url.endsWith(`/${scriptName}`)).map((node) => node.id));
  let total = 0;
  const byFunction = {};
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  profile.samples.forEach((id, index) => {
    if (!ours.has(id)) return;
    const sampleMs = (profile.timeDeltas[index + 1] ?? 0) / 1000;
    total += sampleMs;
    const { functionName, lineNumber } = nodes.get(id).callFrame;
    const key = `${functionName || '(anonymous)'}:${lineNumber + 1}`;
    byFunction[key] = (byFunction[key] ?? 0) + sampleMs / count;
  });
  return { ms: total / count, functions: Object.entries(byFunction).sort((a, b) => b[1] - a[1]).slice(0, 12) };
}

/**
 * A distribution-free confidence interval for the median of `values` (the sign test's order statistics): the k-th
 * smallest and k-th largest, k as large as keeps the coverage at `least` or more. With 8 values it is the 2nd to the
 * 7th (92.97%). Null when there are too few values for that coverage.
 */
export function medianInterval(values, least = 0.9) {
  const n = values.length;
  const sorted = [...values].sort((a, b) => a - b);
  // P(Binomial(n, 1/2) < k): the chance the median lies below the k-th smallest.
  const below = (k) => {
    let sum = 0;
    let term = 0.5 ** n;
    for (let i = 0; i < k; i++) {
      sum += term;
      term = (term * (n - i)) / (i + 1);
    }
    return sum;
  };
  let k = 0;
  while (k + 1 <= n / 2 && 1 - 2 * below(k + 1) >= least) k++;
  return k === 0 ? null : { low: sorted[k - 1], high: sorted[n - k], coverage: 1 - 2 * below(k) };
}

/** With minus without of paired blocks (the i-th of each side ran next to each other): median, p25, p75, and the
 * median's interval. */
export function pairedStats(withBlocks, withoutBlocks, metric) {
  const differences = withBlocks.map((value, i) => value[metric] - withoutBlocks[i][metric]);
  return {
    differences,
    median: quantile(differences, 0.5),
    interval: medianInterval(differences),
    p25: quantile(differences, 0.25),
    p75: quantile(differences, 0.75),
    withMedian: quantile(withBlocks.map((v) => v[metric]), 0.5),
    withoutMedian: quantile(withoutBlocks.map((v) => v[metric]), 0.5),
  };
}

/** The mean over blocks of each trace event name's self time. */
export function meanBreakdown(blocks) {
  const out = {};
  for (const b of blocks) for (const [name, value] of Object.entries(b.byName)) out[name] = (out[name] ?? 0) + value / blocks.length;
  return out;
}

/** The trace's per-thread self times, with minus without, largest first. */
export function traceDifferences(breakdown, top = 8) {
  const names = new Set([...Object.keys(breakdown.with), ...Object.keys(breakdown.without)]);
  return [...names]
    .map((name) => ({ name, with: breakdown.with[name] ?? 0, without: breakdown.without[name] ?? 0 }))
    .map((row) => ({ ...row, diff: row.with - row.without }))
    .sort((a, b) => Math.abs(b.diff) - Math.abs(a.diff))
    .slice(0, top);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await measureMainThread({
    pairs: Number(process.env.PAIRS ?? 6),
    threadsPerBlock: Number(process.env.PER_BLOCK ?? 10),
    extensionPath: process.env.EXTENSION_PATH,
    collapsed: !!process.env.COLLAPSED,
    marginWithout: !!process.env.MARGIN,
  });
  const f = (n) => n.toFixed(2);
  for (const metric of ['cpu', 'wall']) {
    const r = result[metric];
    console.log(`${metric}: with - without per thread: median ${f(r.median)} ms (p25 ${f(r.p25)}, p75 ${f(r.p75)}); with ${f(r.withMedian)}, without ${f(r.withoutMedian)}; differences ${r.differences.map(f).join(' ')}`);
  }
  console.log(`content-gmail.js JS ${f(result.contentScriptMs)} ms`);
  for (const [name, value] of result.contentScriptFunctions) console.log(`  content-gmail.js self ${name}: ${f(value)} ms`);
  for (const row of traceDifferences(result.breakdown, 14)) console.log(`${row.name}: with ${f(row.with)} without ${f(row.without)} diff ${f(row.diff)}`);
}
