// The readable text of one message: MIME walked for the text parts only. Attachments are never decoded: their bytes
// are skipped and only their file names kept. Broken MIME (no boundary, a boundary never found, a missing end) is
// read as well as it can be and flagged, never dropped.
import { base64Bytes, binaryBytes, decodeBytes, decodeHeaderBytes, quotedPrintableBytes } from './charset';
import { header, headerMain, headerParam, parseHeaders, type Headers } from './headers';
import { htmlToText } from './html-text';
import { trimQuoted } from './quote-trim';

export interface BodyText {
  text: string;
  attachments: string[];
  /** A part's charset was unknown and read as windows-1252. */
  charsetFallback: boolean;
  /** The MIME structure was broken (missing boundary, unterminated multipart). */
  broken: boolean;
}

interface Acc {
  plain: string[];
  html: string[];
  attachments: string[];
  charsetFallback: boolean;
  broken: boolean;
}

const MAX_DEPTH = 20;

/** `body` is the message body as a binary string (one char per byte, see charset.ts binaryString). */
export function bodyText(headers: Headers, body: string): BodyText {
  const acc: Acc = { plain: [], html: [], attachments: [], charsetFallback: false, broken: false };
  walk(headers, body, 0, acc);
  const plain = acc.plain.map((t) => trimQuoted(t)).filter((t) => t.trim());
  const text = plain.length ? plain.join('\n\n') : acc.html.map((h) => htmlToText(h)).filter(Boolean).join('\n\n');
  return { text: text.trim(), attachments: acc.attachments, charsetFallback: acc.charsetFallback, broken: acc.broken };
}

function walk(h: Headers, body: string, depth: number, acc: Acc): void {
  const ct = header(h, 'content-type');
  const type = headerMain(ct) || 'text/plain';
  const disposition = header(h, 'content-disposition');
  const filename = headerParam(disposition, 'filename') || headerParam(ct, 'name');
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
      const { head, rest } = splitHead(part);
      walk(parseHeaders(decodeHeaderBytes(binaryBytes(head))), rest, depth + 1, acc);
    }
    return;
  }
  const isAttachment = headerMain(disposition) === 'attachment' || (!!filename && !type.startsWith('text/'));
  if (isAttachment || (type !== 'text/plain' && type !== 'text/html')) {
    if (filename) acc.attachments.push(filename.slice(0, 255));
    return;
  }
  addText(h, body, type, acc);
}

function addText(h: Headers, body: string, type: string, acc: Acc): void {
  const ct = header(h, 'content-type');
  const cte = headerMain(header(h, 'content-transfer-encoding'));
  const bytes =
    cte === 'base64' ? base64Bytes(body) : cte === 'quoted-printable' ? quotedPrintableBytes(body) : binaryBytes(body);
  const charset = headerParam(ct, 'charset') || (type === 'text/html' ? htmlMetaCharset(body) : '') || 'utf-8';
  const decoded = decodeBytes(bytes, charset);
  if (decoded.fallback) acc.charsetFallback = true;
  let text = decoded.text.replace(/\r\n?/g, '\n');
  if (type === 'text/html') acc.html.push(text);
  else {
    if (headerParam(ct, 'format').toLowerCase() === 'flowed') text = unflow(text, headerParam(ct, 'delsp').toLowerCase() === 'yes');
    acc.plain.push(text);
  }
}

function htmlMetaCharset(body: string): string {
  return /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(body.slice(0, 4096))?.[1] ?? '';
}

/** Splits at the first empty line: part headers, then part body. */
function splitHead(part: string): { head: string; rest: string } {
  if (/^\r?\n/.test(part)) return { head: '', rest: part.replace(/^\r?\n/, '') };
  const m = /\r?\n\r?\n/.exec(part);
  if (!m) return { head: part, rest: '' };
  return { head: part.slice(0, m.index), rest: part.slice(m.index + m[0].length) };
}

function splitMultipart(body: string, boundary: string): { parts: string[]; closed: boolean } {
  const delim = '--' + boundary;
  const starts: number[] = []; // index of each delimiter line
  let closed = false;
  let at = body.startsWith(delim) ? 0 : body.indexOf('\n' + delim);
  if (at > 0) at++;
  while (at >= 0) {
    const after = body.slice(at + delim.length, at + delim.length + 2);
    starts.push(at);
    if (after === '--') {
      closed = true;
      break;
    }
    const next = body.indexOf('\n' + delim, at + delim.length);
    at = next < 0 ? -1 : next + 1;
  }
  const parts: string[] = [];
  for (let k = 0; k < starts.length; k++) {
    const s = starts[k]!;
    if (closed && k === starts.length - 1) break;
    const lineEnd = body.indexOf('\n', s);
    if (lineEnd < 0) break;
    let end = k + 1 < starts.length ? starts[k + 1]! - 1 : body.length;
    if (end > 0 && body[end - 1] === '\r') end--;
    parts.push(body.slice(lineEnd + 1, Math.max(lineEnd + 1, end)));
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
