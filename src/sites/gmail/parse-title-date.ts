// Parses the full, localised date Gmail puts in `span.g3[title]` ("Jan 1, 2026, 6:51 PM", "1 Jan 2026, 18.51",
// "26 дек. 2019 г., 22:53", "2016年5月4日 上午10:08") into an ISO 8601 UTC string. The title carries no time zone: it
// is the browser's local time, so it is built with `new Date(y, m, d, h, min)`. Returns null whenever the string
// cannot be read without guessing: no time, no year, a numeric day/month order that is ambiguous, an impossible
// date (Feb 30, 25:00, 13 PM).

// The first letters of month names in the supported languages (en, es, fr, de, pt, it, nl, id, ru; he and ar for the
// right-to-left UIs), January first, lower case, accents stripped (Hebrew without its "in" prefix ב, Arabic with its
// hamza forms folded to ا: see monthWord). A word names month m when it starts with one of m's stems: that covers
// full names ("janvier", "января", "ديسمبر"), abbreviations with or without a dot ("janv.", "янв.", "דצמ׳"), and
// declensions. No stem starts another month's stem ("juin"/"juil" are kept apart by their 4th letter). Weekdays that
// start like a month ("mar" is Tuesday in es/fr/it, "maandag" in nl) come before the month in every format, so the
// last month word wins.
const MONTHS = (
  'jan ene gen янв ינו ينا|feb fev фев פבר فبر|mar maa mrt мар מרץ مار|apr abr avr апр אפר ابر|' +
  'may mai mag mei мая май מאי ماي|jun juin giu июн יונ يون|jul juil lug июл יול يول|aug ago aou agu agt авг אוג اغس|' +
  'sep set сен ספט سبت|oct okt ott out окт אוק اكت|nov ноя נוב نوف|dec dic dez des дек דצמ ديس'
)
  .split('|')
  .map((m) => m.split(' '));

/** A word as the month stems are written: Latin without accents, Hebrew without the prefix ב, Arabic hamza on alif
 * folded (أ إ آ → ا); Cyrillic as it is. */
function monthWord(w: string): string {
  if (/[\u0590-\u05ff]/.test(w)) return w.length > 3 ? w.replace(/^ב/, '') : w;
  if (/[\u0600-\u06ff]/.test(w)) return w.replace(/[\u0622\u0623\u0625]/g, '\u0627');
  return /[а-яё]/.test(w) ? w : w.normalize('NFD').replace(/[\u0300-\u036f]/g, '');
}

function monthOf(word: string): number {
  if (word.length >= 3) for (let m = 0; m < 12; m++) for (const stem of MONTHS[m]!) if (word.startsWith(stem)) return m;
  return -1;
}

const PM = /(下午|午後|오후|晚上|中午)\s*$/;
const AM = /(上午|午前|오전|早上|凌晨)\s*$/;

// A thread is read again on every change of the page, with the same titles: each is parsed once. Bounded, since a
// Gmail tab stays open all day.
const parsed = new Map<string, string | null>();
const PARSED_MAX = 2_000;

export function parseTitleDate(input: string | null | undefined): string | null {
  if (!input) return null;
  const known = parsed.get(input);
  if (known !== undefined) return known;
  const result = parseUncached(input);
  if (parsed.size >= PARSED_MAX) parsed.clear();
  parsed.set(input, result);
  return result;
}

// Directional marks right-to-left UIs put around numbers and words (LRM, RLM, ALM, embeddings, isolates).
const BIDI_MARKS = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/g;
// Arabic-Indic and Eastern Arabic-Indic digits, which NFKC leaves as they are.
const ARABIC_DIGITS = /[\u0660-\u0669\u06f0-\u06f9]/g;
const asciiDigit = (d: string) => String((d.charCodeAt(0) - 0x0660) % (0x06f0 - 0x0660));

/** Nothing but ASCII: nothing to normalise, no bidi marks, Arabic digits, CJK or Arabic markers, and every word is
 * a-z. The usual title (English and most Latin-script UIs) is parsed without the Unicode-aware steps and regexes,
 * which cost the most on a page's first read (each is compiled on first use) and would leave it as it is. */
