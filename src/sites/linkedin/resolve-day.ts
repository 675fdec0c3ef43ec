// Resolves LinkedIn's day headings ("Today", "viernes", "Mar 24", "24 mars", "3月24日", "Dec 30, 2025") and group
// times ("2:13 PM", "14:44", "下午2:13") against the moment of capture, in the browser's local time zone.
// Rules (docs/sites.md): a weekday is the most recent such day before today; a month-day without a year is the most
// recent such date not in the future. Anything not understood is null: never guess.
// Languages: English, Spanish, French, German, Portuguese, Chinese. Names are compared without diacritics,
// lower-cased, as prefixes of the full names (≥ 3 letters, so "Mar", "sept.", "févr." and "Dienstag" all work);
// a prefix that fits two different months or weekdays is rejected.

import { fold } from './dom';

const TODAY = ['today', 'hoy', 'aujourd', 'heute', 'hoje'];
const YESTERDAY = ['yesterday', 'ayer', 'hier', 'gestern', 'ontem'];
// Index = Date#getDay() (Sunday first).
const WEEKDAYS = [
  'sunday domingo dimanche sonntag',
  'monday lunes lundi montag segunda',
  'tuesday martes mardi dienstag terca',
  'wednesday miercoles mercredi mittwoch quarta',
  'thursday jueves jeudi donnerstag quinta',
  'friday viernes vendredi freitag sexta',
  'saturday sabado samedi samstag',
].map((s) => s.split(' '));
// Index = month (January = 0).
const MONTHS = [
  'january enero janvier januar janeiro',
  'february febrero fevrier februar fevereiro',
  'march marzo mars marz marco',
  'april abril avril',
  'may mayo mai maio',
  'june junio juin juni junho',
  'july julio juillet juli julho',
  'august agosto aout',
  'september septiembre septembre setiembre setembro',
  'october octubre octobre oktober outubro',
  'november noviembre novembre novembro',
  'december diciembre decembre dezember dezembro',
].map((s) => s.split(' '));
const CJK_WEEKDAY = '日一二三四五六';

/** Index of the one table row some name of which starts with `word`; -1 when none or ambiguous. */
function lookup(table: string[][], word: string): number {
  if (word.length < 3) return -1;
  let found = -1;
  for (let i = 0; i < table.length; i++) {
    if (table[i]!.some((name) => name.startsWith(word))) {
      if (found >= 0) return -1;
      found = i;
    }
  }
  return found;
}

/** A real calendar date at local midnight, or null (Feb 30, month 13...). */
function day(y: number, m: number, d: number): Date | null {
  const date = new Date(y, m, d);
  return date.getFullYear() === y && date.getMonth() === m && date.getDate() === d ? date : null;
}

/** The most recent such month-day not after `today` (or the given year's). */
function monthDay(m: number, d: number, year: number | undefined, today: Date): Date | null {
  if (year !== undefined) return day(year, m, d);
  const y = today.getFullYear();
  const date = day(y, m, d);
  return date && date <= today ? date : day(y - 1, m, d);
}

/** The day a heading names, as local midnight, or null when it is not understood. */
export function resolveDay(heading: string, now: Date): Date | null {
  if (!heading || Number.isNaN(now.getTime())) return null;
  const s = fold(heading);
  const today = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  const back = (n: number) => new Date(today.getFullYear(), today.getMonth(), today.getDate() - n);

  // CJK: 2025年12月14日, 3月24日, 今天, 昨天, 星期二 / 周二
  if (/今天/.test(s)) return today;
  if (/昨天/.test(s)) return back(1);
  const cjk = /(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})/.exec(s);
  if (cjk) return monthDay(+cjk[2]! - 1, +cjk[3]!, cjk[1] ? +cjk[1] : undefined, today);
  const cjkWeek = /(?:星期|周|週)([日天一二三四五六])/.exec(s);
  if (cjkWeek) {
    const w = Math.max(0, CJK_WEEKDAY.indexOf(cjkWeek[1]!));
    return back((today.getDay() - w + 7) % 7 || 7);
  }

  const words = s.match(/\p{L}+/gu) ?? [];
  const numbers = s.match(/\d+/g) ?? [];
  if (numbers.length === 0) {
    if (words.some((w) => TODAY.includes(w))) return today;
    if (words.some((w) => YESTERDAY.includes(w))) return back(1);
    for (const w of words) {
      const wd = lookup(WEEKDAYS, w);
      if (wd >= 0) return back((today.getDay() - wd + 7) % 7 || 7);
    }
    return null;
  }
  let month = -1;
  for (const w of words) {
    month = lookup(MONTHS, w);
    if (month >= 0) break;
  }
  const d = numbers.find((n) => n.length <= 2);
  const y = numbers.find((n) => n.length === 4);
  if (month < 0 || !d || numbers.length > (y ? 2 : 1)) return null;
  return monthDay(month, +d, y ? +y : undefined, today);
}

const TIME = /(上午|下午|凌晨|早上|中午|晚上)?\s*(\d{1,2})\s*[:.h时]\s*(\d{2})(?:\s*([ap])\.?\s?m\b\.?)?/i;

/** Hours and minutes in a group time ("2:13 PM", "14:44", "14 h 44", "下午2:13", "2:13 p. m."), or null. */
export function parseTimeOfDay(text: string): { h: number; m: number; text: string } | null {
  const match = TIME.exec(text.normalize('NFKC'));
  if (!match) return null;
  let h = +match[2]!;
  const m = +match[3]!;
  const marker = match[1] ?? match[4]?.toLowerCase() ?? '';
  const pm = /^p|下午|晚上/.test(marker) || (marker === '中午' && h < 11);
  const am = /^a|上午|凌晨|早上/.test(marker);
  if ((pm || am) && (h < 1 || h > 12)) return null;
  if (pm && h < 12) h += 12;
  if (am && h === 12) h = 0;
  if (h > 23 || m > 59) return null;
  return { h, m, text: match[0].trim() };
}

/** The moment a day heading + group time name, in local time, or null when either is not understood. */
export function resolveDayTime(heading: string, time: string, now: Date): Date | null {
  const date = resolveDay(heading, now);
  const t = parseTimeOfDay(time);
  if (!date || !t) return null;
  return new Date(date.getFullYear(), date.getMonth(), date.getDate(), t.h, t.m);
}
