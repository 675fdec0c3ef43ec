// The service worker (a background script on Firefox). Listeners are registered synchronously at start so that an
// event that wakes the worker is not missed.
import browser from 'webextension-polyfill';
import { reportError } from './report-error';
import { refreshBadgeAndAlarms } from './reminders';
import { listen } from './router';
import { forgetTab, getTabContext } from './tab-contexts';
import { isSidebarOpen, setSidebarOpen } from './sidebar-prefs';

listen();

browser.action.onClicked.addListener(() => {
  void browser.runtime.openOptionsPage();
});

browser.commands.onCommand.addListener((command, tab) => {
  if (command !== 'toggle-sidebar' || tab?.id === undefined) return;
  const tabId = tab.id;
  void (async () => {
    const context = await getTabContext(tabId);
    if (!context) return;
    const open = !(await isSidebarOpen(context.site));
    await setSidebarOpen(context.site, open);
    await browser.tabs.sendMessage(tabId, { type: 'sidebar/apply', open }, { frameId: 0 }).catch(() => undefined);
  })().catch((error: unknown) => reportError('toggle-sidebar', error));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
});

browser.runtime.onStartup.addListener(() => {
  void refreshBadgeAndAlarms().catch((error: unknown) => reportError('startup', error));
});
browser.runtime.onInstalled.addListener(() => {
  void refreshBadgeAndAlarms().catch((error: unknown) => reportError('install', error));
});
