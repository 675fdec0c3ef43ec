// The dashboard's paged lists give the same rows, in the same order, as the db's whole-list queries, and the same
// counts: with a stale turn cache (the clock moved on), a site filter, and limits.
import { describe, expect, it } from 'vitest';
import { ingestSnapshot } from '../../../../src/db/ingest';
import { restConversation } from '../../../../src/db/actions';
import { followUpDue, getSettings, myTurn, waitingOnThem } from '../../../../src/db/queries';
import { followUpPage, myTurnPage, waitingPage } from '../../../../src/ui/dashboard/paged-lists';
import { ctx, DANA, DANA_LI, gmail, linkedin, makeDb, ME, ME_LI, msg } from '../../db/helpers';

const START = new Date(2024, 0, 1, 9, 0);
const hoursAfter = (h: number) => new Date(START.getTime() + h * 3_600_000).toISOString();

async function seed() {
  const db = makeDb();
  let seed = 7;
  const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648) / 2_147_483_648);
  for (let i = 0; i < 60; i++) {
    const li = i % 3 === 0;
    const mineLast = random() < 0.5;
    const at = hoursAfter(Math.floor(random() * 24 * 20));
    const them = li ? DANA_LI : DANA;
    const me = li ? ME_LI : ME;
    const messages = [msg(`${i}a`, mineLast ? them : me, hoursAfter(0), 'Hello'), msg(`${i}b`, mineLast ? me : them, at, 'Reply')];
    const snapshot = li ? linkedin(`l${i}`, messages) : gmail(`g${i}`, messages, { subject: `S${i}` });
    await ingestSnapshot(db, snapshot, ctx(new Date(hoursAfter(24 * 20))));
  }
  await restConversation(db, 'gmail:g1', new Date(hoursAfter(24 * 20)));
  return db;
}

const ids = (views: { id: string }[]) => views.map((v) => v.id);

describe('paged lists', () => {
  it('match the whole-list queries, with a stale cache, for every site and limit', async () => {
    const db = await seed();
    // Three days later than the ingest: turns cached as theirs are follow-up by now.
    const now = new Date(hoursAfter(24 * 23));
    const settings = await getSettings(db);
    const full = { mine: await myTurn(db, now), followUp: await followUpDue(db, now), waiting: await waitingOnThem(db, now) };
    expect(full.followUp.length).toBeGreaterThan(3);
    for (const site of [null, 'gmail', 'linkedin'] as const) {
      const expected = {
        mine: full.mine.filter((c) => !site || c.site === site),
        followUp: full.followUp.filter((c) => !site || c.site === site),
        waiting: full.waiting.filter((c) => !site || c.site === site),
      };
      for (const limit of [3, 10, Infinity]) {
        const mine = await myTurnPage(db, now, settings, site, limit);
        const followUp = await followUpPage(db, now, settings, site, limit);
        const waiting = await waitingPage(db, now, settings, site, limit);
        expect(ids(mine.rows)).toEqual(ids(expected.mine).slice(0, limit));
        expect(ids(followUp.rows)).toEqual(ids(expected.followUp).slice(0, limit));
        expect(ids(waiting.rows)).toEqual(ids(expected.waiting).slice(0, limit));
        expect([mine.count, followUp.count, waiting.count]).toEqual([
          expected.mine.length,
          expected.followUp.length,
          expected.waiting.length,
        ]);
      }
    }
  });
});
