// Whose turn it is. Pure: derived from the record and the clock, never typed in.
//
// Rules (docs/architecture.md, "Whose turn"):
// - The last message is theirs → `mine`, since that message.
// - The last message is mine → `theirs`, since that message, until the waiting period ends without an answer;
//   then `follow-up`, since the moment the waiting period ended (followUpDueAt).
// - The user said "no reply needed" at R → `resting`, since R, until a message newer than R exists (a message at
//   exactly R does not wake it). Resting wins over every other state meanwhile.
// - No messages at all → `resting` with explanation kind `empty` and since null: nobody owes a word, so the
//   conversation is in none of the lists (my turn, follow-up, waiting). `restingSince` stays unset, which is how it
//   differs from a real rest.
// - A message's time is its sentAt, or when Turnkeeper first saw it (seenAt) when the page gave no parseable time;
//   messages are ordered by that time, ties by their position on the page when first read (pos), then by id.
// - The waiting period is `waitDays` local calendar days (same wall-clock time N days later), or with
//   `workingDays` N working days: weekend time does not count, a message written on a weekend starts counting on
//   Monday 00:00, and the due moment always falls on a weekday (Fri 15:00 + 1 → Mon 15:00).
// - A sponsored conversation (LinkedIn "Sponsored", "LinkedIn Offer") or a notice from the site itself (`kind`
//   sponsored / system) owes nobody a word: always `resting` (since null, like an empty one, so it is in none of
//   the lists), explained as resting, whoever wrote last.
// - Gone quiet: a conversation that is `mine` or `follow-up` and whose last message is older than the gone-quiet
//   period (`goneQuietDays` local calendar days; null or absent: never) keeps its turn but is flagged `goneQuiet`:
//   it leaves the live lists for a section of its own, with no notification and no badge unless pinned. An imported
//   history holds hundreds of such conversations; they must not bury the live ones. Any newer message clears it.

/** Whose turn it is: mine (they wrote last), theirs (I wrote last, within the waiting period), follow-up (I wrote
 * last, the waiting period passed without an answer), resting (the user said no reply is needed; also a
 * conversation without messages, see above). */
export type TurnState = 'mine' | 'theirs' | 'follow-up' | 'resting';

export interface TurnSettings {
  waitDays: number;
  workingDays: boolean;
  /** The gone-quiet period in days; null or absent: conversations never go quiet. */
  goneQuietDays?: number | null;
}

/** What the sidebar says about the turn, before wording. */
export interface TurnExplanation {
  kind: 'they-wrote' | 'you-wrote' | 'no-answer' | 'resting' | 'empty';
  /** they-wrote: who wrote last; you-wrote / no-answer: whom the user is waiting on; null when unknown. */
  name: string | null;
  /** When the state began (ISO), as `turnSince`; null for `empty`. */
  since: string | null;
  /** When the last message was written (ISO); null without messages. */
  at: string | null;
}

export interface TurnResult {
  turn: TurnState;
  since: string | null;
  explanation: TurnExplanation;
  /** `mine` or `follow-up` with a last message older than the gone-quiet period (see the rules above). */
  goneQuiet: boolean;
}

/** What the turn depends on: the newest message and the rest, as cached on a conversation. */
export interface TurnInput {
  lastMessageAt: string | null;
  lastFromMe: boolean | null;
  restingSince?: string | null;
  /** Name of the sender of the last message (they-wrote). */
  lastSenderName?: string | null;
  /** Name of the other side (you-wrote, no-answer). */
  contactName?: string | null;
  /** Set on sponsored conversations and site notices, which are never anyone's turn. */
  kind?: 'sponsored' | 'system' | null;
}

export interface OrderedMessage {
  id?: string;
  sentAt: string | null;
  seenAt: string;
  pos?: number;
}

const DAY = 86_400_000;

function ms(value: Date | string): number {
  return typeof value === 'string' ? Date.parse(value) : value.getTime();
}
function iso(value: number): string {
  return new Date(value).toISOString();
}

/** The time a message is ordered by: sentAt, else seenAt. */
export function messageTime(m: { sentAt: string | null; seenAt: string }): string {
  return m.sentAt ?? m.seenAt;
}

/** Oldest first: by messageTime, then page position, then id. */
export function compareMessages(a: OrderedMessage, b: OrderedMessage): number {
  const ta = ms(messageTime(a));
  const tb = ms(messageTime(b));
  if (ta !== tb) return ta - tb;
  const pa = a.pos ?? 0;
  const pb = b.pos ?? 0;
  if (pa !== pb) return pa - pb;
  const ia = a.id ?? '';
  const ib = b.id ?? '';
  return ia < ib ? -1 : ia > ib ? 1 : 0;
}

export function lastMessageOf<T extends OrderedMessage>(messages: readonly T[]): T | undefined {
  let last: T | undefined;
  for (const m of messages) if (!last || compareMessages(m, last) > 0) last = m;
  return last;
}

function isWeekend(d: Date): boolean {
  const day = d.getDay();
  return day === 0 || day === 6;
}

