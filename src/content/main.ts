// The content script: recognise the page, read the open conversation(s) through the site adapter, send what was read
// to the background, and host the sidebar. It keeps no history and never opens a database: the record lives in the
// extension's origin (ARCHITECTURE.md, "Why this shape").
import type { PageReadMessage, PageReadReply, SidebarApplyMessage } from '../messages';
import {
  extensionAlive,
  extensionUrl,
  localStorageArea,
  onBackgroundMessage,
  sendToBackground,
} from './extension-api';
import { pickAdapter } from './pick-adapter';
import { createSidebarFrame } from './sidebar-frame';
import { watchPage } from './watch-page';

const SIDEBAR_PAGE = 'src/ui/sidebar/index.html';
const INSTANCE_KEY = '__turnkeeperContentScript';

function start(): void {
  const adapter = pickAdapter(new URL(location.href));
  if (!adapter) return;

  // An extension update injects a new copy of this script into open tabs' isolated world... only in Firefox; in
  // Chrome the old copy is orphaned. Either way only one copy may run: the newest stops the older one.
  const previous = (window as unknown as Record<string, AbortController | undefined>)[INSTANCE_KEY];
  previous?.abort();
  const controller = new AbortController();
  (window as unknown as Record<string, AbortController>)[INSTANCE_KEY] = controller;
  const { signal } = controller;

  const sidebar = createSidebarFrame(extensionUrl(SIDEBAR_PAGE), (open) => {
    sidebar.apply({ type: 'sidebar/apply', open });
    void send({ type: 'sidebar/set-open', open });
  });
  signal.addEventListener('abort', () => sidebar.remove());
  // Open the sidebar at once when the user keeps it open on this site, so its page loads while the thread is read
  // and stored, instead of after. (The background remembers the choice; see background/sidebar-prefs.ts.)
  void localStorageArea
    .get('sidebarOpen')
    .then((stored) => {
      const prefs = (stored.sidebarOpen ?? {}) as Partial<Record<string, boolean>>;
      if (!signal.aborted && !sidebar.isOpen()) sidebar.apply({ type: 'sidebar/apply', open: prefs[adapter.site] ?? true });
    })
    .catch(() => undefined);

  const stopIfOrphaned = (): boolean => {
    if (extensionAlive()) return false;
    controller.abort();
    return true;
  };

  async function send<Reply>(message: Parameters<typeof sendToBackground>[0]): Promise<Reply | undefined> {
    if (stopIfOrphaned()) return undefined;
    try {
      return await sendToBackground<Reply>(message);
    } catch {
      // The background was restarting or the extension went away; the next change retries.
      stopIfOrphaned();
      return undefined;
    }
  }

  let lastSent = '';
  const readAndSend = () => {
    if (stopIfOrphaned()) return;
    sidebar.ensureAttached();
    const url = new URL(location.href);
    const result = adapter.readThreads(document, url, new Date());
    const message: PageReadMessage = { type: 'page/read', site: adapter.site, url: url.href, result };
    const serialized = JSON.stringify(message);
    if (serialized === lastSent) return;
    lastSent = serialized;
    void send<PageReadReply>(message).then((reply) => {
      if (reply?.ok && !signal.aborted) sidebar.apply(reply.sidebar);
    });
  };

  const stopListening = onBackgroundMessage((message: SidebarApplyMessage) => {
    if (!signal.aborted) sidebar.apply(message);
  });
  signal.addEventListener('abort', stopListening);

  watchPage({
    root: () => document.querySelector('[role="main"]') ?? document.body ?? document.documentElement,
    onChange: readAndSend,
    signal,
  });
}

start();
