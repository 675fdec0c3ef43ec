import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  compareMessages,
  computeTurn,
  followUpCutoff,
  followUpDueAt,
  goneQuietCutoff,
  isPinDue,
  lastMessageOf,
  pinClearedBy,
  pinClearsOnReply,
  type TurnInput,
  type TurnSettings,
} from '../../../src/core/turn';

// Local times (the rules count local days). January 2024: Mon 1, Fri 5, Sat 6, Sun 7, Mon 8, Wed 10.
const at = (d: number, h = 0, m = 0, s = 0) => new Date(2024, 0, d, h, m, s).toISOString();
const NOW = new Date(2024, 0, 10, 12, 0);
const CAL: TurnSettings = { waitDays: 3, workingDays: false };
const WORK: TurnSettings = { waitDays: 3, workingDays: true };

describe('computeTurn', () => {
  const cases: [string, TurnInput, TurnSettings, string, string | null, string][] = [
    ['no messages', { lastMessageAt: null, lastFromMe: null }, CAL, 'resting', null, 'empty'],
    ['they wrote last', { lastMessageAt: at(8, 9), lastFromMe: false, lastSenderName: 'Dana' }, CAL, 'mine', at(8, 9), 'they-wrote'],
    ['I wrote yesterday', { lastMessageAt: at(9, 12), lastFromMe: true }, CAL, 'theirs', at(9, 12), 'you-wrote'],
    ['I wrote exactly 3 days ago: due now', { lastMessageAt: at(7, 12), lastFromMe: true }, CAL, 'follow-up', at(10, 12), 'no-answer'],
    ['I wrote 3 days minus a second ago', { lastMessageAt: at(7, 12, 0, 1), lastFromMe: true }, CAL, 'theirs', at(7, 12, 0, 1), 'you-wrote'],
    ['I wrote 9 days ago', { lastMessageAt: at(1, 8), lastFromMe: true }, CAL, 'follow-up', at(4, 8), 'no-answer'],
    ['resting, nothing newer', { lastMessageAt: at(8), lastFromMe: false, restingSince: at(9) }, CAL, 'resting', at(9), 'resting'],
    ['resting cleared by a newer message', { lastMessageAt: at(9, 13), lastFromMe: false, restingSince: at(9, 10) }, CAL, 'mine', at(9, 13), 'they-wrote'],
    ['resting, message at the same moment', { lastMessageAt: at(9, 10), lastFromMe: false, restingSince: at(9, 10) }, CAL, 'resting', at(9, 10), 'resting'],
    ['resting beats follow-up', { lastMessageAt: at(1), lastFromMe: true, restingSince: at(2) }, CAL, 'resting', at(2), 'resting'],
    ['rest on an empty conversation', { lastMessageAt: null, lastFromMe: null, restingSince: at(9) }, CAL, 'resting', at(9), 'resting'],
    // Working days: Fri 15:00 + 3 working days = Wed 15:00 (weekend skipped).
    ['working days: Fri 15:00, not yet', { lastMessageAt: at(5, 15), lastFromMe: true }, WORK, 'theirs', at(5, 15), 'you-wrote'],
    ['calendar days: Fri 15:00 is overdue', { lastMessageAt: at(5, 15), lastFromMe: true }, CAL, 'follow-up', at(8, 15), 'no-answer'],
    ['working days: Fri 10:00, due Wed 10:00', { lastMessageAt: at(5, 10), lastFromMe: true }, WORK, 'follow-up', at(10, 10), 'no-answer'],
    ['working days: written Saturday counts from Monday', { lastMessageAt: at(6, 10), lastFromMe: true }, WORK, 'theirs', at(6, 10), 'you-wrote'],
    // Sponsored conversations and site notices: never "your turn", never waiting or follow-up.
    ['sponsored, they wrote last', { lastMessageAt: at(9, 9), lastFromMe: false, kind: 'sponsored' }, CAL, 'resting', null, 'resting'],
    ['LinkedIn notice, they wrote last', { lastMessageAt: at(9, 9), lastFromMe: false, kind: 'system' }, CAL, 'resting', null, 'resting'],
    ['sponsored, I answered long ago: no follow-up', { lastMessageAt: at(1, 9), lastFromMe: true, kind: 'sponsored' }, CAL, 'resting', null, 'resting'],
    ['sponsored and marked resting keeps its rest time', { lastMessageAt: at(9, 9), lastFromMe: false, kind: 'sponsored', restingSince: at(8) }, CAL, 'resting', at(8), 'resting'],
    ['an ordinary conversation (kind null) is unchanged', { lastMessageAt: at(8, 9), lastFromMe: false, kind: null }, CAL, 'mine', at(8, 9), 'they-wrote'],
    ['zero wait: follow-up at once', { lastMessageAt: at(10, 11), lastFromMe: true }, { waitDays: 0, workingDays: false }, 'follow-up', at(10, 11), 'no-answer'],
  ];
  it.each(cases)('%s', (_name, input, settings, turn, since, kind) => {
    const r = computeTurn(input, NOW, settings);
    expect(r.turn).toBe(turn);
    expect(r.since).toBe(since);
    expect(r.explanation.kind).toBe(kind);
    expect(r.explanation.since).toBe(since);
  });

  it('explains with the names given and the time of the last message', () => {
    const r = computeTurn({ lastMessageAt: at(5, 10), lastFromMe: true, contactName: 'Dana' }, NOW, CAL);
    expect(r.explanation).toEqual({ kind: 'no-answer', name: 'Dana', since: at(8, 10), at: at(5, 10) });
    const m = computeTurn({ lastMessageAt: at(9), lastFromMe: false, lastSenderName: 'José' }, NOW, CAL);
    expect(m.explanation.name).toBe('José');
  });
});

