// Words for the dashboard: the browser's i18n with English from core as the fallback for core's own keys
// (relative times, the turn in words).
import { formatRelative, formatTurn } from '../../core/relative-time';
import type { TurnExplanation } from '../../core/turn';
import type { Site } from '../../core/site';
import { coreTranslate, t } from '../i18n';

export { coreTranslate, t };

export const ago = (iso: string, now: Date) => formatRelative(iso, now, coreTranslate);
export const turnInWords = (explanation: TurnExplanation, now: Date) => formatTurn(explanation, now, coreTranslate);

export function siteName(site: Site): string {
  return site === 'gmail' ? t('dashboardSiteGmail') : t('dashboardSiteLinkedin');
}

/** A count with its noun: t(`${base}One`) for 1, t(`${base}Many`, n) otherwise. */
export function plural(base: string, n: number): string {
  return n === 1 ? t(`${base}One`) : t(`${base}Many`, String(n));
}
