// Turns the splitter's byte runs into messages: the header block always (parsed), the body only when the caller
// asks for it after seeing the headers. A wanted body is handed over as bytes, never as a string, so what MIME does
// not decode (attachments) is never turned into text. Its bytes are copied as they come into one buffer, reused from
// message to message: the splitter's views are not kept past a call, because the file is read into one reused buffer
// (skipping-stream.ts). Bodies are capped: text parts come before attachments in practice, so a giant message keeps
// its text while its attachment bytes are dropped unread.
import { decodeHeaderBytes } from './charset';
import { parseHeaders, type Headers } from './headers';
import type { MboxSink } from './mbox-split';

/** A header block longer than this is cut (real ones are a few KB; a message without an empty line is broken). */
export const MAX_HEADER_BYTES = 1 << 20;
/** Body bytes kept for MIME parsing; the rest of a larger message (attachments) is skipped. */
export const MAX_BODY_BYTES = 32 << 20;

export interface RawMessage {
  /** Byte offset of the separator line in the stream (resume with `file.slice(offset)`). */
  offset: number;
  separator: string;
  headers: Headers;
  /** The stream ended before the header block did. */
  truncated: boolean;
}

export interface MessageHandler {
  /** Called once the headers are known; return true to receive the body. */
  wantBody(m: RawMessage): boolean;
  /** The message ended. `body` holds its bytes when it was wanted, else null: a view valid during the call only. */
  message(m: RawMessage, body: Uint8Array | null, bodyCut: boolean): void;
  /** Every body byte as it passes, wanted or not, with its stream offset (the plan looks for attachments to skip). */
  bodyBytes?(bytes: Uint8Array, at: number): void;
}

const EMPTY = new Uint8Array(0);
/** A join buffer up to this size is kept for the next message. */
const JOIN_BUFFER_KEPT = 4 << 20;

export class MboxReader implements MboxSink {
  private offset = 0;
  private separator = '';
  private head: Uint8Array = EMPTY;
  private headLen = 0;
  private raw: RawMessage | null = null;
  private want = false;
  private bodyLen = 0;
  private bodyCut = false;
  private joinBuffer: Uint8Array = EMPTY;

  constructor(private readonly handler: MessageHandler) {}

  start(offset: number, separator: string): void {
    this.offset = offset;
    this.separator = separator;
    this.headLen = 0;
    this.raw = null;
    this.want = false;
    this.bodyLen = 0;
    this.bodyCut = false;
  }

  data(bytes: Uint8Array, at: number): void {
    if (this.raw) {
      this.addBody(bytes, at);
      return;
    }
    // Only the header block is copied: the body that follows in the same run of bytes is not.
    const bodyStart = this.blankLineEnd(bytes);
    const headPart = bytes.subarray(0, Math.min(bodyStart >= 0 ? bodyStart : bytes.length, MAX_HEADER_BYTES - this.headLen));
    if (this.headLen + headPart.length > this.head.length) {
      const grown = new Uint8Array(Math.min(MAX_HEADER_BYTES, Math.max(4096, (this.headLen + headPart.length) * 2)));
      grown.set(this.head.subarray(0, this.headLen));
      this.head = grown;
    }
    this.head.set(headPart, this.headLen);
    this.headLen += headPart.length;
    if (bodyStart >= 0) {
      this.headersDone(this.headLen, false);
      this.addBody(bytes.subarray(bodyStart), at + bodyStart);
    } else if (this.headLen >= MAX_HEADER_BYTES) this.headersDone(this.headLen, false);
  }

  /** Index in `bytes` just past the empty line ending the header block (which may straddle calls), or -1. */
  private blankLineEnd(bytes: Uint8Array): number {
    const n = this.headLen;
    const last = n > 0 ? this.head[n - 1] : -1;
    if (last === 10) {
      if (bytes[0] === 10) return 1;
      if (bytes[0] === 13 && bytes[1] === 10) return 2;
    } else if (last === 13 && n > 1 && this.head[n - 2] === 10 && bytes[0] === 10) return 1;
    for (let i = bytes.indexOf(10); i >= 0; i = bytes.indexOf(10, i + 1)) {
      if (bytes[i + 1] === 10) return i + 2;
      if (bytes[i + 1] === 13 && bytes[i + 2] === 10) return i + 3;
    }
    return -1;
  }

  end(): void {
    if (!this.raw) this.headersDone(this.headLen, true);
    const raw = this.raw!;
    const body = this.want ? this.joinBuffer.subarray(0, this.bodyLen) : null;
    this.handler.message(raw, body, this.bodyCut);
    if (this.joinBuffer.length > JOIN_BUFFER_KEPT) this.joinBuffer = EMPTY; // do not hold a giant message's buffer for the next
    this.raw = null;
  }

  private headersDone(len: number, truncated: boolean): void {
    const headers = parseHeaders(decodeHeaderBytes(this.head.subarray(0, len)));
    this.raw = { offset: this.offset, separator: this.separator, headers, truncated };
    this.want = this.handler.wantBody(this.raw);
    if (this.head.length > 65536) this.head = EMPTY; // do not keep a large buffer for the next message
  }

  private addBody(bytes: Uint8Array, at: number): void {
    if (!bytes.length) return;
    this.handler.bodyBytes?.(bytes, at);
    if (!this.want) return;
    const room = MAX_BODY_BYTES - this.bodyLen;
    if (room <= 0) {
      this.bodyCut = true;
      return;
    }
    const piece = bytes.length > room ? bytes.subarray(0, room) : bytes;
    if (bytes.length > room) this.bodyCut = true;
    const needed = this.bodyLen + piece.length;
    if (needed > this.joinBuffer.length) {
      const grown = new Uint8Array(Math.min(MAX_BODY_BYTES, Math.max(needed, 2 * this.joinBuffer.length, 1 << 16)));
      grown.set(this.joinBuffer.subarray(0, this.bodyLen));
      this.joinBuffer = grown;
    }
    this.joinBuffer.set(piece, this.bodyLen);
    this.bodyLen = needed;
  }
}
