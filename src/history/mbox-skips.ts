// Where the run may leave bytes of an mbox out: the content of attached files, which the MIME walk never reads (it
// keeps their names, from their part headers). The plan sees every byte anyway; it notes, per message, the lines that
// start with a dash (the MIME delimiters are among them, and base64 holds no dash, so the native search crosses an
// attachment at once) with the first bytes after each, and at the message's end keeps the stretches between two such
// lines that are the content of a part the walk does not read and are at least MIN_STRETCH_BYTES long. The run then
// neither scans nor keeps those bytes (skipping-stream.ts), and does not even read the largest ones.
//
// A skip runs from the line after the part's first content line to the next dash line: the part keeps its headers and
// a line of content, no delimiter line is ever inside a skip, so the walk sees the same parts with the same headers.
import { decodeHeaderBytes } from './charset';
import { header, headerMain, headerParam, parseHeaders, type Headers } from './headers';
import { contentIsRead } from './mime';

/** Shorter stretches are not worth a note. */
const MIN_STRETCH_BYTES = 4096;
/** Stretches noted per file at most (two numbers each): what the plan keeps stays bounded whatever the file. */
const MAX_STRETCHES = 1 << 19;
/** Bytes kept after each dash line: the delimiter line and the part headers (Gmail's are about 300 bytes). */
const HEAD_BYTES = 2048;
/** A message with more dash lines than this is streamed through whole (a long text full of `--` lines). */
const MAX_DASH_LINES = 64;

const LF = 10;
const DASH = 45;

interface DashLine {
  /** Stream offset of the dash. */
  at: number;
  head: Uint8Array;
  headLen: number;
  /** Stream offset the head's next byte must have; a gap (a `>` unescaped) ends the head. */
  next: number;
  open: boolean;
}

function bytesOf(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array): boolean {
  if (bytes.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[i] !== prefix[i]) return false;
  return true;
}

/** Index just past the empty line that ends a header block starting at `from`, or -1. */
function blankLineEnd(bytes: Uint8Array, from: number): number {
  if (bytes[from] === LF) return from + 1;
  if (bytes[from] === 13 && bytes[from + 1] === LF) return from + 2;
  for (let i = bytes.indexOf(LF, from); i >= 0; i = bytes.indexOf(LF, i + 1)) {
    if (bytes[i + 1] === LF) return i + 2;
    if (bytes[i + 1] === 13 && bytes[i + 2] === LF) return i + 3;
  }
  return -1;
}

function delimiterOf(h: Headers): Uint8Array | null {
  const ct = header(h, 'content-type');
  if (!headerMain(ct).startsWith('multipart/')) return null;
  const boundary = headerParam(ct, 'boundary');
  return boundary ? bytesOf(`--${boundary}`) : null;
}

/** Fed by the plan's mbox reader, message by message; `skips` holds [from, to) pairs of stream offsets, in order. */
export class SkipFinder {
  readonly skips: number[] = [];
  private delimiters: Uint8Array[] = [];
  private lines: DashLine[] = [];
  private lastByte = LF;
  private nextAt = -1;
  private off = true;

  /** A message's headers are read; its body follows. */
  start(headers: Headers): void {
    const top = delimiterOf(headers);
    this.delimiters = top ? [top] : [];
    this.lines = [];
    this.lastByte = LF; // the body starts at a line start
    this.nextAt = -1;
    this.off = !top; // a single-part message has no part to skip
  }

  body(bytes: Uint8Array, at: number): void {
    if (this.off) return;
    for (const line of this.lines) if (line.open) this.extend(line, bytes, at, 0);
    for (let i = bytes.indexOf(DASH); i >= 0; i = bytes.indexOf(DASH, i + 1)) {
      if ((i > 0 ? bytes[i - 1] : this.lastByte) !== LF) continue;
      if (this.lines.length >= MAX_DASH_LINES) {
        this.off = true;
        this.lines = [];
        return;
      }
      const line: DashLine = { at: at + i, head: new Uint8Array(HEAD_BYTES), headLen: 0, next: at + i, open: true };
      this.lines.push(line);
      this.extend(line, bytes, at, i);
    }
    this.lastByte = bytes[bytes.length - 1]!;
    this.nextAt = at + bytes.length;
  }

  private extend(line: DashLine, bytes: Uint8Array, at: number, from: number): void {
    if (at + from !== line.next) {
      line.open = false;
      return;
    }
    const n = Math.min(HEAD_BYTES - line.headLen, bytes.length - from);
    line.head.set(bytes.subarray(from, from + n), line.headLen);
    line.headLen += n;
    line.next += n;
    if (line.headLen >= HEAD_BYTES) line.open = false;
  }

  /** The message ended: keeps the stretches worth skipping. */
  end(): void {
    const lines = this.lines;
    this.lines = [];
    if (this.off) return;
    for (let k = 0; k < lines.length; k++) {
      const head = lines[k]!.head.subarray(0, lines[k]!.headLen);
      // The longest known delimiter the line starts with, as the walk finds them; other dash lines are inside some text.
      let delimiter: Uint8Array | null = null;
      for (const d of this.delimiters) if (startsWith(head, d) && (!delimiter || d.length > delimiter.length)) delimiter = d;
      if (!delimiter) continue;
      if (head[delimiter.length] === DASH && head[delimiter.length + 1] === DASH) continue; // closing: no part follows
      const lineEnd = head.indexOf(LF);
      if (lineEnd < 0) continue;
      const contentStart = blankLineEnd(head, lineEnd + 1);
      if (contentStart < 0) continue; // the part headers go on past the head: streamed through
      const headers = parseHeaders(decodeHeaderBytes(head.subarray(lineEnd + 1, contentStart)));
      const nested = delimiterOf(headers);
      if (nested) this.delimiters.push(nested);
      if (contentIsRead(headers) || k + 1 >= lines.length) continue;
      const firstLineEnd = head.indexOf(LF, contentStart);
      if (firstLineEnd < 0) continue;
      const from = lines[k]!.at + firstLineEnd + 1;
      const to = lines[k + 1]!.at;
      if (to - from >= MIN_STRETCH_BYTES && this.skips.length < 2 * MAX_STRETCHES) this.skips.push(from, to);
    }
  }
}
