// The readable text of one message: MIME walked over the body's bytes, and only the header blocks and the text parts
// (text/plain, text/html, a small text/calendar) are ever turned into strings. Attachments are never decoded, nor
// copied, nor read as text: the walk jumps from one boundary line to the next, and keeps only their file names.
// Broken MIME (no boundary, a boundary never found, a missing end) is read as well as it can be and flagged, never
// dropped.
import type { Attachment } from '../sites/types';
import { base64Bytes, binaryString, decodeBytes, decodeHeaderBytes, quotedPrintableBytes } from './charset';
import { header, headerMain, headerParam, parseHeaders, type Headers } from './headers';
import { htmlToText } from './html-text';
import { attachmentOfParts, calendarTitle, fileNameOf, type PartsSeen } from './mime-attachment';
import { trimQuoted } from './quote-trim';

export interface BodyText {
  text: string;
  /** What the message carries besides its words, in the shape the Gmail adapter records (see mime-attachment.ts). */
  attachment?: Attachment;
  /** A part's charset was unknown and read as windows-1252. */
  charsetFallback: boolean;
  /** The MIME structure was broken (missing boundary, unterminated multipart). */
  broken: boolean;
}

interface Acc extends PartsSeen {
  plain: string[];
  html: string[];
  charsetFallback: boolean;
  broken: boolean;
}

const MAX_DEPTH = 20;
/** A text/calendar part larger than this is not read for its title (an invitation is a few KB). */
const MAX_CALENDAR_BYTES = 64 << 10;
const LF = 10;
const CR = 13;
const DASH = 45;

/** `body`: the message body's bytes (a view; nothing of it is kept). */
export function bodyText(headers: Headers, body: Uint8Array): BodyText {
  const acc: Acc = { plain: [], html: [], files: [], calendar: false, calendarTitle: '', inlineImage: false, charsetFallback: false, broken: false };
  walk(headers, body, 0, acc);
  const plain = acc.plain.map((t) => trimQuoted(t)).filter((t) => t.trim());
  const text = plain.length ? plain.join('\n\n') : acc.html.map((h) => htmlToText(h)).filter(Boolean).join('\n\n');
  const out: BodyText = { text: text.trim(), charsetFallback: acc.charsetFallback, broken: acc.broken };
  const attachment = attachmentOfParts(acc, !!out.text);
  if (attachment) out.attachment = attachment;
  return out;
}

function walk(h: Headers, body: Uint8Array, depth: number, acc: Acc): void {
  const ct = header(h, 'content-type');
  const type = headerMain(ct) || 'text/plain';
  const disposition = header(h, 'content-disposition');
  if (type.startsWith('multipart/')) {
    const boundary = headerParam(ct, 'boundary');
    const parts = boundary && depth < MAX_DEPTH ? splitMultipart(body, boundary) : null;
    if (!parts || !parts.parts.length) {
      acc.broken = true;
      // No usable structure: the body read as text is the best there is.
      addText(new Map([['content-type', ['text/plain']]]), body, 'text/plain', acc);
      return;
    }
    if (!parts.closed) acc.broken = true;
    for (const part of parts.parts) {
      const split = splitHead(part);
      walk(parseHeaders(decodeHeaderBytes(split.head)), split.rest, depth + 1, acc);
    }
    return;
  }
  const filename = fileNameOf(ct, disposition);
  const dispositionMain = headerMain(disposition);
  if (type === 'text/calendar' && dispositionMain !== 'attachment') {
    acc.calendar = true;
    if (!acc.calendarTitle && body.length <= MAX_CALENDAR_BYTES) acc.calendarTitle = calendarTitle(partText(h, body).text);
    return;
  }
  if (!contentIsRead(h)) {
    // An image shown inside the HTML (inline, referenced by its Content-ID) is part of the body, as on Gmail's page.
    if (type.startsWith('image/') && dispositionMain !== 'attachment' && (dispositionMain === 'inline' || h.has('content-id'))) {
      acc.inlineImage = true;
    } else if (filename) acc.files.push(filename);
    return;
  }
  addText(h, body, type, acc);
}

/**
 * Whether the walk reads a part's content (a multipart's parts, text, a calendar invitation) or only its headers (an
 * attached file, an image, anything else). The plan skips only content that is never read.
 */
export function contentIsRead(h: Headers): boolean {
  const ct = header(h, 'content-type');
  const type = headerMain(ct) || 'text/plain';
  if (type.startsWith('multipart/')) return true;
  const disposition = header(h, 'content-disposition');
  const dispositionMain = headerMain(disposition);
  if (type === 'text/calendar' && dispositionMain !== 'attachment') return true;
  const isAttachment = dispositionMain === 'attachment' || (!!fileNameOf(ct, disposition) && !type.startsWith('text/'));
  return !isAttachment && (type === 'text/plain' || type === 'text/html');
}

