// Gone quiet (issue 16): a conversation that is my turn or a follow-up, whose last message is older than the
// gone-quiet period, leaves My turn, Follow up and the badge for a section of its own; a new message brings it back.
// Read from a real (fake-indexeddb) record at the period's boundary.
import { describe, expect, it } from 'vitest';
import { addPin, saveSettings } from '../../../src/db/actions';
import { ingestSnapshot } from '../../../src/db/ingest';
import {
  badgeCounts,
  followUpDue,
  getSettings,
  goneQuiet,
  myTurn,
  nextDueAt,
  sectionCounts,
  waitingOnThem,
} from '../../../src/db/queries';
import { at, ctx, DANA, DANA_LI, duePinned, gmail, linkedin, makeDb, ME, msg, NOW } from './helpers';

const LEE = { name: 'Lee Chen', email: 'lee@corp.com', isMe: false };
const KIM = { name: 'Kim Park', email: 'kim@corp.com', isMe: false };
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

/** 60 local calendar days before NOW (Wed 10 Jan 2024, 12:00): the default period's boundary. */
const CUTOFF = new Date(2023, 10, 11, 12, 0);
const after = (d: Date, seconds: number) => new Date(d.getTime() + seconds * 1000).toISOString();

/**
 * - gmail:quiet-mine: Kim wrote exactly at the cutoff → gone quiet (my turn).
 * - gmail:live-mine: Lee wrote a second after it → my turn.
 * - gmail:quiet-fu: I wrote an hour before the cutoff, read back then (cached as theirs) → gone quiet (follow-up).
 * - gmail:live-fu: I wrote a second after the cutoff → follow-up.
 * - linkedin:ancient: Dana wrote seven months ago → gone quiet (my turn).
 * - gmail:fresh: Dana wrote yesterday → my turn.
 */
async function world() {
  const db = makeDb();
  await ingestSnapshot(db, gmail('quiet-mine', [msg('a', KIM, CUTOFF.toISOString(), 'Call?')]), ctx());
  await ingestSnapshot(db, gmail('live-mine', [msg('b', LEE, after(CUTOFF, 1), 'Call?')]), ctx());
  const quietFuAt = after(CUTOFF, -3600);
  await ingestSnapshot(db, gmail('quiet-fu', [msg('c', ME, quietFuAt, 'Any news?')]), ctx(new Date(quietFuAt)));
  await ingestSnapshot(db, gmail('live-fu', [msg('d', ME, after(CUTOFF, 1), 'Any news?')], { participants: [ME, LEE] }), ctx());
  await ingestSnapshot(db, linkedin('ancient', [msg('e', DANA_LI, new Date(2023, 5, 1).toISOString(), 'Hello')]), ctx());
  await ingestSnapshot(db, gmail('fresh', [msg('f', DANA, at(9), 'Proposal?')]), ctx());
  return db;
}

