// The list chips' words: the sidebar's states, short; the reason in the dashboard's sentence; no chip for resting.
import { describe, expect, it } from 'vitest';
import { chipWords, shortAge, type ChipFacts } from '../../../src/core/chip-words';
import { englishTranslate } from '../../../src/core/relative-time';

const NOW = new Date(2026, 10, 27, 12, 0);
const ago = (ms: number) => new Date(NOW.getTime() - ms).toISOString();
const DAY = 86_400_000;
/** A browser without the chip keys answers '': the English fallback is used. */
const missing = () => '';

const facts = (extra: Partial<ChipFacts>): ChipFacts => ({
  turn: 'mine',
  explanation: { kind: 'they-wrote', name: 'Dana Whitfield', since: ago(2 * DAY), at: ago(2 * DAY) },
  pinDueAt: null,
  changedSince: false,
  ...extra,
});

describe('chip words', () => {
  it('"Your turn · 2d" with the reason in words, the first name only', () => {
    expect(chipWords(facts({}), NOW, englishTranslate)).toEqual({ state: 'mine', label: 'Your turn · 2d', reason: 'Dana wrote 2 days ago' });
    expect(chipWords(facts({}), NOW, missing)!.label).toBe('Your turn · 2d');
  });

  it('"Follow up · 6d", "Waiting", a reminder and a change seen in the list', () => {
    const noAnswer = { kind: 'no-answer' as const, name: 'Dana', since: ago(3 * DAY), at: ago(6 * DAY) };
    expect(chipWords(facts({ turn: 'follow-up', explanation: noAnswer }), NOW, missing)).toMatchObject({
      state: 'follow-up',
      label: 'Follow up · 6d',
      reason: 'You wrote 6 days ago, no answer',
    });
    const youWrote = { kind: 'you-wrote' as const, name: 'Dana', since: ago(DAY), at: ago(DAY) };
    expect(chipWords(facts({ turn: 'theirs', explanation: youWrote }), NOW, missing)).toMatchObject({ state: 'theirs', label: 'Waiting' });
    const pinned = chipWords(facts({ pinDueAt: new Date(2026, 10, 27, 8, 0).toISOString() }), NOW, missing, 'en-US')!;
    expect(pinned.state).toBe('pinned');
    expect(pinned.label).toBe('Pinned · Fri 8:00 AM');
    expect(chipWords(facts({ changedSince: true }), NOW, missing)).toMatchObject({ state: 'changed', label: 'New message since last read' });
  });

  it('gives resting and empty conversations no chip', () => {
    const resting = { kind: 'resting' as const, name: 'Dana', since: ago(DAY), at: ago(2 * DAY) };
    expect(chipWords(facts({ turn: 'resting', explanation: resting }), NOW, missing)).toBeNull();
    const empty = { kind: 'empty' as const, name: null, since: null, at: null };
    expect(chipWords(facts({ turn: 'resting', explanation: empty }), NOW, missing)).toBeNull();
  });

  it('short ages: minutes and hours within the day, calendar days before it, weeks, years; the locale words when the browser has them', () => {
    const justAfterMidnight = new Date(2026, 10, 27, 0, 10);
    expect(shortAge(new Date(2026, 10, 26, 22, 0).toISOString(), justAfterMidnight, missing)).toBe('1d');
    expect(shortAge(new Date(2026, 10, 27, 0, 5).toISOString(), justAfterMidnight, missing)).toBe('5m');
    expect(shortAge(ago(30_000), NOW, missing)).toBe('1m');
    expect(shortAge(ago(5 * 3_600_000), NOW, missing)).toBe('5h');
    expect(shortAge(ago(26 * 3_600_000), NOW, missing)).toBe('1d');
    expect(shortAge(ago(20 * DAY), NOW, missing)).toBe('2w');
    expect(shortAge(ago(800 * DAY), NOW, missing)).toBe('2y');
    expect(shortAge(ago(3 * DAY), NOW, (key, subs) => (key === 'chipAgeDays' ? `${subs[0]} j` : ''))).toBe('3 j');
  });
});
