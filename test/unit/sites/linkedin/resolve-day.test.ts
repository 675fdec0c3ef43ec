// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import { parseTimeOfDay, resolveDay, resolveDayTime } from '../../../../src/sites/linkedin/resolve-day';
import { NOW } from './fixtures';

/** Local midnight as ISO. */
const day = (y: number, m: number, d: number) => new Date(y, m - 1, d).toISOString();
const iso = (d: Date | null) => d?.toISOString() ?? null;

// NOW is Thursday 12 November 2026, 15:00 local.
describe('resolveDay against Thu 12 Nov 2026', () => {
  test('the clock is the Thursday the table assumes', () => {
    expect(NOW.getDay()).toBe(4);
  });

  test.each([
    // today / yesterday, all languages
    ['Today', day(2026, 11, 12)],
    ['Yesterday', day(2026, 11, 11)],
    ['hoy', day(2026, 11, 12)],
    ['ayer', day(2026, 11, 11)],
    ['aujourd’hui', day(2026, 11, 12)],
    ["Aujourd'hui", day(2026, 11, 12)],
    ['hier', day(2026, 11, 11)],
    ['Heute', day(2026, 11, 12)],
    ['Gestern', day(2026, 11, 11)],
    ['Hoje', day(2026, 11, 12)],
    ['Ontem', day(2026, 11, 11)],
    ['今天', day(2026, 11, 12)],
    ['昨天', day(2026, 11, 11)],
    // weekdays: the most recent such day before today
    ['Thursday', day(2026, 11, 5)],
    ['Wednesday', day(2026, 11, 11)],
    ['Monday', day(2026, 11, 9)],
    ['Sunday', day(2026, 11, 8)],
    ['Friday', day(2026, 11, 6)],
    ['Tue', day(2026, 11, 10)],
    ['viernes', day(2026, 11, 6)],
    ['miércoles', day(2026, 11, 11)],
    ['sábado', day(2026, 11, 7)],
    ['mardi', day(2026, 11, 10)],
    ['jeudi', day(2026, 11, 5)],
    ['Dienstag', day(2026, 11, 10)],
    ['Samstag', day(2026, 11, 7)],
    ['segunda-feira', day(2026, 11, 9)],
    ['terça-feira', day(2026, 11, 10)],
    ['sexta-feira', day(2026, 11, 6)],
    ['星期一', day(2026, 11, 9)],
    ['星期天', day(2026, 11, 8)],
    ['周日', day(2026, 11, 8)],
    ['星期四', day(2026, 11, 5)],
    // month-day without a year: the most recent such date not in the future
    ['Mar 24', day(2026, 3, 24)],
    ['Apr 3', day(2026, 4, 3)],
    ['Nov 12', day(2026, 11, 12)],
    ['Nov 13', day(2025, 11, 13)],
    ['Dec 30', day(2025, 12, 30)],
    ['Sept 5', day(2026, 9, 5)],
    ['Monday, Mar 24', day(2026, 3, 24)],
    ['24 mars', day(2026, 3, 24)],
    ['1 févr.', day(2026, 2, 1)],
    ['15 août', day(2026, 8, 15)],
    ['3 nov.', day(2026, 11, 3)],
    ['24 de mar.', day(2026, 3, 24)],
    ['martes, 24 de abril', day(2026, 4, 24)],
    ['24. März', day(2026, 3, 24)],
    ['24 de março', day(2026, 3, 24)],
    ['5 de dez.', day(2025, 12, 5)],
    ['3月24日', day(2026, 3, 24)],
    ['12月30日', day(2025, 12, 30)],
    // with a year: exactly that date
    ['Dec 30, 2025', day(2025, 12, 30)],
    ['Dec 30, 2026', day(2026, 12, 30)],
    ['2025年12月14日', day(2025, 12, 14)],
    ['30 déc. 2025', day(2025, 12, 30)],
  ])('%j → %s', (heading, expected) => {
    expect(iso(resolveDay(heading, NOW))).toBe(expected);
  });

  test.each([
    'Someday',
    '',
    '   ',
    'March',
    '24',
    '24/03/2025',
    '3/24/25',
    'Mar 24 25',
    'Jui 3', // juin or juillet: ambiguous
    'Do.', // too short to tell
    'Mar 32',
    'Feb 30',
    '13月5日',
    'Just now',
  ])('%j → null (never guessed)', (heading) => {
    expect(resolveDay(heading, NOW)).toBeNull();
  });

  test('an invalid clock gives null', () => {
    expect(resolveDay('Today', new Date(Number.NaN))).toBeNull();
  });
});