describe('gone quiet', () => {
  // NOW is Wed 10 January 2024, 12:00 local; 60 days earlier is Sat 11 November 2023, 12:00.
  const QUIET60: TurnSettings = { ...CAL, goneQuietDays: 60 };
  const day = (y: number, mo: number, d: number, h = 12) => new Date(y, mo, d, h).toISOString();
  const cases: [string, TurnInput, TurnSettings, string, boolean][] = [
    ['they wrote 61 days ago: my turn, gone quiet', { lastMessageAt: day(2023, 10, 10), lastFromMe: false }, QUIET60, 'mine', true],
    ['they wrote exactly 60 days ago: gone quiet', { lastMessageAt: day(2023, 10, 11), lastFromMe: false }, QUIET60, 'mine', true],
    ['they wrote 60 days minus an hour ago: live', { lastMessageAt: day(2023, 10, 11, 13), lastFromMe: false }, QUIET60, 'mine', false],
    ['I wrote 7 months ago: follow-up, gone quiet', { lastMessageAt: day(2023, 5, 1), lastFromMe: true }, QUIET60, 'follow-up', true],
    ['I wrote 10 days ago: follow-up, live', { lastMessageAt: at(1, 8) as string, lastFromMe: true }, QUIET60, 'follow-up', false],
    ['never goes quiet when the period is null', { lastMessageAt: day(2020, 0, 1), lastFromMe: false }, { ...CAL, goneQuietDays: null }, 'mine', false],
    ['never goes quiet when no period is given', { lastMessageAt: day(2020, 0, 1), lastFromMe: false }, CAL, 'mine', false],
    ['resting is never gone quiet', { lastMessageAt: day(2020, 0, 1), lastFromMe: false, restingSince: day(2020, 0, 2) }, QUIET60, 'resting', false],
    ['waiting (long wait) is never gone quiet', { lastMessageAt: day(2023, 9, 1), lastFromMe: true }, { waitDays: 365, workingDays: false, goneQuietDays: 60 }, 'theirs', false],
  ];
  it.each(cases)('%s', (_name, input, settings, turn, goneQuiet) => {
    const r = computeTurn(input, NOW, settings);
    expect(r.turn).toBe(turn);
    expect(r.goneQuiet).toBe(goneQuiet);
  });

  it('a new message brings a gone-quiet conversation back', () => {
    const old = computeTurn({ lastMessageAt: day(2023, 1, 1), lastFromMe: true }, NOW, QUIET60);
    expect(old).toMatchObject({ turn: 'follow-up', goneQuiet: true });
    const answered = computeTurn({ lastMessageAt: at(9, 9), lastFromMe: false }, NOW, QUIET60);
    expect(answered).toMatchObject({ turn: 'mine', goneQuiet: false });
  });

  it('the cutoff is the same local wall time N calendar days earlier, null for never', () => {
    expect(goneQuietCutoff(NOW, { goneQuietDays: 60 })!.toISOString()).toBe(day(2023, 10, 11));
    expect(goneQuietCutoff(NOW, { goneQuietDays: 30 })!.toISOString()).toBe(day(2023, 11, 11));
    expect(goneQuietCutoff(NOW, { goneQuietDays: null })).toBeNull();
  });
});

