// How the extension's own pages (the sidebar, the dashboard) send to the background: only messages the protocol lets
// a page send, and the reply typed as the protocol's answer to that message (src/protocol/replies.ts).
import browser from 'webextension-polyfill';
import type { PageToBackground, ReplyTo } from '../../protocol/types';

export function askBackground<Message extends PageToBackground>(message: Message): Promise<ReplyTo<Message['type']>> {
  return browser.runtime.sendMessage(message) as Promise<ReplyTo<Message['type']>>;
}