function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

function parseUncached(input: string): string | null {
  const ascii = isAscii(input);
  // NFKC: narrow/no-break spaces → space, full-width digits → ASCII; then Arabic digits, the Arabic comma and
  // decimal/time separators, and bidi marks.
  const s = ascii
    ? input.toLowerCase()
    : input
        .normalize('NFKC')
        .replace(BIDI_MARKS, '')
        .replace(ARABIC_DIGITS, asciiDigit)
        .replace(/[\u060c]/g, ',')
        .replace(/[\u066b]/g, '.')
        .toLowerCase();

  // The time: the last h:mm / h.mm (optionally :ss) in the string (a numeric date such as 06.01.2026 comes first).
  const timeRe = /(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?(?!\d)/g;
  let t: RegExpExecArray | null = null;
  for (let m; (m = timeRe.exec(s)); ) t = m;
  if (!t) return null;
  let h = +t[1]!;
  const min = +t[2]!;
  const sec = t[3] ? +t[3] : 0;
  const head = s.slice(0, t.index);
  const tail = s.slice(t.index + t[0].length);

  // 12-hour markers, only right beside the time: "3:04 PM", "3:04 p. m.", "下午10:08", "午後3:04", Arabic ص / م.
  const latin = /^\s*([ap])\.?\s?m\b\.?/.exec(tail);
  const arabic = latin || ascii ? null : /^\s*([\u0635\u0645])(?![\u0621-\u064a])/.exec(tail);
  const marker = latin ?? arabic;
  const cjk = ascii ? null : PM.exec(head) || AM.exec(head);
  const half = latin ? latin[1] : arabic ? (arabic[1] === '\u0635' ? 'a' : 'p') : cjk ? (PM.test(cjk[0]) ? 'p' : 'a') : '';
  if (half) {
    if (h > 12 || (h < 1 && !cjk)) return null; // Japanese counts 午前0:15 from 0
    if (cjk && cjk[1] === '中午') h = h < 11 ? h + 12 : h; // noon: 12:30 stays, 1:30 → 13:30
    else h = half === 'p' ? (h % 12) + 12 : h % 12;
  }
  if (h > 23 || min > 59 || sec > 59) return null;

  const date = head + ' ' + tail.slice(marker ? marker[0].length : 0);
  let y: number, mo: number, d: number;
  const ymd = ascii ? null : /(\d{4})\s*[年년]\s*(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]/.exec(date);
  if (ymd) {
    y = +ymd[1]!;
    mo = +ymd[2]! - 1;
    d = +ymd[3]!;
  } else {
    const nums = date.match(/\d+/g) || [];
    const yi = nums.findIndex((n) => n.length === 4);
    if (yi < 0) return null;
    y = +nums[yi]!;
    const rest = nums.filter((_, i) => i !== yi);
    // The month: the last month word before the time ("mar., 6 janv." → January: "mar." was Tuesday), else after it.
    // Before first, so that visible text such as "3:04 PM (8 days ago)" does not read "ago" as agosto.
    mo = -1;
    for (const part of [tail, head]) {
      for (const w of part.match(ascii ? /[a-z]+/g : /\p{L}+/gu) || []) {
        const m = monthOf(ascii ? w : monthWord(w));
        if (m >= 0) mo = m;
      }
    }
    if (mo >= 0) {
      if (!rest[0] || rest[0].length > 2) return null;
      d = +rest[0];
    } else if (yi === 0 && rest.length === 2) {
      // Year first is unambiguous: 2026-01-06, 2026/1/6, "2026. 1. 6."
      mo = +rest[0]! - 1;
      d = +rest[1]!;
    } else {
      return null; // 01/06/2026: day-month or month-day? Never guess.
    }
  }
  if (y < 1970 || y > 2200 || mo < 0 || mo > 11 || d < 1 || d > 31) return null;
  const out = new Date(y, mo, d, h, min, sec);
  if (out.getFullYear() !== y || out.getMonth() !== mo || out.getDate() !== d) return null; // Feb 30
  return out.toISOString();
}
