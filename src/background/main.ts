// The service worker (a background script on Firefox). Listeners are registered synchronously at start so that an
// event that wakes the worker is not missed.
import browser from 'webextension-polyfill';
import { openDatabase, startRecordingClock } from '../db';
import type { SidebarApplyMessage } from '../protocol/types';
import { reportError } from './report-error';
import { handleAlarm, handleNotificationClick, refreshBadgeAndAlarms } from './reminders';
import { listen, openConversation } from './router';
import { listenOnPorts } from './page-port';
import { forgetTab, getTabContext } from './tab-contexts';
import { isSidebarOpen, setSidebarOpen } from './sidebar-prefs';

listen();
listenOnPorts();

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
    const apply: SidebarApplyMessage = { type: 'sidebar/apply', open };
    await browser.tabs.sendMessage(tabId, apply, { frameId: 0 }).catch(() => undefined);
  })().catch((error: unknown) => reportError('toggle-sidebar', error));
});

browser.tabs.onRemoved.addListener((tabId) => {
  void forgetTab(tabId);
});

// Reminders: alarms survive the worker sleeping and the browser restarting; a notification's id names what it opens.
browser.alarms.onAlarm.addListener((alarm) => {
  void handleAlarm(alarm);
});
browser.notifications.onClicked.addListener((notificationId) => {
  void handleNotificationClick(notificationId, openConversation).catch((error: unknown) =>
    reportError('notification click', error),
  );
});

browser.runtime.onStartup.addListener(() => {
  // Items that fell due while the browser was closed are summarised in one notification.
  void refreshBadgeAndAlarms('startup');
});
browser.runtime.onInstalled.addListener(() => {
  void refreshBadgeAndAlarms('install');
  // The backup reminder counts a new user's record from here, so nobody is asked for a backup on day one.
  void startRecordingClock(openDatabase(), new Date()).catch((error: unknown) => reportError('install', error));
});
