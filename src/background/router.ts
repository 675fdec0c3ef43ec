// The background's single entry for messages. Every message is validated; privileged ones are accepted only from the
// extension's own pages (the sidebar and the dashboard), never from a content script, whose page may be hostile.
import browser, { type Runtime } from 'webextension-polyfill';
import type {
  ErrorReply,
  MessageOf,
  MessageType,
  ReplyTo,
  SidebarApplyMessage,
  TabContext,
  TabContextMessage,
} from '../protocol/types';
import { badgeForConversation, refreshBadgeAndAlarms } from './reminders';
import { ingestPage, knownContext } from './ingest-page';
import { chipsForList } from './list-states';
import { isSidebarOpen, setSidebarOpen } from './sidebar-prefs';
import { allTabContexts, getTabContext, setTabContext } from './tab-contexts';
import { validateMessage } from './validate';
import { isOwnExtensionPage, mayHandle } from './sender';
import { reportError } from './report-error';

/** One handler per message type, answering that type's reply (src/protocol/replies.ts) or a refusal. */
export type Handler<Type extends MessageType> = (
  message: MessageOf<Type>,
  sender: Runtime.MessageSender,
) => Promise<ReplyTo<Type>>;
export type Handlers = { [Type in MessageType]: Handler<Type> };

const SITE_ORIGINS = { gmail: 'https://mail.google.com', linkedin: 'https://www.linkedin.com' } as const;

const handlers: Handlers = {
  'page/read': async (message, sender) => {
    const tabId = sender.tab?.id;
    if (isOwnExtensionPage(sender, browser.runtime.id) || tabId === undefined || sender.frameId !== 0) {
      return { ok: false, error: 'page/read is accepted only from a content script in a top frame' };
    }
    if (sender.url && new URL(sender.url).origin !== new URL(message.url).origin) {
      return { ok: false, error: 'page/read names a page other than the one it came from' };
    }
    // A thread the record already holds (the user going back to it) is announced while it is stored again: the
    // sidebar starts on its record now, its reads wait only for the ingest's transaction, and its live read follows
    // whatever the ingest changes. A thread not yet stored is announced once it is, below.
    const now = new Date();
    const early = knownContext(message, now)
      .then((known) => (known ? broadcastContext(tabId, known) : undefined))
      .catch(() => undefined); // a blocked or broken database: the ingest says so, below
    // A storage failure comes back as context.storageError (shown by the sidebar), not as an exception.
    const context = await ingestPage(message, now);
    await early; // the announcement after the ingest must arrive last
    // The reply opens the sidebar of a new tab, so nothing waits in line: the context is stored (in memory at once,
    // which is where the sidebar's hello reads it) and announced while the sidebar's state is worked out.
    const [sidebar] = await Promise.all([
      sidebarState(context),
      setTabContext(tabId, context),
      broadcastContext(tabId, context),
    ]);
    if (context.storageError) return { ok: true, sidebar, storageError: context.storageError };
    void refreshBadgeAndAlarms('ingest');
    return { ok: true, sidebar };
  },
  'list/states': async (message, sender) => {
    if (isOwnExtensionPage(sender, browser.runtime.id) || sender.tab?.id === undefined || sender.frameId !== 0) {
      return { ok: false, error: 'list/states is accepted only from a content script in a top frame' };
    }
    const origin = new URL(message.url).origin;
    if (origin !== SITE_ORIGINS[message.site] || (sender.url && new URL(sender.url).origin !== origin)) {
      return { ok: false, error: 'list/states names a page other than the one it came from' };
    }
    return { ok: true, generation: message.generation, chips: await chipsForList(message) };
  },
  'sidebar/set-open': async (message, sender) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return { ok: false, error: 'sidebar/set-open needs a tab' };
    const context = await getTabContext(tabId);
    if (context) await setSidebarOpen(context.site, message.open);
    const apply: SidebarApplyMessage = context
      ? await sidebarState(context)
      : { type: 'sidebar/apply', open: message.open, tabLabel: tabLabelFor(null) };
    await browser.tabs.sendMessage(tabId, apply, { frameId: 0 }).catch(() => undefined);
    return { ok: true };
  },
  'sidebar/hello': async (_message, sender) => {
    const tabId = sender.tab?.id ?? null;
    return { ok: true, tabId, context: tabId === null ? null : await getTabContext(tabId) };
  },
  'record/changed': async () => {
    await refreshBadgeAndAlarms();
    await pushBadgesToTabs();
    return { ok: true };
  },
  'conversation/open': async (message) => {
    await openConversation(message.url);
    return { ok: true };
  },
};

