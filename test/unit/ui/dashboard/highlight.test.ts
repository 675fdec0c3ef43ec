import { describe, expect, it } from 'vitest';
import { firstWords } from '../../../../src/db/conversation-titles';
import { highlightParts } from '../../../../src/ui/dashboard/highlight';

describe('highlightParts', () => {
  it('cuts the text around the match', () => {
    expect(highlightParts('does the pilot include SSO?', [23, 26])).toEqual([
      { text: 'does the pilot include ', match: false },
      { text: 'SSO', match: true },
      { text: '?', match: false },
    ]);
  });
  it('keeps markup-looking text as text parts', () => {
    expect(highlightParts('<img src=x onerror=alert(1)> pricing', [29, 36])).toEqual([
      { text: '<img src=x onerror=alert(1)> ', match: false },
      { text: 'pricing', match: true },
    ]);
  });
  it('handles no match, an empty match and out-of-range offsets', () => {
    expect(highlightParts('abc', null)).toEqual([{ text: 'abc', match: false }]);
    expect(highlightParts('abc', [1, 1])).toEqual([{ text: 'abc', match: false }]);
    expect(highlightParts('abc', [2, 99])).toEqual([
      { text: 'ab', match: false },
      { text: 'c', match: true },
    ]);
    expect(highlightParts('', null)).toEqual([]);
  });
});

describe('firstWords', () => {
  it('stands in for a missing subject: whitespace collapsed, cut at a word', () => {
    expect(firstWords('  Thanks.\n\nSharing this   in case it helps ')).toBe('Thanks. Sharing this in case it helps');
    expect(firstWords('one two three four five six seven', 15)).toBe('one two three…');
  });
});

describe('searchable', () => {
  it('starts at two letters, or one in a script written without spaces', async () => {
    const { searchable } = await import('../../../../src/ui/dashboard/search-data');
    expect(searchable('p')).toBe(false);
    expect(searchable(' p ')).toBe(false);
    expect(searchable('pr')).toBe(true);
    expect(searchable('見')).toBe(true);
    expect(searchable('ё')).toBe(false);
  });
});