/** When a conversation whose last message (mine) was written at `lastMessageAt` becomes follow-up. */
export function followUpDueAt(lastMessageAt: Date | string, settings: TurnSettings): Date {
  const d = new Date(ms(lastMessageAt));
  const n = Math.max(0, Math.floor(settings.waitDays));
  if (!settings.workingDays) {
    d.setDate(d.getDate() + n);
    return d;
  }
  if (isWeekend(d)) {
    while (isWeekend(d)) d.setDate(d.getDate() + 1);
    d.setHours(0, 0, 0, 0);
  }
  for (let i = 0; i < n; i++) {
    d.setDate(d.getDate() + 1);
    while (isWeekend(d)) d.setDate(d.getDate() + 1);
  }
  return d;
}

/**
 * The latest `lastMessageAt` that is already follow-up at `now`: a conversation I wrote last is follow-up exactly
 * when its lastMessageAt <= the cutoff. Consistent with followUpDueAt by construction (followUpDueAt is
 * non-decreasing; this is the largest t with followUpDueAt(t) <= now, to the millisecond).
 */
export function followUpCutoff(now: Date, settings: TurnSettings): Date {
  const target = now.getTime();
  const n = Math.max(0, Math.floor(settings.waitDays));
  // followUpDueAt(t) >= t, and with working days it is at most n + 2*(n/5 + 2) + 2 days after t.
  let lo = target - (n + 2 * Math.ceil(n / 5) + 6) * DAY; // due(lo) <= now
  let hi = target + 1; // due(hi) > now
  if (followUpDueAt(new Date(lo), settings).getTime() > target) lo -= 30 * DAY;
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (followUpDueAt(new Date(mid), settings).getTime() <= target) lo = mid;
    else hi = mid;
  }
  return new Date(lo);
}

export function computeTurn(input: TurnInput, now: Date, settings: TurnSettings): TurnResult {
  const { lastMessageAt, lastFromMe } = input;
  const at = lastMessageAt ? iso(ms(lastMessageAt)) : null;
  const resting = input.restingSince ? iso(ms(input.restingSince)) : null;
  if (input.kind === 'sponsored' || input.kind === 'system') {
    return {
      turn: 'resting',
      since: resting,
      explanation: { kind: 'resting', name: input.contactName ?? null, since: resting, at },
      goneQuiet: false,
    };
  }
  if (resting && (at === null || ms(at) <= ms(resting))) {
    return {
      turn: 'resting',
      since: resting,
      explanation: { kind: 'resting', name: input.contactName ?? null, since: resting, at },
      goneQuiet: false,
    };
  }
  if (at === null || lastFromMe === null) {
    return {
      turn: 'resting',
      since: null,
      explanation: { kind: 'empty', name: null, since: null, at: null },
      goneQuiet: false,
    };
  }
  const goneQuiet = isGoneQuiet(at, now, settings);
  if (!lastFromMe) {
    return {
      turn: 'mine',
      since: at,
      explanation: { kind: 'they-wrote', name: input.lastSenderName ?? null, since: at, at },
      goneQuiet,
    };
  }
  const due = followUpDueAt(at, settings);
  if (due.getTime() <= now.getTime()) {
    const since = due.toISOString();
    return {
      turn: 'follow-up',
      since,
      explanation: { kind: 'no-answer', name: input.contactName ?? null, since, at },
      goneQuiet,
    };
  }
  return {
    turn: 'theirs',
    since: at,
    explanation: { kind: 'you-wrote', name: input.contactName ?? null, since: at, at },
    goneQuiet: false,
  };
}

/**
 * The newest `lastMessageAt` that has gone quiet at `now`: the same local wall time `goneQuietDays` calendar days
 * earlier. Null when conversations never go quiet. A conversation (mine or follow-up) has gone quiet exactly when its
 * lastMessageAt <= this cutoff, which is how the db reads the live lists and the gone-quiet section from its indexes.
 */
export function goneQuietCutoff(now: Date, settings: Pick<TurnSettings, 'goneQuietDays'>): Date | null {
  const days = settings.goneQuietDays;
  if (days === null || days === undefined) return null;
  const d = new Date(now.getTime());
  d.setDate(d.getDate() - Math.max(0, Math.floor(days)));
  return d;
}

function isGoneQuiet(lastMessageAt: string, now: Date, settings: TurnSettings): boolean {
  const cutoff = goneQuietCutoff(now, settings);
  return cutoff !== null && ms(lastMessageAt) <= cutoff.getTime();
}

/** Whether a pin is due: at its time, whatever the turn. */
export function isPinDue(pin: { dueAt: string; done: boolean }, now: Date): boolean {
  return !pin.done && ms(pin.dueAt) <= now.getTime();
}

/** Whether a pin made while waiting on them should be cleared by this message (theirs, newer than the pin). */
export function pinClearedBy(
  pin: { clearOnReply: boolean; done: boolean; createdAt: string },
  message: { fromMe: boolean; sentAt: string | null; seenAt: string },
): boolean {
  return pin.clearOnReply && !pin.done && !message.fromMe && ms(messageTime(message)) > ms(pin.createdAt);
}

/** A pin set while it is their turn (theirs or follow-up) is cleared when they answer. */
export function pinClearsOnReply(turn: TurnState): boolean {
  return turn === 'theirs' || turn === 'follow-up';
}
