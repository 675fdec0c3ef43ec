// The mbox splitter on generated Takeout files (hand-written generator, Takeout layout of December 2026).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MboxSplitter, type MboxSink } from '../../../src/history/mbox-split';
import { binaryToBytes, mbox, plainBody, type Eol, type GenMessage } from './generators/takeout';

interface Out {
  offset: number;
  separator: string;
  text: string;
}

function split(chunks: Uint8Array[]): { messages: Out[]; stray: number } {
  const messages: Out[] = [];
  let cur: Out | null = null;
  const dec = new TextDecoder('latin1');
  const parts: Uint8Array[] = [];
  const sink: MboxSink = {
    start(offset, separator) {
      cur = { offset, separator, text: '' };
      parts.length = 0;
    },
    data(bytes) {
      parts.push(bytes.slice());
    },
    end() {
      const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
      let o = 0;
      for (const p of parts) (all.set(p, o), (o += p.length));
      cur!.text = dec.decode(all);
      messages.push(cur!);
    },
  };
  const s = new MboxSplitter(sink);
  for (const c of chunks) s.push(c);
  s.finish();
  return { messages, stray: s.strayBytes };
}

const tricky = (eol: Eol): Uint8Array =>
  mbox(
    [
      { id: '1833215463084471980', thrid: '1833215463084471980', labels: 'Inbox', from: 'a@x.test', mime: plainBody('Line one\n\nFrom here on, a body line that starts with From\n>From already quoted\nend') },
      { id: '1833215463084471981', thrid: '1833215463084471980', labels: 'Sent', from: 'me@x.test', mime: plainBody('From the start\nnot after an empty line:\nFrom 123@xxx Mon May 26 20:15:03 +0000 2025') },
      { id: '1833215463084471982', thrid: '1833215463084471982', labels: 'Inbox', from: 'b@x.test', mime: plainBody('last') },
    ] satisfies GenMessage[],
    eol,
  );

describe('mbox splitter (generated Takeout mbox, hand-written generator)', () => {
  for (const eol of ['\r\n', '\n'] as const) {
    it(`splits at separators only, with ${eol === '\n' ? 'LF' : 'CRLF'} line ends, and unescapes >From`, () => {
      const bytes = tricky(eol);
      const { messages, stray } = split([bytes]);
      expect(stray).toBe(0);
      expect(messages.map((m) => m.separator.split(' ')[1])).toEqual([
        '1833215463084471980@xxx',
        '1833215463084471981@xxx',
        '1833215463084471982@xxx',
      ]);
      expect(messages[0]!.text).toContain(`${eol}From here on, a body line`);
      expect(messages[0]!.text).toContain(`${eol}>From already quoted`);
      expect(messages[0]!.text).not.toContain('>>From');
      expect(messages[1]!.text).toContain(`${eol}From 123@xxx Mon May 26`);
      // offsets point at each separator line
      const dec = new TextDecoder('latin1');
      for (const m of messages) expect(dec.decode(bytes.subarray(m.offset, m.offset + 5))).toBe('From ');
      expect(messages[0]!.offset).toBe(0);
    });
  }

  it('does not split at a From line after an empty line when it lacks the separator shape', () => {
    const bytes = binaryToBytes('From 1@xxx Mon May 26 20:15:03 +0000 2025\nSubject: a\n\nhi\n\nFrom me to you, thanks\n');
    const { messages } = split([bytes]);
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toContain('From me to you');
  });

  it('gives the same messages whatever the chunk boundaries: every single cut point', () => {
    const bytes = tricky('\r\n');
    const whole = split([bytes]).messages;
    for (let cut = 0; cut <= bytes.length; cut++) {
      expect(split([bytes.subarray(0, cut), bytes.subarray(cut)]).messages).toEqual(whole);
    }
  });

  it('gives the same messages whatever the chunk boundaries: random many-way cuts and one-byte chunks', () => {
    for (const eol of ['\r\n', '\n'] as const) {
      const bytes = tricky(eol);
      const whole = split([bytes]).messages;
      const ones = Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
      expect(split(ones).messages).toEqual(whole);
      fc.assert(
        fc.property(fc.uniqueArray(fc.integer({ min: 1, max: bytes.length - 1 }), { maxLength: 30 }), (cuts) => {
          const points = [0, ...cuts.sort((a, b) => a - b), bytes.length];
          const chunks = points.slice(1).map((p, i) => bytes.subarray(points[i], p));
          expect(split(chunks).messages).toEqual(whole);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('counts bytes before the first separator as stray, and keeps a message cut by the end of the file', () => {
    const { messages, stray } = split([binaryToBytes('junk\n\nFrom 5@xxx Mon May 26 20:15:03 +0000 2025\nSubject: cut')]);
    expect(stray).toBe(6); // 'junk', LF, and the empty line
    expect(messages).toHaveLength(1);
    expect(messages[0]!.text).toBe('Subject: cut');
  });
});
