// Understands a reminder time typed in words: "fri 3pm", "tomorrow", "next week", "in 2 weeks", "dec 1 at 9:30".
// Pure: the result depends only on the text and the `now` given. English, through chrono-node.
//
// Rules on top of chrono's:
// - Times are in the future: "3pm" after 15:00 means tomorrow, "friday" means the coming one (forwardDate).
// - A day without a time of day ("tomorrow", "friday", "in 3 days", "dec 1", "tomorrow morning") lands at 8:00, like
//   the presets; a time-of-day word keeps chrono's hour ("tonight" 22:00, "this evening" 20:00, "noon" 12:00).
// - "next week" alone means next Monday at 8:00, as Gmail's snooze does (chrono would say "a week from now").
// - A time that is not after `now` ("yesterday", "today" when 8:00 has passed) is refused as `past`.
import * as chrono from 'chrono-node/en';
import { MORNING_HOUR, nextMonday } from './reminder-presets';

export type TypedTimeResult =
  | { ok: true; at: Date; /** The part of the text that was understood. */ matched: string }
  | { ok: false; reason: 'empty' | 'unknown' | 'past' };

/** Longest input looked at; a reminder time is a few words. */
export const MAX_TYPED_LENGTH = 200;

const KEEPS_HOUR = /^casualReference\/(afternoon|evening|tonight|night|noon|midnight)$/;

export function parseTypedTime(text: string, now: Date): TypedTimeResult {
  const input = text.slice(0, MAX_TYPED_LENGTH).trim();
  if (!input) return { ok: false, reason: 'empty' };

  if (/^next\s+week$/i.test(input)) return { ok: true, at: nextMonday(now), matched: input };

  let results: chrono.ParsedResult[];
  try {
    results = chrono.casual.parse(input, now, { forwardDate: true });
  } catch {
    return { ok: false, reason: 'unknown' };
  }
  const first = results[0];
  if (!first) return { ok: false, reason: 'unknown' };

  const start = first.start;
  const at = start.date();
  if (Number.isNaN(at.getTime())) return { ok: false, reason: 'unknown' };
  if (!start.isCertain('hour')) {
    const tags = [...(start.tags?.() ?? [])];
    if (!tags.some((tag) => KEEPS_HOUR.test(tag))) at.setHours(MORNING_HOUR, 0, 0, 0);
  }
  at.setSeconds(0, 0);
  if (at.getTime() <= now.getTime()) return { ok: false, reason: 'past' };
  return { ok: true, at, matched: first.text };
}
