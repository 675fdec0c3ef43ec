// What the end-to-end tests share: a browser with the extension, the demo pages routed at the real sites' URLs, the
// sidebar frame, the extension's database, and a log of every network request an extension context tried to make.
import type { Frame, Page, Request } from 'playwright-core';
import { expect } from 'vitest';
import { DEMO_URLS, routeDemoPages } from '../demo/demo-pages.mjs';
import { launchWithExtension } from './browser.mjs';
import { type E2eClock, fileClock } from './local-time';

export type Session = Awaited<ReturnType<typeof startSession>>;

/** Whether `request` was made by an extension context: the service worker, an extension page or the sidebar frame. */
function fromExtension(request: Request): boolean {
  if (request.serviceWorker()) return true;
  try {
    return request.frame().url().startsWith('chrome-extension:');
  } catch {
    return true; // no frame: a worker's request
  }
}

/**
 * @param options.clock the time of day the browser runs at and the demo is written for (default: the file's clock).
 * @param options.bypassCSP only for a throwaway session that must break a rule to prove the rule is checked.
 */
export async function startSession(
  options: { clock?: E2eClock; colorScheme?: 'light' | 'dark'; bypassCSP?: boolean } = {},
) {
  const clock = options.clock ?? fileClock();
  const browser = await launchWithExtension({
    timeZone: clock.timeZone,
    ...(options.colorScheme ? { colorScheme: options.colorScheme } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
  });
  const { context, worker, extensionId } = browser;
  const extensionRequests: string[] = [];
  const recordFromExtension = (request: Request) => {
    if (fromExtension(request) && !extensionRequests.includes(request.url())) extensionRequests.push(request.url());
  };
  // Every network request an extension context makes is remembered. Requests are reported on the context before any
  // route sees them (the service worker's too, in Chromium), so one a test's own page.route() answers is not missed.
  // (The extension's own chrome-extension:// files are not network requests.)
  context.on('request', (request) => {
    if (/^(https?|wss?):/.test(request.url())) recordFromExtension(request);
  });
  // Every request that is not for a routed demo page is refused.
  await context.route(/^(https?|wss?):\/\/(?!(mail\.google|www\.linkedin)\.com\/)/, (route) => route.abort());
  await routeDemoPages(context, clock.now, clock.timeZone);
  // The sites' own hosts are served by the demo to their pages, never to an extension context (routes added last are
  // asked first).
  await context.route(/^https:\/\/(mail\.google|www\.linkedin)\.com\//, (route) =>
    fromExtension(route.request()) ? route.abort() : route.fallback(),
  );
  // The service worker is replaced when the extension reloads; reads go to the current one.
  let currentWorker = worker;
  context.on('serviceworker', (next) => {
    if (next.url().startsWith(`chrome-extension://${extensionId}/`)) currentWorker = next;
  });

  return {
    ...browser,
    clock,
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

/** The accessible names of the page's nodes of `roles`, as the browser computes them for assistive technology (closed
 * shadow roots included, which the page's own scripts cannot reach). */
export async function accessibleNames(page: Page, roles: readonly string[]): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: { role?: { value?: string }; name?: { value?: string } }[];
    };
    return nodes.filter((n) => roles.includes(n.role?.value ?? '')).map((n) => n.name?.value ?? '');
  } finally {
    await cdp.detach();
  }
}

/** Opens `url` in a new tab of the session and finds the sidebar beside it. */
export async function openThread(session: Session, url: string): Promise<{ page: Page; sidebar: Frame }> {
  const page = await session.open(url);
  const sidebar = await sidebarFrame(page);
  return { page, sidebar };
}

/** The sidebar's turn line ("Your turn: Dana wrote yesterday"). */
export const turnOf = (sidebar: Frame) => sidebar.getByTestId('turn').textContent();

/** A row of the notes table, as the tests read it. */
export interface NoteRow {
  id: string;
  conversationId?: string;
  text: string;
  promised: boolean;
  done: boolean;
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

/**
 * Reads the demo record as a seller would: opens each demo Gmail thread and the LinkedIn conversation with Dana, then
 * follows the link to Marco Rossi's; returns once the record holds them all.
 */
export async function readDemoConversations(
  session: Session,
  gmailThreads: readonly { id: string; subject: string }[],
  linkedinConversation: Parameters<typeof DEMO_URLS.linkedinThread>[0],
): Promise<void> {
  for (const thread of gmailThreads) {
    const page = await session.open(DEMO_URLS.gmailThread(thread.id));
    await eventually(async () => {
      const rows = await session.table<{ subject?: string }>('conversations');
      expect(rows.map((r) => r.subject)).toContain(thread.subject);
    });
    await page.close();
  }
  const linkedin = await session.open(DEMO_URLS.linkedinThread(linkedinConversation));
  await eventually(async () => {
    const rows = await session.table<{ site: string }>('conversations');
    expect(rows.filter((r) => r.site === 'linkedin')).toHaveLength(1);
  });
  await linkedin.getByRole('link', { name: 'Marco Rossi' }).click();
  await eventually(async () => {
    const rows = await session.table<{ site: string }>('conversations');
    expect(rows.filter((r) => r.site === 'linkedin')).toHaveLength(2);
  });
  await linkedin.close();
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
