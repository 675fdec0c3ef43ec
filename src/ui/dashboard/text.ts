// Words for the dashboard: the browser's i18n with English from core as the fallback for core's own keys
// (relative times, the turn in words).
import { englishTranslate, formatRelative, formatTurn, type Translate } from '../../core/relative-time';
import type { TurnExplanation } from '../../core/turn';
import type { Site } from '../../sites/types';
import { t } from '../i18n';

export { t };

/** Core's translate, routed through the browser's i18n; core's English when the locale lacks the key. */
export const coreTranslate: Translate = (key, subs) => {
  const text = t(key, subs);
  return text && text !== key ? text : englishTranslate(key, subs);
};

export const ago = (iso: string, now: Date) => formatRelative(iso, now, coreTranslate);
export const turnInWords = (explanation: TurnExplanation, now: Date) => formatTurn(explanation, now, coreTranslate);

export function siteName(site: Site): string {
  return site === 'gmail' ? t('dashboardSiteGmail') : t('dashboardSiteLinkedin');
}

/** A count with its noun: t(`${base}One`) for 1, t(`${base}Many`, n) otherwise. */
export function plural(base: string, n: number): string {
  return n === 1 ? t(`${base}One`) : t(`${base}Many`, String(n));
}
