// What the list chips cost a Gmail inbox of 100 rows and a LinkedIn conversation list of 100 cards (issue 15, "Cost
// and safety"; the LinkedIn page: lists-bench-linkedin.mjs), with main-thread.mjs's machinery:
// two browsers on the same routed page, one with the built extension, one without, take the same list updates in
// interleaved blocks (the order flipped every pair); each block is traced and the figure is the page renderer main
// thread's CPU time per update, with minus without. The updates are the site's own: the list shown anew, every row
// recycled to show other conversations, the same rows re-rendered, and a virtualised scroll (the top rows moved to
// the bottom showing the next conversations). The record learns a tenth of the list's conversations by opening their
// threads first (the real ingest), so chips are drawn on those rows and none on the others.
// Beside that figure, each update is also timed with the page's own clock, split into the site's update and the
// microtask checkpoint after it where the content script's observers run: steadier than the CPU difference on a shared
// machine, and what the page's next frame waits on; with its floor, the page without Turnkeeper watched by observers
// that do nothing. Blocks with nothing changing show what the extension costs the page over the same time apart from
// the updates.
// Then, in each browser, 1,000 re-renders, with the DOM's node count (CDP Memory.getDOMCounters, after a garbage
// collection: it counts nodes in closed shadow roots and detached ones too) before, halfway and after.
import { DANA, ME } from '../demo/demo-pages.mjs';
import { gmailInboxListMarkup, gmailListRow } from '../demo/demo-lists.mjs';
import { LINKEDIN_MESSAGING, linkedinListBenchPage } from './lists-bench-linkedin.mjs';
import { block, gmailPageWithThreads, mainThreadTimes, meanBreakdown, openSide, pairedStats, profileContentScript, quantile, tracedBlock } from './main-thread.mjs';

/** Threads the record learns (opened first); every tenth row of the pool is one of them. */
const KNOWN = 30;
const POOL = KNOWN * 10;
const SHOWN = 100;
const HOUR = 3_600_000;
const RERENDERS = 1000;
/** Nodes of one chip at most (chip-layer.ts): the host, its closed root, the chip and its text, and where the browser
 * does not adopt the shared style sheet (shadow-style.ts), a style and its text. */
export const NODES_PER_CHIP = 6;

function poolRows(now) {
  return Array.from({ length: POOL }, (_, i) => {
    if (i % 10 === 0) {
      const k = i / 10;
      const kk = String(k).padStart(2, '0');
      // The bench thread k of gmailPageWithThreads: its newest message (the sixth, mine) five hours ago.
      return { id: `FMfcgzBench${k}`, legacy: `19c00000000000${kk}`, lastLegacy: `19c000000000${kk}05`, subject: `Benchmark thread ${k}`,
        snippet: `Thread ${k} message 5: notes on the pilot, pricing and the security review.`, people: [DANA, ME], at: new Date(now.getTime() - 5 * HOUR), unread: false };
    }
    const hex = i.toString(16).padStart(13, '0');
    const person = { name: `Contact ${i}`, email: `contact${i}@example.com` };
    return { id: `FMfcgzUnknown${i}`, legacy: `19d${hex}`, lastLegacy: `19e${hex}`, subject: `Quarterly update ${i}`,
      snippet: `Hello, here is the update you asked for, with the figures for region ${i}.`, people: [person], at: new Date(now.getTime() - (i + 1) * HOUR), unread: i % 7 === 0 };
  });
}

