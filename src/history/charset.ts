// Bytes → text in a named charset. TextDecoder knows every Encoding Standard label (latin1 → windows-1252,
// ks_c_5601-1987 → euc-kr, gb2312 → gbk…); a charset it does not know (utf-7, cp850, a typo) is read as windows-1252
// and said so, so that the message is kept and flagged, never dropped.

const decoders = new Map<string, TextDecoder | null>();

function decoderFor(label: string): TextDecoder | null {
  let d = decoders.get(label);
  if (d === undefined) {
    try {
      d = new TextDecoder(label);
    } catch {
      d = null;
    }
    decoders.set(label, d);
  }
  return d;
}

export interface Decoded {
  text: string;
  /** The charset was not known: the bytes were read as windows-1252. */
  fallback: boolean;
}

/** Charset names mail software writes that the Encoding Standard spells differently. */
const ALIASES: Record<string, string> = {
  'ks_c_5601': 'euc-kr',
  'cp1252': 'windows-1252',
  'cp1251': 'windows-1251',
  'cp1250': 'windows-1250',
  'cp932': 'shift_jis',
  'cp936': 'gbk',
  'cp949': 'euc-kr',
  'x-sjis': 'shift_jis',
  'ansi_x3.4-1968': 'us-ascii',
  '646': 'us-ascii',
};

/** windows-1252's bytes 0x80–0x9F (the rest is latin-1); undefined bytes map to the C1 control of the same value. */
export const CP1252_80_9F =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * windows-1252 (what the Encoding Standard also means by latin1, iso-8859-1 and us-ascii), decoded here rather than
 * by TextDecoder: Node 20's TextDecoder reads 0x80–0x9F as C1 controls, so tests and browsers would disagree.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const piece = bytes.subarray(i, i + 8192);
    let part = String.fromCharCode.apply(null, piece as unknown as number[]);
    if (/[\x80-\x9f]/.test(part)) part = part.replace(/[\x80-\x9f]/g, (c) => CP1252_80_9F[c.charCodeAt(0) - 0x80]!);
    s += part;
  }
  return s;
}

export function decodeBytes(bytes: Uint8Array, charset: string | undefined): Decoded {
  const label = (charset || 'us-ascii').trim().toLowerCase().replace(/^["']|["']$/g, '');
  const d = decoderFor(ALIASES[label] ?? label);
  if (d && d.encoding === 'windows-1252') return { text: decodeWindows1252(bytes), fallback: false };
  if (d) return { text: d.decode(bytes), fallback: false };
  return { text: decodeWindows1252(bytes), fallback: true };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Header bytes: UTF-8 when they are valid UTF-8 (ASCII is; RFC 6532 allows UTF-8), else windows-1252 (raw legacy
 * bytes in old mail). The native decoder validates and decodes in one go. */
export function decodeHeaderBytes(bytes: Uint8Array): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    return decodeWindows1252(bytes);
  }
}

function asciiText(bytes: Uint8Array): string {
  let s = '';
  const STEP = 8192;
  for (let i = 0; i < bytes.length; i += STEP) {
    s += String.fromCharCode.apply(null, bytes.subarray(i, i + STEP) as unknown as number[]);
  }
  return s;
}

/** One char per byte (code = byte), so that byte offsets and string offsets agree. */
export const binaryString = asciiText;

/** The inverse of {@link binaryString}. */
export function binaryBytes(s: string): Uint8Array {
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i) & 0xff;
  return out;
}

/** Base64 (line breaks and junk ignored, padding optional) → bytes. A broken tail is dropped, never thrown. */
export function base64Bytes(s: string): Uint8Array {
  let t = s.replace(/[^A-Za-z0-9+/]/g, '');
  t = t.slice(0, t.length - (t.length % 4 === 1 ? 1 : 0));
  t += '==='.slice((t.length + 3) % 4);
  try {
    return binaryBytes(atob(t));
  } catch {
    return new Uint8Array(0);
  }
}

/** Quoted-printable → bytes; `underscoreIsSpace` for RFC 2047 Q words. Malformed escapes are kept as they are. */
export function quotedPrintableBytes(s: string, underscoreIsSpace = false): Uint8Array {
  const out = new Uint8Array(s.length);
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 61 /* = */) {
      const h = s.slice(i + 1, i + 3);
      if (/^[0-9A-Fa-f]{2}$/.test(h)) {
        out[n++] = parseInt(h, 16);
        i += 2;
        continue;
      }
      const soft = /^[ \t]*\r?\n/.exec(s.slice(i + 1, i + 80));
      if (soft) {
        i += soft[0].length;
        continue;
      }
      out[n++] = c;
    } else if (underscoreIsSpace && c === 95) out[n++] = 32;
    else out[n++] = c & 0xff;
  }
  return out.subarray(0, n);
}
