// SitePlan.lastMessageDays: imported conversations counted by the UTC day of their last message.

const DAY_MS = 86_400_000;

/** Counts a conversation under the UTC day of `time`. */
export function bumpDay(days: Record<number, number>, time: number): void {
  const day = Math.floor(time / DAY_MS);
  days[day] = (days[day] ?? 0) + 1;
}

/** How many counted conversations had their last message at or before `cutoff` (ms), to the day. */
export function countUpTo(days: Record<number, number>, cutoff: number): number {
  let n = 0;
  for (const [day, count] of Object.entries(days)) if ((+day + 1) * DAY_MS <= cutoff) n += count;
  return n;
}
