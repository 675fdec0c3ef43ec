import browser from 'webextension-polyfill';

/** Tells the background that a page changed the record (pin, note, rest, merge…), so the toolbar badge, the
 * collapsed tab's badge and the alarms are recomputed now. Never throws: the background may be restarting. */
export function notifyRecordChanged(): void {
  void browser.runtime.sendMessage({ type: 'record/changed' }).catch(() => undefined);
}
