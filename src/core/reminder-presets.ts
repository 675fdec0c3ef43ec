// The one-click "Remind me" times. Pure: every time is computed from the `now` given, in local time (DST-safe: days
// are added on the calendar, not as 24 h).
//
// - Later today: now + 3 hours, rounded up to the next 5 minutes (a reminder at 14:35, not 14:32:17).
// - Tomorrow: the next calendar day at 8:00.
// - In 3 days: three calendar days on, at 8:00 (a reminder lands at the start of a working morning, like the others).
// - Next Monday: the first Monday after today at 8:00 (on a Sunday that is tomorrow; on a Monday, a week on).
// "next week" typed in the field means the same as Next Monday (see parse-typed-time.ts), as in Gmail's snooze.

export type ReminderPresetId = 'later-today' | 'tomorrow' | 'in-3-days' | 'next-monday';

export const REMINDER_PRESET_IDS: readonly ReminderPresetId[] = ['later-today', 'tomorrow', 'in-3-days', 'next-monday'];

/** The hour of day a day-level reminder ("tomorrow", "in 3 days", "friday") lands at. */
export const MORNING_HOUR = 8;

const LATER_TODAY_MS = 3 * 3_600_000;
const ROUND_MS = 5 * 60_000;

export interface ReminderPreset {
  id: ReminderPresetId;
  at: Date;
}

/** `days` calendar days after `now`'s local date, at `hour`:00 local time. */
export function dayAt(now: Date, days: number, hour = MORNING_HOUR): Date {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days, hour, 0, 0, 0);
  return d;
}

/** The first Monday strictly after `now`'s local date, at 8:00. */
export function nextMonday(now: Date, hour = MORNING_HOUR): Date {
  const day = now.getDay(); // 0 Sunday … 6 Saturday
  const ahead = ((8 - day) % 7) || 7;
  return dayAt(now, ahead, hour);
}

export function presetTime(id: ReminderPresetId, now: Date): Date {
  switch (id) {
    case 'later-today':
      return new Date(Math.ceil((now.getTime() + LATER_TODAY_MS) / ROUND_MS) * ROUND_MS);
    case 'tomorrow':
      return dayAt(now, 1);
    case 'in-3-days':
      return dayAt(now, 3);
    case 'next-monday':
      return nextMonday(now);
  }
}

/** Every preset with its time for `now`, in menu order. */
export function reminderPresets(now: Date): ReminderPreset[] {
  return REMINDER_PRESET_IDS.map((id) => ({ id, at: presetTime(id, now) }));
}

/** A Date as the value of an `<input type="datetime-local">` (local time, minutes). */
export function toDatetimeLocalValue(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}T${p(date.getHours())}:${p(date.getMinutes())}`;
}

/** The value of an `<input type="datetime-local">` as a local Date; null when empty or malformed. */
export function fromDatetimeLocalValue(value: string): Date | null {
  const m = /^(\d{4,})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number, number];
  const date = new Date(y, mo - 1, d, h, mi, s, 0);
  // Reject values the calendar rolled over (Feb 31 → Mar 3).
  if (date.getFullYear() !== y || date.getMonth() !== mo - 1 || date.getDate() !== d) return null;
  return Number.isNaN(date.getTime()) ? null : date;
}
