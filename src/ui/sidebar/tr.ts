// The translate function the core's sentence builders take, routed through the browser's i18n. A key missing from
// _locales falls back to the core's English text (EN_MESSAGES), then to the key itself, so it is noticed.
import browser from 'webextension-polyfill';
import { englishTranslate, type Translate } from '../../core/relative-time';

export const tr: Translate = (key, subs) => {
  let text = '';
  try {
    text = browser.i18n.getMessage(key, subs);
  } catch {
    text = '';
  }
  return text || englishTranslate(key, subs);
};
