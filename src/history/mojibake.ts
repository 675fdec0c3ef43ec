// Repairs text that was UTF-8, read as windows-1252 (or latin-1) and written out again as UTF-8: "JosÃ©" → "José".
// Sequence by sequence: a lead character (Â…ô) followed by the right number of characters that spell continuation
// bytes (0x80–0xBF in windows-1252) is replaced when those bytes are valid UTF-8. Other text is left as it is, so a
// field mixing repaired and genuine characters (€, naïve) comes out right.
import { CP1252_80_9F } from './charset';

const CONT = `[\\u0080-\\u00bf${CP1252_80_9F.replace(/[\u0080-\u009f]/g, '')}]`;
const SEQUENCE = new RegExp(`[\\u00c2-\\u00df]${CONT}|[\\u00e0-\\u00ef]${CONT}{2}|[\\u00f0-\\u00f4]${CONT}{3}`, 'g');
const BYTE = new Map<string, number>();
for (let i = 0; i < 32; i++) BYTE.set(CP1252_80_9F[i]!, 0x80 + i);
const strict = new TextDecoder('utf-8', { fatal: true });

export function repairDoubleUtf8(s: string): string {
  if (!/[\u00c2-\u00f4]/.test(s)) return s;
  return s.replace(SEQUENCE, (seq) => {
    const bytes = Uint8Array.from(seq, (c) => BYTE.get(c) ?? c.charCodeAt(0));
    try {
      return strict.decode(bytes);
    } catch {
      return seq;
    }
  });
}
