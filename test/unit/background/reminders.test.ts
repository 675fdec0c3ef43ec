// One reminders run against a real (fake-indexeddb) record and a recording stand-in for the browser APIs: the badge,
// which items notify (once), the alarms, the digest, and what a notification click opens.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { addPin } from '../../../src/db/actions';
import { ingestSnapshot } from '../../../src/db/ingest';
import { saveSettings } from '../../../src/db/actions';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { at, ctx, DANA, gmail, makeDb, ME, msg, NOW } from '../db/helpers';

const calls = vi.hoisted(() => ({
  notifications: [] as { id: string; title: string; message: string }[],
  cleared: [] as string[],
  badge: [] as string[],
  alarms: new Map<string, { when?: number; periodInMinutes?: number }>(),
  storage: {} as Record<string, unknown>,
  opened: [] as string[],
  optionsPage: 0,
}));
const state = vi.hoisted(() => ({ db: null as unknown }));

vi.mock('webextension-polyfill', () => ({
  default: {
    i18n: { getMessage: () => '' },
    runtime: { getURL: (p: string) => `chrome-extension://x/${p}`, openOptionsPage: async () => void calls.optionsPage++ },
    action: {
      setBadgeText: async ({ text }: { text: string }) => void calls.badge.push(text),
      setBadgeBackgroundColor: async () => undefined,
      setTitle: async () => undefined,
    },
    notifications: {
      create: async (id: string, options: { title: string; message: string }) => {
        calls.notifications.push({ id, title: options.title, message: options.message });
        return id;
      },
      clear: async (id: string) => void calls.cleared.push(id),
    },
    alarms: {
      create: async (name: string, info: { when?: number; periodInMinutes?: number }) => void calls.alarms.set(name, info),
      clear: async (name: string) => calls.alarms.delete(name),
      get: async (name: string) => (calls.alarms.has(name) ? { name, ...calls.alarms.get(name) } : undefined),
    },
    storage: {
      local: {
        get: async (keys: string[]) => Object.fromEntries(keys.filter((k) => k in calls.storage).map((k) => [k, calls.storage[k]])),
        set: async (values: Record<string, unknown>) => void Object.assign(calls.storage, values),
      },
    },
  },
}));
vi.mock('../../../src/db/database', async (original) => ({
  ...(await original<typeof import('../../../src/db/database')>()),
  openDatabase: () => state.db,
}));

const { refreshBadgeAndAlarms, handleNotificationClick, collectCandidates, withTitles } = await import('../../../src/background/reminders');

let db: TurnkeeperDatabase;
beforeEach(async () => {
  db = makeDb();
  state.db = db;
  calls.notifications.length = 0;
  calls.cleared.length = 0;
  calls.badge.length = 0;
  calls.alarms.clear();
  calls.storage = {};
  calls.opened.length = 0;
  calls.optionsPage = 0;
});

const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

