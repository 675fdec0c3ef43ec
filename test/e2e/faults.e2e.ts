// Faults in the real browser: the service worker stopped in the middle of an ingest, and the extension reloaded (as
// on an update) under an open Gmail tab. Nothing read may be lost or doubled, and the page must not see errors.
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA, DEMO_URLS, gmailThreadMarkup, gmailThreads, ME } from '../demo/demo-pages.mjs';
import { eventually, type Session, sidebarFrame, startSession } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot] = gmailThreads(now, timeZone);

let session: Session;
beforeAll(async () => {
  session = await startSession({ clock });
});
afterAll(async () => {
  session?.assertNoExtensionRequests();
  await session?.close();
});

// ── a long Gmail thread, served at its own URL ──────────────────────────────
const BIG_ID = 'FMfcgzFaultsBigThread';
const BIG_LEGACY = '19a0c0ffee00f000';
const BIG_URL = DEMO_URLS.gmailThread(BIG_ID);
const BIG_SUBJECT = 'Rollout plan, all 400 messages';

function bigThread(count: number) {
  const start = now.getTime() - 400 * 3_600_000;
  return {
    id: BIG_ID,
    legacy: BIG_LEGACY,
    subject: BIG_SUBJECT,
    messages: Array.from({ length: count }, (_, i) => ({
      legacyId: `19a0c0ffee1${i.toString(16).padStart(5, '0')}`,
      from: i % 2 ? ME : DANA,
      to: [i % 2 ? DANA : ME],
      cc: [],
      at: new Date(start + i * 3_600_000),
      text: `Message ${i} of the rollout. ` + `Line ${i} about seats, pricing and onboarding. `.repeat(30),
    })),
  };
}

