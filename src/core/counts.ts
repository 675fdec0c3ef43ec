// How long lists are counted and said. Counting an IndexedDB range walks every entry of it (at 5,000 conversations
// owed, ~25 ms on disk), and nobody acts differently on "5,024 replies owed" than on "999+".

/** Counts stop here: a count equal to COUNT_CAP means that many or more. */
export const COUNT_CAP = 1000;

/** A count as shown: "999+" from COUNT_CAP on, as on the toolbar badge. */
export function countLabel(n: number): string {
  return n >= COUNT_CAP ? `${COUNT_CAP - 1}+` : String(n);
}

/** The sum of capped counts, capped. */
export function cappedSum(...counts: number[]): number {
  return Math.min(COUNT_CAP, counts.reduce((a, b) => a + b, 0));
}