/** The bench's Gmail page: the bench threads, an inbox of 100 rows, and the page's own list updates (its script). */
export function gmailListBenchPage(now = new Date()) {
  const rows = poolRows(now);
  const page = gmailPageWithThreads(now, KNOWN);
  const inbox = `<template data-inbox>${gmailInboxListMarkup([], now, ME, undefined, rows.slice(0, SHOWN))}</template>`;
  // Every row of the pool, for the page's script to recycle rows with.
  const pool = `<template data-pool><table><tbody>${rows.map((row) => gmailListRow(row, now, ME)).join('')}</tbody></table></template>`;
  const script = `<style>.Cp{height:640px;overflow:auto}</style><script>
  // The site's own list updates, as Gmail and virtualised lists do them: rows recycled (the element kept, its content
  // replaced), the list shown anew, the top rows moved to the bottom on scroll.
  (function () {
    var pool = Array.prototype.slice.call(document.querySelector('template[data-pool]').content.querySelectorAll('tr'));
    var offset = 0;
    var fill = function (tr, i) {
      var source = pool[i % pool.length];
      tr.className = source.className;
      tr.replaceChildren.apply(tr, Array.prototype.slice.call(source.cloneNode(true).childNodes));
    };
    var rows = function (root) { return Array.prototype.slice.call((root || document).querySelectorAll('tr.zA')); };
    var body = function () { return document.querySelector('[role=main] table.F tbody'); };
    window.turnkeeperBenchList = {
      recycle: function (by) { offset += by; rows().forEach(function (tr, i) { fill(tr, offset + i); }); },
      rerender: function () { rows().forEach(function (tr, i) { fill(tr, offset + i); }); },
      firstShow: function (by) {
        offset += by;
        var list = document.querySelector('template[data-inbox]').content.cloneNode(true);
        rows(list).forEach(function (tr, i) { fill(tr, offset + i); });
        document.querySelector('[role=main]').replaceChildren(list);
      },
      scroll: function (by) {
        var tbody = body();
        for (var k = 0; k < by; k++) { var tr = tbody.firstElementChild; fill(tr, offset + ${SHOWN} + k); tbody.append(tr); }
        offset += by;
        var pane = document.querySelector('.Cp');
        pane.scrollTop = (pane.scrollTop + 120) % 1200;
      },
      idle: function () {},
      reset: function () { offset = 0; rows().forEach(function (tr, i) { fill(tr, i); }); },
    };
  })();
</script>`;
  return page.replace(/<template data-inbox>[\s\S]*?<\/template>/, () => inbox + pool).replace('</body>', () => script + '</body>');
}

/** The list updates measured: what the site does and what Turnkeeper has to do; the page's own call (its script's
 * `turnkeeperBenchList`) and its argument. */
const UPDATES = [
  ['first show: the list rendered anew (back from a thread, another label), rows of other conversations', 'firstShow', 13],
  ['recycle: every row re-rendered in place showing other conversations (other thread ids)', 'recycle', 37],
  ['re-render: every row re-rendered in place showing the same conversations (no message needed)', 'rerender', 0],
  ['scroll: the pane scrolled, the top 3 rows recycled to the bottom showing the next conversations', 'scroll', 3],
];

/** No update: the same blocks with nothing changing, so the part of each figure that is the extension's presence over
 * the blocks' time (its timers, its share of the garbage collection), not the update's, is seen apart. */
const IDLE = ['nothing changing', 'idle', 0];

/** One update, driven from outside the page (one DevTools call): for the traced blocks and the warm-up. */
const stepOf = ([, call, arg]) => (side) => side.page.evaluate(([c, a]) => globalThis.turnkeeperBenchList[c](a), [call, arg]);

/**
 * `count` updates run by the page's own script, `settleMs` apart, and the page renderer main thread's CPU time per
 * update (Performance.getMetrics' ThreadTime, untraced): one DevTools call for the block, so the figure holds the
 * page's work and what the extension causes in it, not the driving of each update. `gc`: the collection's CPU ms for
 * the whole block; `nogc`: the figure without it.
 */
