import browser from 'webextension-polyfill';

/** A visible string from _locales in the browser's language. A missing key shows itself, so it is noticed. */
export function t(key: string, substitutions?: string | string[]): string {
  return browser.i18n.getMessage(key, substitutions) || key;
}
