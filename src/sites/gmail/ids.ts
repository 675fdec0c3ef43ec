// Gmail's ids, and how they are made to agree.
//
// Gmail shows the same thread or message under several ids: the legacy hex id (`data-legacy-thread-id`,
// `data-legacy-message-id`, body class `m<hex>`, old `#inbox/<hex>` URLs), the sync ids (`thread-f:<decimal>`,
// `msg-f:<decimal>` in `data-thread-perm-id`, `data-message-id` and `jslog`), and the URL token (`#inbox/FMfcgz…`,
// which decodes to `f:<decimal>` / `thread-f:<decimal>`). For mail received (`-f:`), the decimal IS the legacy hex id
// written in base 10 (checked on the 2026 capture: jslog `#msg-f:1878029276965107881` = legacy `1a1019ad5b49f8a9`).
// So every `-f:` form is reduced to one canonical key: lower-case hex without leading zeros. Ids Gmail gives to
// things the user sent from this client (`thread-a:r…`, `msg-a:r…`) have no hex equivalent and are kept as they are.

/** Lower-case hex without leading zeros, or '' when `s` is not 1–16 hex digits. */
export function hexId(s: string | null | undefined): string {
  return s && /^[0-9a-f]{1,16}$/i.test(s) ? s.toLowerCase().replace(/^0+(?=.)/, '') : '';
}

/** `thread-f:123` / `msg-f:123` / `f:123` (optionally with '#') → hex; `…-a:r…` → kept as `thread-a:r…`/`msg-a:r…`. */
export function syncId(s: string | null | undefined, kind: 'thread' | 'msg'): string {
  const m = s && /^#?(?:(?:thread|msg)-)?([af]):(r?-?\d+)$/.exec(s.trim());
  if (!m) return '';
  if (m[1] === 'f') {
    try {
      return BigInt(m[2]!).toString(16);
    } catch {
      return '';
    }
  }
  return kind + '-a:' + m[2];
}

const REDUCED = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Decodes Gmail's URL token (`FMfcgz…`): a base-40 number over a vowel-free alphabet that, rewritten in base 64,
 * is the base64 of `f:<decimal>` or `thread-f:<decimal>` (algorithm published by Arsenal Recon, "Gmail URL Decoder").
 * Returns the decoded text, or '' when it is not such a token.
 */
export function decodeUrlToken(token: string): string {
  if (!/^[BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz]{16,}$/.test(token)) return '';
  let n = 0n;
  for (const c of token) n = n * 40n + BigInt(REDUCED.indexOf(c));
  let b = '';
  for (; n > 0n; n /= 64n) b = B64[Number(n % 64n)] + b;
  return b64(b);
}

/** Forgiving base64 → text ('' on failure). Accepts jslog's url-safe alphabet and '.' padding. */
export function b64(s: string): string {
  try {
    const t = s.replace(/\./g, '=').replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
    return globalThis.atob(t + '='.repeat((4 - (t.length % 4)) % 4));
  } catch {
    return '';
  }
}

/** The ids (`#thread-f:…`, `#msg-a:…`) found in a `jslog` attribute's base64 JSON segments ("1:WyIj…; 4:WyIj…"). */
export function jslogIds(jslog: string, kind: 'thread' | 'msg'): string {
  for (const seg of jslog.match(/\d+:(Wy[\w+/=.-]+)/g) || []) {
    const m = new RegExp('#(' + kind + '-[af]:r?-?\\d+)').exec(b64(seg.slice(seg.indexOf(':') + 1)));
    if (m) return syncId(m[1], kind);
  }
  return '';
}

/** FNV-1a over the string forwards and backwards (≈ 64 bits), as base-36. Deterministic across runs and browsers. */
export function hash(s: string): string {
  let a = 0x811c9dc5;
  let b = 0x811c9dc5;
  for (let i = 0, n = s.length; i < n; i++) {
    a = Math.imul(a ^ s.charCodeAt(i), 0x01000193);
    b = Math.imul(b ^ s.charCodeAt(n - 1 - i), 0x01000193);
  }
  return (a >>> 0).toString(36) + (b >>> 0).toString(36);
}
