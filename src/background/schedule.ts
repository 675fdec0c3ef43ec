// When reminders fire and which ones are shown: pure functions over the clock and the due items, so every rule here
// is tested with a fixed clock (test/unit/background/schedule.test.ts). No browser API, no database.
//
// Rules:
// - One alarm at the next due moment (the earliest of the pending pins' dueAt and the next conversation to become
//   follow-up), plus a safety alarm every SAFETY_PERIOD_MINUTES that re-derives the turns, and in digest mode one
//   alarm at the next digest hour.
// - Quiet: each item (a due pin, a conversation that became follow-up) is notified once. A follow-up is keyed by the
//   conversation and its last message time, so only a new message of mine can make it notify again.
// - A follow-up that was already overdue when Turnkeeper first read the conversation is not "newly due": it is
//   listed on the dashboard, never announced.
// - Mode `off` and mode `digest` show no individual notification; the items are still remembered as handled, so
//   switching to `each` later does not release a flood.
// - Missed items (due more than LATE_GRACE_MS ago, or anything pending when the browser starts) are shown together in
//   one summary notification when there are two or more; at most MAX_INDIVIDUAL fresh items are shown one by one per
//   run, the rest join the summary.
import { countLabel } from '../core/counts';

export const SAFETY_PERIOD_MINUTES = 15;
export const LATE_GRACE_MS = 10 * 60_000;
export const MAX_INDIVIDUAL = 3;
/** Chrome fires an alarm at the earliest 30 s after it is set. */
export const MIN_ALARM_DELAY_MS = 30_000;
/** A digest missed while the browser was closed is shown at start if its hour passed less than this long ago. */
export const DIGEST_CATCH_UP_MS = 12 * 3_600_000;
/** Remembered follow-up keys no longer due are forgotten after this long. */
export const FORGET_NOTIFIED_AFTER_MS = 60 * 86_400_000;

export const ALARM_DUE = 'turnkeeper:due';
export const ALARM_SAFETY = 'turnkeeper:safety';
export const ALARM_DIGEST = 'turnkeeper:digest';

export type NotificationMode = 'each' | 'off' | 'digest';
export type RunReason = 'startup' | 'install' | 'alarm' | 'safety' | 'digest' | 'changed' | 'ingest';

export interface DueItem {
  kind: 'pin' | 'follow-up';
  /** A pin's id; a follow-up's followUpKey. Remembered once notified. */
  key: string;
  conversationId: string;
  /** When it became due (ISO). */
  dueAt: string;
  /** Who: the other people's names. */
  person: string;
  /** What: the subject, else the first words. */
  subject: string;
  /** Follow-ups: the conversation was already overdue when Turnkeeper first read it. */
  overdueWhenFirstSeen?: boolean;
}

export interface NotificationPlan {
  /** Shown one by one, each opening its conversation. */
  individual: DueItem[];
  /** Shown together in one notification (two or more), or null. */
  summary: DueItem[] | null;
  /** Every candidate: remembered as handled, shown or deliberately not, so none is ever shown again. */
  handled: DueItem[];
}

const ms = (iso: string) => Date.parse(iso);

/** The key a follow-up is remembered by: the conversation and the message it has waited on since. */
export function followUpKey(conversationId: string, lastMessageAt: string | null): string {
  return `${conversationId}|${lastMessageAt ?? ''}`;
}

/** What to show for the due items not yet handled (`candidates`). */
export function planNotifications(
  candidates: readonly DueItem[],
  options: { mode: NotificationMode; now: Date; reason: RunReason },
): NotificationPlan {
  const handled = [...candidates];
  if (options.mode !== 'each') return { individual: [], summary: null, handled };
  const now = options.now.getTime();
  // One announcement per conversation: a due pin speaks for a follow-up of the same conversation.
  const pinned = new Set(candidates.filter((c) => c.kind === 'pin').map((c) => c.conversationId));
  const pinShownFor = new Set<string>();
  const shown: DueItem[] = [];
  for (const c of [...candidates].sort((a, b) => ms(a.dueAt) - ms(b.dueAt) || (a.key < b.key ? -1 : 1))) {
    if (c.kind === 'follow-up' && (c.overdueWhenFirstSeen || pinned.has(c.conversationId))) continue;
    if (c.kind === 'pin') {
      if (pinShownFor.has(c.conversationId)) continue;
      pinShownFor.add(c.conversationId);
    }
    shown.push(c);
  }
  const missed = (c: DueItem) => options.reason === 'startup' || ms(c.dueAt) < now - LATE_GRACE_MS;
  const fresh = shown.filter((c) => !missed(c));
  const individual = fresh.slice(0, MAX_INDIVIDUAL);
  const rest = [...shown.filter(missed), ...fresh.slice(MAX_INDIVIDUAL)];
  if (rest.length === 1) return { individual: [...individual, rest[0]!], summary: null, handled };
  return { individual, summary: rest.length ? rest : null, handled };
}

