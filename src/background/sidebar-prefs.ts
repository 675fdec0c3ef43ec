// Whether the sidebar is open, remembered per site (a seller may want it open in Gmail and tucked away on LinkedIn).
import browser from 'webextension-polyfill';
import type { Site } from '../core/site';
import { SIDEBAR_OPEN_KEY as KEY, sidebarOpenIn, type SidebarOpenPrefs } from '../protocol/sidebar-open';

export async function isSidebarOpen(site: Site): Promise<boolean> {
  return sidebarOpenIn((await browser.storage.local.get(KEY))[KEY], site);
}

export async function setSidebarOpen(site: Site, open: boolean): Promise<void> {
  const prefs = ((await browser.storage.local.get(KEY))[KEY] ?? {}) as SidebarOpenPrefs;
  await browser.storage.local.set({ [KEY]: { ...prefs, [site]: open } });
}
