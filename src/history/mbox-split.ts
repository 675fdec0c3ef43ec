// Splits an mbox byte stream into messages, chunk by chunk, without ever rescanning what it has already looked at.
//
// A separator is a line starting `From ` at the very start of the stream or right after an empty line, whose whole
// line has the separator shape (Takeout: `From 1833215463084471980@xxx Mon May 26 20:15:03 +0000 2025`; classic
// mbox: no zone, or the zone after the year). LF and CRLF are both accepted. Body lines `>From `, `>>From `… lose one
// `>` (mboxrd); Takeout's own escaping is not documented, and stripping one `>` is right for mboxrd and harmless for
// the quoting it could otherwise be confused with.
//
// The only bytes carried from one chunk to the next are the start of a line whose fate is still open (a possible
// separator, a possible `>From `, a lone CR): at most MAX_SEPARATOR bytes. Everything else is handed to the sink as
// views into the chunk it came in.

export interface MboxSink {
  /** A message starts at byte `offset` of the stream; `separator` is its `From ` line without the line end. */
  start(offset: number, separator: string): void;
  /** Bytes of the current message (headers then body), unescaped. A view: copy it to keep it past the call. */
  data(bytes: Uint8Array): void;
  /** The current message is complete (a separator followed, or the stream ended). */
  end(): void;
}

const LF = 10;
const CR = 13;
const F = 70;
const GT = 62;
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

function startsWithFrom(buf: Uint8Array, at: number): boolean {
  for (let k = 0; k < 5; k++) if (buf[at + k] !== FROM_[k]) return false;
  return true;
}

export class MboxSplitter {
  /** Stream offset of the next byte pushed. */
  private pos = 0;
  private pending: Uint8Array | null = null;
  /** The last byte seen ended a line (or nothing was seen yet). */
  private atLineStart = true;
  /** The last complete line was empty, or nothing was seen yet. */
  private afterEmpty = true;
  private inMessage = false;
  /** Bytes before the first separator (not an mbox message). */
  strayBytes = 0;
  messages = 0;

  constructor(private readonly sink: MboxSink) {}

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
    let i = 0;
    let emitFrom = 0;
    const emit = (to: number) => {
      if (to > emitFrom) {
        if (this.inMessage) this.sink.data(buf.subarray(emitFrom, to));
        else this.strayBytes += to - emitFrom;
      }
    };
    if (!this.atLineStart) {
      const nl = buf.indexOf(LF, 0);
      if (nl < 0) {
        emit(n);
        return;
      }
      i = nl + 1;
      this.atLineStart = true;
      this.afterEmpty = false;
    }
    while (i < n) {
      const b = buf[i]!;
      if (b === LF) {
        this.afterEmpty = true;
        i++;
        continue;
      }
      if (b === CR) {
        if (i + 1 >= n) break; // fate decided by the next chunk
        if (buf[i + 1] === LF) {
          this.afterEmpty = true;
          i += 2;
          continue;
        }
      } else if (b === F && this.afterEmpty) {
        const nl = buf.indexOf(LF, i);
        if (nl < 0 && n - i < MAX_SEPARATOR) break;
        if (nl >= 0 && nl - i <= MAX_SEPARATOR && startsWithFrom(buf, i)) {
          const line = latin1(buf.subarray(i, nl));
          if (SEPARATOR_SHAPE.test(line)) {
            emit(i);
            if (this.inMessage) this.sink.end();
            this.inMessage = true;
            this.messages++;
            this.sink.start(base + i, line.replace(/\r$/, ''));
            i = emitFrom = nl + 1;
            this.afterEmpty = false;
            continue;
          }
        }
      } else if (b === GT) {
        let j = i + 1;
        while (j < n && buf[j] === GT) j++;
        if (n - j < 5 && j - i < MAX_SEPARATOR) break;
        if (startsWithFrom(buf, j)) {
          emit(i);
          emitFrom = i + 1; // drop one '>'
        }
      }
      this.afterEmpty = false;
      const nl = buf.indexOf(LF, i + 1);
      if (nl < 0) {
        emit(n);
        this.atLineStart = false;
        return;
      }
      i = nl + 1;
    }
    if (i < n) {
      emit(i);
      this.pending = buf.slice(i);
    } else emit(n);
    this.atLineStart = true;
  }

  /** The stream ended: flushes what was held back and ends the last message. */
  finish(): void {
    if (this.pending) {
      const p = this.pending;
      this.pending = null;
      if (this.inMessage) this.sink.data(p);
      else this.strayBytes += p.length;
    }
    if (this.inMessage) this.sink.end();
    this.inMessage = false;
  }
}