describe('resolveDay across a year boundary (Sat 2 Jan 2027)', () => {
  const now = new Date(2027, 0, 2, 10, 0);
  test.each([
    ['Yesterday', day(2027, 1, 1)],
    ['Thursday', day(2026, 12, 31)],
    ['Saturday', day(2026, 12, 26)],
    ['Dec 30', day(2026, 12, 30)],
    ['Jan 2', day(2027, 1, 2)],
    ['Jan 3', day(2026, 1, 3)],
    ['31 déc.', day(2026, 12, 31)],
    ['12月31日', day(2026, 12, 31)],
  ])('%j → %s', (heading, expected) => {
    expect(iso(resolveDay(heading, now))).toBe(expected);
  });

  test('Feb 29 resolves in a leap year and not in a common one', () => {
    expect(iso(resolveDay('Feb 29', new Date(2028, 2, 1)))).toBe(day(2028, 2, 29));
    expect(resolveDay('Feb 29', new Date(2027, 2, 1))).toBeNull();
  });
});

describe('parseTimeOfDay', () => {
  test.each([
    ['2:13 PM', 14, 13],
    ['2:13 pm', 14, 13],
    ['2:13\u202fPM', 14, 13],
    ['12:05 AM', 0, 5],
    ['12:30 PM', 12, 30],
    ['11:59 AM', 11, 59],
    ['14:44', 14, 44],
    ['9:05', 9, 5],
    ['0:15', 0, 15],
    ['下午2:13', 14, 13],
    ['上午9:05', 9, 5],
    ['上午12:20', 0, 20],
    ['中午12:10', 12, 10],
    ['中午1:10', 13, 10],
    ['晚上8:00', 20, 0],
    ['凌晨1:30', 1, 30],
    ['2:13 p. m.', 14, 13],
    ['9:15 a. m.', 9, 15],
    ['14 h 44', 14, 44],
    ['14.44', 14, 44],
    ['１４：４４', 14, 44],
    ['Jane Doe sent the following messages at 2:13 PM', 14, 13],
  ])('%j → %i:%i', (input, h, m) => {
    expect(parseTimeOfDay(input)).toMatchObject({ h, m });
  });

  test('returns the matched text only', () => {
    expect(parseTimeOfDay('Jane Doe sent the following messages at 2:13 PM')?.text).toBe('2:13 PM');
    expect(parseTimeOfDay('王芳 于 下午4:30 发送了以下消息')?.text).toBe('下午4:30');
  });

  test.each(['', 'noon', '25:00', '13:00 PM', '0:30 AM', '9:60', '2 PM'])('%j → null', (input) => {
    expect(parseTimeOfDay(input)).toBeNull();
  });
});

describe('resolveDayTime', () => {
  test.each([
    ['Today', '2:13 PM', new Date(2026, 10, 12, 14, 13)],
    ['viernes', '18:05', new Date(2026, 10, 6, 18, 5)],
    ['星期一', '下午2:13', new Date(2026, 10, 9, 14, 13)],
    ['Dec 30, 2025', '9:00 AM', new Date(2025, 11, 30, 9, 0)],
  ])('%j + %j', (heading, time, expected) => {
    expect(resolveDayTime(heading, time, NOW)?.toISOString()).toBe(expected.toISOString());
  });

  test.each([
    ['Today', 'garbage'],
    ['garbage', '2:13 PM'],
    ['', ''],
  ])('%j + %j → null', (heading, time) => {
    expect(resolveDayTime(heading, time, NOW)).toBeNull();
  });
});
