// What the content script sends always fits the background's limits, so one oversized field never gets a whole read
// refused (and the conversation lost); what is cut is marked, and nothing is invented.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_SHORT, MAX_TEXT } from '../../../src/protocol/limits';
import { validateMessage } from '../../../src/background/validate';
import { cut, fitToLimits } from '../../../src/content/fit-to-limits';
import type { ReadResult, ThreadSnapshot } from '../../../src/sites/types';

const URL_ = 'https://mail.google.com/mail/u/0/#inbox/FMfcgzHostile';
const send = (result: ReadResult) => validateMessage({ type: 'page/read', site: 'gmail', url: URL_, result });

function hostileThread(size: { body: number; subject: number; name: number; email: number; messages: number }): ThreadSnapshot {
  const dana = { name: 'D'.repeat(size.name), email: `${'x'.repeat(size.email)}@acme.example`, isMe: false };
  return {
    site: 'gmail',
    threadId: '19a0c0ffee000bad',
    url: URL_,
    subject: '<script>'.repeat(Math.ceil(size.subject / 8)).slice(0, size.subject),
    participants: [dana],
    messages: Array.from({ length: size.messages }, (_, i) => ({
      id: `m${i}`,
      from: dana,
      sentAt: null,
      sentAtText: 'yesterday',
      text: i === 0 ? '😀'.repeat(Math.ceil(size.body / 2)) : `message ${i}`,
      partial: false,
    })),
  };
}

describe('fitToLimits', () => {
  it('the read the adapters would give for a 3 MB email with a 5,000-character subject is refused as is, accepted once fitted', () => {
    const read: ReadResult = {
      threads: [hostileThread({ body: 3_000_001, subject: 5_000, name: 4_000, email: 3_000, messages: 3 })],
      problems: [],
    };
    expect(send(read).ok).toBe(false);
    const fitted = fitToLimits(read);
    expect(send(fitted)).toMatchObject({ ok: true });
    const [thread] = fitted.threads;
    const [big, second] = thread!.messages;
    // The body is cut at the limit, between characters (an emoji is two UTF-16 units), and marked incomplete.
    expect(big!.text.length).toBeLessThanOrEqual(MAX_TEXT);
    expect(big!.text.length).toBeGreaterThan(MAX_TEXT - 2);
    expect(big!.text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(big!.partial).toBe(true);
    expect({ ...second, from: undefined }).toEqual({ ...read.threads[0]!.messages[1], from: undefined }); // untouched
    expect(thread!.subject).toHaveLength(MAX_SHORT);
    // An address too long to be real is left out rather than cut into a different one.
    expect(big!.from.email).toBeUndefined();
    expect(big!.from.name).toHaveLength(MAX_SHORT);
  });

  it('leaves a read within the limits exactly as it was', () => {
    const read: ReadResult = {
      threads: [hostileThread({ body: 40, subject: 30, name: 10, email: 10, messages: 5 })],
      problems: ['a problem'],
      me: { emails: ['sam@northwind.example'], profileUrls: [] },
    };
    expect(fitToLimits(read)).toEqual(read);
  });

  it('keeps the newest messages of a thread longer than the limit, and says so', () => {
    const read: ReadResult = { threads: [hostileThread({ body: 4, subject: 4, name: 4, email: 4, messages: 5_003 })], problems: [] };
    const fitted = fitToLimits(read);
    expect(send(fitted).ok).toBe(true);
    expect(fitted.threads[0]!.messages[0]!.id).toBe('m3');
    expect(fitted.threads[0]!.messages.at(-1)!.id).toBe('m5002');
    expect(fitted.problems).toEqual(['only the newest 5000 of 5003 messages are recorded']);
  });

  it('property: any sizes fit, text is only ever cut (a prefix), never changed', () => {
    fc.assert(
      fc.property(
        fc.record({
          body: fc.integer({ min: 0, max: 1_200_000 }),
          subject: fc.integer({ min: 0, max: 6_000 }),
          name: fc.integer({ min: 0, max: 6_000 }),
          email: fc.integer({ min: 0, max: 3_000 }),
          messages: fc.integer({ min: 1, max: 4 }),
        }),
        fc.array(fc.string({ maxLength: 3_000 }), { maxLength: 120 }),
        (size, problems) => {
          const read: ReadResult = { threads: [hostileThread(size)], problems };
          const fitted = fitToLimits(read);
          expect(send(fitted).ok).toBe(true);
          const before = read.threads[0]!;
          const after = fitted.threads[0]!;
          expect(before.subject!.startsWith(after.subject!)).toBe(true);
          after.messages.forEach((m, i) => {
            expect(before.messages[i]!.text.startsWith(m.text)).toBe(true);
            expect(m.partial).toBe(before.messages[i]!.text.length > MAX_TEXT);
          });
        },
      ),
      { numRuns: 40 },
    );
  });

  it('cut never splits a surrogate pair', () => {
    expect(cut('a😀b', 2)).toBe('a');
    expect(cut('a😀b', 3)).toBe('a😀');
    expect(cut('abc', 5)).toBe('abc');
  });
});
