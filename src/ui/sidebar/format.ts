// The sidebar's sentences. Pure: every function takes the translate function, so tests run without a browser.
import { calendarDaysBetween, formatRelative, type Translate } from '../../core/relative-time';
import type { TurnExplanation, TurnState } from '../../core/turn';

export { shortName } from '../../core/short-name';
import { shortName } from '../../core/short-name';

/**
 * "6 days", "1 day", "5 hours": how long since `then`, for "no answer for …". Days are local calendar days, as in
 * "You wrote 6 days ago" on the dashboard, so the two never disagree about the same message (hours within the day).
 */
export function formatDuration(then: Date | string, now: Date, t: Translate): string {
  const thenMs = typeof then === 'string' ? Date.parse(then) : then.getTime();
  const diff = Math.max(0, now.getTime() - thenMs);
  const days = calendarDaysBetween(thenMs, now.getTime());
  if (days <= 0) {
    const hours = Math.floor(diff / 3_600_000);
    return hours <= 1 ? t('sidebarForHour', []) : t('sidebarForHours', [String(hours)]);
  }
  if (days < 14) return days === 1 ? t('sidebarForDay', []) : t('sidebarForDays', [String(days)]);
  if (days < 60) return t('sidebarForWeeks', [String(Math.floor(days / 7))]);
  const months = Math.floor(days / 30);
  return months < 24 ? t('sidebarForMonths', [String(months)]) : t('sidebarForYears', [String(Math.floor(days / 365))]);
}

/**
 * Whose turn, in words, first: "Your turn: Dana wrote 2 days ago" / "Waiting on Dana: you wrote yesterday" /
 * "Follow up: no answer for 6 days" / "Resting". A gone-quiet conversation (src/core/turn.ts) says so after it:
 * "Your turn: Dana wrote 7 months ago · gone quiet".
 */
export function turnSentence(
  turn: TurnState,
  explanation: TurnExplanation,
  now: Date,
  t: Translate,
  goneQuiet = false,
): string {
  const sentence = turnOnly(turn, explanation, now, t);
  return goneQuiet ? t('sidebarTurnGoneQuiet', [sentence]) : sentence;
}

function turnOnly(turn: TurnState, explanation: TurnExplanation, now: Date, t: Translate): string {
  const name = shortName(explanation.name);
  const ago = explanation.at ? formatRelative(explanation.at, now, t) : '';
  switch (explanation.kind) {
    case 'they-wrote':
      return name ? t('sidebarTurnMine', [name, ago]) : t('sidebarTurnMineAnon', [ago]);
    case 'you-wrote':
      return name ? t('sidebarTurnTheirs', [name, ago]) : t('sidebarTurnTheirsAnon', [ago]);
    case 'no-answer':
      return t('sidebarTurnFollowUp', [explanation.at ? formatDuration(explanation.at, now, t) : '']);
    case 'resting':
      return t('sidebarTurnResting', []);
    case 'empty':
      return turn === 'resting' ? t('sidebarTurnEmpty', []) : t('sidebarTurnResting', []);
  }
}

/** The short label of a turn state, for lists and badges. */
export function turnLabel(turn: TurnState, t: Translate): string {
  switch (turn) {
    case 'mine':
      return t('sidebarStateMine', []);
    case 'theirs':
      return t('sidebarStateTheirs', []);
    case 'follow-up':
      return t('sidebarStateFollowUp', []);
    case 'resting':
      return t('sidebarStateResting', []);
  }
}

export const siteName = (site: string, t: Translate): string =>
  site === 'gmail' ? t('sidebarSiteGmail', []) : site === 'linkedin' ? t('sidebarSiteLinkedIn', []) : site;

/** A LinkedIn profile URL as a short handle: "in/dana-whitfield". */
export function profileHandle(url: string): string {
  const m = /linkedin\.com\/in\/([^/?#]+)/i.exec(url);
  if (!m) return url;
  try {
    return `in/${decodeURIComponent(m[1]!)}`;
  } catch {
    return `in/${m[1]}`;
  }
}

export interface Folded {
  text: string;
  folded: boolean;
}

/** Long texts are folded: the first `maxLines` lines and at most `maxChars` characters, cut at a word. */
export function foldText(text: string, maxChars = 320, maxLines = 6): Folded {
  const lines = text.split('\n');
  let out = lines.length > maxLines ? lines.slice(0, maxLines).join('\n') : text;
  if (out.length > maxChars) {
    const cut = out.slice(0, maxChars);
    const space = cut.search(/\s\S*$/);
    out = space > maxChars * 0.6 ? cut.slice(0, space) : cut;
    // Never cut a surrogate pair (an emoji) in half.
    if (/[\uD800-\uDBFF]$/.test(out)) out = out.slice(0, -1);
  }
  if (out.length >= text.length) return { text, folded: false };
  return { text: out.replace(/\s+$/, '') + '…', folded: true };
}
