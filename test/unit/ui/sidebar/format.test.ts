// The sidebar's sentences, with the English strings from _locales (as the browser would give them) and a fixed clock.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { englishTranslate, type Translate } from '../../../../src/core/relative-time';
import type { TurnExplanation } from '../../../../src/core/turn';
import { formatRelative } from '../../../../src/core/relative-time';
import { foldText, formatDuration, profileHandle, shortName, turnSentence } from '../../../../src/ui/sidebar/format';

const ROOT = resolve(import.meta.dirname, '../../../..');
const locale = JSON.parse(readFileSync(resolve(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** chrome.i18n.getMessage, for English: named placeholders resolved to $1…, then substituted. */
const tr: Translate = (key, subs) => {
  const entry = locale[key];
  if (!entry) return englishTranslate(key, subs);
  const text = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    return content ?? whole;
  });
  return text.replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
};

const local = (d: number, h = 0, m = 0) => new Date(2026, 10, d, h, m);
const NOW = local(18, 10, 0);
const explain = (kind: TurnExplanation['kind'], name: string | null, at: Date | null): TurnExplanation => ({
  kind,
  name,
  since: at?.toISOString() ?? null,
  at: at?.toISOString() ?? null,
});

describe('turn sentence', () => {
  it.each([
    ['mine', explain('they-wrote', 'Dana Whitfield', local(16, 9)), 'Your turn: Dana wrote 2 days ago'],
    ['mine', explain('they-wrote', 'Dana Whitfield', local(17, 9)), 'Your turn: Dana wrote yesterday'],
    ['mine', explain('they-wrote', null, local(18, 7)), 'Your turn: they wrote 3 hours ago'],
    ['theirs', explain('you-wrote', 'Dana Whitfield', local(17, 15)), 'Waiting on Dana: you wrote yesterday'],
    ['theirs', explain('you-wrote', null, local(17, 15)), 'Waiting on them: you wrote yesterday'],
    ['follow-up', explain('no-answer', 'Dana Whitfield', local(12, 9)), 'Follow up: no answer for 6 days'],
    ['resting', explain('resting', 'Dana Whitfield', local(12, 9)), 'Resting'],
    ['resting', explain('empty', null, null), 'No messages recorded yet'],
  ] as const)('%s: %s', (turn, explanation, expected) => {
    expect(turnSentence(turn, explanation, NOW, tr)).toBe(expected);
  });

  it('says that a conversation has gone quiet after whose turn it is', () => {
    const months = (n: number) => new Date(2026, 10 - n, 18, 9);
    expect(turnSentence('mine', explain('they-wrote', 'Dana Whitfield', months(7)), NOW, tr, true)).toBe(
      'Your turn: Dana wrote 7 months ago · gone quiet',
    );
    expect(turnSentence('follow-up', explain('no-answer', 'Dana Whitfield', months(3)), NOW, tr, true)).toBe(
      'Follow up: no answer for 3 months · gone quiet',
    );
    expect(turnSentence('mine', explain('they-wrote', 'Dana Whitfield', months(7)), NOW, tr)).toBe(
      'Your turn: Dana wrote 7 months ago',
    );
  });

  it('keeps a whole name that is not a Latin first-last name', () => {
    expect(shortName('Dana Whitfield')).toBe('Dana');
    expect(shortName('dana@acme.example')).toBe('dana@acme.example');
    expect(shortName('Whitfield, Dana')).toBe('Whitfield, Dana');
    expect(shortName('山田 太郎')).toBe('山田 太郎');
    expect(shortName('محمد علي')).toBe('محمد علي');
    expect(shortName('Cher')).toBe('Cher');
    expect(shortName('  ')).toBeNull();
  });

  it('says how long there has been no answer', () => {
    expect(formatDuration(local(18, 9, 30), NOW, tr)).toBe('an hour');
    expect(formatDuration(local(18, 5), NOW, tr)).toBe('5 hours');
    expect(formatDuration(local(17, 9), NOW, tr)).toBe('a day');
    expect(formatDuration(local(1, 9), NOW, tr)).toBe('2 weeks');
    expect(formatDuration(new Date(2026, 6, 1), NOW, tr)).toBe('4 months');
  });

  it('counts days as the dashboard does: local calendar days, so just after midnight both say the same', () => {
    const justAfterMidnight = local(18, 0, 10);
    // Written six days back at 00:00: 144 h 10 min, and six calendar days.
    expect(formatDuration(local(12, 0, 0), justAfterMidnight, tr)).toBe('6 days');
    // Written six calendar days back in the evening: under six full days, still "6 days", as "6 days ago" says.
    expect(formatDuration(local(12, 23, 0), justAfterMidnight, tr)).toBe('6 days');
    expect(formatRelative(local(12, 23, 0), justAfterMidnight, tr)).toBe('6 days ago');
  });
});

describe('folding and handles', () => {
  it('folds long texts at a word and never splits an emoji', () => {
    expect(foldText('short')).toEqual({ text: 'short', folded: false });
    const long = 'word '.repeat(100);
    const folded = foldText(long);
    expect(folded.folded).toBe(true);
    expect(folded.text.endsWith('word…')).toBe(true);
    expect(folded.text.length).toBeLessThanOrEqual(321);
    const emoji = '👋🏽'.repeat(300);
    expect(foldText(emoji).text).not.toMatch(/[\uD800-\uDBFF]…$/);
    expect(foldText('a\nb\nc\nd\ne\nf\ng\nh').text).toBe('a\nb\nc\nd\ne\nf…');
  });

  it('shows a LinkedIn profile as in/handle', () => {
    expect(profileHandle('https://www.linkedin.com/in/dana-whitfield/')).toBe('in/dana-whitfield');
    expect(profileHandle('https://www.linkedin.com/in/j%C3%BCrgen/')).toBe('in/jürgen');
    expect(profileHandle('https://www.linkedin.com/in/%E0%A4%A/')).toBe('in/%E0%A4%A');
  });
});

describe('strings', () => {
  it('every string the sidebar and the shared components use is in _locales/en, with its placeholders', () => {
    const dirs = ['src/ui/sidebar', 'src/ui/components'];
    const used = new Set<string>();
    for (const dir of dirs) {
      for (const file of readdirSync(resolve(ROOT, dir))) {
        if (!/\.(ts|tsx)$/.test(file)) continue;
        const source = readFileSync(resolve(ROOT, dir, file), 'utf8');
        for (const m of source.matchAll(/['"]((?:sidebar|remind|undo)[A-Za-z0-9_]+)['"]/g)) used.add(m[1]!);
      }
    }
    expect(used.size).toBeGreaterThan(50);
    const missing = [...used].filter((key) => !locale[key]);
    expect(missing).toEqual([]);
    for (const [key, entry] of Object.entries(locale)) {
      for (const name of entry.message.matchAll(/\$([A-Za-z0-9_]+)\$/g)) {
        expect(entry.placeholders?.[name[1]!.toLowerCase()], `${key}: ${name[0]}`).toBeDefined();
      }
    }
  });
});
