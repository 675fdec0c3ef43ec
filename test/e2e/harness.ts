// What the end-to-end tests share: a browser with the extension, the demo pages routed at the real sites' URLs, the
// sidebar frame, the extension's database, and a log of every network request an extension context tried to make.
import type { Frame, Page } from 'playwright-core';
import { routeDemoPages } from '../demo/demo-pages.mjs';
import { launchWithExtension } from './browser.mjs';

export type Session = Awaited<ReturnType<typeof startSession>>;

export async function startSession(options: { now?: Date; colorScheme?: 'light' | 'dark' } = {}) {
  const browser = await launchWithExtension({ ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}) });
  const { context, worker, extensionId } = browser;
  const extensionRequests: string[] = [];
  // Every network request that is not for a routed demo page is refused, and remembered when an extension context
  // asked for it. (The extension's own chrome-extension:// files are not network requests and pass untouched.)
  await context.route(/^(https?|wss?):\/\/(?!(mail\.google|www\.linkedin)\.com\/)/, (route) => {
    const request = route.request();
    const frameUrl = (() => {
      try {
        return request.frame().url();
      } catch {
        return 'service-worker';
      }
    })();
    if (/^(chrome-extension:|service-worker)/.test(frameUrl)) {
      extensionRequests.push(request.url());
    }
    return route.abort();
  });
  // Requests made by the service worker itself (Chromium reports them on the context).
  context.on('request', (request) => {
    if (request.serviceWorker() && /^(https?|wss?):/.test(request.url())) extensionRequests.push(request.url());
  });
  await routeDemoPages(context, options.now ?? new Date());
  // The service worker is replaced when the extension reloads; reads go to the current one.
  let currentWorker = worker;
  context.on('serviceworker', (next) => {
    if (next.url().startsWith(`chrome-extension://${extensionId}/`)) currentWorker = next;
  });

  return {
    ...browser,
    extensionRequests,
    /** The extension's service worker now (a new one after `chrome.runtime.reload()`). */
    currentWorker: () => currentWorker,
    /**
     * Closes the browser, then fails the file if any extension context (service worker, sidebar, dashboard) tried to
     * reach the network during the session: "no network requests, ever" holds for every e2e file.
     */
    async close(): Promise<void> {
      await browser.close();
      this.assertNoExtensionRequests();
    },
    /** Throws, listing them, if any extension context tried to reach the network so far. */
    assertNoExtensionRequests(): void {
      if (extensionRequests.length) {
        throw new Error(`extension contexts made network requests:\n${extensionRequests.join('\n')}`);
      }
    },
    async open(url: string): Promise<Page> {
      const page = await context.newPage();
      await page.goto(url);
      return page;
    },
    /** Rows of one table of the extension's database, read in the service worker (the extension's origin). */
    async table<T = Record<string, unknown>>(name: string): Promise<T[]> {
      return currentWorker.evaluate(
        (store) =>
          new Promise<T[]>((resolve, reject) => {
            const open = indexedDB.open('turnkeeper');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const db = open.result;
              if (!db.objectStoreNames.contains(store)) return resolve([]);
              const request = db.transaction(store).objectStore(store).getAll();
              request.onsuccess = () => {
                resolve(request.result as T[]);
                db.close();
              };
              request.onerror = () => reject(request.error);
            };
          }),
        name,
      );
    },
    extensionId,
  };
}

/** The sidebar's frame in `page`; it is cross-origin, inside a closed shadow root, so it is found among the frames. */
export async function sidebarFrame(page: Page, timeout = 10_000): Promise<Frame> {
  const deadline = Date.now() + timeout;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith('chrome-extension://') && f.url().includes('/sidebar/'));
    if (frame) {
      await frame.waitForLoadState('domcontentloaded');
      return frame;
    }
    if (Date.now() > deadline) throw new Error('no sidebar frame appeared');
    await page.waitForTimeout(50);
  }
}

/** Waits until `check` passes (it throws until then), so tests wait for behaviour, not for fixed times. */
export async function eventually<T>(check: () => Promise<T> | T, timeout = 10_000): Promise<T> {
  const deadline = Date.now() + timeout;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

/** A reply arriving in the open Gmail thread of `page`, as Gmail renders it: a copy of the last expanded message. */
export async function appendGmailReply(
  page: Page,
  reply: { legacyId: string; fromEmail: string; fromName: string; text: string },
): Promise<void> {
  await page.evaluate(({ legacyId, fromEmail, fromName, text }) => {
    const list = document.querySelector('[role=main] [role=list]')!;
    const message = list.querySelector('.adn:last-of-type')!.cloneNode(true) as HTMLElement;
    message.setAttribute('data-message-id', `#msg-f:${BigInt(`0x${legacyId}`)}`);
    message.setAttribute('data-legacy-message-id', legacyId);
    const sender = message.querySelector('.gD')!;
    sender.setAttribute('email', fromEmail);
    sender.setAttribute('name', fromName);
    message.querySelector('.a3s')!.textContent = text;
    list.append(message);
  }, reply);
}
