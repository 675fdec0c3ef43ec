// Who sent a message. Content scripts share their renderer with a page we do not control, so a compromised page may
// speak through one: only the message types a content script needs are accepted from it.
import type { ContentToBackground, MessageType } from '../protocol/types';

/** The protocol's content-script messages (src/protocol/schemas.ts), and only those. */
export const CONTENT_SCRIPT_MESSAGE_TYPES: ReadonlySet<MessageType> = new Set<ContentToBackground['type']>([
  'page/read',
  'list/states',
  'sidebar/set-open',
]);

export interface SenderFacts {
  /** The sending extension's id (`sender.id`). */
  id?: string | undefined;
  /** The sending document's URL (`sender.url`). */
  url?: string | undefined;
}

/** The sender is one of this extension's own pages (sidebar, dashboard), not a content script or another extension. */
export function isOwnExtensionPage(sender: SenderFacts, ownId: string): boolean {
  if (!sender.url || sender.id !== ownId) return false;
  try {
    const { protocol } = new URL(sender.url);
    return protocol === 'chrome-extension:' || protocol === 'moz-extension:';
  } catch {
    return false;
  }
}

export function mayHandle(type: MessageType, sender: SenderFacts, ownId: string): boolean {
  return isOwnExtensionPage(sender, ownId) || (sender.id === ownId && CONTENT_SCRIPT_MESSAGE_TYPES.has(type));
}
