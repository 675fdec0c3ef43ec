// The words of a list chip ("Your turn · 2d", "Follow up · 6d", "Waiting", "Pinned · Fri 8:00", "New message since
// last read") and its one-line reason ("Dana wrote 2 days ago"). Pure: worded through the translate function the
// caller gives (the background passes browser.i18n), so the chips say what the sidebar and the dashboard say.
import { englishTranslate, formatTurn, type Translate } from './relative-time';
import { shortName } from './short-name';
import type { TurnExplanation, TurnState } from './turn';

/** The chip's colour family (the sidebar's); `changed`: a newer message was seen in the list, turn unknown. */
export type ChipState = 'mine' | 'follow-up' | 'theirs' | 'pinned' | 'changed';

export interface ChipWords {
  state: ChipState;
  /** Shown, and the chip's accessible name. */
  label: string;
  /** The tooltip. */
  reason: string;
}

/** What the chip is about, as the record says it for `now`. */
export interface ChipFacts {
  turn: TurnState;
  explanation: TurnExplanation;
  /** The earliest open reminder's time, if any. */
  pinDueAt: string | null;
  /** The list showed a message newer than the record's last, whose writer it cannot prove (a read Gmail row). */
  changedSince: boolean;
}

/** English for the chip keys, used when the locale lacks one. */
const ENGLISH: Record<string, string> = {
  chipMine: 'Your turn · $1',
  chipFollowUp: 'Follow up · $1',
  chipTheirs: 'Waiting',
  chipPinned: 'Pinned · $1',
  chipChanged: 'New message since last read',
  chipAgeMinutes: '$1m',
  chipAgeHours: '$1h',
  chipAgeDays: '$1d',
  chipAgeWeeks: '$1w',
  chipAgeYears: '$1y',
};

/** `t`'s words, else English: a translate without the key answers '' (browser.i18n) or the key (englishTranslate). */
function say(t: Translate, key: string, subs: string[]): string {
  const said = t(key, subs);
  return said && said !== key ? said : (ENGLISH[key] ?? key).replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
}

function startOfLocalDay(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
}

/**
 * "2d", "5h", "3w": how long since `then`, as short as a chip needs. Counted as the reason's words count it
 * (relative-time.ts formatRelative): minutes and hours on the same local day, whole calendar days before it, so a
 * message from yesterday evening is "1d" beside "Dana wrote yesterday", never "14h".
 */
export function shortAge(then: string, now: Date, t: Translate): string {
  const thenMs = Date.parse(then);
  const diff = Math.max(0, now.getTime() - thenMs);
  const days = Math.round((startOfLocalDay(now.getTime()) - startOfLocalDay(thenMs)) / 86_400_000);
  if (days <= 0) {
    const minutes = Math.floor(diff / 60_000);
    if (minutes < 60) return say(t, 'chipAgeMinutes', [String(Math.max(1, minutes))]);
    return say(t, 'chipAgeHours', [String(Math.floor(minutes / 60))]);
  }
  if (days < 14) return say(t, 'chipAgeDays', [String(days)]);
  if (days < 365) return say(t, 'chipAgeWeeks', [String(Math.floor(days / 7))]);
  return say(t, 'chipAgeYears', [String(Math.floor(days / 365))]);
}

/** "Fri 8:00": a reminder's time, in the given locale, short. */
export function pinTime(dueAt: string, locale: string | undefined): string {
  return new Date(dueAt).toLocaleString(locale, { weekday: 'short', hour: 'numeric', minute: '2-digit' });
}

/**
 * The chip of a conversation, or null when it gets none (resting, or nothing recorded). A reminder wins over the
 * turn: the user set it on purpose. A change seen in the list wins over the turn it may have ended.
 */
export function chipWords(facts: ChipFacts, now: Date, t: Translate, locale?: string): ChipWords | null {
  const named: TurnExplanation = { ...facts.explanation, name: shortName(facts.explanation.name) };
  const reason = formatTurn(named, now, (key, subs) => t(key, subs) || englishTranslate(key, subs));
  if (facts.pinDueAt) return { state: 'pinned', label: say(t, 'chipPinned', [pinTime(facts.pinDueAt, locale)]), reason };
  if (facts.changedSince) return { state: 'changed', label: say(t, 'chipChanged', []), reason };
  const at = facts.explanation.at;
  switch (facts.turn) {
    case 'mine':
      return at ? { state: 'mine', label: say(t, 'chipMine', [shortAge(at, now, t)]), reason } : null;
    case 'follow-up':
      return at ? { state: 'follow-up', label: say(t, 'chipFollowUp', [shortAge(at, now, t)]), reason } : null;
    case 'theirs':
      return { state: 'theirs', label: say(t, 'chipTheirs', []), reason };
    case 'resting':
      return null;
  }
}