async function pageBlock(side, count, settleMs, [, call, arg]) {
  const before = await mainThreadTimes(side.cdp);
  await side.page.evaluate(
    async ([c, a, n, ms]) => {
      for (let i = 0; i < n; i++) {
        globalThis.turnkeeperBenchList[c](a);
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
    },
    [call, arg, count, settleMs],
  );
  // The block's garbage is collected inside it, on both sides: each block then pays for its own allocations (the
  // page's and the extension's), not for whatever garbage an earlier block left to a collection that happens to fall
  // in it. The clock is read before the collection too, so its share of the figure is seen apart.
  const beforeGc = await mainThreadTimes(side.cdp);
  await side.cdp.send('HeapProfiler.collectGarbage');
  const after = await mainThreadTimes(side.cdp);
  return { task: (after.task - before.task) / count, cpu: (after.cpu - before.cpu) / count, gc: after.cpu - beforeGc.cpu, nogc: (beforeGc.cpu - before.cpu) / count };
}

/**
 * `count` updates timed inside the page, `settleMs` apart: the site's own update, then the microtask checkpoint after
 * it, where mutation observers are called (the content script's reading of the touched rows and its chips happen
 * there; its debounced ask comes later and is not in it). Wall-clock ms each, `[update, observers]`: the extension's
 * synchronous share of an update, which the page's next frame waits on. `floor`: the site's list selector, for the page
 * without Turnkeeper watched by observers that do nothing.
 */
const timedInPage = (side, count, settleMs, [, call, arg], floor) =>
  side.page.evaluate(
    async ([c, a, n, ms, observed]) => {
      // The floor: the page without Turnkeeper, with two mutation observers that do nothing, made as the content
      // script makes its own: list-chips.ts's on the list, and watch-page.ts's on the main pane but for the element
      // holding the rows (the elements on the way down to it for their own children, every other child whole). What
      // watching the rows costs the site's update and its microtask checkpoint before any of Turnkeeper's code runs.
      const listOptions = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['class', 'href', 'data-thread-id', 'data-legacy-thread-id', 'data-legacy-last-message-id', 'title'] };
      const paneOptions = { childList: true, subtree: true, characterData: true };
      const onList = new MutationObserver(() => {});
      const onPane = new MutationObserver(() => {});
      let list = null;
      // The list shown anew is a new element: watched again before the next update, as the content script does.
      const watch = () => {
        if (!observed || list?.isConnected) return;
        onList.disconnect();
        onPane.disconnect();
        list = document.querySelector(observed.list);
        onList.observe(list, listOptions);
        const root = document.querySelector('[role="main"]') ?? document.body;
        const path = new Set();
        const rows = list.querySelector(observed.row)?.parentNode ?? list;
        for (let up = rows.parentNode; up && root.contains(up); up = up.parentNode) path.add(up);
        for (const up of path) {
          onPane.observe(up, { childList: true });
          for (const child of up.childNodes) if (!path.has(child) && child !== rows) onPane.observe(child, paneOptions);
        }
      };
      const out = [];
      for (let i = 0; i < n; i++) {
        watch();
        const start = performance.now();
        globalThis.turnkeeperBenchList[c](a);
        const updated = performance.now();
        await Promise.resolve();
        out.push([updated - start, performance.now() - updated]);
        await new Promise((resolve) => setTimeout(resolve, ms));
      }
      onList.disconnect();
      onPane.disconnect();
      return out;
    },
    [call, arg, count, settleMs, floor ?? null],
  );

/** Chip hosts on the page: closed shadow roots holding a chip (role=img), read through CDP as the e2e tests do. */
async function chipCount(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    let count = 0;
    const visit = (node) => {
      for (const shadow of node.shadowRoots ?? []) {
        if (shadow.shadowRootType === 'closed' && shadow.children?.some((c) => c.nodeName === 'SPAN' && c.attributes?.includes('img'))) count++;
      }
      node.children?.forEach(visit);
    };
    visit(root);
    return count;
  } finally {
    // Detached, so the DOM agent lets go of the nodes it was sent (it would keep them alive for the node counts).
    await cdp.detach();
  }
}

