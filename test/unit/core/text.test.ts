import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldText, makeSnippet, matchesAll, nameKey, queryTokens, tokenize } from '../../../src/core/text';

describe('folding', () => {
  it.each([
    ['José', 'jose'],
    ['MÜLLER', 'muller'],
    ['Straße', 'strasse'],
    ['Łukasz Søren', 'lukasz soren'],
    ['Ёлка', 'елка'],
    ['ＡＢＣ１', 'abc1'],
    ['İstanbul', 'istanbul'],
    ['が', 'が'], // Japanese voicing marks are kept
  ])('%s → %s', (input, out) => expect(foldText(input)).toBe(out));

  it('compares names across case, accents and whitespace', () => {
    expect(nameKey('  José   García ')).toBe(nameKey('jose garcia'));
    expect(nameKey('Jose\u0301 Garcia')).toBe('jose garcia'); // decomposed input
    expect(nameKey('Dana Smith')).not.toBe(nameKey('Dana Smyth'));
  });
});

describe('tokenize', () => {
  it('splits Latin and Cyrillic text into folded words', () => {
    expect(tokenize('Hello, José! Привет, мир.')).toEqual(['hello', 'jose', 'привет', 'мир']);
    expect(tokenize('the the THE')).toEqual(['the']);
  });
  it('cuts unspaced scripts into bigrams plus the last character', () => {
    expect(tokenize('東京都に行く')).toEqual(['東京', '京都', '都に', 'に行', '行く', 'く']);
    expect(tokenize('Q3提案')).toEqual(['q3', '提案', '案']);
  });
  it('drops query tokens that prefix other tokens and puts the longest first', () => {
    expect(queryTokens('pro proposal Q')).toEqual(['proposal', 'q']);
    expect(queryTokens('  ,.;')).toEqual([]);
  });
  it('matches every query token as a word prefix', () => {
    const words = tokenize('Sent the proposal to José');
    expect(matchesAll(words, queryTokens('prop jos'))).toBe(true);
    expect(matchesAll(words, queryTokens('posal'))).toBe(false);
    expect(matchesAll(tokenize('東京都に行く'), queryTokens('京都'))).toBe(true);
  });
});

describe('makeSnippet', () => {
  it('cuts around the first matching word and marks the match in the original text', () => {
    const text = `${'Lorem ipsum dolor sit amet. '.repeat(5)}Here is the Propuesta for José, as promised. ${'Tail words. '.repeat(8)}`;
    const s = makeSnippet(text, ['propuesta'], 20);
    expect(s.text.startsWith('…')).toBe(true);
    expect(s.text.endsWith('…')).toBe(true);
    expect(s.match).not.toBeNull();
    expect(s.text.slice(...s.match!)).toBe('Propuesta');
  });
  it('finds accented words with a plain query', () => {
    const s = makeSnippet('Hola José, ¿qué tal?', ['jose']);
    expect(s.text.slice(...s.match!)).toBe('José');
  });
  it('falls back to the start of the text', () => {
    expect(makeSnippet('Short text', ['zzz'])).toEqual({ text: 'Short text', match: null });
  });
});

describe('makeSnippet keeps the words before the match', () => {
  it('shows context on both sides without cutting a word', () => {
    const text = 'Hi Sam, thanks for the proposal. Could you send the pricing for 40 seats, and does the pilot include SSO? Dana';
    const { text: snippet, match } = makeSnippet(text, ['sso'], 30);
    expect(snippet).toMatch(/^…\S/);
    expect(snippet).toContain('pilot include SSO?');
    expect(snippet.slice(match![0], match![1])).toBe('SSO');
    expect(snippet.indexOf('SSO')).toBeGreaterThan(10);
  });
});

describe('tokenize, fast paths', () => {
  // The plain definition the fast paths must agree with: every maximal run of letters, digits and marks of the
  // lower-cased text, ASCII runs as they are, others folded and cut as words of their script.
  function reference(text: string, max = 1000): string[] {
    const out: string[] = [];
    for (const [word] of text.toLowerCase().matchAll(/[\p{L}\p{N}\p{M}]+/gu)) {
      for (const token of /^[\x00-\x7f]*$/.test(word) ? [word.slice(0, 32)] : tokenize(word, Infinity)) {
        if (!out.includes(token)) out.push(token);
      }
      if (out.length >= max) break;
    }
    return out.slice(0, max);
  }

  it('gives the tokens of the plain definition, in order, for mixed scripts, spaces and caps', () => {
    const alphabet = ['a', 'Z', '7', ' ', '\t', '\u00a0', '\u2003', '\u200b', '-', '.', 'é', 'É', 'ß', 'ø', '東', '京', 'の', 'ж', 'Ё', '\u0301', 'ไ', 'ท', 'ي'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 60 }), fc.integer({ min: 1, max: 12 }), (chars, max) => {
        const text = chars.join('');
        expect(tokenize(text, max)).toEqual(reference(text, max));
      }),
      { numRuns: 2000 },
    );
  });
});
