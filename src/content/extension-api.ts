// The content script talks to the extension through the promise-based `runtime` API that both Chrome (MV3) and
// Firefox provide natively. It does not bundle webextension-polyfill: the extension pages and the background do,
// but every byte here is loaded into Gmail and LinkedIn, and these two calls need no polyfill.
import type { BackgroundToContent, ContentToBackground, ReplyTo } from '../protocol/types';

interface RuntimeLike {
  id?: string;
  getURL(path: string): string;
  sendMessage(message: unknown): Promise<unknown>;
  onMessage: {
    addListener(listener: (message: unknown) => void): void;
    removeListener(listener: (message: unknown) => void): void;
  };
}

const api = (globalThis as unknown as { browser?: unknown; chrome?: unknown }).browser ??
  (globalThis as unknown as { chrome?: unknown }).chrome;
const runtime = (api as { runtime: RuntimeLike }).runtime;

/** False once the extension was reloaded or removed under this page: the script must then stop quietly. */
export function extensionAlive(): boolean {
  try {
    return Boolean(runtime?.id);
  } catch {
    return false;
  }
}

/** A string from _locales, in the browser's language; the key itself if missing (never empty UI). */
export function message(key: string, substitutions?: string[]): string {
  const i18n = (api as { i18n?: { getMessage(key: string, subs?: string[]): string } }).i18n;
  return i18n?.getMessage(key, substitutions) || key;
}

/** Throws once the extension is gone; called once, at start. */
export function extensionUrl(path: string): string {
  return runtime.getURL(path);
}

/** Sends a message; the reply's type is the one the protocol gives this message (src/protocol/replies.ts). */
export function sendToBackground<Message extends ContentToBackground>(
  message: Message,
): Promise<ReplyTo<Message['type']>> {
  return runtime.sendMessage(message) as Promise<ReplyTo<Message['type']>>;
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