function gmailPage(count: number): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Rollout - ${ME.email} - Gmail</title></head>
<body><header><a aria-label="Google Account: ${ME.name} (${ME.email})" href="https://accounts.google.com/SignOutOptions">S</a></header>
<div class="nH"><div role="main" class="nH">${gmailThreadMarkup(bigThread(count))}</div></div></body></html>`;
}

/** Opens a tab whose mail.google.com URLs serve the big thread with `count()` messages (read at each load). */
async function openBig(count: () => number): Promise<Page> {
  const page = await session.context.newPage();
  await page.route('https://mail.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: gmailPage(count()) }),
  );
  await page.goto(BIG_URL);
  return page;
}

// ── reading the database from an extension page (works whatever state the service worker is in) ──
let reader: Page | undefined;
async function rows<T = Record<string, unknown>>(store: string): Promise<T[]> {
  if (!reader || reader.isClosed()) {
    reader = await session.context.newPage();
    await reader.goto(session.extensionUrl('src/ui/dashboard/index.html'));
  }
  return reader.evaluate(
    (name) =>
      new Promise<T[]>((resolve, reject) => {
        const open = indexedDB.open('turnkeeper');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const request = db.transaction(name).objectStore(name).getAll();
          request.onsuccess = () => {
            db.close();
            resolve(request.result as T[]);
          };
          request.onerror = () => reject(request.error);
        };
      }),
    store,
  );
}
interface MessageRow {
  id: string;
  conversationId: string;
  text: string;
  partial: boolean;
}
const messagesOf = async (cid: string) => (await rows<MessageRow>('messages')).filter((m) => m.conversationId === cid);
/** The conversation id the extension gave the thread with this subject. */
const cidOf = async (subject: string) => {
  const found = (await rows<{ id: string; subject?: string }>('conversations')).filter((c) => c.subject === subject);
  if (found.length !== 1) throw new Error(`${found.length} conversations named ${subject}`);
  return found[0]!.id;
};


/** Stops every service worker through the DevTools protocol (a page's CDP session sees the extension's worker). */
async function stopServiceWorkers(page: Page): Promise<void> {
  const cdp: CDPSession = await session.context.newCDPSession(page);
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await cdp.detach();
}

describe('the service worker stopped in the middle of an ingest', () => {
  it('rolls the ingest back whole; the page sends again; the record ends complete, nothing doubled', async () => {
    let count = 200;
    const page = await openBig(() => count);
    const BIG_CID = await eventually(() => cidOf(BIG_SUBJECT), 20_000);
    await eventually(async () => expect(await messagesOf(BIG_CID)).toHaveLength(200), 20_000);
    const before = (await messagesOf(BIG_CID)).sort((a, b) => a.id.localeCompare(b.id));

    // Hold the next ingest's transaction open once it has issued its first message write, and say so: the worker
    // is then stopped with the writes in flight, the hardest moment for atomicity. (The hook lives in this worker
    // only; the worker that starts after the stop runs the real code untouched.)
    await session.currentWorker().evaluate(() => {
      const scope = self as unknown as { __midIngest?: boolean };
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args: Parameters<typeof put>) {
        const request = put.apply(this, args);
        if (this.name === 'messages' && !scope.__midIngest) {
          scope.__midIngest = true;
          const store = this;
          const keepAlive = () => {
            store.get('keep-alive').onsuccess = keepAlive;
          };
          keepAlive();
        }
        return request;
      };
    });
    count = 400;
    await page.reload();
    await eventually(
      () =>
        session
          .currentWorker()
          .evaluate(() => (self as unknown as { __midIngest?: boolean }).__midIngest === true)
          .then((yes) => expect(yes).toBe(true)),
      20_000,
    );
    await stopServiceWorkers(page);

    // Right after the stop: exactly the earlier 200 rows, untouched (the cut transaction left nothing behind).
    const afterStop = (await messagesOf(BIG_CID)).sort((a, b) => a.id.localeCompare(b.id));
    expect(afterStop).toEqual(before);

    // No reload: the content script saw its read go unanswered and sends it again to the restarted worker.
    await eventually(async () => expect(await messagesOf(BIG_CID)).toHaveLength(400), 20_000);

    // Reading the same page again changes nothing.
    await page.reload();
    await sidebarFrame(page);
    await page.waitForTimeout(1_500);
    const final = await messagesOf(BIG_CID);
    expect(final).toHaveLength(400);
    expect(new Set(final.map((m) => m.id)).size).toBe(400);
    expect(new Set(final.map((m) => m.text.slice(0, 20))).size).toBe(400);
    expect(final.every((m) => !m.partial)).toBe(true);
    for (const old of before) expect(final.find((m) => m.id === old.id)).toEqual(old);
    const conversations = (await rows<{ id: string }>('conversations')).filter((c) => c.id === BIG_CID);
    expect(conversations).toHaveLength(1);
    await page.close();
  }, 90_000);

  it.each([0, 150, 400, 900])(
    'stopped %i ms after the page loads, then the page read again: exactly the page\'s messages',
    async (delay) => {
      const page = await openBig(() => 400);
      await page.waitForTimeout(delay);
      await stopServiceWorkers(page);
      await page.reload();
      await sidebarFrame(page);
      const BIG_CID = await eventually(() => cidOf(BIG_SUBJECT), 20_000);
      await eventually(async () => expect(await messagesOf(BIG_CID)).toHaveLength(400), 20_000);
      await page.waitForTimeout(1_000);
      const final = await messagesOf(BIG_CID);
      expect(final).toHaveLength(400);
      expect(new Set(final.map((m) => m.id)).size).toBe(400);
      await page.close();
    },
    60_000,
  );
});

describe('the extension reloaded (as on an update) under an open Gmail tab', () => {
  const errors: string[] = [];
  const sidebarPageErrors: string[] = [];
  it('the old content script removes its sidebar without an error; after a reload the sidebar works, record intact', async () => {
    // Unpacked extensions reload only in developer mode (otherwise Chrome disables them on reload).
    const settings = await session.context.newPage();
    await settings.goto('chrome://extensions/');
    await settings.evaluate(
      () =>
        new Promise<void>((resolve) =>
          (
            globalThis as unknown as {
              chrome: { developerPrivate: { updateProfileConfiguration(c: object, done: () => void): void } };
            }
          ).chrome.developerPrivate.updateProfileConfiguration({ inDeveloperMode: true }, resolve),
        ),
    );
    await settings.close();

    const page = await session.context.newPage();
    // Errors of the page and of the content script (its isolated world) vs errors of the old sidebar page itself.
    const fromExtensionPage = (where: string | undefined) => !!where && where.includes('chrome-extension://');
    page.on('pageerror', (error) =>
      (fromExtensionPage(error.stack) ? sidebarPageErrors : errors).push(`pageerror: ${error.message}`),
    );
    page.on('console', (message) => {
      if (message.type() !== 'error' && message.type() !== 'warning') return;
      (fromExtensionPage(message.location().url) ? sidebarPageErrors : errors).push(
        `console.${message.type()}: ${message.text()}`,
      );
    });
    // Exceptions in every world of the tab's own renderer, the content script's isolated world included.
    const cdp = await session.context.newCDPSession(page);
    cdp.on('Runtime.exceptionThrown', ({ exceptionDetails }) =>
      (fromExtensionPage(exceptionDetails.url) ? sidebarPageErrors : errors).push(
        `exception: ${exceptionDetails.exception?.description ?? exceptionDetails.text}`,
      ),
    );
    await cdp.send('Runtime.enable');
    await page.goto(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await expect.poll(() => sidebar.getByTestId('message').count()).toBe(2);
    const pilotCid = await eventually(() => cidOf('Pilot pricing for Acme'));
    const recordBefore = await messagesOf(pilotCid);
    expect(recordBefore).toHaveLength(2);

    await session
      .currentWorker()
      .evaluate(() => (globalThis as unknown as { chrome: { runtime: { reload(): void } } }).chrome.runtime.reload());

    // The orphaned script notices on its own (no page change needed) and takes its sidebar and dock style away.
    await expect.poll(() => page.locator('turnkeeper-sidebar').count(), { timeout: 5_000 }).toBe(0);
    expect(await page.evaluate(() => document.getElementById('turnkeeper-dock'))).toBeNull();
    // The frame's detach reaches the test a moment after the host element is gone.
    await expect.poll(() => page.frames().filter((frame) => frame.url().startsWith('chrome-extension://')).length).toBe(0);
    // The page keeps changing and navigating: the stopped script stays silent.
    await page.evaluate((id) => (location.hash = `#inbox/${id}`), gmailThreads(now, timeZone)[1]!.id);
    await page.evaluate(() => document.querySelector('[role=main]')!.append(document.createElement('div')));
    await page.waitForTimeout(1_500);
    expect(await page.locator('turnkeeper-sidebar').count()).toBe(0);

    // The new version is injected on the next load (Chrome does not inject into open tabs).
    await eventually(() => expect(session.context.serviceWorkers().length).toBeGreaterThan(0));
    await page.goto(DEMO_URLS.gmailThread(pilot!.id)); // a hash change: same document…
    await page.reload(); // …so load it anew
    const fresh = await sidebarFrame(page);
    await expect.poll(() => fresh.getByTestId('subject').textContent(), { timeout: 15_000 }).toBe('Pilot pricing for Acme');
    await expect.poll(() => fresh.getByTestId('message').count()).toBe(2);
    expect(await page.locator('turnkeeper-sidebar').count()).toBe(1);
    reader = undefined; // the old reader page belonged to the unloaded extension
    expect(await messagesOf(pilotCid)).toEqual(recordBefore);

    await cdp.detach();
    expect(errors).toEqual([]);
    // In the second between the reload and the content script removing the frame, the old sidebar page may still
    // re-render; it must do so without an error (src/ui/i18n.ts `t()` shows keys once the extension is gone).
    expect(sidebarPageErrors).toEqual([]);
    await page.close();
  }, 60_000);
});
