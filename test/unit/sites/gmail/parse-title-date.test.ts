// @vitest-environment happy-dom
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseTitleDate } from '../../../../src/sites/gmail/parse-title-date';

// Expected values are built in local time, as Gmail's titles are: the test holds in any TZ.
const at = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();

describe('parseTitleDate', () => {
  it.each([
    // English, both orders, 12- and 24-hour, weekday and "at", narrow no-break space before PM (recent ICU)
    ['Jan 1, 2026, 6:51 PM', at(2026, 1, 1, 18, 51)],
    ['Jan 1, 2026, 6:51\u202fPM', at(2026, 1, 1, 18, 51)],
    ['1 Jan 2026, 18:51', at(2026, 1, 1, 18, 51)],
    ['Tue, Jan 6, 2026 at 3:04 PM', at(2026, 1, 6, 15, 4)],
    ['Wed, Mar 2, 2016 at 4:35 PM', at(2016, 3, 2, 16, 35)],
    ['Jan 6, 2026, 12:05 AM', at(2026, 1, 6, 0, 5)],
    ['Jan 6, 2026, 12:05 PM', at(2026, 1, 6, 12, 5)],
    ['Sep 30, 2026, 11:59 p.m.', at(2026, 9, 30, 23, 59)],
    ['September 30, 2026 at 9:00 AM', at(2026, 9, 30, 9, 0)],
    // Right-to-left UIs: Hebrew (month with the prefix ב, geresh, RLM mark), Arabic (Arabic-Indic digits, the
    // Arabic comma, ص morning / م evening)
    ['\u200f2 בדצמ׳ 2026, 14:05', at(2026, 12, 2, 14, 5)],
    ['2 בנוב׳ 2026 בשעה 9:30', at(2026, 11, 2, 9, 30)],
    ['٢ ديسمبر ٢٠٢٦، ٢:٠٥ م', at(2026, 12, 2, 14, 5)],
    ['٢ ديسمبر ٢٠٢٦، ٩:٠٥ ص', at(2026, 12, 2, 9, 5)],
    ['12 أبريل 2026 في 12:15 ص', at(2026, 4, 12, 0, 15)],
    ['\u200f\u200f12\u200f/4\u200f/2026 10:15', null],
    // Spanish (incl. "mar" = Tuesday before the month, and "p. m.")
    ['6 ene 2026, 15:04', at(2026, 1, 6, 15, 4)],
    ['mar, 3 nov 2026, 10:15', at(2026, 11, 3, 10, 15)],
    ['6 mar 2026, 15:04', at(2026, 3, 6, 15, 4)],
    ['6 sept 2026, 3:04 p. m.', at(2026, 9, 6, 15, 4)],
    ['6 de diciembre de 2026, 8:00', at(2026, 12, 6, 8, 0)],
    // French
    ['6 janv. 2026, 15:04', at(2026, 1, 6, 15, 4)],
    ['mar. 6 févr. 2026, 15:04', at(2026, 2, 6, 15, 4)],
    ['6 août 2026 à 15:04', at(2026, 8, 6, 15, 4)],
    ['6 juil. 2026, 15:04', at(2026, 7, 6, 15, 4)],
    ['6 juin 2026, 15:04', at(2026, 6, 6, 15, 4)],
    // German
    ['6. Jan. 2026, 15:04', at(2026, 1, 6, 15, 4)],
    ['Fr., 6. Nov. 2026, 15:30', at(2026, 11, 6, 15, 30)],
    ['6. März 2026 um 15:04', at(2026, 3, 6, 15, 4)],
    ['6. Mai 2026, 09:00', at(2026, 5, 6, 9, 0)],
    // Portuguese
    ['6 de jan. de 2026 15:04', at(2026, 1, 6, 15, 4)],
    ['6 de out. de 2026 15:04', at(2026, 10, 6, 15, 4)],
    // Italian
    ['6 gen 2026, 15:04', at(2026, 1, 6, 15, 4)],
    ['6 giu 2026, 15:04', at(2026, 6, 6, 15, 4)],
    ['mar 6 ott 2026, 15:04', at(2026, 10, 6, 15, 4)],
    // Dutch
    ['6 jan 2026 15:04', at(2026, 1, 6, 15, 4)],
    ['6 mrt 2026 15:04', at(2026, 3, 6, 15, 4)],
    ['6 mei 2026 15:04', at(2026, 5, 6, 15, 4)],
    // Russian
    ['26 дек. 2019 г., 22:53', at(2019, 12, 26, 22, 53)],
    ['6 мая 2026 г., 9:05', at(2026, 5, 6, 9, 5)],
    ['1 сент. 2026 г., 10:00', at(2026, 9, 1, 10, 0)],
    // Indonesian: dot between hour and minute
    ['1 Jan 2026, 18.51', at(2026, 1, 1, 18, 51)],
    ['17 Agu 2026, 08.30', at(2026, 8, 17, 8, 30)],
    ['3 Des 2026, 23.05', at(2026, 12, 3, 23, 5)],
    // Chinese (上午/下午), Japanese (24-hour, 午前/午後), Korean
    ['2016年5月4日 上午10:08', at(2016, 5, 4, 10, 8)],
    ['2016年5月4日 下午3:15', at(2016, 5, 4, 15, 15)],
    ['2016年5月4日 下午12:30', at(2016, 5, 4, 12, 30)],
    ['2016年5月4日 上午12:30', at(2016, 5, 4, 0, 30)],
    ['2026年1月6日 15:04', at(2026, 1, 6, 15, 4)],
    ['2026年11月6日(金) 15:04', at(2026, 11, 6, 15, 4)],
    ['2026年1月6日 午後3:04', at(2026, 1, 6, 15, 4)],
    ['2026年1月6日 午前0:15', at(2026, 1, 6, 0, 15)],
    ['2026년 1월 6일 (화) 오후 3:04', at(2026, 1, 6, 15, 4)],
    // Year-first numeric (unambiguous); full-width digits
    ['2026-01-06 15:04', at(2026, 1, 6, 15, 4)],
    ['２０２６年１月６日 １５:０４', at(2026, 1, 6, 15, 4)],
    // Full weekday names that start like a month, before the month
    ['martes, 3 de noviembre de 2026, 10:15', at(2026, 11, 3, 10, 15)],
    ['maandag 6 januari 2026 15:04', at(2026, 1, 6, 15, 4)],
    ['mardi 6 janvier 2026 à 15:04', at(2026, 1, 6, 15, 4)],
    // Visible text that still holds a full date (the Indonesian capture's), or a relative note after the time
    ['Sen, 1 Jan 2024, 09.00 (1 hari yang lalu)', at(2024, 1, 1, 9, 0)],
    ['Jan 6, 2026, 3:04 PM (8 days ago)', at(2026, 1, 6, 15, 4)],
    ['6 ene 2026, 15:04 (hace 2 días)', at(2026, 1, 6, 15, 4)],
  ])('%s', (input, expected) => {
    expect(parseTitleDate(input)).toBe(expected);
  });

  it.each([
    ['', 'empty'],
    ['8 days ago', 'relative'],
    ['3:04 PM', 'time only'],
    ['Jan 6', 'no year, no time'],
    ['Jan 6, 2026', 'no time'],
    ['Feb 30, 2026, 3:04 PM', 'impossible day'],
    ['30 févr. 2026, 15:04', 'impossible day (fr)'],
    ['Jan 6, 2026, 25:04', 'hour 25'],
    ['Jan 6, 2026, 13:04 PM', '13 PM'],
    ['Jan 6, 2026, 0:04 AM', '0 AM'],
    ['Jan 6, 2026, 10:75', 'minute 75'],
    ['01/06/2026 15:04', 'day/month order unknown'],
    ['6 Foo 2026, 15:04', 'unknown month'],
    ['Jan 6, 26, 3:04 PM', 'two-digit year'],
    ['2026年2月30日 15:04', 'impossible CJK date'],
    ['2026年13月1日 15:04', 'month 13'],
    ['Jan 123, 2026, 3:04 PM', 'day is not a day'],
  ])('%s → null (%s)', (input) => {
    expect(parseTitleDate(input)).toBeNull();
  });

  it('tolerates null and undefined', () => {
    expect(parseTitleDate(null)).toBeNull();
    expect(parseTitleDate(undefined)).toBeNull();
  });

  // A title of plain ASCII takes a shorter path (no normalisation, no Unicode-aware regexes); a left-to-right mark in
  // front, which the full path removes, sends the same title down the full path. Both must read it alike.
  it('reads an ASCII title exactly as the full Unicode path does', () => {
    const weekday = fc.constantFrom('', 'Tue, ', 'mar, ', 'Mon ');
    const month = fc.constantFrom('Jan', 'Feb', 'Mar', 'ago', 'Sept', 'September', 'dez', 'janv.', 'Foo', 'mei');
    const time = fc.tuple(fc.integer({ min: 0, max: 25 }), fc.integer({ min: 0, max: 61 }), fc.constantFrom('', ' AM', ' PM', ' p.m.', 'am', ' (8 days ago)'));
    const title = fc
      .tuple(weekday, month, fc.integer({ min: 0, max: 33 }), fc.integer({ min: 1960, max: 2210 }), fc.constantFrom(', ', ' at ', ' '), time, fc.boolean())
      .map(([w, m, d, y, sep, [h, min, suffix], dayFirst]) =>
        `${w}${dayFirst ? `${d} ${m} ${y}` : `${m} ${d}, ${y}`}${sep}${h}:${String(min).padStart(2, '0')}${suffix}`,
      );
    const any = fc.oneof(title, fc.string({ unit: fc.constantFrom(...'0123456789 :.,/-apmAPMjanfebdecJANmaryt'.split('')), maxLength: 30 }));
    let parsed = 0;
    fc.assert(
      fc.property(any, (input) => {
        const fast = parseTitleDate(input);
        expect(parseTitleDate('\u200e' + input)).toBe(fast);
        if (fast) parsed++;
      }),
      { numRuns: 2_000 },
    );
    // The generator is not all nonsense: many of its titles are dates.
    expect(parsed).toBeGreaterThan(200);
  });
});
