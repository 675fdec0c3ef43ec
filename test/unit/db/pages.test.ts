import { describe, expect, it } from 'vitest';
import { ingestSnapshots } from '../../../src/db/ingest';
import {
  badgeCounts,
  followUpDue,
  goneQuiet,
  myTurn,
  resting,
  search,
  sectionCounts,
  waitingOnThem,
} from '../../../src/db/queries';
import { restConversation } from '../../../src/db/actions';
import { indexWords } from '../../../src/core/text';
import { COUNT_CAP, countLabel } from '../../../src/core/counts';
import type { ConversationRecord } from '../../../src/db/records';
import { ctx, DANA, gmail, linkedin, makeDb, ME, ME_LI, msg } from './helpers';
import type { Person } from '../../../src/sites/types';

const day = (d: number, h = 12) => new Date(Date.UTC(2024, 0, d, h)).toISOString();
const NOW = new Date(Date.UTC(2024, 1, 20, 12)); // waitDays 3 (default): anything I wrote before ~Feb 17 is overdue
const them = (i: number): Person => ({ name: `Person ${i}`, email: `p${i}@x.example`, isMe: false });
const themLi = (i: number): Person => ({ name: `Li ${i}`, profileUrl: `https://www.linkedin.com/in/li-${i}/`, isMe: false });
const ids = (views: { id: string }[]) => views.map((v) => v.id);

/** 12 gmail + 4 linkedin conversations: i even → they wrote last (my turn), i odd → I wrote last on day i+1 (the
 * latest ones still waiting at NOW, the others follow-up). */
async function seed() {
  const db = makeDb();
  const snaps = [];
  for (let i = 0; i < 16; i++) {
    const li = i >= 12;
    const other = li ? themLi(i) : them(i);
    const me = li ? ME_LI : ME;
    const d = i < 14 ? i + 1 : 48 + i; // days 49+ are in February, after the cutoff
    const messages = i % 2 === 0
      ? [msg('a', me, day(d, 9), 'hello'), msg('b', other, day(d, 10), 'pricing question')]
      : [msg('a', other, day(d, 9), 'hello'), msg('b', me, day(d, 10), 'pricing answer')];
    snaps.push(li ? linkedin(`l${i}`, messages) : gmail(`t${i}`, messages));
  }
  await ingestSnapshots(db, snaps, ctx(new Date(Date.UTC(2024, 0, 1)), ['sam@seller.io', ME_LI.profileUrl!]));
  return db;
}

describe('list pages', () => {
  it('limit and offset page through a list in its documented order; site narrows it', async () => {
    const db = await seed();
    const all = await myTurn(db, NOW);
    expect(ids(all)).toEqual(['gmail:t0', 'gmail:t2', 'gmail:t4', 'gmail:t6', 'gmail:t8', 'gmail:t10', 'linkedin:l12', 'linkedin:l14']);
    expect(ids(await myTurn(db, NOW, { limit: 3 }))).toEqual(ids(all).slice(0, 3));
    expect(ids(await myTurn(db, NOW, { offset: 3, limit: 3 }))).toEqual(ids(all).slice(3, 6));
    expect(ids(await myTurn(db, NOW, { offset: 6 }))).toEqual(ids(all).slice(6));
    expect(await myTurn(db, NOW, { limit: 0 })).toEqual([]);
    expect(ids(await myTurn(db, NOW, { site: 'linkedin' }))).toEqual(['linkedin:l12', 'linkedin:l14']);
    expect(ids(await myTurn(db, NOW, { site: 'gmail', offset: 4, limit: 5 }))).toEqual(['gmail:t8', 'gmail:t10']);
    // People are resolved for the page rows.
    expect((await myTurn(db, NOW, { limit: 1 }))[0]!.people.map((p) => p.name)).toEqual(['Person 0']);
  });

  it('splits follow-up and waiting by the clock, from both cached states, in order', async () => {
    const db = await seed();
    // The cache was computed on Jan 1: everything I wrote last is cached 'theirs' (stale for most).
    const follow = await followUpDue(db, NOW);
    expect(ids(follow)).toEqual(['gmail:t1', 'gmail:t3', 'gmail:t5', 'gmail:t7', 'gmail:t9', 'gmail:t11', 'linkedin:l13']);
    expect(follow.every((v) => v.turn === 'follow-up')).toBe(true);
    const sinces = follow.map((v) => Date.parse(v.turnSince!));
    expect([...sinces].sort((a, b) => a - b)).toEqual(sinces);
    expect(ids(await followUpDue(db, NOW, { offset: 2, limit: 2 }))).toEqual(['gmail:t5', 'gmail:t7']);
    expect(ids(await followUpDue(db, NOW, { site: 'linkedin' }))).toEqual(['linkedin:l13']);
    expect(ids(await waitingOnThem(db, NOW))).toEqual(['linkedin:l15']);
    expect(ids(await waitingOnThem(db, NOW, { site: 'gmail' }))).toEqual([]);
    // Later, l15 is overdue too, still found through its stale cached turn; the January ones have gone quiet by then
    // (60 days, the default).
    const later = new Date(Date.UTC(2024, 2, 30));
    expect(ids(await followUpDue(db, later))).toEqual(['linkedin:l15']);
    expect(ids(await followUpDue(db, later, { limit: 1 }))).toEqual(['linkedin:l15']);
    expect(ids(await goneQuiet(db, later, { limit: 2 }))).toEqual(['linkedin:l13', 'linkedin:l12']);
    expect(await waitingOnThem(db, later, { limit: 5 })).toEqual([]);
  });

  it('counts each section on the indexes, matching the lists', async () => {
    const db = await seed();
    await restConversation(db, 'gmail:t0', NOW);
    const counts = await sectionCounts(db, NOW);
    expect(counts).toEqual({
      mine: (await myTurn(db, NOW)).length,
      followUp: (await followUpDue(db, NOW)).length,
      waiting: (await waitingOnThem(db, NOW)).length,
      pinsDue: 0,
      goneQuiet: (await goneQuiet(db, NOW)).length,
      total: counts.mine + counts.followUp,
    });
    expect(counts).toMatchObject({ mine: 7, followUp: 7, waiting: 1 });
    expect(await resting(db, NOW)).toHaveLength(1);
    const badge = await badgeCounts(db, NOW);
    expect([badge.mine, badge.followUp, badge.total]).toEqual([counts.mine, counts.followUp, counts.total]);
    expect(await sectionCounts(db, NOW, { site: 'linkedin' })).toEqual({
      mine: 2, followUp: 1, waiting: 1, pinsDue: 0, goneQuiet: 0, total: 3,
    });
    // By the end of March the January conversations have gone quiet; the counts still match the lists.
    const later = new Date(Date.UTC(2024, 2, 30));
    const laterCounts = await sectionCounts(db, later);
    expect(laterCounts).toMatchObject({
      mine: (await myTurn(db, later)).length,
      followUp: (await followUpDue(db, later)).length,
      goneQuiet: (await goneQuiet(db, later)).length,
    });
    expect(laterCounts.goneQuiet).toBe(13); // the 14 of January, but t0 rests
    expect(ids(await resting(db, NOW, { limit: 1 }))).toEqual(['gmail:t0']);
  });
});

