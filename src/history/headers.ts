// Mail headers: unfolding, RFC 2047 encoded words, address lists, Gmail's label list. Pure string work.
import { base64Bytes, decodeBytes, quotedPrintableBytes } from './charset';

/** Header name (lower case) → values in order. Folded lines are unfolded (CRLF/LF + white space → the space). */
export type Headers = Map<string, string[]>;

export function parseHeaders(block: string): Headers {
  const out: Headers = new Map();
  const lines = block.split(/\r?\n/);
  let name = '';
  let value = '';
  const flush = () => {
    if (!name) return;
    const list = out.get(name);
    if (list) list.push(value);
    else out.set(name, [value]);
  };
  for (const line of lines) {
    if (!line) continue;
    const c = line.charCodeAt(0);
    if ((c === 32 || c === 9) && name) {
      value += line; // RFC 5322 unfolding: only the line break goes
      continue;
    }
    const colon = line.indexOf(':');
    if (colon <= 0) continue; // not a header line: ignored, the rest is still read
    flush();
    name = line.slice(0, colon).trim().toLowerCase();
    value = line.slice(colon + 1).replace(/^[ \t]+/, '');
  }
  flush();
  for (const list of out.values()) for (let i = 0; i < list.length; i++) list[i] = list[i]!.trim();
  return out;
}

export function header(h: Headers, name: string): string {
  return h.get(name)?.[0] ?? '';
}

const ENCODED_WORD = /=\?([^?\s*]+)(?:\*[^?\s]*)?\?([QqBb])\?([^?\s]*)\?=/g;
const BETWEEN_WORDS = /^[ \t\r\n]+$/;

/** Decodes RFC 2047 encoded words. Adjacent words of one charset are decoded together (a character may be split
 * across them); white space between encoded words goes. Unknown charsets are read as windows-1252. */
export function decodeEncodedWords(s: string): string {
  if (!s.includes('=?')) return s;
  let out = '';
  let last = 0;
  let run: { charset: string; bytes: Uint8Array[] } | null = null;
  const flushRun = () => {
    if (!run) return;
    const total = run.bytes.reduce((a, b) => a + b.length, 0);
    const all = new Uint8Array(total);
    let o = 0;
    for (const b of run.bytes) {
      all.set(b, o);
      o += b.length;
    }
    out += decodeBytes(all, run.charset).text;
    run = null;
  };
  for (const m of s.matchAll(ENCODED_WORD)) {
    const gap = s.slice(last, m.index);
    const charset = m[1]!.toLowerCase();
    const bytes = m[2]!.toUpperCase() === 'B' ? base64Bytes(m[3]!) : quotedPrintableBytes(m[3]!, true);
    if (run && (gap === '' || BETWEEN_WORDS.test(gap)) && run.charset === charset) run.bytes.push(bytes);
    else {
      flushRun();
      if (!(last > 0 && BETWEEN_WORDS.test(gap))) out += gap;
      run = { charset, bytes: [bytes] };
    }
    last = m.index! + m[0].length;
  }
  flushRun();
  return out + s.slice(last);
}

export interface Address {
  name: string;
  /** Lower case; '' when the entry has no address. */
  address: string;
}

/** Splits at `sep` characters that are outside quotes, angle brackets and comments. */
function splitOutside(s: string, seps: string): { part: string; sep: string }[] {
  const parts: { part: string; sep: string }[] = [];
  let depth = 0;
  let quoted = false;
  let angle = false;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    if (quoted) {
      if (c === '\\') i++;
      else if (c === '"') quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === '(') depth++;
    else if (c === ')' && depth > 0) depth--;
    else if (c === '<' && !depth) angle = true;
    else if (c === '>' && !depth) angle = false;
    else if (!depth && !angle && seps.includes(c)) {
      parts.push({ part: s.slice(start, i), sep: c });
      start = i + 1;
    }
  }
  parts.push({ part: s.slice(start), sep: '' });
  return parts;
}

function unquote(s: string): string {
  if (!s.includes('"')) return s;
  return s.replace(/"((?:[^"\\]|\\.)*)"/g, (_, q: string) => q.replace(/\\(.)/g, '$1'));
}