describe('a reminders run', () => {
  it('sets the badge to what is due now and the alarms to the next due moment plus the safety net', async () => {
    // Mine (they wrote last) and waiting (I wrote on the 9th, due on the 12th).
    await ingestSnapshot(db, gmail('mine', [msg('a', DANA, at(8), 'Can you send the proposal?')], { subject: 'Proposal' }), ctx());
    await ingestSnapshot(db, gmail('wait', [msg('b', ME, at(9), 'Here it is.')], { subject: 'Pricing' }), ctx());
    await refreshBadgeAndAlarms('changed', () => NOW);
    expect(calls.badge.at(-1)).toBe('1');
    expect(calls.alarms.get('turnkeeper:due')?.when).toBe(Date.parse(at(12)));
    expect(calls.alarms.get('turnkeeper:safety')?.periodInMinutes).toBe(15);
    expect(calls.alarms.has('turnkeeper:digest')).toBe(false);
    expect(calls.notifications).toEqual([]);
  });

  it('rings a follow-up that becomes due while Turnkeeper knows it, once, with the name and subject', async () => {
    await ingestSnapshot(db, gmail('wait', [msg('b', ME, at(9), 'Here it is.')], { subject: 'Pricing <draft>' }), ctx(new Date(at(9, 13))));
    await refreshBadgeAndAlarms('alarm', () => new Date(at(12, 12, 1)));
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.id).toContain(encodeURIComponent('gmail:wait'));
    expect(calls.notifications[0]!.message).toContain('Pricing ‹draft›');
    expect(calls.badge.at(-1)).toBe('1');
    await refreshBadgeAndAlarms('safety', () => new Date(at(12, 12, 20)));
    await refreshBadgeAndAlarms('startup', () => new Date(at(13, 9)));
    expect(calls.notifications).toHaveLength(1);
  });

  it('does not announce a conversation that was already overdue when first read', async () => {
    await ingestSnapshot(db, gmail('old', [msg('b', ME, at(1), 'Any news?')], { subject: 'Old' }), ctx());
    await refreshBadgeAndAlarms('ingest', () => NOW);
    expect(calls.notifications).toEqual([]);
    expect(calls.badge.at(-1)).toBe('1');
  });

  it('rings a due pin once and records it on the pin', async () => {
    await ingestSnapshot(db, gmail('t', [msg('a', DANA, at(8), 'Call me')], { subject: 'Call' }), ctx());
    const pin = await addPin(db, { conversationId: 'gmail:t', dueAt: hours(1) }, NOW);
    await refreshBadgeAndAlarms('changed', () => NOW);
    expect(calls.notifications).toEqual([]);
    expect(calls.alarms.get('turnkeeper:due')?.when).toBe(hours(1).getTime());
    await refreshBadgeAndAlarms('alarm', () => hours(1));
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.title).toBe('Dana Buyer');
    expect(calls.notifications[0]!.message).toBe('Reminder: Call');
    expect(calls.badge.at(-1)).toBe('2');
    expect((await db.pins.get(pin.id))?.notifiedAt).toBe(hours(1).toISOString());
    await refreshBadgeAndAlarms('alarm', () => hours(2));
    expect(calls.notifications).toHaveLength(1);
  });

  it('summarises what fell due while the browser was closed in one notification', async () => {
    for (const id of ['a', 'b', 'c']) {
      await ingestSnapshot(db, gmail(id, [msg(id, DANA, at(8), 'Hi')], { subject: id }), ctx());
      await addPin(db, { conversationId: `gmail:${id}`, dueAt: hours(2) }, NOW);
    }
    await refreshBadgeAndAlarms('startup', () => hours(30));
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.id).toMatch(/^turnkeeper\|list\|summary\|/);
    expect(calls.notifications[0]!.title).toBe('3 conversations need you');
  });

  it('in digest mode: no single notifications, one digest at the hour, and the digest alarm', async () => {
    await saveSettings(db, { notifications: 'digest', digestHour: 9 }, NOW);
    await ingestSnapshot(db, gmail('t', [msg('a', DANA, at(8), 'Call me')], { subject: 'Call' }), ctx());
    await addPin(db, { conversationId: 'gmail:t', dueAt: hours(1) }, NOW);
    await refreshBadgeAndAlarms('alarm', () => hours(1));
    expect(calls.notifications).toEqual([]);
    expect(calls.alarms.get('turnkeeper:digest')?.when).toBe(new Date(2024, 0, 11, 9, 0).getTime());
    await refreshBadgeAndAlarms('digest', () => new Date(2024, 0, 11, 9, 0));
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.message).toBe('Your turn: 1 · Follow up: 0 · Reminders due: 1');
    await refreshBadgeAndAlarms('digest', () => new Date(2024, 0, 11, 9, 5));
    expect(calls.notifications).toHaveLength(1);
  });

  it('lists the candidates with who and what', async () => {
    await ingestSnapshot(db, gmail('t', [msg('a', DANA, at(8), 'Call me')], { subject: 'Call' }), ctx());
    await addPin(db, { conversationId: 'gmail:t', dueAt: hours(1), note: 'send the deck' }, NOW);
    const { candidates } = await collectCandidates(db, hours(2), {});
    expect(await withTitles(db, candidates)).toEqual([
      expect.objectContaining({ kind: 'pin', conversationId: 'gmail:t', person: 'Dana Buyer', subject: 'send the deck — Call' }),
    ]);
  });
});

describe('a notification click', () => {
  it('opens the conversation it names, through the tab-reusing opener', async () => {
    await ingestSnapshot(db, gmail('t', [msg('a', DANA, at(8), 'Call me')]), ctx());
    const id = 'turnkeeper|open|' + encodeURIComponent('gmail:t') + '|k';
    await handleNotificationClick(id, async (url) => void calls.opened.push(url));
    expect(calls.opened).toEqual(['https://mail.google.com/mail/u/0/#inbox/t']);
    expect(calls.cleared).toEqual([id]);
  });
  it('opens the dashboard for a summary, and ignores foreign ids', async () => {
    await handleNotificationClick('turnkeeper|list|summary|1', async (url) => void calls.opened.push(url));
    expect(calls.optionsPage).toBe(1);
    await handleNotificationClick('other', async (url) => void calls.opened.push(url));
    expect(calls.opened).toEqual([]);
  });
});

describe('a gone-quiet conversation (no message for 60 days)', () => {
  const LONG_AGO = new Date(2023, 9, 2, 12, 0); // over three months before NOW

  it('is not notified nor counted on the badge, while a live follow-up is', async () => {
    // Both read when written, so both became follow-up while Turnkeeper knew them.
    await ingestSnapshot(db, gmail('quiet', [msg('q', ME, LONG_AGO.toISOString(), 'Any news?')], { subject: 'Old deal' }), ctx(LONG_AGO));
    await ingestSnapshot(db, gmail('live', [msg('l', ME, at(5), 'Any news?')], { subject: 'New deal' }), ctx(new Date(at(5))));
    await refreshBadgeAndAlarms('alarm', () => NOW);
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.id).toContain(encodeURIComponent('gmail:live'));
    expect(calls.badge.at(-1)).toBe('1');
    const { candidates } = await collectCandidates(db, NOW, {});
    expect(candidates.map((c) => c.conversationId)).toEqual(['gmail:live']);
  });

  it('still rings and counts through a pin when the pin is due', async () => {
    await ingestSnapshot(db, gmail('quiet', [msg('q', DANA, LONG_AGO.toISOString(), 'Call me')], { subject: 'Old deal' }), ctx(LONG_AGO));
    await refreshBadgeAndAlarms('changed', () => NOW);
    expect(calls.badge.at(-1)).toBe('');
    await addPin(db, { conversationId: 'gmail:quiet', dueAt: hours(1) }, NOW);
    await refreshBadgeAndAlarms('alarm', () => hours(1));
    expect(calls.notifications).toHaveLength(1);
    expect(calls.notifications[0]!.message).toBe('Reminder: Old deal');
    expect(calls.badge.at(-1)).toBe('1');
  });
});
