// Repairs text that was UTF-8, read as windows-1252 (or latin-1) and written out again as UTF-8: "JosÃ©" → "José".
// Only when the repair is certain: every character fits in one windows-1252 byte, the bytes are valid UTF-8, and
// at least one multi-byte sequence is formed. Anything else is returned unchanged.

import { CP1252_80_9F } from './charset';

const CP1252_HIGH = new Map<number, number>();
for (let i = 0; i < 32; i++) CP1252_HIGH.set(CP1252_80_9F.charCodeAt(i), 0x80 + i);

const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;
const strict = new TextDecoder('utf-8', { fatal: true });

export function repairDoubleUtf8(s: string): string {
  if (!SUSPECT.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b = c < 0x100 ? c : CP1252_HIGH.get(c);
    if (b === undefined) return s; // a character no single byte spells: not mojibake
    bytes[i] = b;
  }
  try {
    return strict.decode(bytes);
  } catch {
    return s;
  }
}
