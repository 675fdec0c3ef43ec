import { describe, expect, it } from 'vitest';
import { EN_MESSAGES, formatRelative, formatTurn, type Translate } from '../../../src/core/relative-time';

const NOW = new Date(2024, 0, 10, 12, 0); // Wednesday, local time
const local = (y: number, mo: number, d: number, h = 12, mi = 0, s = 0) => new Date(y, mo, d, h, mi, s);

describe('formatRelative', () => {
  const cases: [Date, string][] = [
    [local(2024, 0, 10, 11, 59, 30), 'just now'],
    [local(2024, 0, 10, 12, 5), 'just now'], // in the future (clock skew)
    [local(2024, 0, 10, 11, 59), '1 minute ago'],
    [local(2024, 0, 10, 11, 1), '59 minutes ago'],
    [local(2024, 0, 10, 11, 0), '1 hour ago'],
    [local(2024, 0, 10, 9, 0), '3 hours ago'],
    [local(2024, 0, 10, 0, 30), '11 hours ago'],
    [local(2024, 0, 9, 23, 0), 'yesterday'],
    [local(2024, 0, 9, 0, 1), 'yesterday'],
    [local(2024, 0, 8, 23, 59), '2 days ago'],
    [local(2024, 0, 5, 12), '5 days ago'],
    [local(2023, 11, 28), '13 days ago'],
    [local(2023, 11, 27), '2 weeks ago'],
    [local(2023, 11, 20), '3 weeks ago'],
    [local(2023, 10, 1), '2 months ago'],
    [local(2023, 0, 11), '11 months ago'],
    [local(2023, 0, 10), '1 year ago'],
    [local(2021, 5, 1), '2 years ago'],
  ];
  it.each(cases)('%s', (then, text) => {
    expect(formatRelative(then, NOW)).toBe(text);
    expect(formatRelative(then.toISOString(), NOW)).toBe(text);
  });

  it('routes every string through the translate function', () => {
    const calls: [string, string[]][] = [];
    const t: Translate = (key, subs) => {
      calls.push([key, subs]);
      return `<${key}:${subs.join(',')}>`;
    };
    expect(formatRelative(local(2024, 0, 8), NOW, t)).toBe('<relDays:2>');
    expect(formatTurn({ kind: 'they-wrote', name: 'Dana', since: null, at: local(2024, 0, 8).toISOString() }, NOW, t))
      .toBe('<turnTheyWrote:Dana,<relDays:2>>');
    expect(calls.every(([k]) => k in EN_MESSAGES)).toBe(true);
  });
});

describe('formatTurn', () => {
  const iso = (d: Date) => d.toISOString();
  it.each([
    [{ kind: 'they-wrote', name: 'Dana', since: null, at: iso(local(2024, 0, 8)) }, 'Dana wrote 2 days ago'],
    [{ kind: 'they-wrote', name: null, since: null, at: iso(local(2024, 0, 8)) }, 'They wrote 2 days ago'],
    [{ kind: 'you-wrote', name: 'Dana', since: null, at: iso(local(2024, 0, 9)) }, 'You wrote yesterday'],
    [{ kind: 'no-answer', name: 'Dana', since: iso(local(2024, 0, 8)), at: iso(local(2024, 0, 5)) }, 'You wrote 5 days ago, no answer'],
    [{ kind: 'resting', name: null, since: iso(local(2024, 0, 9)), at: null }, 'Resting: no reply needed'],
    [{ kind: 'empty', name: null, since: null, at: null }, 'No messages yet'],
  ] as const)('%o', (explanation, text) => {
    expect(formatTurn(explanation, NOW)).toBe(text);
  });
});

describe('EN_MESSAGES', () => {
  it('has keys usable as browser i18n message names', () => {
    for (const [key, text] of Object.entries(EN_MESSAGES)) {
      expect(key).toMatch(/^[A-Za-z0-9_]+$/);
      expect(text.length).toBeGreaterThan(0);
    }
  });
});
