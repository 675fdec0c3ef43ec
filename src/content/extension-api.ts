// The content script talks to the extension through the promise-based `runtime` API that both Chrome (MV3) and
// Firefox provide natively. It does not bundle webextension-polyfill: the extension pages and the background do,
// but every byte here is loaded into Gmail and LinkedIn, and these two calls need no polyfill.
import type { Site } from '../core/site';
import { PAGE_PORT_NAME, type PortReply, type PortRequest } from '../protocol/port';
import { SIDEBAR_OPEN_KEY, sidebarOpenIn } from '../protocol/sidebar-open';
import type { BackgroundToContent, ContentToBackground, ReplyTo } from '../protocol/types';

interface Listeners<Listener> {
  addListener(listener: Listener): void;
  removeListener(listener: Listener): void;
}

interface PortLike {
  postMessage(message: unknown): void;
  disconnect(): void;
  onMessage: Listeners<(message: unknown) => void>;
  onDisconnect: Listeners<() => void>;
}

interface RuntimeLike {
  id?: string;
  lastError?: unknown;
  getURL(path: string): string;
  connect(info: { name: string }): PortLike;
  onMessage: Listeners<(message: unknown) => void>;
}

const api = (globalThis as unknown as { browser?: unknown; chrome?: unknown }).browser ??
  (globalThis as unknown as { chrome?: unknown }).chrome;
const runtime = (api as { runtime: RuntimeLike }).runtime;
const storage = (api as { storage?: { local?: { get(key: string): Promise<Record<string, unknown>> } } }).storage;

/** False once the extension was reloaded or removed under this page: the script must then stop quietly. */
export function extensionAlive(): boolean {
  try {
    return Boolean(runtime?.id);
  } catch {
    return false;
  }
}

/** Throws once the extension is gone; called once, at start. */
export function extensionUrl(path: string): string {
  return runtime.getURL(path);
}

/** Whether the user keeps the sidebar open on `site` (what the background will answer the first read with); true when
 * it cannot be read, since open is the default. */
export async function sidebarExpectedOpen(site: Site): Promise<boolean> {
  try {
    return sidebarOpenIn((await storage?.local?.get(SIDEBAR_OPEN_KEY))?.[SIDEBAR_OPEN_KEY], site);
  } catch {
    return true;
  }
}

interface OpenPort {
  port: PortLike;
  /** Requests sent on this port and not yet answered: settled with an error when the port goes. */
  waiting: Map<number, { resolve(reply: unknown): void; reject(error: Error): void }>;
}

let current: OpenPort | undefined;
let nextRequestId = 1;

/** The port to the background, opened on first use and again after it went: Chrome stops an idle service worker,
 * which disconnects every port; the next message wakes it through a new one. */
function openPort(): OpenPort {
  if (current) return current;
  const opened: OpenPort = { port: runtime.connect({ name: PAGE_PORT_NAME }), waiting: new Map() };
  opened.port.onMessage.addListener((message) => {
    const { id, reply } = (message ?? {}) as Partial<PortReply>;
    const request = typeof id === 'number' ? opened.waiting.get(id) : undefined;
    if (!request) return;
    opened.waiting.delete(id!);
    request.resolve(reply);
  });
  opened.port.onDisconnect.addListener(() => {
    void runtime.lastError; // read, so Chrome does not log it as unchecked: a stopped worker is expected
    if (current === opened) current = undefined;
    // Not answered: the worker stopped while handling them (an ingest cut short is rolled back whole). The caller
    // sends again.
    for (const request of opened.waiting.values()) request.reject(new Error('the background went away'));
    opened.waiting.clear();
  });
  current = opened;
  return opened;
}

/** Sends a message; the reply's type is the one the protocol gives this message (src/protocol/replies.ts). Rejects
 * when the background went away before answering. */
export function sendToBackground<Message extends ContentToBackground>(
  message: Message,
): Promise<ReplyTo<Message['type']>> {
  return new Promise((resolve, reject) => {
    const id = nextRequestId++;
    try {
      const opened = openPort();
      opened.waiting.set(id, { resolve: resolve as (reply: unknown) => void, reject });
      const request: PortRequest = { id, message };
      opened.port.postMessage(request);
    } catch (error) {
      // The extension was reloaded or removed (connect throws), or the port went between its disconnect and our
      // hearing of it (postMessage throws).
      current?.waiting.delete(id);
      current = undefined;
      reject(error instanceof Error ? error : new Error('the background is unreachable'));
    }
  });
}

/** Closes the port (this copy of the script stops). */
export function closeBackgroundPort(): void {
  const closing = current;
  current = undefined;
  if (!closing) return;
  for (const request of closing.waiting.values()) request.reject(new Error('closed'));
  closing.waiting.clear();
  try {
    closing.port.disconnect();
  } catch {
    // The extension was reloaded or removed: the port is gone with it.
  }
}

export function onBackgroundMessage(listener: (message: BackgroundToContent) => void): () => void {
  const wrapped = (message: unknown) => {
    if (message && typeof message === 'object' && (message as { type?: unknown }).type === 'sidebar/apply') {
      listener(message as BackgroundToContent);
    }
  };
  runtime.onMessage.addListener(wrapped);
  return () => {
    try {
      runtime.onMessage.removeListener(wrapped);
    } catch {
      // The extension was reloaded or removed: its listeners are gone with it.
    }
  };
}
