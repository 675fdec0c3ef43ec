// The name used in a sentence ("Dana wrote yesterday"): shared by the sidebar and the list chips' tooltips.

/** The first name of a Latin-script "First Last", else the whole name. */
export function shortName(name: string | null | undefined): string | null {
  const n = (name ?? '').trim();
  if (!n) return null;
  if (n.includes('@') || n.includes(',')) return n;
  const first = n.split(/\s+/)[0]!;
  if (first.length >= 2 && first !== n && /^[\p{Script=Latin}'’.-]+$/u.test(first)) return first;
  return n;
}
