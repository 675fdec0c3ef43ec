// The reminder rules with a fixed clock: next alarm time, digest time, which items notify, the missed-at-start
// summary, notification text and ids.
import { describe, expect, it } from 'vitest';
import {
  badgeText,
  digestDue,
  followUpKey,
  itemNotificationId,
  LATE_GRACE_MS,
  listNotificationId,
  MAX_INDIVIDUAL,
  MIN_ALARM_DELAY_MS,
  nextDigestAt,
  nextDueAlarmAt,
  notificationText,
  parseNotificationId,
  planNotifications,
  pruneNotified,
  type DueItem,
} from '../../../src/background/schedule';

// Wednesday 10 January 2024, 12:00 local time.
const NOW = new Date(2024, 0, 10, 12, 0);
const minutesAgo = (m: number) => new Date(NOW.getTime() - m * 60_000).toISOString();

function pin(key: string, dueAt: string, conversationId = `gmail:${key}`): DueItem {
  return { kind: 'pin', key, conversationId, dueAt, person: `Person ${key}`, subject: `Subject ${key}` };
}
function followUp(conversationId: string, dueAt: string, overdueWhenFirstSeen = false): DueItem {
  return {
    kind: 'follow-up',
    key: followUpKey(conversationId, '2024-01-05T12:00:00.000Z'),
    conversationId,
    dueAt,
    person: 'Marco',
    subject: 'Roadmap',
    overdueWhenFirstSeen,
  };
}

describe('nextDueAlarmAt', () => {
  it('is the next due moment', () => {
    const due = new Date(NOW.getTime() + 3_600_000).toISOString();
    expect(nextDueAlarmAt(due, NOW)).toBe(Date.parse(due));
  });
  it('is at least the 30 s Chrome allows, and never in the past', () => {
    expect(nextDueAlarmAt(new Date(NOW.getTime() + 5_000).toISOString(), NOW)).toBe(NOW.getTime() + MIN_ALARM_DELAY_MS);
    expect(nextDueAlarmAt(minutesAgo(5), NOW)).toBe(NOW.getTime() + MIN_ALARM_DELAY_MS);
  });
  it('is null when nothing is pending or the time is unreadable', () => {
    expect(nextDueAlarmAt(null, NOW)).toBeNull();
    expect(nextDueAlarmAt('not a time', NOW)).toBeNull();
  });
});

describe('nextDigestAt', () => {
  it('is today at the hour when the hour is still ahead', () => {
    expect(nextDigestAt(NOW, 17)).toEqual(new Date(2024, 0, 10, 17, 0));
  });
  it('is tomorrow when the hour has passed or is now', () => {
    expect(nextDigestAt(NOW, 9)).toEqual(new Date(2024, 0, 11, 9, 0));
    expect(nextDigestAt(NOW, 12)).toEqual(new Date(2024, 0, 11, 12, 0));
  });
  it('crosses a month end', () => {
    expect(nextDigestAt(new Date(2024, 0, 31, 23, 30), 8)).toEqual(new Date(2024, 1, 1, 8, 0));
  });
});

describe('digestDue', () => {
  const at9 = new Date(2024, 0, 10, 9, 0, 5);
  it('rings on its alarm once per day', () => {
    expect(digestDue(null, at9, 9, 'digest')).toBe(true);
    expect(digestDue(new Date(2024, 0, 9, 9, 0).toISOString(), at9, 9, 'digest')).toBe(true);
    expect(digestDue(new Date(2024, 0, 10, 9, 0, 1).toISOString(), at9, 9, 'digest')).toBe(false);
  });
  it('counts an alarm a few seconds early as today’s', () => {
    expect(digestDue(null, new Date(2024, 0, 10, 8, 59, 50), 9, 'digest')).toBe(true);
    expect(digestDue(null, new Date(2024, 0, 10, 8, 0), 9, 'digest')).toBe(false);
  });
  it('at browser start, catches up a digest missed earlier today, not an old one', () => {
    expect(digestDue(new Date(2024, 0, 9, 9, 0).toISOString(), NOW, 9, 'startup')).toBe(true);
    expect(digestDue(new Date(2024, 0, 10, 9, 0).toISOString(), NOW, 9, 'startup')).toBe(false);
    expect(digestDue(null, new Date(2024, 0, 10, 23, 0), 9, 'startup')).toBe(false); // 14 h late
    expect(digestDue(null, new Date(2024, 0, 10, 7, 0), 9, 'startup')).toBe(false); // not yet
  });
  it('never rings on other runs (a settings change, an ingest)', () => {
    for (const reason of ['changed', 'ingest', 'alarm', 'safety', 'install'] as const) {
      expect(digestDue(null, at9, 9, reason)).toBe(false);
    }
  });
});

