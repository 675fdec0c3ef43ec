// Whether a read is the same as the one sent last, without writing either out as JSON: most reads follow a page change
// that did not touch the conversation (and are dropped), and a read of another conversation differs at its URL, so
// comparing in place stops early where JSON.stringify would build the whole string every time.

/** Equal as JSON would write them, for plain data (objects, arrays, strings, numbers, booleans, null): a property
 * that is undefined counts as missing; the order of properties does not matter. */
export function sameData(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) {
    // NaN is written as null, like every number JSON cannot hold.
    return typeof a === 'number' && typeof b === 'number' && !Number.isFinite(a) && !Number.isFinite(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!sameData(a[i], b[i])) return false;
    return true;
  }
  const left = a as Record<string, unknown>;
  const right = b as Record<string, unknown>;
  for (const key in left) {
    if (Object.hasOwn(left, key) && !sameData(left[key], right[key])) return false;
  }
  for (const key in right) {
    if (Object.hasOwn(right, key) && right[key] !== undefined && !Object.hasOwn(left, key)) return false;
  }
  return true;
}
