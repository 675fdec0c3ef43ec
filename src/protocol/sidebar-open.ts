// Where the "sidebar open" choice is kept (storage.local, per site) and how it reads. The background writes it; the
// content script reads it at start so the sidebar page can start loading while the first read is being stored.
import type { Site } from '../core/site';

export const SIDEBAR_OPEN_KEY = 'sidebarOpen';
export type SidebarOpenPrefs = Partial<Record<Site, boolean>>;

/** Open unless the user collapsed it on this site. */
export function sidebarOpenIn(prefs: unknown, site: Site): boolean {
  const value = prefs && typeof prefs === 'object' ? (prefs as SidebarOpenPrefs)[site] : undefined;
  return value ?? true;
}