describe('planNotifications', () => {
  it('shows a due pin and a newly due follow-up one by one', () => {
    const items = [pin('a', minutesAgo(1)), followUp('linkedin:marco', minutesAgo(2))];
    const plan = planNotifications(items, { mode: 'each', now: NOW, reason: 'alarm' });
    expect(plan.individual.map((i) => i.key)).toEqual([items[1]!.key, 'a']); // oldest due first
    expect(plan.summary).toBeNull();
    expect(plan.handled).toHaveLength(2);
  });

  it('is silent when off or in digest mode, but remembers the items so they never flood later', () => {
    const items = [pin('a', minutesAgo(1)), followUp('linkedin:marco', minutesAgo(2))];
    for (const mode of ['off', 'digest'] as const) {
      const plan = planNotifications(items, { mode, now: NOW, reason: 'alarm' });
      expect(plan.individual).toEqual([]);
      expect(plan.summary).toBeNull();
      expect(plan.handled).toHaveLength(2);
    }
  });

  it('does not announce a follow-up that was already overdue when first read', () => {
    const plan = planNotifications([followUp('gmail:old', minutesAgo(1), true)], { mode: 'each', now: NOW, reason: 'ingest' });
    expect(plan.individual).toEqual([]);
    expect(plan.summary).toBeNull();
    expect(plan.handled).toHaveLength(1);
  });

  it('announces a conversation once: a due pin speaks for its follow-up, two pins ring once', () => {
    const items = [
      pin('p1', minutesAgo(1), 'gmail:x'),
      pin('p2', minutesAgo(2), 'gmail:x'),
      followUp('gmail:x', minutesAgo(3)),
    ];
    const plan = planNotifications(items, { mode: 'each', now: NOW, reason: 'alarm' });
    expect(plan.individual.map((i) => i.key)).toEqual(['p2']);
    expect(plan.handled).toHaveLength(3);
  });

  it('summarises what was missed while the browser was closed in one notification', () => {
    const items = [pin('a', minutesAgo(1)), pin('b', minutesAgo(60 * 20)), followUp('linkedin:m', minutesAgo(60 * 30))];
    const plan = planNotifications(items, { mode: 'each', now: NOW, reason: 'startup' });
    expect(plan.individual).toEqual([]);
    expect(plan.summary?.map((i) => i.key).sort()).toEqual(['a', 'b', items[2]!.key].sort());
  });

  it('shows a single missed item as itself, not as a summary of one', () => {
    const plan = planNotifications([pin('a', minutesAgo(60 * 20))], { mode: 'each', now: NOW, reason: 'startup' });
    expect(plan.individual.map((i) => i.key)).toEqual(['a']);
    expect(plan.summary).toBeNull();
  });

  it('treats items due longer ago than the grace period as missed, on any run', () => {
    const late = minutesAgo(LATE_GRACE_MS / 60_000 + 1);
    const plan = planNotifications([pin('late1', late), pin('late2', late), pin('fresh', minutesAgo(1))], {
      mode: 'each',
      now: NOW,
      reason: 'alarm',
    });
    expect(plan.individual.map((i) => i.key)).toEqual(['fresh']);
    expect(plan.summary?.map((i) => i.key)).toEqual(['late1', 'late2']);
  });

  it(`shows at most ${MAX_INDIVIDUAL} at once; the rest join one summary`, () => {
    const items = Array.from({ length: 6 }, (_, i) => pin(`p${i}`, minutesAgo(6 - i)));
    const plan = planNotifications(items, { mode: 'each', now: NOW, reason: 'alarm' });
    expect(plan.individual.map((i) => i.key)).toEqual(['p0', 'p1', 'p2']);
    expect(plan.summary?.map((i) => i.key)).toEqual(['p3', 'p4', 'p5']);
    expect(plan.handled).toHaveLength(6);
  });

  it('does nothing when nothing is due', () => {
    expect(planNotifications([], { mode: 'each', now: NOW, reason: 'startup' })).toEqual({
      individual: [],
      summary: null,
      handled: [],
    });
  });
});

describe('pruneNotified', () => {
  it('keeps keys still due and recent ones, forgets old ones no longer due', () => {
    const notified = {
      due: new Date(2023, 0, 1).toISOString(),
      recent: minutesAgo(60 * 24),
      old: new Date(2023, 6, 1).toISOString(),
    };
    expect(Object.keys(pruneNotified(notified, new Set(['due']), NOW)).sort()).toEqual(['due', 'recent']);
  });
});

describe('followUpKey', () => {
  it('changes when I write again, so a new silence can be announced', () => {
    expect(followUpKey('gmail:1', '2024-01-01T00:00:00.000Z')).not.toBe(followUpKey('gmail:1', '2024-01-05T00:00:00.000Z'));
  });
});

describe('notification text', () => {
  it('is plain and short: no control or bidi characters, no angle brackets, cut with an ellipsis', () => {
    expect(notificationText('Intro: Northwind <> Globex', 60)).toBe('Intro: Northwind ‹› Globex');
    expect(notificationText('<b>bold</b>\n\tline\u202Eevil', 60)).toBe('‹b›bold‹/b› line evil');
    const long = notificationText('word '.repeat(50), 20);
    expect(Array.from(long)).toHaveLength(20);
    expect(long.endsWith('…')).toBe(true);
    // Never half a surrogate pair.
    expect(notificationText('😀'.repeat(10), 5)).toBe('😀😀😀😀…');
  });
  it('badge text is empty at zero and capped', () => {
    expect(badgeText(0)).toBe('');
    expect(badgeText(7)).toBe('7');
    expect(badgeText(12_345)).toBe('999+');
  });
});

describe('notification ids', () => {
  it('carry the conversation to open, whatever characters its id has', () => {
    const item = pin('pin-1', minutesAgo(1), 'linkedin:2-abc|def%20/x');
    expect(parseNotificationId(itemNotificationId(item))).toEqual({
      kind: 'conversation',
      conversationId: 'linkedin:2-abc|def%20/x',
    });
  });
  it('summaries and digests open the dashboard; foreign ids are ignored', () => {
    expect(parseNotificationId(listNotificationId('summary', NOW))).toEqual({ kind: 'dashboard' });
    expect(parseNotificationId(listNotificationId('digest', NOW))).toEqual({ kind: 'dashboard' });
    expect(parseNotificationId('something-else')).toBeNull();
    expect(parseNotificationId('turnkeeper|open|%E0%A4%A')).toBeNull();
  });
});