/** The document's nodes after a garbage collection (detached ones still referenced count too), and its chips. */
async function domCounts(side) {
  await side.cdp.send('HeapProfiler.collectGarbage');
  const { nodes } = await side.cdp.send('Memory.getDOMCounters');
  return { nodes, chips: await chipCount(side.page) };
}

/** Waits for the first chip on the "with" side. */
async function firstChips(side, listName) {
  const until = Date.now() + 10_000;
  while ((await chipCount(side.page)) === 0) {
    if (Date.now() > until) throw new Error(`no chip was drawn on the 100-row ${listName}: the record does not know its conversations, or the chips failed`);
    await side.page.waitForTimeout(250);
  }
}

/**
 * The sites measured: the page, how the browsers open it, how the record learns the known conversations (their
 * threads opened once, then the list alone again), how many known rows are shown, and the content script's name.
 */
const SITES = {
  gmail: (now) => ({
    name: 'Gmail inbox',
    body: gmailListBenchPage(now),
    scriptName: 'content-gmail.js',
    observed: { list: '[gh="tl"], table.F', row: 'tr.zA' },
    async prepare(side, withExtension) {
      let k = 0;
      await block(side, KNOWN, 350, (s) => s.page.evaluate((id) => (location.hash = `#inbox/${id}`), `FMfcgzBench${k++}`));
      await side.page.evaluate(() => (location.hash = '#inbox'));
      if (withExtension) await firstChips(side, 'inbox');
    },
    knownShown: (page) => page.evaluate(() => [...document.querySelectorAll('tr.zA [data-legacy-thread-id^="19c"]')].length),
  }),
  linkedin: (now) => {
    const { body, knownPaths } = linkedinListBenchPage(now, KNOWN, SHOWN);
    return {
      name: 'LinkedIn conversation list',
      body,
      variant: { site: { routes: 'https://www.linkedin.com/**', url: LINKEDIN_MESSAGING, sidebarFirst: false } },
      scriptName: 'content-linkedin.js',
      observed: { list: '.msg-conversations-container__conversations-list', row: 'li' },
      async prepare(side, withExtension) {
        let k = 0;
        await block(side, KNOWN, 350, (s) => s.page.evaluate((path) => globalThis.turnkeeperBenchOpen(path), knownPaths[k++]));
        // Then the list page loaded anew, as the e2e test opens it: a list already shown when a thread beside it
        // is read gets no chip for that conversation until the list changes (its rows are not read again then).
        await side.page.goto(LINKEDIN_MESSAGING);
        await side.page.waitForTimeout(1500);
        if (withExtension) await firstChips(side, 'conversation list');
      },
      knownShown: (page) => page.evaluate((paths) => [...document.querySelectorAll('li.msg-conversation-listitem a')].filter((a) => paths.includes(a.getAttribute('href'))).length, knownPaths),
    };
  },
};

/** `count` re-renders in the page, each in its own task a frame apart, with a pause every 50 so answers land. */
const rerenders = (page, count) =>
  page.evaluate(async (n) => {
    const list = globalThis.turnkeeperBenchList;
    for (let i = 1; i <= n; i++) {
      if (i % 3 === 0) list.rerender();
      else if (i % 3 === 1) list.recycle(37);
      else list.scroll(3);
      await new Promise((resolve) => setTimeout(resolve, i % 50 === 0 ? 400 : 16));
    }
  }, count);

/** {@link RERENDERS} re-renders; node counts before, halfway (after 500) and after, with the list back on its first rows. */
async function nodeCounts(side) {
  const settle = async () => {
    await side.page.evaluate(() => globalThis.turnkeeperBenchList.reset());
    await side.page.waitForTimeout(800);
    return domCounts(side);
  };
  const before = await settle();
  await rerenders(side.page, RERENDERS / 2);
  const half = await settle();
  await rerenders(side.page, RERENDERS / 2);
  const after = await settle();
  return { before, half, after };
}

