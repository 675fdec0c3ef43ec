// Generator of Google Takeout-shaped mbox files (hand-written generator, following the Takeout mbox layout checked
// in December 2026, see docs/imports.md): `From <decimal id>@xxx <date +0000 year>` separators, X-GM-THRID and
// X-Gmail-Labels first, CRLF line ends (LF optional), `>From ` escaping, and bodies in every transfer encoding and
// charset the importer must read. Strings here are "binary strings": one char per byte.

export type Eol = '\r\n' | '\n';

/** Legacy-charset samples: the bytes (hex) of `text` in `charset`, taken from the charsets' published tables. */
export const CHARSET_SAMPLES: { charset: string; hex: string; text: string }[] = [
  { charset: 'iso-8859-1', hex: '436166e9', text: 'Café' },
  { charset: 'iso-8859-2', hex: 'a3f364bc', text: 'Łódź' },
  { charset: 'iso-8859-7', hex: 'c3e5e9dc', text: 'Γειά' },
  { charset: 'iso-8859-15', hex: 'a4', text: '€' },
  { charset: 'windows-1250', hex: '50f869746f6d6e6f7374', text: 'Přitomnost' },
  { charset: 'windows-1251', hex: 'cff0e8e2e5f2', text: 'Привет' },
  { charset: 'windows-1252', hex: '8093e994', text: '€“é”' },
  { charset: 'iso-2022-jp', hex: '1b2442467c4b5c386c1b2842', text: '日本語' },
  { charset: 'shift_jis', hex: '93fa967b8cea', text: '日本語' },
  { charset: 'gbk', hex: 'd6d0cec4', text: '中文' },
  { charset: 'gb2312', hex: 'd6d0cec4', text: '中文' },
  { charset: 'euc-kr', hex: 'c7d1b1b9beee', text: '한국어' },
  { charset: 'ks_c_5601-1987', hex: 'c7d1b1b9beee', text: '한국어' },
];

export function hexToBinary(hex: string): string {
  let s = '';
  for (let i = 0; i < hex.length; i += 2) s += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return s;
}

export function utf8Binary(text: string): string {
  return Array.from(new TextEncoder().encode(text), (b) => String.fromCharCode(b)).join('');
}

export function binaryToBytes(s: string): Uint8Array {
  return Uint8Array.from(s, (c) => c.charCodeAt(0));
}

export function base64Lines(binary: string): string {
  return (btoa(binary).match(/.{1,76}/g) ?? []).join('\n');
}

export function quotedPrintable(binary: string): string {
  let out = '';
  let line = 0;
  for (const c of binary) {
    const b = c.charCodeAt(0);
    const piece = c === '\n' ? '\n' : b >= 33 && b <= 126 && c !== '=' ? c : b === 32 ? ' ' : '=' + b.toString(16).toUpperCase().padStart(2, '0');
    if (piece === '\n') line = 0;
    else if (line + piece.length > 73) {
      out += '=\n';
      line = 0;
    }
    out += piece;
    if (piece !== '\n') line += piece.length;
  }
  return out;
}

/** RFC 2047 encoded word of UTF-8 text. */
export function encodedWord(text: string, kind: 'Q' | 'B', charset = 'UTF-8', binary = utf8Binary(text)): string {
  if (kind === 'B') return `=?${charset}?B?${btoa(binary)}?=`;
  const q = Array.from(binary, (c) => {
    const b = c.charCodeAt(0);
    return b === 32 ? '_' : /[A-Za-z0-9]/.test(c) ? c : '=' + b.toString(16).toUpperCase().padStart(2, '0');
  }).join('');
  return `=?${charset}?Q?${q}?=`;
}

export interface GenMessage {
  /** Decimal message id (the separator's), often above 2^53. */
  id: string;
  thrid: string;
  /** The raw X-Gmail-Labels value (may be folded with '\n '). */
  labels: string;
  from: string;
  to?: string;
  subject?: string;
  date?: string;
  headers?: string[];
  /** Raw MIME headers (Content-Type…) and body, as binary strings; the body's line ends are '\n' here. */
  mime?: { headers: string[]; body: string };
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A Gmail-shaped id for a time: epoch ms << 20 plus a low part (ids encode their time). */
export function gmailId(ms: number, low = 1): string {
  return ((BigInt(ms) << 20n) + BigInt(low)).toString();
}

function separatorDate(ms: number): string {
  const d = new Date(ms);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000 ${d.getUTCFullYear()}`;
}

export function plainBody(text: string): GenMessage['mime'] {
  return { headers: ['Content-Type: text/plain; charset="UTF-8"', 'Content-Transfer-Encoding: 8bit'], body: utf8Binary(text) };
}

/** One message, separator included, with `>From ` escaping of body lines (mboxrd). */
export function message(m: GenMessage, eol: Eol = '\r\n'): string {
  const ms = Number(BigInt(m.id) >> 20n);
  const mime = m.mime ?? plainBody('Hello');
  const head = [
    `X-GM-THRID: ${m.thrid}`,
    `X-Gmail-Labels: ${m.labels}`,
    ...(m.headers ?? []),
    `From: ${m.from}`,
    ...(m.to ? [`To: ${m.to}`] : []),
    `Subject: ${m.subject ?? 'Hello'}`,
    `Date: ${m.date ?? new Date(ms).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${m.id}@example.test>`,
    'MIME-Version: 1.0',
    ...mime!.headers,
  ].join('\n');
  const body = mime!.body.replace(/^(>*From )/gm, '>$1');
  const text = `From ${m.id}@xxx ${separatorDate(ms)}\n${head}\n\n${body}\n\n`;
  return eol === '\n' ? text.replace(/\r\n/g, '\n') : text.replace(/\r?\n/g, '\r\n');
}

export function mbox(messages: GenMessage[], eol: Eol = '\r\n'): Uint8Array {
  return binaryToBytes(messages.map((m) => message(m, eol)).join(''));
}

/** A small conversation: I write, Dana answers, in one thread; plus a newsletter and a spam in their own threads. */
export function sampleAccount(start = Date.UTC(2024, 2, 1, 9, 0, 0)): GenMessage[] {
  const t1 = gmailId(start, 7) + '0'.repeat(0);
  return [
    { id: t1, thrid: t1, labels: 'Sent,Opened', from: 'Me Seller <me@seller.test>', to: '"Lee, Dana" <dana@buyer.test>', subject: 'Proposal', mime: plainBody('Here is the proposal.') },
    { id: gmailId(start + 3_600_000, 9), thrid: t1, labels: 'Inbox,Important,Opened', from: '"Lee, Dana" <Dana@Buyer.test>', to: 'me@seller.test', subject: 'Re: Proposal', mime: plainBody('Thanks, looks good.\n\nOn Fri, Mar 1, 2024 at 9:00 AM Me Seller <me@seller.test> wrote:\n> Here is the proposal.\n') },
    { id: gmailId(start + 7_200_000, 3), thrid: gmailId(start + 7_200_000, 3), labels: '"Category Promotions",Inbox', from: 'Shop <news@shop.test>', subject: 'Sale', headers: ['List-Unsubscribe: <mailto:u@shop.test>'], mime: plainBody('Buy now') },
    { id: gmailId(start + 9_000_000, 5), thrid: gmailId(start + 9_000_000, 5), labels: 'Spam', from: 'Scam <x@scam.test>', subject: 'Win', mime: plainBody('Free money') },
  ];
}
