// The content script: recognise the page, read the open conversation(s) through the site adapter, send what was read
// to the background, and host the sidebar. It keeps no history and never opens a database: the record lives in the
// extension's origin (docs/architecture.md, "Why this shape").
import type { ContentToBackground, PageReadMessage, ReplyTo, SidebarApplyMessage } from '../protocol/types';
import {
  closeBackgroundPort,
  extensionAlive,
  extensionUrl,
  onBackgroundMessage,
  sendToBackground,
  sidebarExpectedOpen,
} from './extension-api';
import { fitToLimits } from './fit-to-limits';
import { sameData } from './same-data';
import { watchLists, type ListSource } from './list-wiring';
import { createSidebarFrame } from './sidebar-frame';
import { pageTheme } from './page-theme';
import { watchPage } from './watch-page';
import type { SiteAdapter } from '../sites/types';

const SIDEBAR_PAGE = 'src/ui/sidebar/index.html';
const INSTANCE_KEY = '__turnkeeperContentScript';
/** How often an orphaned copy (the extension was reloaded, updated or removed under this page) notices it. */
const ORPHAN_CHECK_MS = 1_000;
/** When a read was not answered (the service worker was stopped while handling it), it is sent again after these. */
const RETRY_DELAYS_MS = [500, 2_000, 8_000];

/** Runs the content script for one site: each site has its own bundle (gmail.ts, linkedin.ts), so a page carries
 * only its own site's adapter, and only its own site's list readers (`lists`, list-wiring.ts). */
export function startContent(adapter: SiteAdapter, lists: readonly ListSource[] = []): void {
  if (!adapter.matches(new URL(location.href))) return;

  // An extension update injects a new copy of this script into open tabs' isolated world... only in Firefox; in
  // Chrome the old copy is orphaned. Either way only one copy may run: the newest stops the older one.
  const previous = (window as unknown as Record<string, AbortController | undefined>)[INSTANCE_KEY];
  previous?.abort();
  const controller = new AbortController();
  (window as unknown as Record<string, AbortController>)[INSTANCE_KEY] = controller;
  const { signal } = controller;
  // Teardown must never throw into the page: once the extension is gone, some of its APIs do.
  const onAbort = (cleanup: () => void) =>
    signal.addEventListener('abort', () => {
      try {
        cleanup();
      } catch {
        // The extension context is invalidated; there is nothing left to clean up on its side.
      }
    });

  const sidebar = createSidebarFrame(extensionUrl(SIDEBAR_PAGE), (open) => {
    if (stopIfOrphaned()) return;
    sidebar.apply({ type: 'sidebar/apply', open });
    void send({ type: 'sidebar/set-open', open });
  });
  onAbort(() => sidebar.remove());
  onAbort(closeBackgroundPort);
  // The sidebar page starts loading (hidden) now, while the first read is stored, instead of after the background's
  // answer: its HTML and scripts overlap the ingest. Shown when the answer says open. Where the user keeps it
  // collapsed, the stored choice (one storage call, which under load takes as long as the answer) drops it again.
  sidebar.preload();
  void sidebarExpectedOpen(adapter.site).then((open) => {
    if (!open && !signal.aborted) sidebar.dropPreload();
  });

  function stopIfOrphaned(): boolean {
    if (signal.aborted) return true;
    if (extensionAlive()) return false;
    controller.abort();
    return true;
  }

  // Chrome tells an orphaned content script nothing, and its sidebar frame goes dead with the extension: check for it
  // (one property read) so the dead frame is removed at once, not at the page's next change.
  const orphanCheck = setInterval(stopIfOrphaned, ORPHAN_CHECK_MS);
  onAbort(() => clearInterval(orphanCheck));

  async function send<Message extends ContentToBackground>(
    message: Message,
  ): Promise<ReplyTo<Message['type']> | undefined> {
    if (stopIfOrphaned()) return undefined;
    try {
      return await sendToBackground(message);
    } catch {
      // The background was restarting or the extension went away; the caller retries.
      stopIfOrphaned();
      return undefined;
    }
  }

  // The read sent last (or being sent): an equal read is not sent again.
  let lastSent: PageReadMessage | undefined;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;
  onAbort(() => clearTimeout(retryTimer));

  /** Reads the page and sends the read unless it is the one sent last. `onlyAnotherThread` (a navigation's early
   * read, before the page settled): sends only when the page shows a thread other than those sent last, since the
   * page may still show the thread being left, or half of the list being left; returns whether it sent. */
  const readAndSend = (onlyAnotherThread = false): boolean => {
    if (stopIfOrphaned()) return false;
    const url = new URL(location.href);
    const result = fitToLimits(adapter.readThreads(document, url, new Date()));
    if (onlyAnotherThread) {
      const sent = new Set(lastSent?.result.threads.map((thread) => thread.threadId));
      if (result.threads.every((thread) => sent.has(thread.threadId))) return false;
    }
    clearTimeout(retryTimer);
    retryTimer = undefined;
    sidebar.ensureAttached();
    const theme = pageTheme(document);
    const message: PageReadMessage = { type: 'page/read', site: adapter.site, url: url.href, result, ...(theme ? { theme } : {}) };
    if (lastSent && sameData(message, lastSent)) return true;
    lastSent = message;
    void send(message).then((reply) => {
      if (signal.aborted) return;
      if (reply?.ok) {
        failures = 0;
        sidebar.apply(reply.sidebar);
        // A list beside the thread (LinkedIn's) shows the record as it was before this read: ask for its chips again.
        if (result.threads.length && !reply.storageError) pageLists.askAgain();
        // Not stored (storage full, database blocked): the page's next change tries again.
        if (reply.storageError && lastSent === message) lastSent = undefined;
        return;
      }
      if (reply !== undefined) return; // refused (a shape error): sending the same again would be refused again
      // No answer: the service worker was stopped before it replied (Chrome stops idle workers, and an ingest cut
      // short is rolled back whole). Read and send again, a few times, so nothing read is lost.
      if (lastSent === message) lastSent = undefined;
      const delay = RETRY_DELAYS_MS[failures++];
      if (delay === undefined) failures = 0; // given up: the page's next change tries again
      else retryTimer = setTimeout(() => readAndSend(), delay);
    });
    return true;
  };

  const stopListening = onBackgroundMessage((message: SidebarApplyMessage) => {
    if (!signal.aborted) sidebar.apply(message);
  });
  onAbort(stopListening);

  const pageLists = watchLists(adapter.site, lists, send, signal);

  watchPage({
    root: () => document.querySelector('[role="main"]') ?? document.body ?? document.documentElement,
    onChange: ({ threadAlreadyRead }) => {
      if (!threadAlreadyRead) readAndSend();
      pageLists.refresh();
    },
    // A list's rows re-rendered or scrolled hold no open thread: the thread is read only when something else changed.
    ignore: pageLists.owns,
    exclude: pageLists.rowParents,
    onMutation: pageLists.refreshLost,
    // A thread switched to is sent as soon as the page shows it; the debounced read is then skipped unless the page
    // changed after it.
    onNavigation: () => readAndSend(true),
    signal,
  });
}
