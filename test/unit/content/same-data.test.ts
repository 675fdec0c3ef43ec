// The content script sends a read only when it differs from the one sent last (src/content/same-data.ts): a read
// judged equal that is not would leave the record without the change; one judged different that is not costs a
// message. Checked against JSON itself, which is what the comparison used to be.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sameData } from '../../../src/content/same-data';

const read = (text: string, extra: object = {}) => ({
  type: 'page/read',
  site: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1',
  result: {
    threads: [{ threadId: '19a', messages: [{ id: 'm1', sentAt: null, text, partial: false, ...extra }] }],
    problems: [],
  },
});

describe('sameData', () => {
  it('a read equal to the last is the same; a changed text, flag or extra message is not', () => {
    expect(sameData(read('Hello'), read('Hello'))).toBe(true);
    expect(sameData(read('Hello'), read('Hello!'))).toBe(false);
    expect(sameData(read('Hello'), read('Hello', { partial: true }))).toBe(false);
    expect(sameData(read('Hello'), read('Hello', { attachment: { kind: 'image' } }))).toBe(false);
    const longer = read('Hello');
    longer.result.threads[0]!.messages.push({ id: 'm2', sentAt: null, text: 'More', partial: false });
    expect(sameData(read('Hello'), longer)).toBe(false);
  });

  it('a property that is undefined counts as missing, as in JSON; null does not', () => {
    expect(sameData(read('Hi', { subject: undefined }), read('Hi'))).toBe(true);
    expect(sameData(read('Hi'), read('Hi', { subject: undefined }))).toBe(true);
    expect(sameData(read('Hi', { subject: null }), read('Hi'))).toBe(false);
  });

  it('agrees with comparing the JSON of key-sorted values', () => {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.keys(value).sort().map((k) => [k, sorted((value as Record<string, unknown>)[k])]))
          : value;
    const json = fc.jsonValue({ maxDepth: 3 });
    fc.assert(
      fc.property(json, json, fc.boolean(), (a, b, twin) => {
        const other = twin ? structuredClone(a) : b;
        expect(sameData(a, other)).toBe(JSON.stringify(sorted(a)) === JSON.stringify(sorted(other)));
      }),
      { numRuns: 3_000 },
    );
  });
});
