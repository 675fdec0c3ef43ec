// The plan's note of attachment content the run may leave out (src/history/mbox-skips.ts, skipping-stream.ts), on
// hand-written generated mboxes (MIME as Gmail and common mail clients write it, Takeout layout of December 2026):
// the run that leaves it out gives exactly the conversations of the run that reads everything, reads fewer bytes,
// and a file changed since the plan is either read whole or stopped with a clear error, never cut in the wrong place.
import { describe, expect, it } from 'vitest';
import { HistoryError } from '../../../src/history/errors';
import { plan, run, type HistoryFile, type Plan } from '../../../src/history/pipeline';
import type { ImportedThread } from '../../../src/history/types';
import { base64Lines, gmailId, mbox, quotedPrintable, utf8Binary, type Eol, type GenMessage } from './generators/takeout';

const START = Date.UTC(2024, 6, 1, 9, 0, 0);
const THREADS = [gmailId(START, 3), gmailId(START + 1000, 4)];

/** Bytes streamed from the file and from its slices. */
let streamed = 0;

/** The blob as a byte stream (a BYOB reader fills one reused buffer, as in Chromium) of 4 KB chunks, each read only
 * when asked for, counted as read: most bodies span several reads. */
function counted(blob: Blob): ReadableStream<Uint8Array> {
  let at = 0;
  return new ReadableStream({
    type: 'bytes',
    async pull(out) {
      if (at >= blob.size) {
        out.close();
        out.byobRequest?.respond(0);
        return;
      }
      const end = Math.min(blob.size, at + 4096);
      const chunk = new Uint8Array(await blob.slice(at, end).arrayBuffer());
      at = end;
      streamed += chunk.length;
      out.enqueue(chunk);
    },
  });
}

/** A file (as the pipeline uses one) that counts the bytes streamed from it and from its slices. */
function countingFile(blob: Blob, name: string, lastModified: number): HistoryFile & { lastModified: number } {
  const sliceOf = (b: Blob): Blob =>
    ({ size: b.size, arrayBuffer: () => b.arrayBuffer(), stream: () => counted(b), slice: (s?: number, e?: number) => sliceOf(b.slice(s, e)) }) as Blob;
  return { name, size: blob.size, lastModified, slice: (s, e) => sliceOf(blob.slice(s, e)), stream: () => counted(blob), text: () => blob.text() };
}

function noise(bytes: number, seed: number): string {
  let s = seed;
  let out = '';
  for (let i = 0; i < bytes; i++) {
    s = (Math.imul(s, 1103515245) + 12345) >>> 0;
    out += String.fromCharCode(s >>> 24);
  }
  return out;
}

function mail(k: number, thread: number, headers: string[], body: string[]): GenMessage {
  const mine = k % 2 === 0;
  return {
    id: k < THREADS.length ? THREADS[k]! : gmailId(START + k * 60_000, 5),
    thrid: THREADS[thread]!,
    labels: mine ? 'Sent' : 'Inbox',
    from: mine ? 'Sam Seller <sam@seller.test>' : 'Dana Lee <dana@buyer.test>',
    to: mine ? 'dana@buyer.test' : 'sam@seller.test',
    subject: 'Quote',
    mime: { headers, body: body.join('\n') },
  };
}

const text = (words: string) => ['Content-Type: text/plain; charset=UTF-8', '', words];
const file = (name: string, bytes: number, seed: number) => [
  `Content-Type: application/pdf; name="${name}"`,
  `Content-Disposition: attachment; filename="${name}"`,
  'Content-Transfer-Encoding: base64',
  '',
  base64Lines(noise(bytes, seed)),
];

/** A text part longer than the shortest stretch noted: it must be read, never left out. */
const LONG_TEXT = 'Here is the quote.\n' + Array.from({ length: 200 }, (_, i) => `Item ${i}: seats, support and training.`).join('\n');
const LARGE = 1_200_000; // over a megabyte of base64: not even read
const mixed = (b: string, parts: string[][]) => [...parts.flatMap((p) => [`--${b}`, ...p]), `--${b}--`];

