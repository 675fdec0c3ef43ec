// Header blocks and bodies collected from the splitter's byte runs, whatever the chunking (generated Takeout mbox,
// hand-written generator).
import { describe, expect, it } from 'vitest';
import { header } from '../../../src/history/headers';
import { MboxReader } from '../../../src/history/mbox-reader';
import { MboxSplitter } from '../../../src/history/mbox-split';
import { mbox, sampleAccount, type Eol } from './generators/takeout';

function read(chunks: Uint8Array[]): { offset: number; subject: string; labels: string; body: string | null; truncated: boolean }[] {
  const out: ReturnType<typeof read> = [];
  const reader = new MboxReader({
    wantBody: (m) => header(m.headers, 'x-gmail-labels') !== 'Spam',
    message: (m, body) =>
      out.push({ offset: m.offset, subject: header(m.headers, 'subject'), labels: header(m.headers, 'x-gmail-labels'), body: body && new TextDecoder().decode(body), truncated: m.truncated }),
  });
  const s = new MboxSplitter(reader);
  for (const c of chunks) s.push(c);
  s.finish();
  return out;
}

describe('mbox message reader', () => {
  for (const eol of ['\r\n', '\n'] as Eol[]) {
    it(`finds each header block's end across every chunk boundary (${eol === '\n' ? 'LF' : 'CRLF'})`, () => {
      const bytes = mbox(sampleAccount(), eol);
      const whole = read([bytes]);
      expect(whole.map((m) => [m.subject, m.labels])).toEqual([
        ['Proposal', 'Sent,Opened'],
        ['Re: Proposal', 'Inbox,Important,Opened'],
        ['Sale', '"Category Promotions",Inbox'],
        ['Win', 'Spam'],
      ]);
      expect(whole[0]!.body).toBe(`Here is the proposal.${eol}${eol}`);
      expect(whole[3]!.body).toBeNull(); // not wanted: never collected
      for (let cut = 0; cut <= bytes.length; cut++) expect(read([bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual(whole);
      expect(read(Array.from(bytes, (_, i) => bytes.subarray(i, i + 1)))).toEqual(whole);
    });
  }
});
