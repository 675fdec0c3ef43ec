import { askBackground } from './ask-background';

/** Tells the background that a page changed the record (pin, note, rest, merge…), so the toolbar badge, the
 * collapsed tab's badge and the alarms are recomputed now. Never throws: the background may be restarting. */
export function notifyRecordChanged(): void {
  void askBackground({ type: 'record/changed' }).catch(() => undefined);
}
