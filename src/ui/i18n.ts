import browser from 'webextension-polyfill';
import { englishTranslate, type Translate } from '../core/relative-time';

// A substitution (a name from a page) that carries directional controls, such as a right-to-left override, is wrapped
// in U+2068 FIRST STRONG ISOLATE … U+2069 POP DIRECTIONAL ISOLATE, so it cannot reverse the words around it. Plain
// text, right-to-left scripts included, needs no marks: the bidi algorithm already keeps it in place.
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/;
const isolate = (text: string) => (BIDI_CONTROLS.test(text) ? `\u2068${text}\u2069` : text);

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