/**
 * `baselinePath`: the "without" side loads this other build of the extension instead of none, so the figures are one
 * build's cost over another's (for weighing a change; `npm run bench` never sets it).
 * `figuresOnly`: no profile and no node counts (a quicker run for weighing a change).
 * @param {{ figuresOnly?: boolean, site?: 'gmail' | 'linkedin', pairs?: number, perBlock?: number, tracedPairs?: number, settleMs?: number, collapsed?: boolean, extensionPath?: string, baselinePath?: string }} [options]
 */
export async function measureLists(options = {}) {
  const pairs = options.pairs ?? 8;
  const perBlock = options.perBlock ?? 8;
  const settleMs = options.settleMs ?? 400;
  const tracedPairs = options.tracedPairs ?? 2;
  const site = SITES[options.site ?? 'gmail'](new Date());
  const withSide = await openSide(true, site.body, options.extensionPath, { ...site.variant, collapsed: options.collapsed });
  const baseline = !!options.baselinePath;
  const withoutSide = await openSide(baseline, site.body, options.baselinePath, { ...site.variant, collapsed: baseline && options.collapsed });
  try {
    await site.prepare(withSide, true);
    await site.prepare(withoutSide, baseline);
    const chipsShown = await chipCount(withSide.page);
    const knownShown = await site.knownShown(withSide.page);
    // A warm-up block of every update on each side: the JIT has seen the code.
    for (const update of UPDATES) {
      for (const side of [withSide, withoutSide]) await pageBlock(side, 3, settleMs, update);
    }
    const idleWith = [];
    const idleWithout = [];
    for (let pair = 0; pair < pairs; pair++) {
      const order = pair % 2 === 0 ? [withSide, withoutSide] : [withoutSide, withSide];
      for (const side of order) (side === withSide ? idleWith : idleWithout).push(await pageBlock(side, perBlock, settleMs, IDLE));
    }
    const updates = [];
    const allWith = [];
    const allWithout = [];
    for (const update of UPDATES) {
      const withBlocks = [];
      const withoutBlocks = [];
      for (let pair = 0; pair < pairs; pair++) {
        const order = pair % 2 === 0 ? [withSide, withoutSide] : [withoutSide, withSide];
        for (const side of order) (side === withSide ? withBlocks : withoutBlocks).push(await pageBlock(side, perBlock, settleMs, update));
      }
      // Where the time goes: traced blocks (tracing costs the page itself, so they give the breakdown, not the figure).
      const traced = { with: [], without: [] };
      for (let pair = 0; pair < tracedPairs; pair++) {
        const order = pair % 2 === 0 ? [withSide, withoutSide] : [withoutSide, withSide];
        for (const side of order) traced[side === withSide ? 'with' : 'without'].push(await tracedBlock(side, perBlock, settleMs, stepOf(update)));
      }
      allWith.push(...traced.with);
      allWithout.push(...traced.without);
      // The synchronous share, timed in the page: interleaved blocks of 10 on each side, and on the floor (the page
      // without Turnkeeper, watched by observers that do nothing), the order turned every pair.
      const timed = { with: [], without: [], floor: [] };
      for (let pair = 0; pair < pairs; pair++) {
        const sides = [['with', withSide], ['without', withoutSide], ['floor', withoutSide]];
        for (let k = 0; k < sides.length; k++) {
          const [name, side] = sides[(k + pair) % sides.length];
          timed[name].push(...(await timedInPage(side, 10, 200, update, name === 'floor' ? site.observed : null)));
        }
      }
      // i: 0 the site's update, 1 the observers after it, 2 both.
      const inPage = (i) => Object.fromEntries(Object.entries(timed).map(([name, list]) => [name, quantile(list.map((t) => (i === 2 ? t[0] + t[1] : t[i])), 0.5)]));
      updates.push({
        what: update[0],
        cpu: pairedStats(withBlocks, withoutBlocks, 'cpu'),
        gc: pairedStats(withBlocks, withoutBlocks, 'gc'),
        nogc: pairedStats(withBlocks, withoutBlocks, 'nogc'),
        wall: pairedStats(withBlocks, withoutBlocks, 'task'),
        breakdown: { with: meanBreakdown(traced.with), without: meanBreakdown(traced.without) },
        inPage: { count: timed.with.length, update: inPage(0), observers: inPage(1), both: inPage(2) },
      });
    }
    // The content script's JS by the sampling profiler, over a block of every update in turn.
    let turn = 0;
    const profiled = options.figuresOnly
      ? { ms: NaN, functions: [] }
      : await profileContentScript(withSide, UPDATES.length * 4, settleMs, site.scriptName, (s) => stepOf(UPDATES[turn++ % UPDATES.length])(s));
    const nodes = options.figuresOnly ? null : { with: await nodeCounts(withSide), without: await nodeCounts(withoutSide) };
    return {
      site: site.name,
      scriptName: site.scriptName,
      pairs,
      perBlock,
      tracedPairs,
      settleMs,
      rows: SHOWN,
      rerenders: RERENDERS,
      chipsShown,
      knownShown,
      idle: pairedStats(idleWith, idleWithout, 'cpu'),
      updates,
      breakdown: { with: meanBreakdown(allWith), without: meanBreakdown(allWithout) },
      contentScriptMs: profiled.ms,
      contentScriptFunctions: profiled.functions,
      nodes,
    };
  } finally {
    await withSide.session.close();
    await withoutSide.session.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { traceDifferences } = await import('./main-thread.mjs');
  const r = await measureLists({ site: process.env.SITE ?? 'gmail', pairs: Number(process.env.PAIRS ?? 2), perBlock: Number(process.env.PER_BLOCK ?? 5), collapsed: !!process.env.COLLAPSED, extensionPath: process.env.EXTENSION_PATH, baselinePath: process.env.BASELINE_PATH, tracedPairs: Number(process.env.TRACED_PAIRS ?? 2), figuresOnly: !!process.env.FIGURES_ONLY });
  const f = (n) => n.toFixed(2);
  console.log(`chips ${r.chipsShown} on ${r.knownShown} known rows`);
  for (const u of r.updates) console.log(`${u.what}: ${traceDifferences(u.breakdown, 5).map((row) => `${row.name} ${f(row.diff)}`).join('; ')}`);
  for (const u of r.updates) console.log(`${u.what}: in the page, update ${f(u.inPage.update.with)} / ${f(u.inPage.update.floor)} / ${f(u.inPage.update.without)} ms, observers ${f(u.inPage.observers.with)} / ${f(u.inPage.observers.floor)} / ${f(u.inPage.observers.without)} ms (with / floor / without)`);
  console.log(`nothing changing: cpu median ${f(r.idle.median)} (p25 ${f(r.idle.p25)}, p75 ${f(r.idle.p75)}); diffs ${r.idle.differences.map(f).join(' ')}`);
  for (const u of r.updates) console.log(`${u.what}: forced GC per block median ${f(u.gc.withMedian)} / ${f(u.gc.withoutMedian)}; cpu without it ${f(u.nogc.median)} (p25 ${f(u.nogc.p25)}, p75 ${f(u.nogc.p75)})`);
  for (const u of r.updates) console.log(`${u.what}: cpu median ${f(u.cpu.median)} (p25 ${f(u.cpu.p25)}, p75 ${f(u.cpu.p75)}); with ${f(u.cpu.withMedian)} without ${f(u.cpu.withoutMedian)}; diffs ${u.cpu.differences.map(f).join(' ')}`);
  console.log(`${r.scriptName} JS ${f(r.contentScriptMs)} ms per update`);
  for (const [name, value] of r.contentScriptFunctions) console.log(`  self ${name}: ${f(value)} ms`);
  for (const row of traceDifferences(r.breakdown, 12)) console.log(`${row.name}: with ${f(row.with)} without ${f(row.without)} diff ${f(row.diff)}`);
  console.log(JSON.stringify(r.nodes));
}
