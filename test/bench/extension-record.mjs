// Fills the extension's database in a browser launched by launchWithExtension with the generated record (the one
// generator of test/bench/bench-data.ts, through the real ingest), from one of the extension's own pages.
import { pageBundle } from './page-bundle.mjs';

/**
 * @param {{ context: import('playwright-core').BrowserContext, extensionUrl: (path: string) => string }} session
 * @param {{ people: number, conversations: number, messages: number }} sizes
 * @param {number} now the moment the record is generated for (ms since the epoch)
 */
export async function fillExtensionRecord(session, sizes, now) {
  const page = await session.context.newPage();
  try {
    // A document of the extension's origin with no UI: a dashboard or sidebar page would re-run its live queries
    // after every transaction of the fill (measured 6x slower).
    await page.goto(session.extensionUrl('manifest.json'));
    // A string is evaluated through the DevTools protocol, which the extension page's CSP does not apply to.
    await page.evaluate(await pageBundle('fill-in-page.ts'));
    const start = Date.now();
    const counts = await page.evaluate(([s, n]) => globalThis.turnkeeperFillRecord(s, n), [sizes, now]);
    return { ...counts, fillMs: Date.now() - start };
  } finally {
    await page.close();
  }
}
