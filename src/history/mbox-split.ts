// Splits an mbox byte stream into messages, chunk by chunk, without ever rescanning what it has already looked at.
//
// A separator is a line starting `From ` at the very start of the stream or right after an empty line, whose whole
// line has the separator shape (Takeout: `From 1833215463084471980@xxx Mon May 26 20:15:03 +0000 2025`; classic
// mbox: no zone, or the zone after the year). LF and CRLF are both accepted. Body lines `>From `, `>>From `… lose one
// `>` (mboxrd); Takeout's own escaping is not documented, and stripping one `>` is right for mboxrd and harmless for
// the quoting it could otherwise be confused with.
//
// The only bytes carried from one chunk to the next are the start of a line whose fate is still open (a possible
// separator, a possible `>From `): at most MAX_SEPARATOR bytes, plus the three bytes before it, to look back for the
// empty line a separator needs. Everything else is handed to the sink as views into the chunk it came in.

export interface MboxSink {
  /** A message starts at byte `offset` of the stream; `separator` is its `From ` line without the line end. */
  start(offset: number, separator: string): void;
  /** Bytes of the current message (headers then body), unescaped, starting at byte `at` of the stream (bytes dropped
   * by unescaping or by a skip leave a gap between one call's bytes and the next). A view: copy it to keep it past the
   * call. */
  data(bytes: Uint8Array, at: number): void;
  /** The current message is complete (a separator followed, or the stream ended). */
  end(): void;
}

const LF = 10;
const CR = 13;
const F = 70;
const GT = 62;
const SPACE = 32;
/** A separator line longer than this is not one (Takeout's are about 55 bytes). */
const MAX_SEPARATOR = 512;
const FROM_ = [70, 114, 111, 109, 32]; // "From "

export const SEPARATOR_SHAPE =
  /^From \S+ +(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun) (?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) +\d{1,2} \d{1,2}:\d{2}(?::\d{2})?(?: [+-]\d{4})? \d{4}(?: [+-]\d{4})?\r?$/;

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]!);
  return s;
}

export class MboxSplitter {
  /** Stream offset of the next byte pushed. */
  private pos = 0;
  private pending: Uint8Array | null = null;
  /** The last three bytes before the current buffer (-1: before the stream's start), for looking back across chunks. */
  private before = [-1, -1, -1];
  private inMessage = false;
  /** Bytes before the first separator (not an mbox message). */
  strayBytes = 0;
  messages = 0;

  constructor(private readonly sink: MboxSink) {}

  // The lines that matter start with `From ` (a separator) or `>…>From ` (an escape), and both hold a space right
  // after `From`. Base64, which most of a Takeout file is, holds no space: the scan jumps from space to space with the
  // native search and looks back from each, instead of visiting every line.
  push(chunk: Uint8Array): void {
    let buf = chunk;
    let base = this.pos;
    this.pos += chunk.length;
    if (this.pending) {
      const p = this.pending;
      buf = new Uint8Array(p.length + chunk.length);
      buf.set(p);
      buf.set(chunk, p.length);
      base -= p.length;
      this.pending = null;
    }
    const n = buf.length;
    const before = this.before;
    const at = (k: number) => (k >= 0 ? buf[k]! : before[3 + k]!);
    // An unfinished last line that may still turn out to be a separator or an escape waits for the next chunk.
    const tail = buf.lastIndexOf(LF) + 1;
    let limit = n;
    if (tail < n && n - tail < MAX_SEPARATOR && (tail > 0 || at(-1) === LF || at(-1) === -1) && (buf[tail] === F || buf[tail] === GT)) {
      limit = tail;
    }
    let emitFrom = 0;
    const emit = (to: number) => {
      if (to > emitFrom) {
        if (this.inMessage) this.sink.data(buf.subarray(emitFrom, to), base + emitFrom);
        else this.strayBytes += to - emitFrom;
      }
    };
    for (let sp = buf.indexOf(SPACE, 4); sp >= 0 && sp < limit; sp = buf.indexOf(SPACE, sp + 1)) {
      const f = sp - 4;
      if (buf[f] !== F || buf[f + 1] !== FROM_[1] || buf[f + 2] !== FROM_[2] || buf[f + 3] !== FROM_[3]) continue;
      let lineStart = f;
      while (at(lineStart - 1) === GT) lineStart--;
      const prev = at(lineStart - 1);
      if (prev !== LF && prev !== -1) continue; // not at the start of a line
      if (lineStart < f) {
        emit(lineStart);
        emitFrom = lineStart + 1; // drop one '>'
        continue;
      }
      // A separator follows an empty line (LF LF, LF CR LF) or starts the stream.
      const p2 = at(f - 2);
      if (!(prev === -1 || p2 === LF || p2 === -1 || (p2 === CR && (at(f - 3) === LF || at(f - 3) === -1)))) continue;
      const nl = buf.indexOf(LF, f);
      if (nl < 0 || nl - f > MAX_SEPARATOR) continue; // every line before `limit` is whole
      const line = latin1(buf.subarray(f, nl));
      if (!SEPARATOR_SHAPE.test(line)) continue;
      emit(f);
      if (this.inMessage) this.sink.end();
      this.inMessage = true;
      this.messages++;
      this.sink.start(base + f, line.replace(/\r$/, ''));
      emitFrom = nl + 1;
      sp = nl;
    }
    emit(limit);
    if (limit < n) this.pending = buf.slice(limit);
    this.before = [at(limit - 3), at(limit - 2), at(limit - 1)];
  }

  /**
   * The next `bytes` bytes of the stream are not pushed (the run skips a large attachment's content the plan found). Only
   * at a line start, inside a message: what was pushed last ends with a line end, so nothing is held back.
   */
  skip(bytes: number): void {
    if (this.pending || !this.inMessage) throw new Error('MboxSplitter.skip: not at a line start inside a message');
    this.pos += bytes;
  }

  /** The stream ended: flushes what was held back and ends the last message. */
  finish(): void {
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      if (this.inMessage) this.sink.data(p, this.pos - p.length);
      else this.strayBytes += p.length;
    }
    if (this.inMessage) this.sink.end();
    this.inMessage = false;
  }
}