const messages: GenMessage[] = [
  mail(0, 0, ['Content-Type: multipart/mixed; boundary="a0"'], mixed('a0', [text(LONG_TEXT), file('Quote.pdf', 30_000, 1)])),
  mail(1, 1, ['Content-Type: multipart/mixed; boundary="a1"'], mixed('a1', [text('The deck, large.'), file('Deck.pdf', LARGE, 2)])),
  // nested: text and HTML alternatives, then two files, one large; a signature line that starts with dashes
  mail(2, 0, ['Content-Type: multipart/mixed; boundary="outer"'], [
    '--outer', 'Content-Type: multipart/alternative; boundary="inner"', '',
    '--inner', ...text('Thanks, see both files.\n-- \nDana Lee\n--\nSales'),
    '--inner', 'Content-Type: text/html; charset=UTF-8', 'Content-Transfer-Encoding: quoted-printable', '',
    quotedPrintable(utf8Binary('<p>Thanks, see <b>both</b> files.</p>' + '<p>filler line</p>\n'.repeat(400))),
    '--inner--',
    '--outer', ...file('Contract.pdf', 20_000, 3),
    '--outer', ...file('Scan.pdf', LARGE, 4),
    '--outer--',
  ]),
  // an attachment that is text, not base64: its lines start with dashes and `From `, which the splitter unescapes
  mail(3, 1, ['Content-Type: multipart/mixed; boundary="a3"'], mixed('a3', [
    text('Notes attached.\n\nFrom the meeting, see the file.'),
    ['Content-Type: text/csv; name="notes.csv"', 'Content-Disposition: attachment; filename="notes.csv"', '',
      Array.from({ length: 800 }, (_, i) => (i % 50 === 0 ? `-- section ${i}` : i % 70 === 0 ? `From the call ${i}, notes` : `row ${i},value ${i}`)).join('\n')],
    file('Photo.jpg', 9_000, 5),
  ])),
  // an image shown in the body, and a forwarded message as an attachment
  mail(4, 0, ['Content-Type: multipart/related; boundary="a4"'], mixed('a4', [
    ['Content-Type: text/html; charset=UTF-8', '', '<p>Our logo <img src="cid:logo@x"></p>'],
    ['Content-Type: image/png; name="logo.png"', 'Content-ID: <logo@x>', 'Content-Disposition: inline; filename="logo.png"', 'Content-Transfer-Encoding: base64', '', base64Lines(noise(12_000, 6))],
  ])),
  mail(5, 1, ['Content-Type: multipart/mixed; boundary="a5"'], mixed('a5', [
    text('Forwarding the earlier mail.'),
    ['Content-Type: message/rfc822', '', 'From: someone@else.test', 'Subject: old', '', ...Array.from({ length: 300 }, (_, i) => `old line ${i}`)],
  ])),
  // part headers longer than the plan keeps after a dash line: that file is read through, nothing is lost
  mail(6, 0, ['Content-Type: multipart/mixed; boundary="a6"'], mixed('a6', [
    text('With a heavily annotated file.'),
    ['X-Annotation: ' + 'note '.repeat(600), ...file('Annotated.pdf', 20_000, 7)],
  ])),
  // a message that is one file and nothing else (no multipart): read through
  { ...mail(7, 1, [], []), mime: { headers: ['Content-Type: application/pdf; name="bare.pdf"', 'Content-Transfer-Encoding: base64'], body: base64Lines(noise(15_000, 8)) } },
];

async function imported(f: HistoryFile, p?: Plan): Promise<ImportedThread[]> {
  const threads: ImportedThread[] = [];
  await run([f], { myAddresses: ['sam@seller.test'] }, (b) => void threads.push(...b.threads), p);
  return threads.sort((a, b) => a.threadId.localeCompare(b.threadId));
}

describe('attachment content left out of the run (hand-written MIME)', () => {
  for (const eol of ['\r\n', '\n'] as Eol[]) {
    it(`gives the same conversations as reading everything, and reads less of the file (${JSON.stringify(eol)})`, async () => {
      const bytes = mbox(messages, eol);
      const f = countingFile(new Blob([bytes as Uint8Array<ArrayBuffer>]), 'All mail.mbox', 1);
      const p = await plan([f]);
      expect(p.skips[0]!.skips.length).toBeGreaterThanOrEqual(2 * 6);
      const whole = await imported(f, { ...p, skips: [] });
      streamed = 0;
      const skipping = await imported(f, p);
      expect(skipping).toEqual(whole);
      // and the same as the file read in one piece
      expect(whole).toEqual(await imported(new File([bytes as Uint8Array<ArrayBuffer>], 'All mail.mbox')));
      expect(whole.map((t) => t.messages.length)).toEqual([4, 4]);
      expect(whole[0]!.messages[3]!.attachment).toEqual({ kind: 'file', name: 'Annotated.pdf' });
      expect(whole[1]!.messages[3]!.attachment).toEqual({ kind: 'file', name: 'bare.pdf' });
      expect(whole[0]!.messages[0]!.text).toContain('Item 199: seats');
      expect(whole[0]!.messages[1]!.text).toContain('Thanks, see both files.');
      expect(whole[0]!.messages[1]!.attachment).toEqual({ kind: 'file', name: 'Contract.pdf, Scan.pdf' });
      // the two large files are not read at all (two megabytes and more of base64)
      expect(streamed).toBeLessThan(bytes.length - 2 * LARGE);
    });
  }

  it('reads a file changed since the plan whole (its modification time differs), and gives what it now holds', async () => {
    const before = new File([mbox(messages) as Uint8Array<ArrayBuffer>], 'All mail.mbox', { lastModified: 1 });
    const p = await plan([before]);
    const changed = messages.map((m, k) => (k === 1 ? mail(1, 1, ['Content-Type: multipart/mixed; boundary="a1"'], mixed('a1', [text('A new text.'), file('Deck.pdf', 100, 2)])) : m));
    const after = new File([mbox(changed) as Uint8Array<ArrayBuffer>], 'All mail.mbox', { lastModified: 2 });
    const threads = await imported(after, p);
    expect(threads).toEqual(await imported(after));
    expect(threads[1]!.messages.map((m) => m.text)).toContain('A new text.');
  });

  it('stops with a clear error naming the file when it changed in place (same size and time) where the plan cut it', async () => {
    const bytes = mbox(messages);
    const p = await plan([new File([bytes as Uint8Array<ArrayBuffer>], 'All mail.mbox', { lastModified: 1 })]);
    const edited = bytes.slice();
    const to = p.skips[0]!.skips[1]!;
    edited[to] = 'x'.charCodeAt(0); // the delimiter after the first attachment is no longer one
    const threads: ImportedThread[] = [];
    const failure = await run([new File([edited], 'All mail.mbox', { lastModified: 1 })], {}, (b) => void threads.push(...b.threads), p).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(HistoryError);
    expect((failure as HistoryError).code).toBe('historyReadFailed');
    expect((failure as HistoryError).message).toContain('All mail.mbox');
    expect((failure as HistoryError).message).toContain('changed since it was planned');
  });
});