describe('counts of long lists', () => {
  it('counts up to COUNT_CAP, said "999+", and exactly below it', async () => {
    const db = makeDb();
    const row = (i: number, turn: 'mine' | 'follow-up'): ConversationRecord => ({
      id: `gmail:c${i}`, site: 'gmail', threadId: `c${i}`, url: '', personIds: ['p1'], turn,
      turnSince: day(1 + (i % 20)), lastMessageAt: day(1 + (i % 20)), lastFromMe: turn === 'follow-up',
      restingSince: null, firstSeenAt: day(1), updatedAt: day(1), lastPersonId: turn === 'mine' ? 'p1' : 'me',
    });
    await db.conversations.bulkPut([
      ...Array.from({ length: COUNT_CAP + 3 }, (_, i) => row(i, 'mine')),
      ...Array.from({ length: COUNT_CAP - 2 }, (_, i) => row(COUNT_CAP + 3 + i, 'follow-up')),
    ]);
    const counts = await sectionCounts(db, NOW);
    expect(counts).toMatchObject({ mine: COUNT_CAP, followUp: COUNT_CAP - 2, total: COUNT_CAP });
    expect(await badgeCounts(db, NOW)).toEqual({ mine: COUNT_CAP, followUp: COUNT_CAP - 2, pinsDue: 0, total: COUNT_CAP });
    expect([countLabel(counts.mine), countLabel(counts.followUp), countLabel(0)]).toEqual(['999+', '998', '0']);
  });
});

describe('search order and index words', () => {
  it('indexes no word that is a prefix of another, nor one-letter words of spaced scripts', () => {
    expect(indexWords('a pro proposal to today Q3 5 東京')).toEqual(['proposal', 'q3', 'today', '京', '東京']);
  });

  it('finds words left out of the index by prefix, newest first, with the limit', async () => {
    const db = makeDb();
    const snaps = [];
    for (let i = 0; i < 30; i++) {
      const text = i % 3 === 0 ? `pro tip ${i}` : `the proposal ${i}`;
      snaps.push(gmail(`t${i}`, [msg('a', DANA, day(1 + (i % 28), i % 24), text)], { subject: `Thread ${i}` }));
    }
    await ingestSnapshots(db, snaps, ctx(new Date(Date.UTC(2024, 2, 1)), ['sam@seller.io']));
    const hits = await search(db, 'pro', { limit: 100 });
    expect(hits).toHaveLength(30);
    const times = hits.map((h) => Date.parse(h.at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    expect((await search(db, 'pro tip')).length).toBe(10);
    expect((await search(db, 'the pro', { limit: 5 })).map((h) => h.at)).toEqual(
      (await search(db, 'proposal', { limit: 5 })).map((h) => h.at),
    );
    expect((await search(db, 'pro', { limit: 4 })).map((h) => h.at)).toEqual(hits.slice(0, 4).map((h) => h.at));
  });
});
