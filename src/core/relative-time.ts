// "2 days ago" and the turn in words. English by default; every string goes through a translate function so the UI
// can route it through browser i18n (`(key, subs) => browser.i18n.getMessage(key, subs)`). EN_MESSAGES holds each
// key's English text with $1-style substitutions, ready to be copied into _locales/en/messages.json.
import type { TurnExplanation } from './turn';

export type Translate = (key: string, subs: string[]) => string;

export const EN_MESSAGES = {
  relJustNow: 'just now',
  relMinute: '1 minute ago',
  relMinutes: '$1 minutes ago',
  relHour: '1 hour ago',
  relHours: '$1 hours ago',
  relYesterday: 'yesterday',
  relDays: '$1 days ago',
  relWeeks: '$1 weeks ago',
  relMonth: '1 month ago',
  relMonths: '$1 months ago',
  relYear: '1 year ago',
  relYears: '$1 years ago',
  /** $1 = name, $2 = relative time */
  turnTheyWrote: '$1 wrote $2',
  /** $1 = relative time (no name known) */
  turnSomeoneWrote: 'They wrote $1',
  turnYouWrote: 'You wrote $1',
  turnNoAnswer: 'You wrote $1, no answer',
  turnResting: 'Resting: no reply needed',
  turnEmpty: 'No messages yet',
} as const satisfies Record<string, string>;

export type MessageKey = keyof typeof EN_MESSAGES;

export const englishTranslate: Translate = (key, subs) => {
  const text = (EN_MESSAGES as Record<string, string>)[key] ?? key;
  return text.replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
};

function startOfLocalDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/** Local calendar days from `thenMs` to `nowMs` (0 on the same day, 1 for yesterday), as every "days" word counts. */
export function calendarDaysBetween(thenMs: number, nowMs: number): number {
  return Math.round((startOfLocalDay(nowMs) - startOfLocalDay(thenMs)) / 86_400_000);
}

/**
 * How long ago `then` was, seen from `now`:
 * under a minute (or in the future) "just now"; under an hour "N minutes ago"; the same local day "N hours ago";
 * the previous local day "yesterday"; under 14 days "N days ago"; under 8 weeks "N weeks ago"; under a year
 * "N months ago"; else "N years ago". Days are local calendar days.
 */
export function formatRelative(then: Date | string, now: Date, t: Translate = englishTranslate): string {
  const thenMs = typeof then === 'string' ? Date.parse(then) : then.getTime();
  const nowMs = now.getTime();
  const diff = nowMs - thenMs;
  if (!(diff >= 60_000)) return t('relJustNow', []);
  if (diff < 3_600_000) {
    const n = Math.floor(diff / 60_000);
    return n === 1 ? t('relMinute', []) : t('relMinutes', [String(n)]);
  }
  const days = calendarDaysBetween(thenMs, nowMs);
  if (days <= 0) {
    const n = Math.floor(diff / 3_600_000);
    return n === 1 ? t('relHour', []) : t('relHours', [String(n)]);
  }
  if (days === 1) return t('relYesterday', []);
  if (days < 14) return t('relDays', [String(days)]);
  if (days < 56) {
    const n = Math.floor(days / 7);
    return t('relWeeks', [String(n)]);
  }
  const a = new Date(thenMs);
  const b = new Date(nowMs);
  let months = (b.getFullYear() - a.getFullYear()) * 12 + (b.getMonth() - a.getMonth());
  if (b.getDate() < a.getDate()) months--;
  months = Math.max(1, months);
  if (months < 12) return months === 1 ? t('relMonth', []) : t('relMonths', [String(months)]);
  const years = Math.floor(months / 12);
  return years === 1 ? t('relYear', []) : t('relYears', [String(years)]);
}

/** The turn in words: "Dana wrote 2 days ago", "You wrote yesterday", "You wrote 5 days ago, no answer",
 * "Resting: no reply needed", "No messages yet". */
export function formatTurn(explanation: TurnExplanation, now: Date, t: Translate = englishTranslate): string {
  const when = explanation.at ? formatRelative(explanation.at, now, t) : '';
  switch (explanation.kind) {
    case 'they-wrote':
      return explanation.name ? t('turnTheyWrote', [explanation.name, when]) : t('turnSomeoneWrote', [when]);
    case 'you-wrote':
      return t('turnYouWrote', [when]);
    case 'no-answer':
      return t('turnNoAnswer', [when]);
    case 'resting':
      return t('turnResting', []);
    case 'empty':
      return t('turnEmpty', []);
  }
}
