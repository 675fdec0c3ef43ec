// Profiling helper: a persistent profile filled once at 100k, then timings.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { resolve } from 'node:path';
const ext = resolve('/tmp/out-dashboard/chrome');
const profile = '/tmp/tk/profile100k';
const fresh = !existsSync(profile);
const context = await chromium.launchPersistentContext(profile, {
  executablePath: '/usr/lib/chromium/chromium', headless: true,
  ignoreDefaultArgs: ['--disable-extensions'],
  args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu'],
});
const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
const id = new URL(worker.url()).host;
const url = `chrome-extension://${id}/src/ui/dashboard/index.html`;
const mod = await import('/work/main/test/bench/dashboard-bench.mjs');
if (fresh) {
  console.log('filling…');
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]');
  await page.evaluate(mod.__fillDatabase, { people: 2000, conversations: 10000, messages: 100000, now: Date.now() });
  await page.close();
}
const mode = process.argv[2] ?? 'render';
await new Promise((r) => setTimeout(r, 8000));
for (let i = 0; i < 4; i++) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]', { timeout: 120000 });
  const r = await page.evaluate(() => ({ fr: performance.getEntriesByName('turnkeeper:first-render')[0]?.startTime, t: globalThis.__tk, nav: performance.getEntriesByType('navigation')[0]?.domContentLoadedEventEnd }));
  console.log(JSON.stringify(r));
  if (mode === 'search' && i === 3) {
    const times = await page.evaluate(mod.__typeQueries, ['pricing', 'dana whitfield', 'acme']);
    console.log(JSON.stringify(times.map((x) => Math.round(x))));
    console.log(JSON.stringify(await page.evaluate(() => globalThis.__tkSearch)));
  }
  await page.close();
}
await context.close();
