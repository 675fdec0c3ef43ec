// Repairs text that was UTF-8, read as windows-1252 (or latin-1) and written out again as UTF-8: "JosÃ©" → "José".
// Only when the repair is certain: every character fits in one windows-1252 byte, the bytes are valid UTF-8, and
// at least one multi-byte sequence is formed. Anything else is returned unchanged.

const CP1252_HIGH: Record<number, number> = {
  0x20ac: 0x80, 0x201a: 0x82, 0x0192: 0x83, 0x201e: 0x84, 0x2026: 0x85, 0x2020: 0x86, 0x2021: 0x87, 0x02c6: 0x88,
  0x2030: 0x89, 0x0160: 0x8a, 0x2039: 0x8b, 0x0152: 0x8c, 0x017d: 0x8e, 0x2018: 0x91, 0x2019: 0x92, 0x201c: 0x93,
  0x201d: 0x94, 0x2022: 0x95, 0x2013: 0x96, 0x2014: 0x97, 0x02dc: 0x98, 0x2122: 0x99, 0x0161: 0x9a, 0x203a: 0x9b,
  0x0153: 0x9c, 0x017e: 0x9e, 0x0178: 0x9f,
};
const SUSPECT = /[\u00c2-\u00f4][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]/;
const strict = new TextDecoder('utf-8', { fatal: true });

export function repairDoubleUtf8(s: string): string {
  if (!SUSPECT.test(s)) return s;
  const bytes = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const b = c < 0x100 ? c : CP1252_HIGH[c];
    if (b === undefined) return s; // a character no single byte spells: not mojibake
    bytes[i] = b;
  }
  try {
    return strict.decode(bytes);
  } catch {
    return s;
  }
}
