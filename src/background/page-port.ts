// The content scripts' long-lived port (src/protocol/port.ts). A message on it is handled exactly as one sent with
// runtime.sendMessage: the same validation and the same sender checks (router.ts handleMessage), with the port's
// sender, which the browser fills in (the content script's tab, frame, URL and extension id), never the page.
import browser, { type Runtime } from 'webextension-polyfill';
import { PAGE_PORT_NAME, type PortReply } from '../protocol/port';
import type { ErrorReply } from '../protocol/types';
import { handleMessage } from './router';
import { reportError } from './report-error';

/** The reply to one request on the port, or null when it is not a request (no id to answer to). */
export async function answerPortRequest(request: unknown, sender: Runtime.MessageSender | undefined): Promise<PortReply | null> {
  const id = (request as { id?: unknown } | null)?.id;
  if (typeof id !== 'number' || !Number.isSafeInteger(id)) return null;
  if (!sender) return { id, reply: { ok: false, error: 'a port without a sender is not accepted' } satisfies ErrorReply };
  const message = (request as { message?: unknown }).message;
  const reply = await handleMessage(message, sender).catch((error: unknown) => {
    reportError('port message handler', error);
    const refusal: ErrorReply = { ok: false, error: 'Turnkeeper could not handle this; see the extension console' };
    return refusal;
  });
  return { id, reply };
}

export function listenOnPorts(): void {
  browser.runtime.onConnect.addListener((port) => {
    if (port.name !== PAGE_PORT_NAME) {
      port.disconnect();
      return;
    }
    let open = true;
    port.onDisconnect.addListener(() => {
      open = false;
    });
    port.onMessage.addListener((request: unknown) => {
      void answerPortRequest(request, port.sender).then((answer) => {
        if (!answer || !open) return;
        try {
          port.postMessage(answer);
        } catch {
          // The tab closed or navigated while this was handled: nobody is left to answer.
        }
      });
    });
  });
}