function partText(h: Headers, body: Uint8Array, htmlCharset = false): { text: string; fallback: boolean } {
  const ct = header(h, 'content-type');
  const cte = headerMain(header(h, 'content-transfer-encoding'));
  // The part as a binary string only where it is needed (an 8-bit text part with its charset is decoded from its bytes)
  const encoded = cte === 'base64' || cte === 'quoted-printable';
  const raw = encoded ? binaryString(body) : '';
  const bytes = cte === 'base64' ? base64Bytes(raw) : cte === 'quoted-printable' ? quotedPrintableBytes(raw) : body;
  const charset = headerParam(ct, 'charset') || (htmlCharset ? htmlMetaCharset(raw || binaryString(body.subarray(0, 4096))) : '') || 'utf-8';
  const decoded = decodeBytes(bytes, charset);
  return { text: decoded.text.replace(/\r\n?/g, '\n'), fallback: decoded.fallback };
}

function addText(h: Headers, body: Uint8Array, type: string, acc: Acc): void {
  const decoded = partText(h, body, type === 'text/html');
  if (decoded.fallback) acc.charsetFallback = true;
  let text = decoded.text;
  if (type === 'text/html') acc.html.push(text);
  else {
    const ct = header(h, 'content-type');
    if (headerParam(ct, 'format').toLowerCase() === 'flowed') text = unflow(text, headerParam(ct, 'delsp').toLowerCase() === 'yes');
    acc.plain.push(text);
  }
}

function htmlMetaCharset(body: string): string {
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(body.slice(0, 4096))?.[1] ?? '';
}

/** Splits at the first empty line: part headers, then part body (views, no copy). */
function splitHead(part: Uint8Array): { head: Uint8Array; rest: Uint8Array } {
  if (part[0] === LF) return { head: part.subarray(0, 0), rest: part.subarray(1) };
  if (part[0] === CR && part[1] === LF) return { head: part.subarray(0, 0), rest: part.subarray(2) };
  for (let i = part.indexOf(LF); i >= 0; i = part.indexOf(LF, i + 1)) {
    if (part[i + 1] === LF) return { head: part.subarray(0, i), rest: part.subarray(i + 2) };
    if (part[i + 1] === CR && part[i + 2] === LF) return { head: part.subarray(0, i), rest: part.subarray(i + 3) };
  }
  return { head: part, rest: part.subarray(part.length) };
}

/** Index of the next line starting with `delim` at or after `from`, or -1. Looks only at dashes, which base64 never
 * holds, so an attachment is crossed by the native search without a look at its lines. */
function nextDelimiter(body: Uint8Array, delim: Uint8Array, from: number): number {
  for (let i = body.indexOf(DASH, from); i >= 0; i = body.indexOf(DASH, i + 1)) {
    if (i > 0 && body[i - 1] !== LF) continue;
    let k = 1;
    while (k < delim.length && body[i + k] === delim[k]) k++;
    if (k === delim.length) return i;
  }
  return -1;
}

function splitMultipart(body: Uint8Array, boundary: string): { parts: Uint8Array[]; closed: boolean } {
  const delim = Uint8Array.from(`--${boundary}`, (c) => c.charCodeAt(0) & 0xff);
  const starts: number[] = []; // index of each delimiter line
  let closed = false;
  for (let at = nextDelimiter(body, delim, 0); at >= 0; at = nextDelimiter(body, delim, at + delim.length)) {
    starts.push(at);
    if (body[at + delim.length] === DASH && body[at + delim.length + 1] === DASH) {
      closed = true;
      break;
    }
  }
  const parts: Uint8Array[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    if (closed && k === starts.length - 1) break;
    const lineEnd = body.indexOf(LF, s);
    if (lineEnd < 0) break;
    let end = k + 1 < starts.length ? starts[k + 1]! - 1 : body.length;
    if (end > 0 && body[end - 1] === CR) end--;
    parts.push(body.subarray(lineEnd + 1, Math.max(lineEnd + 1, end)));
  }
  return { parts, closed };
}

/** RFC 3676: a line ending in a space continues on the next line (space removed when delsp=yes). */
export function unflow(text: string, delsp: boolean): string {
  const out: string[] = [];
  let current: string | null = null;
  let currentDepth = 0;
  for (const raw of text.split('\n')) {
    const depth = /^>*/.exec(raw)![0].length;
    let line = raw.slice(depth);
    if (line.startsWith(' ')) line = line.slice(1); // space-stuffing
    const prefix = depth ? '>'.repeat(depth) + ' ' : '';
    const flowed = line.endsWith(' ') && line !== '-- ';
    if (flowed && delsp) line = line.slice(0, -1);
    if (current !== null && depth === currentDepth) current += line;
    else {
      if (current !== null) out.push(current);
      current = prefix + line;
      currentDepth = depth;
    }
    if (!flowed) {
      out.push(current);
      current = null;
    }
  }
  if (current !== null) out.push(current);
  return out.join('\n');
}
