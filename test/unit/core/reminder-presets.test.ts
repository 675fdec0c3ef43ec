import { describe, expect, it } from 'vitest';
import {
  dayAt,
  fromDatetimeLocalValue,
  nextMonday,
  presetTime,
  REMINDER_PRESET_IDS,
  reminderPresets,
  toDatetimeLocalValue,
} from '../../../src/core/reminder-presets';
import { parseTypedTime } from '../../../src/core/parse-typed-time';

// Local times, so the tests hold in any time zone. November 2026: Wed 18, Fri 20, Sat 21, Sun 22, Mon 23.
const local = (d: number, h = 0, m = 0, month = 10, y = 2026) => new Date(y, month, d, h, m, 0, 0);
const NOW = local(18, 10, 32); // Wednesday 10:32

/** [y, month(1-12), day, hour, minute] of a Date, local. */
const parts = (date: Date) => [date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes()];

describe('reminder presets', () => {
  it('later today is three hours on, rounded up to five minutes', () => {
    expect(parts(presetTime('later-today', NOW))).toEqual([2026, 11, 18, 13, 35]);
    expect(parts(presetTime('later-today', local(18, 10, 30)))).toEqual([2026, 11, 18, 13, 30]);
  });

  it('tomorrow is 8:00 on the next calendar day, also across a month and a year end', () => {
    expect(parts(presetTime('tomorrow', NOW))).toEqual([2026, 11, 19, 8, 0]);
    expect(parts(presetTime('tomorrow', local(30, 23, 59)))).toEqual([2026, 12, 1, 8, 0]);
    expect(parts(presetTime('tomorrow', local(31, 7, 0, 11)))).toEqual([2027, 1, 1, 8, 0]);
  });

  it('tomorrow is 8:00 even just after midnight (the day after the current date)', () => {
    expect(parts(presetTime('tomorrow', local(19, 0, 10)))).toEqual([2026, 11, 20, 8, 0]);
  });

  it('in 3 days is 8:00 three calendar days on', () => {
    expect(parts(presetTime('in-3-days', NOW))).toEqual([2026, 11, 21, 8, 0]);
  });

  it('next Monday is the first Monday after today, a week on when today is Monday', () => {
    expect(parts(presetTime('next-monday', NOW))).toEqual([2026, 11, 23, 8, 0]);
    expect(parts(nextMonday(local(22, 20)))).toEqual([2026, 11, 23, 8, 0]); // Sunday → tomorrow
    expect(parts(nextMonday(local(23, 7)))).toEqual([2026, 11, 30, 8, 0]); // Monday → a week on
    expect(parts(nextMonday(local(21, 9)))).toEqual([2026, 11, 23, 8, 0]); // Saturday
    for (let d = 1; d <= 30; d++) {
      const m = nextMonday(local(d, 12));
      expect(m.getDay()).toBe(1);
      expect(m.getTime()).toBeGreaterThan(local(d, 23, 59).getTime());
      expect(m.getTime() - local(d, 12).getTime()).toBeLessThanOrEqual(7 * 86_400_000);
    }
  });

  it('lists every preset in menu order, each in the future', () => {
    const list = reminderPresets(NOW);
    expect(list.map((p) => p.id)).toEqual([...REMINDER_PRESET_IDS]);
    for (const p of list) expect(p.at.getTime()).toBeGreaterThan(NOW.getTime());
  });

  it('dayAt adds calendar days at the given hour', () => {
    expect(parts(dayAt(NOW, 0, 17))).toEqual([2026, 11, 18, 17, 0]);
    expect(parts(dayAt(NOW, 14))).toEqual([2026, 12, 2, 8, 0]);
  });

  it('round-trips datetime-local values and refuses malformed ones', () => {
    expect(toDatetimeLocalValue(local(3, 9, 5, 0, 2027))).toBe('2027-01-03T09:05');
    expect(parts(fromDatetimeLocalValue('2027-01-03T09:05')!)).toEqual([2027, 1, 3, 9, 5]);
    expect(fromDatetimeLocalValue('')).toBeNull();
    expect(fromDatetimeLocalValue('2027-02-31T09:00')).toBeNull();
    expect(fromDatetimeLocalValue('tomorrow')).toBeNull();
  });
});

describe('typed reminder times', () => {
  const at = (text: string, now = NOW) => {
    const r = parseTypedTime(text, now);
    if (!r.ok) throw new Error(`${text}: ${r.reason}`);
    return parts(r.at);
  };

  it.each([
    ['fri 3pm', [2026, 11, 20, 15, 0]],
    ['Friday at 3pm', [2026, 11, 20, 15, 0]],
    ['tomorrow', [2026, 11, 19, 8, 0]],
    ['tomorrow morning', [2026, 11, 19, 8, 0]],
    ['tomorrow at 9', [2026, 11, 19, 9, 0]],
    ['tomorrow 14:30', [2026, 11, 19, 14, 30]],
    ['in 3 days', [2026, 11, 21, 8, 0]],
    ['in 2 weeks', [2026, 12, 2, 8, 0]],
    ['next week', [2026, 11, 23, 8, 0]],
    ['Next  Week', [2026, 11, 23, 8, 0]],
    ['monday', [2026, 11, 23, 8, 0]],
    ['next fri at 15:30', [2026, 11, 27, 15, 30]],
    ['in 2 hours', [2026, 11, 18, 12, 32]],
    ['tonight', [2026, 11, 18, 22, 0]],
    ['this evening', [2026, 11, 18, 20, 0]],
    ['3pm', [2026, 11, 18, 15, 0]],
    ['8am', [2026, 11, 19, 8, 0]], // 8:00 has passed today: tomorrow
    ['dec 1', [2026, 12, 1, 8, 0]],
    ['2027-01-15 09:45', [2027, 1, 15, 9, 45]],
  ] as const)('%s', (text, expected) => {
    expect(at(text)).toEqual(expected);
  });

  it('says which words it understood', () => {
    const r = parseTypedTime('ping Dana fri 3pm please', NOW);
    expect(r).toMatchObject({ ok: true, matched: 'fri 3pm' });
  });

  it('refuses empty, unknown and past times', () => {
    expect(parseTypedTime('   ', NOW)).toEqual({ ok: false, reason: 'empty' });
    expect(parseTypedTime('whenever', NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(parseTypedTime('<script>alert(1)</script>', NOW)).toEqual({ ok: false, reason: 'unknown' });
    expect(parseTypedTime('yesterday', NOW)).toEqual({ ok: false, reason: 'past' });
    expect(parseTypedTime('today', NOW)).toEqual({ ok: false, reason: 'past' });
  });

  it('"today" early in the morning is 8:00 today', () => {
    expect(at('today', local(18, 6, 0))).toEqual([2026, 11, 18, 8, 0]);
  });

  it('"3pm" after 3pm is tomorrow', () => {
    expect(at('3pm', local(18, 16, 0))).toEqual([2026, 11, 19, 15, 0]);
  });

  it('only looks at the first 200 characters and never throws on odd input', () => {
    expect(parseTypedTime('x'.repeat(10_000) + ' tomorrow', NOW)).toEqual({ ok: false, reason: 'unknown' });
    for (const odd of ['\u0000', '🙂 tomorrow', 'زمان', '31/31/31', '99:99', 'in -3 days']) {
      expect(() => parseTypedTime(odd, NOW)).not.toThrow();
    }
  });
});
