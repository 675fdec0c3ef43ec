// What each tab's sidebar is about. Kept in memory and mirrored to storage.session, which survives the service
// worker being stopped (it is stopped after 30 s idle) but not a browser restart, when the pages are read anew.
import browser from 'webextension-polyfill';
import type { TabContext } from '../protocol/types';

const contexts = new Map<number, TabContext>();
const key = (tabId: number) => `tab:${tabId}`;

export async function getTabContext(tabId: number): Promise<TabContext | null> {
  const known = contexts.get(tabId);
  if (known) return known;
  const stored = (await browser.storage.session.get(key(tabId)))[key(tabId)] as TabContext | undefined;
  if (stored) contexts.set(tabId, stored);
  return stored ?? null;
}

export async function setTabContext(tabId: number, context: TabContext): Promise<void> {
  contexts.set(tabId, context);
  await browser.storage.session.set({ [key(tabId)]: context });
}

export async function forgetTab(tabId: number): Promise<void> {
  contexts.delete(tabId);
  await browser.storage.session.remove(key(tabId));
}

export async function allTabContexts(): Promise<Array<[number, TabContext]>> {
  const stored = await browser.storage.session.get(null);
  for (const [name, value] of Object.entries(stored)) {
    if (name.startsWith('tab:')) contexts.set(Number(name.slice(4)), value as TabContext);
  }
  return [...contexts.entries()];
}
