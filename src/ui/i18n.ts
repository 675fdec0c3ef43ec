import browser from 'webextension-polyfill';
import { englishTranslate, type Translate } from '../core/relative-time';

// U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE: a substitution (a name from a page, a time) keeps its
// own direction and cannot reverse the words around it, even if it carries a right-to-left override.
const isolate = (text: string) => `\u2068${text}\u2069`;

function getMessage(key: string, substitutions: string[]): string {
  try {
    return browser.i18n.getMessage(key, substitutions.map(isolate));
  } catch {
    // The extension was updated or removed under an open page: its old frames show keys rather than throw.
    return '';
  }
}

/** A visible string from _locales in the browser's language. A missing key shows itself, so it is noticed. */
export function t(key: string, substitutions?: string | string[]): string {
  const subs = substitutions === undefined ? [] : typeof substitutions === 'string' ? [substitutions] : substitutions;
  return getMessage(key, subs) || key;
}

/**
 * The translate function the core's sentence builders take (whose turn, how long ago), through the browser's i18n;
 * the core's English text (EN_MESSAGES) when the locale lacks a key.
 */
export const coreTranslate: Translate = (key, subs) => getMessage(key, subs) || englishTranslate(key, subs.map(isolate));
