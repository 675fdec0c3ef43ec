// The chips of a list on a page (list/states): learn what the rows prove, then word each known conversation's state.
// One message per list change; the answer carries only rows that get a chip.
import browser from 'webextension-polyfill';
import { chipWords } from '../core/chip-words';
import type { Translate } from '../core/relative-time';
import { getSettings, learnFromList, listStates, openDatabase } from '../db';
import type { ListChipMessage, ListStatesMessage } from '../protocol/types';
import { refreshBadgeAndAlarms } from './reminders';

const translate: Translate = (key, subs) => {
  try {
    return browser.i18n.getMessage(key, subs) || '';
  } catch {
    return '';
  }
};

function uiLanguage(): string | undefined {
  try {
    return browser.i18n.getUILanguage() || undefined;
  } catch {
    return undefined;
  }
}

export async function chipsForList(message: ListStatesMessage, now = new Date()): Promise<ListChipMessage[]> {
  const db = openDatabase();
  const settings = await getSettings(db);
  // Chips off still learns (the list is evidence either way); the site not read at all learns nothing.
  if (!settings.sites[message.site]) return [];
  const evidence = message;
  const learned = await learnFromList(db, evidence, now);
  if (learned.changed.length) void refreshBadgeAndAlarms('ingest');
  const facts = await listStates(db, evidence, now, settings);
  const chips: ListChipMessage[] = [];
  const locale = uiLanguage();
  for (const [threadId, f] of facts) {
    const words = chipWords(f, now, translate, locale);
    if (words) chips.push({ threadId, ...words });
  }
  return chips;
}