describe('followUpDueAt', () => {
  const cases: [string, string, TurnSettings, string][] = [
    ['calendar: + 3 days, same wall time', at(5, 15), CAL, at(8, 15)],
    ['working: Fri 15:00 + 1', at(5, 15), { waitDays: 1, workingDays: true }, at(8, 15)],
    ['working: Fri 00:00 + 1', at(5, 0), { waitDays: 1, workingDays: true }, at(8, 0)],
    ['working: Thu 23:00 + 1', at(4, 23), { waitDays: 1, workingDays: true }, at(5, 23)],
    ['working: Sat 10:00 + 1 (counts from Monday)', at(6, 10), { waitDays: 1, workingDays: true }, at(9, 0)],
    ['working: Sun 23:00 + 0', at(7, 23), { waitDays: 0, workingDays: true }, at(8, 0)],
    ['working: Mon 09:00 + 5', at(8, 9), { waitDays: 5, workingDays: true }, at(15, 9)],
    ['working: Thu 09:00 + 3', at(4, 9), WORK, at(9, 9)],
    ['working: Wed 09:00 + 10 spans two weekends', at(3, 9), { waitDays: 10, workingDays: true }, at(17, 9)],
  ];
  it.each(cases)('%s', (_name, last, settings, due) => {
    expect(followUpDueAt(last, settings).toISOString()).toBe(due);
  });
});

describe('followUpCutoff', () => {
  it('is the latest last-message time already due (calendar and working days)', () => {
    expect(followUpCutoff(NOW, CAL).toISOString()).toBe(at(7, 12));
    // Wed 12:00 with 3 working days: Fri 12:00 the week before.
    expect(followUpCutoff(NOW, WORK).toISOString()).toBe(at(5, 12));
    // On a Sunday: anything up to Tue 23:59:59.999 (due Fri); Wednesday's messages are due Monday.
    expect(followUpCutoff(new Date(2024, 0, 7, 12), WORK).toISOString()).toBe(
      new Date(new Date(2024, 0, 3, 0).getTime() - 1).toISOString(),
    );
  });

  it('agrees with followUpDueAt for any time and setting', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
        fc.integer({ min: 0, max: 30 }),
        fc.boolean(),
        (nowMs, waitDays, workingDays) => {
          const s = { waitDays, workingDays };
          const now = new Date(nowMs);
          const cutoff = followUpCutoff(now, s);
          expect(followUpDueAt(cutoff, s).getTime()).toBeLessThanOrEqual(nowMs);
          expect(followUpDueAt(new Date(cutoff.getTime() + 1), s).getTime()).toBeGreaterThan(nowMs);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('message order', () => {
  it('orders by sentAt, else seenAt, then page position', () => {
    const a = { id: 'a', sentAt: at(8, 9), seenAt: at(10), pos: 0 };
    const b = { id: 'b', sentAt: null, seenAt: at(9), pos: 1 }; // time unknown, first seen on the 9th
    const c = { id: 'c', sentAt: null, seenAt: at(9), pos: 2 };
    expect([c, a, b].sort(compareMessages).map((m) => m.id)).toEqual(['a', 'b', 'c']);
    expect(lastMessageOf([a, c, b])?.id).toBe('c');
    expect(lastMessageOf([])).toBeUndefined();
  });
});

describe('pins', () => {
  const pin = { dueAt: at(10, 12), done: false, clearOnReply: true, createdAt: at(8) };
  it('is due at its time whatever the turn, unless done', () => {
    expect(isPinDue(pin, NOW)).toBe(true);
    expect(isPinDue(pin, new Date(NOW.getTime() - 1))).toBe(false);
    expect(isPinDue({ ...pin, done: true }, NOW)).toBe(false);
  });
  it('is cleared by their newer reply only', () => {
    expect(pinClearedBy(pin, { fromMe: false, sentAt: at(9), seenAt: at(10) })).toBe(true);
    expect(pinClearedBy(pin, { fromMe: true, sentAt: at(9), seenAt: at(10) })).toBe(false);
    expect(pinClearedBy(pin, { fromMe: false, sentAt: at(7), seenAt: at(10) })).toBe(false);
    expect(pinClearedBy({ ...pin, clearOnReply: false }, { fromMe: false, sentAt: at(9), seenAt: at(10) })).toBe(false);
    expect(pinClearsOnReply('theirs')).toBe(true);
    expect(pinClearsOnReply('follow-up')).toBe(true);
    expect(pinClearsOnReply('mine')).toBe(false);
  });
});