/** When the due alarm should ring for the next due moment (null: nothing pending, no alarm). */
export function nextDueAlarmAt(nextDueAt: string | null, now: Date): number | null {
  if (!nextDueAt) return null;
  const at = ms(nextDueAt);
  if (Number.isNaN(at)) return null;
  return Math.max(at, now.getTime() + MIN_ALARM_DELAY_MS);
}

/** The next local `hour`:00 strictly after `now`. */
export function nextDigestAt(now: Date, hour: number): Date {
  const d = new Date(now.getTime());
  d.setHours(hour, 0, 0, 0);
  if (d.getTime() <= now.getTime()) {
    d.setDate(d.getDate() + 1);
    d.setHours(hour, 0, 0, 0);
  }
  return d;
}

/** Today's digest moment (local `hour`:00 of `now`'s day). */
export function todaysDigestAt(now: Date, hour: number): Date {
  const d = new Date(now.getTime());
  d.setHours(hour, 0, 0, 0);
  return d;
}

/**
 * Whether to show the digest now. On its alarm: unless one was already shown for this day's digest moment (a late or
 * doubled alarm). At browser start: only when today's digest hour passed while the browser was closed, recently
 * (DIGEST_CATCH_UP_MS), and it was not shown. Never on other runs (a settings change does not ring it).
 */
export function digestDue(lastDigestAt: string | null, now: Date, hour: number, reason: RunReason): boolean {
  if (reason !== 'digest' && reason !== 'startup') return false;
  const moment = todaysDigestAt(now, hour).getTime();
  const last = lastDigestAt ? ms(lastDigestAt) : Number.NaN;
  const alreadyShown = !Number.isNaN(last) && last >= moment;
  if (now.getTime() < moment) {
    // The alarm rang just before the hour (clock adjustments): count it for today's moment if it is close.
    return reason === 'digest' && moment - now.getTime() < 60_000 && !alreadyShown;
  }
  if (alreadyShown) return false;
  if (reason === 'digest') return true;
  return now.getTime() - moment < DIGEST_CATCH_UP_MS;
}

/** The remembered follow-up keys to keep: those still due, and recent ones (a rest undone must not ring again). */
export function pruneNotified(
  notified: Readonly<Record<string, string>>,
  stillDue: ReadonlySet<string>,
  now: Date,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, at] of Object.entries(notified)) {
    if (stillDue.has(key) || now.getTime() - ms(at) < FORGET_NOTIFIED_AFTER_MS) out[key] = at;
  }
  return out;
}

/** The toolbar badge's text: empty at zero, capped so it fits. */
export function badgeText(total: number): string {
  if (!(total > 0)) return '';
  return countLabel(total);
}

/**
 * Plain, short text for a notification: whitespace collapsed, control, bidirectional-override and zero-width
 * characters dropped, lone surrogates replaced by U+FFFD, angle brackets and ampersands replaced by look-alikes (some
 * Linux notification daemons read a subset of HTML, entities included, in the body), and cut at `max` characters
 * (never inside a surrogate pair) with an ellipsis.
 */
export function notificationText(text: string, max: number): string {
  const clean = text
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u200B-\u200D\u2060\uFEFF\u00AD]/g, '')
    .replace(/[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, ' ')
    .replace(/&/g, '＆')
    .replace(/</g, '‹')
    .replace(/>/g, '›')
    .replace(/\s+/g, ' ')
    .trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  return chars.slice(0, Math.max(0, max - 1)).join('').trimEnd() + '…';
}

// ── notification ids ─────────────────────────────────────────────────────────
// The id carries what a click opens: `turnkeeper|open|<conversation id>|<item key>`, or `turnkeeper|list|…` for a
// summary or a digest (the dashboard).

const PREFIX = 'turnkeeper';

export function itemNotificationId(item: DueItem): string {
  return [PREFIX, 'open', encodeURIComponent(item.conversationId), encodeURIComponent(item.key)].join('|');
}

export function listNotificationId(kind: 'summary' | 'digest', now: Date): string {
  return [PREFIX, 'list', kind, String(now.getTime())].join('|');
}

export type NotificationTarget = { kind: 'conversation'; conversationId: string } | { kind: 'dashboard' } | null;

/** What clicking a notification opens; null for an id that is not Turnkeeper's. */
export function parseNotificationId(id: string): NotificationTarget {
  const parts = id.split('|');
  if (parts[0] !== PREFIX) return null;
  if (parts[1] === 'list') return { kind: 'dashboard' };
  if (parts[1] === 'open' && parts[2]) {
    try {
      return { kind: 'conversation', conversationId: decodeURIComponent(parts[2]) };
    } catch {
      return null;
    }
  }
  return null;
}