describe('gone quiet', () => {
  it('defaults to 60 days when no setting was ever saved', async () => {
    const db = makeDb();
    expect(await db.settings.count()).toBe(0);
    expect((await getSettings(db)).goneQuietDays).toBe(60);
  });

  it('takes the old conversations out of My turn, Follow up and the badge, at the boundary', async () => {
    const db = await world();
    expect(ids(await myTurn(db, NOW))).toEqual(['gmail:live-mine', 'gmail:fresh']);
    expect(ids(await followUpDue(db, NOW))).toEqual(['gmail:live-fu']);
    const quiet = await goneQuiet(db, NOW);
    // Newest first.
    expect(ids(quiet)).toEqual(['gmail:quiet-mine', 'gmail:quiet-fu', 'linkedin:ancient']);
    expect(quiet.map((v) => [v.turn, v.goneQuiet])).toEqual([
      ['mine', true],
      ['follow-up', true],
      ['mine', true],
    ]);
    expect((await myTurn(db, NOW)).every((v) => !v.goneQuiet)).toBe(true);
    expect(await sectionCounts(db, NOW)).toEqual({
      mine: 2,
      followUp: 1,
      waiting: 0,
      pinsDue: 0,
      goneQuiet: 3,
      total: 3,
    });
    expect(await badgeCounts(db, NOW)).toEqual({ mine: 2, followUp: 1, pinsDue: 0, total: 3 });
  });

  it('pages the gone-quiet list and filters it by site', async () => {
    const db = await world();
    expect(ids(await goneQuiet(db, NOW, { offset: 1, limit: 1 }))).toEqual(['gmail:quiet-fu']);
    expect(ids(await goneQuiet(db, NOW, { site: 'linkedin' }))).toEqual(['linkedin:ancient']);
    expect((await sectionCounts(db, NOW, { site: 'gmail' })).goneQuiet).toBe(2);
  });

  it('with "never", nothing goes quiet: the old conversations are back in My turn and Follow up', async () => {
    const db = await world();
    await saveSettings(db, { goneQuietDays: null }, NOW);
    expect(await goneQuiet(db, NOW)).toEqual([]);
    expect(ids(await myTurn(db, NOW))).toEqual(['linkedin:ancient', 'gmail:quiet-mine', 'gmail:live-mine', 'gmail:fresh']);
    expect(ids(await followUpDue(db, NOW))).toEqual(['gmail:quiet-fu', 'gmail:live-fu']);
    const counts = await sectionCounts(db, NOW);
    expect([counts.mine, counts.followUp, counts.goneQuiet]).toEqual([4, 2, 0]);
    expect((await badgeCounts(db, NOW)).total).toBe(6);
  });

  it('with 30 days, the conversations a second inside 60 days have gone quiet too', async () => {
    const db = await world();
    await saveSettings(db, { goneQuietDays: 30 }, NOW);
    expect(ids(await myTurn(db, NOW))).toEqual(['gmail:fresh']);
    expect(ids(await followUpDue(db, NOW))).toEqual([]);
    // live-mine and live-fu end at the same second: the tie is broken by id, newest-first order reversed.
    expect(ids(await goneQuiet(db, NOW))).toEqual([
      'gmail:live-mine',
      'gmail:live-fu',
      'gmail:quiet-mine',
      'gmail:quiet-fu',
      'linkedin:ancient',
    ]);
    expect((await badgeCounts(db, NOW)).total).toBe(1);
  });

  it('a pinned gone-quiet conversation still counts through its pin when the pin is due', async () => {
    const db = await world();
    await addPin(db, { conversationId: 'linkedin:ancient', dueAt: at(10, 9) }, new Date(at(9)));
    expect((await badgeCounts(db, NOW))).toEqual({ mine: 2, followUp: 1, pinsDue: 1, total: 4 });
    const [due] = await duePinned(db);
    expect(due?.conversation).toMatchObject({ id: 'linkedin:ancient', goneQuiet: true });
    expect((await sectionCounts(db, NOW)).total).toBe(4);
  });

  it('a new message, captured or imported, brings a conversation back', async () => {
    const db = makeDb();
    const old = [msg('o', DANA, new Date(2023, 5, 1).toISOString(), 'Are you still interested?')];
    await ingestSnapshot(db, gmail('back', old), ctx());
    expect(ids(await goneQuiet(db, NOW))).toEqual(['gmail:back']);
    expect(await myTurn(db, NOW)).toEqual([]);
    await ingestSnapshot(db, gmail('back', [...old, msg('n', DANA, at(9), 'Hello again')]), ctx());
    expect(ids(await myTurn(db, NOW))).toEqual(['gmail:back']);
    expect(await goneQuiet(db, NOW)).toEqual([]);
    expect((await badgeCounts(db, NOW)).mine).toBe(1);
  });

  it('never schedules a follow-up that will have gone quiet by the time it is due', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('wait', [msg('w', ME, at(9), 'Here it is')]), ctx());
    expect(await nextDueAt(db, NOW)).toBe(at(12));
    await saveSettings(db, { waitDays: 45, goneQuietDays: 30 }, NOW);
    expect(ids(await waitingOnThem(db, NOW))).toEqual(['gmail:wait']);
    expect(await nextDueAt(db, NOW)).toBeNull();
  });

  it('wakes the badge when the oldest counted conversation goes quiet, not at the next 15-minute safety run', async () => {
    const db = makeDb();
    // Dana wrote on 8 December: my turn, and it goes quiet 60 days later (6 February), before anything else is due.
    await ingestSnapshot(db, gmail('mine', [msg('d', DANA, new Date(2023, 11, 8, 9, 30).toISOString(), 'Any news?')]), ctx());
    expect(await nextDueAt(db, NOW)).toBe(new Date(2024, 1, 6, 9, 30).toISOString());
    // A follow-up owed since 20 November goes quiet on 19 January, earlier still.
    await ingestSnapshot(db, gmail('fu', [msg('f', ME, new Date(2023, 10, 20, 8, 0).toISOString(), 'Here it is')]), ctx());
    expect(await nextDueAt(db, NOW)).toBe(new Date(2024, 0, 19, 8, 0).toISOString());
    // "Never": nothing goes quiet, so nothing is scheduled for it.
    await saveSettings(db, { goneQuietDays: null }, NOW);
    expect(await nextDueAt(db, NOW)).toBeNull();
  });
});
