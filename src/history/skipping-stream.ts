// A file read from start to end in order, leaving out the stretches the plan found in it (mbox-skips.ts): a stretch's
// bytes are not handed on (so nothing scans or keeps them), and at a large one the stream is dropped and a new one
// opened at the stretch's end with `file.slice(to).stream()`, so its bytes are not even read.
//
// Why only large ones are not read: in Chromium each new read costs about a millisecond (5,000 reads of 3 KB took 5 s
// in a Worker on the shared 2-core machine, where streaming the whole 256 MB file took 1.7 s), so it pays only where
// the bytes would take longer to stream than a new read costs.
//
// The bytes are read into one buffer, reused from read to read (a BYOB reader, where the browser offers one: in
// Chromium a 256 MB file read so in a Worker in 0.3 s against 1.5 s for the default reader, which allocates a new
// buffer per chunk and leaves it to the garbage collector). So a chunk handed on is valid until the next read only.
//
// A file that changed since the plan would be cut in the wrong places. The caller uses the stretches only when the
// file's size and modification time are the plan's; here each cut is checked as well (a line end before it, a dash
// line after it, as the plan saw them), and a file that fails the check stops the run with a clear error rather than
// lose messages.
import { HistoryError } from './errors';

const LF = 10;
const DASH = 45;
/** Stretches at least this long are not read at all. */
export const REOPEN_BYTES = 1 << 20;

export interface ByteSource {
  readonly name: string;
  readonly size: number;
  slice(start?: number, end?: number): Blob;
  stream(): ReadableStream<Uint8Array>;
}

export interface StreamTarget {
  /** Bytes in order; awaited (the run hands batches over between chunks). */
  bytes(chunk: Uint8Array): void | Promise<void>;
  /** `count` bytes left out at this point. */
  skipped(count: number): void;
  /** Throws to stop (a cancel). */
  check(): void;
}

/** Bytes asked for per read. */
const READ_BYTES = 1 << 20;

interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  cancel(): Promise<void>;
  releaseLock(): void;
}

/** A BYOB reader over one reused buffer where the stream is a byte stream, else the default reader. */
function chunkReader(stream: ReadableStream<Uint8Array>, reuse: { buffer: ArrayBuffer | null }): ChunkReader {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = stream.getReader({ mode: 'byob' });
  } catch {
    return stream.getReader();
  }
  return {
    async read() {
      const buffer = reuse.buffer ?? new ArrayBuffer(READ_BYTES);
      reuse.buffer = null; // detached by the read: the next read uses the buffer it gives back
      const chunk = await byob.read(new Uint8Array(buffer));
      if (chunk.value) reuse.buffer = chunk.value.buffer as ArrayBuffer;
      return chunk.done ? { done: true, value: undefined } : { done: false, value: chunk.value! };
    },
    cancel: () => byob.cancel(),
    releaseLock: () => byob.releaseLock(),
  };
}

/** `skips`: [from, to) pairs of byte offsets, in order, not overlapping. */
export async function streamSkipping(file: ByteSource, skips: readonly number[], target: StreamTarget): Promise<void> {
  const changed = () => new HistoryError('historyReadFailed', file.name, 'it changed since it was planned');
  const reuse: { buffer: ArrayBuffer | null } = { buffer: null };
  let reader = chunkReader(file.stream(), reuse);
  /** File offset of the next byte read. */
  let pos = 0;
  let k = 0;
  let lastByte = -1;
  /** End of the stretch being left out (≤ pos: none). */
  let dropTo = 0;
  /** A stretch just ended: the next byte read must start a dash line. */
  let checkDash = false;
  try {
    for (;;) {
      target.check();
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch (e) {
        throw new HistoryError('historyReadFailed', file.name, e instanceof Error ? e.name : 'read error');
      }
      if (chunk.done) break;
      const bytes = chunk.value;
      let off = 0;
      while (off < bytes.length) {
        if (dropTo > pos) {
          const n = Math.min(bytes.length - off, dropTo - pos);
          off += n;
          pos += n;
          checkDash = pos === dropTo;
          continue;
        }
        if (checkDash && bytes[off] !== DASH) throw changed();
        checkDash = false;
        const from = k < skips.length ? skips[k]! : Infinity;
        const end = Math.min(bytes.length, off + (from - pos));
        if (end > off) {
          lastByte = bytes[end - 1]!;
          pos += end - off;
          await target.bytes(bytes.subarray(off, end));
          off = end;
          if (pos < from) continue;
        }
        const to = skips[k + 1]!;
        k += 2;
        if (lastByte !== LF || to >= file.size || to <= from) throw changed();
        target.skipped(to - from);
        if (to - from < REOPEN_BYTES) {
          dropTo = to;
          continue;
        }
        await reader.cancel();
        reader.releaseLock();
        reader = chunkReader(file.slice(to).stream(), reuse);
        pos = to;
        checkDash = true;
        break;
      }
    }
  } finally {
    reader.releaseLock();
  }
  if (pos !== file.size || dropTo > pos) throw new HistoryError('historyReadFailed', file.name, 'its size changed while it was read');
}