/** The handler of `type`: the type ties the message to its reply, so the dispatch needs no cast. */
function dispatch<Type extends MessageType>(
  type: Type,
  message: MessageOf<Type>,
  sender: Runtime.MessageSender,
): Promise<ReplyTo<Type>> {
  return handlers[type](message, sender);
}

export async function handleMessage(input: unknown, sender: Runtime.MessageSender): Promise<ReplyTo<MessageType>> {
  const validated = validateMessage(input);
  if (!validated.ok) return { ok: false, error: validated.error };
  const message = validated.message;
  if (!mayHandle(message.type, sender, browser.runtime.id)) {
    return { ok: false, error: `${message.type} is accepted only from Turnkeeper's own pages` };
  }
  return dispatch(message.type, message, sender);
}

async function sidebarState(context: TabContext): Promise<SidebarApplyMessage> {
  // A blocked or broken database cannot be read for the badge (reading would wait on the blocked open).
  const readable = !context.storageError || context.storageError === 'storage-full';
  const main = readable ? context.conversationIds[0] : undefined;
  const [open, badge] = await Promise.all([
    isSidebarOpen(context.site),
    main ? badgeForConversation(main).catch(() => null) : null,
  ]);
  return { type: 'sidebar/apply', open, badge, tabLabel: tabLabelFor(badge) };
}

/** The collapsed tab's accessible name for `badge`, from _locales; the key itself if missing (never an empty name). */
function tabLabelFor(badge: SidebarApplyMessage['badge']): string {
  const key = badge ? `sidebarOpenTab_${badge.replace('-', '_')}` : 'sidebarOpenTab';
  return browser.i18n.getMessage(key) || key;
}

async function broadcastContext(tabId: number, context: TabContext | null): Promise<void> {
  const message: TabContextMessage = { type: 'tab/context', tabId, context };
  // Reaches every extension page; each sidebar keeps only its own tab's. No page listening is not an error.
  await browser.runtime.sendMessage(message).catch(() => undefined);
}

async function pushBadgesToTabs(): Promise<void> {
  for (const [tabId, context] of await allTabContexts()) {
    const apply = await sidebarState(context);
    await browser.tabs.sendMessage(tabId, apply, { frameId: 0 }).catch(() => undefined);
  }
}

/**
 * Opens a conversation in a tab that already shows its site (for Gmail, the same account: /mail/u/N/), the one the
 * user was in most recently, else in a new tab.
 */
export async function openConversation(url: string): Promise<void> {
  const target = new URL(url);
  if (target.origin !== 'https://mail.google.com' && target.origin !== 'https://www.linkedin.com') return;
  const account = target.pathname.match(/^\/mail\/u\/\d+\//)?.[0];
  const tabs = await browser.tabs.query({ url: `${target.origin}/*` });
  const sameAccount = account ? tabs.filter((tab) => tab.url && new URL(tab.url).pathname.startsWith(account)) : tabs;
  const candidates = sameAccount.length ? sameAccount : tabs;
  // The most recently used; where the browser does not say, the newest tab.
  const existing = candidates.sort((a, b) => (b.lastAccessed ?? 0) - (a.lastAccessed ?? 0) || (b.id ?? 0) - (a.id ?? 0))[0];
  if (existing?.id !== undefined) {
    await browser.tabs.update(existing.id, { active: true, url });
    if (existing.windowId !== undefined) await browser.windows.update(existing.windowId, { focused: true });
    return;
  }
  await browser.tabs.create({ url });
}

export function listen(): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) =>
    handleMessage(message, sender).catch((error: unknown) => {
      reportError('message handler', error);
      const refusal: ErrorReply = { ok: false, error: 'Turnkeeper could not handle this; see the extension console' };
      return refusal;
    }),
  );
}