function parseMailbox(raw: string): Address | null {
  const s = raw.trim();
  if (!s) return null;
  const angle = /<([^<>]*)>\s*(?:\([^)]*\)\s*)*$/.exec(s);
  let name: string;
  let address: string;
  if (angle) {
    address = angle[1]!.trim();
    name = s.slice(0, angle.index).trim();
  } else {
    const comment = /\(([^)]*)\)/.exec(s);
    name = comment ? comment[1]!.trim() : '';
    address = s.replace(/\([^)]*\)/g, '').trim();
    if (!address.includes('@')) {
      // A bare name ("undisclosed-recipients", a display name with its address lost)
      name = name || address;
      address = '';
    }
  }
  name = decodeEncodedWords(unquote(name)).replace(/\s+/g, ' ').trim();
  address = address.replace(/^mailto:/i, '').replace(/\s+/g, '').toLowerCase();
  if (!name && !address) return null;
  return { name, address };
}

/** An address list (`To`, `Cc`, `From`): names and addresses, quoted names, comments, groups (`team: a@b, c@d;`). */
export function parseAddresses(value: string): Address[] {
  const out: Address[] = [];
  for (const { part } of splitOutside(value, ',;')) {
    const groupParts = splitOutside(part, ':');
    // "Group name: first member" — the group's name is not a person
    const mailbox = groupParts.length > 1 && !/^\s*</.test(part) ? groupParts.slice(1).map((p) => p.part).join(':') : part;
    const a = parseMailbox(mailbox);
    if (a) out.push(a);
  }
  return out;
}

/** `X-Gmail-Labels`: comma-separated; labels with commas are double-quoted; non-ASCII ones are encoded words. */
export function parseLabels(value: string): string[] {
  const out: string[] = [];
  for (const { part } of splitOutside(value, ',')) {
    const label = decodeEncodedWords(unquote(part.trim())).trim();
    if (label) out.push(label);
  }
  return out;
}

/** Each parameter's two patterns, compiled once (a message's walk asks for a handful of parameters per part). */
const PARAM_PATTERNS = new Map<string, { plain: RegExp; continued: RegExp }>();

function paramPatterns(p: string): { plain: RegExp; continued: RegExp } {
  let patterns = PARAM_PATTERNS.get(p);
  if (!patterns) {
    patterns = {
      plain: new RegExp(`;\\s*${p}\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|[^;\\s]*)`, 'i'),
      continued: new RegExp(`;\\s*${p}\\*(\\d+)?(\\*)?\\s*=\\s*("(?:[^"\\\\]|\\\\.)*"|[^;\\s]*)`, 'gi'),
    };
    PARAM_PATTERNS.set(p, patterns);
  }
  return patterns;
}

/** A header parameter (`charset`, `boundary`, `name`, `filename`), quoted or not, RFC 2231 continuations joined. */
export function headerParam(value: string, param: string): string {
  if (!value.includes(';')) return '';
  const p = param.toLowerCase();
  const patterns = paramPatterns(p);
  const plain = patterns.plain.exec(value);
  if (plain) return decodeEncodedWords(unquote(plain[1]!)).trim();
  // RFC 2231: name*=utf-8''%E2%82%AC.pdf, or name*0*=…; name*1*=…
  if (!value.includes('*')) return '';
  const pieces: { n: number; v: string; enc: boolean }[] = [];
  for (const m of value.matchAll(patterns.continued)) pieces.push({ n: Number(m[1] ?? 0), v: unquote(m[3]!), enc: !!m[2] || !m[1] });
  if (!pieces.length) return '';
  pieces.sort((a, b) => a.n - b.n);
  let charset = 'utf-8';
  const bytes: number[] = [];
  pieces.forEach((piece, k) => {
    let v = piece.v;
    if (k === 0 && piece.enc) {
      const m = /^([^']*)'[^']*'(.*)$/.exec(v);
      if (m) {
        charset = m[1] || charset;
        v = m[2]!;
      }
    }
    for (let i = 0; i < v.length; i++) {
      if (piece.enc && v[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(v.slice(i + 1, i + 3))) {
        bytes.push(parseInt(v.slice(i + 1, i + 3), 16));
        i += 2;
      } else bytes.push(v.charCodeAt(i) & 0xff);
    }
  });
  return decodeBytes(Uint8Array.from(bytes), charset).text.trim();
}

/** The value before the first `;`, lower case (`text/plain`, `quoted-printable`, `attachment`). */
export function headerMain(value: string): string {
  const semicolon = value.indexOf(';');
  return (semicolon < 0 ? value : value.slice(0, semicolon)).trim().toLowerCase();
}
