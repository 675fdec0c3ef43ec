// Whether the sidebar is open, remembered per site (a seller may want it open in Gmail and tucked away on LinkedIn).
import browser from 'webextension-polyfill';
import type { Site } from '../core/site';

const KEY = 'sidebarOpen';
type Prefs = Partial<Record<Site, boolean>>;

export async function isSidebarOpen(site: Site): Promise<boolean> {
  const prefs = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Prefs;
  return prefs[site] ?? true;
}

export async function setSidebarOpen(site: Site, open: boolean): Promise<void> {
  const prefs = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as Prefs;
  await browser.storage.local.set({ [KEY]: { ...prefs, [site]: open } });
}
