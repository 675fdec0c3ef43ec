// Dates and times as the user reads them, in the browser's UI language. Pure apart from the language lookup.
import browser from 'webextension-polyfill';

let cachedLanguage: string | undefined;
export function uiLanguage(): string {
  if (cachedLanguage) return cachedLanguage;
  try {
    cachedLanguage = browser.i18n.getUILanguage() || undefined;
  } catch {
    cachedLanguage = undefined;
  }
  cachedLanguage ??= typeof navigator !== 'undefined' ? navigator.language : 'en';
  return cachedLanguage;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function format(key: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let f = formats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(uiLanguage(), options);
    formats.set(key, f);
  }
  return f;
}

const sameDay = (a: Date, b: Date) =>
  a.getFullYear() === b.getFullYear() && a.getMonth() === b.getMonth() && a.getDate() === b.getDate();

/** "15:04" / "3:04 PM" */
export function formatClock(date: Date): string {
  return format('clock', { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** A reminder time: "15:00" today, "Thu 08:00" within a week, "Mon, 30 Nov, 08:00" beyond, with the year when it
 * is not this year's. `today`/`tomorrow` words are given by the caller (translated). */
export function formatWhen(date: Date, now: Date, words: { today: string; tomorrow: string }): string {
  const clock = formatClock(date);
  if (sameDay(date, now)) return `${words.today} ${clock}`;
  const tomorrow = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1);
  if (sameDay(date, tomorrow)) return `${words.tomorrow} ${clock}`;
  const days = (date.getTime() - now.getTime()) / 86_400_000;
  if (days > 0 && days < 6) return `${format('weekday', { weekday: 'short' }).format(date)} ${clock}`;
  if (date.getFullYear() === now.getFullYear()) {
    return format('date', { weekday: 'short', day: 'numeric', month: 'short', hour: 'numeric', minute: '2-digit' }).format(date);
  }
  return format('date-year', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
  }).format(date);
}

/** A full, unambiguous date and time, for titles and screen readers. */
export function formatFull(date: Date): string {
  return format('full', { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/** A day heading: "Wednesday 18 November" (with the year when not this year's). Today/yesterday by the caller. */
export function formatDay(date: Date, now: Date): string {
  return date.getFullYear() === now.getFullYear()
    ? format('day', { weekday: 'long', day: 'numeric', month: 'long' }).format(date)
    : format('day-year', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(date);
}

export function isSameLocalDay(a: Date, b: Date): boolean {
  return sameDay(a, b);
}
