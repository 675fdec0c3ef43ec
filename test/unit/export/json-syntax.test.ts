import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { findJsonSyntaxError, lineColumn } from '../../../src/export/json-syntax';

describe('findJsonSyntaxError', () => {
  it('finds nothing wrong in valid JSON (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.constantFrom(undefined, 2, '\t'), (value, indent) => {
        expect(findJsonSyntaxError(JSON.stringify(value, null, indent))).toBeNull();
      }),
      { numRuns: 500 },
    );
  });

  it('agrees with JSON.parse on mutated text (property)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), fc.nat(), fc.constantFrom('', ',', '}', ']', '"', '\\', 'x', '\n', ':', '-', '0'), (value, at, insert) => {
        const text = JSON.stringify(value);
        const k = at % (text.length + 1);
        const mutated = text.slice(0, k) + insert + text.slice(k);
        let valid = true;
        try {
          JSON.parse(mutated);
        } catch {
          valid = false;
        }
        const problem = findJsonSyntaxError(mutated);
        expect(problem === null).toBe(valid);
      }),
      { numRuns: 1000 },
    );
  });

  it('every proper prefix of a container is reported as ending too early (property)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.jsonValue()), fc.dictionary(fc.string(), fc.jsonValue())), fc.nat(), (value, at) => {
        const text = JSON.stringify(value);
        const cut = text.slice(0, at % text.length);
        if (cut.trim() === '') return;
        const p = findJsonSyntaxError(cut)!;
        expect(p.atEnd).toBe(true);
        expect(p.offset).toBe(cut.length);
      }),
      { numRuns: 500 },
    );
  });

  it('does not overflow the stack on deep nesting', () => {
    expect(findJsonSyntaxError('['.repeat(200_000) + ']'.repeat(199_999))).toMatchObject({ atEnd: true });
  });

  it('computes 1-based lines and columns', () => {
    expect(lineColumn('ab\ncd\r\nef', 0)).toEqual({ line: 1, column: 1 });
    expect(lineColumn('ab\ncd\r\nef', 4)).toEqual({ line: 2, column: 2 });
    expect(lineColumn('ab\ncd\r\nef', 8)).toEqual({ line: 3, column: 2 });
    expect(findJsonSyntaxError('{"a": 1,\n "b": tru }')).toMatchObject({ line: 2, column: 7, atEnd: false });
    expect(findJsonSyntaxError('{"a": 01}')).toMatchObject({ column: 8, reason: 'expected "," or "}", found "1"' });
    expect(findJsonSyntaxError('[1] [2]')).toMatchObject({ column: 5, reason: 'unexpected "[" after the end of the data' });
  });
});
