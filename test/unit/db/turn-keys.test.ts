// The turn keys (src/db/turn-keys.ts): the copy of the counted turn indexes the dashboard's and the badge's counts
// are read from. After every way the record is written, the copy must hold exactly what the conversations' own
// indexes hold, or a count shown to the user would be wrong. On fake-indexeddb.
import { describe, expect, it } from 'vitest';
import Dexie from 'dexie';
import { importThreads } from '../../../src/db/import-threads';
import { ingestSnapshot, ingestSnapshots } from '../../../src/db/ingest';
import { learnFromList } from '../../../src/db/list-evidence';
import { ensurePageConversation } from '../../../src/db/page-notes';
import { refreshTurns, restConversation, unrestConversation } from '../../../src/db/actions';
import { badgeCounts, sectionCounts } from '../../../src/db/queries';
import { MAX, MIN, turnRange } from '../../../src/db/queries/lists';
import { countTurnKeys, type TurnKeyRange } from '../../../src/db/turn-keys';
import { saveSettings } from '../../../src/db/settings';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import type { ConversationRecord } from '../../../src/db/records';
import { exportJson } from '../../../src/export/json-export';
import { applyImport, parseImportFile } from '../../../src/export/json-import';
import { at, ctx, DANA, DANA_LI, gmail, linkedin, makeDb, ME, ME_LI, msg, NOW } from './helpers';

const LEE = { name: 'Lee Chen', email: 'lee@corp.com', isMe: false };
const KIT = { name: 'Kit Ray', email: 'kit@shop.io', isMe: false };

/** What the turn keys must hold, read from the conversations' own indexes: [turn+turnSince] for mine,
 * [turn+lastMessageAt] for theirs and follow-up, each row's site, turn, time and id joined by U+0001. */
async function expectedKeys(db: TurnkeeperDatabase): Promise<string[]> {
  const ranges: [string, string][] = [['mine', '[turn+turnSince]'], ['theirs', '[turn+lastMessageAt]'], ['follow-up', '[turn+lastMessageAt]']];
  const keys: string[] = [];
  for (const [turn, index] of ranges) {
    const field = index === '[turn+turnSince]' ? 'turnSince' : 'lastMessageAt';
    const rows = await db.conversations.where(index).between([turn, Dexie.minKey], [turn, Dexie.maxKey]).toArray();
    for (const c of rows) keys.push([c.site, turn, c[field], c.id].join('\u0001'));
  }
  // Code-unit order, as IndexedDB orders strings.
  return keys.sort();
}

async function expectMirror(db: TurnkeeperDatabase, what: string): Promise<void> {
  const stored = await db.turnKeys.toCollection().primaryKeys();
  expect(stored, what).toEqual(await expectedKeys(db));
}

async function world(): Promise<TurnkeeperDatabase> {
  const db = makeDb();
  await ingestSnapshot(db, gmail('t1', [msg('a1', DANA, at(2), 'Can you send the proposal?'), msg('a2', ME, at(3), 'Attached.')]), ctx());
  await ingestSnapshot(db, gmail('t2', [msg('b1', LEE, at(5), 'Call next week?')], { subject: 'Intro' }), ctx());
  await ingestSnapshot(db, linkedin('l1', [msg('c1', DANA_LI, at(8), 'Hi Sam'), msg('c2', ME_LI, at(9), 'Hello!')]), ctx());
  return db;
}

describe('turn keys: the copy the counts are read from', () => {
  it('follows the live and the bulk ingest, a reply turning a conversation, and a thread read again', async () => {
    const db = await world();
    await expectMirror(db, 'after three first reads');
    expect((await db.turnKeys.count()) > 0).toBe(true);
    // Lee's thread: my reply turns it from mine to theirs (a key moves from one turn to the other).
    await ingestSnapshot(db, gmail('t2', [msg('b1', LEE, at(5), 'Call next week?'), msg('b2', ME, at(6), 'Tuesday?')], { subject: 'Intro' }), ctx());
    await expectMirror(db, 'after a reply');
    await ingestSnapshots(
      db,
      [
        gmail('t3', [msg('d1', KIT, at(4), 'Price list?')]),
        gmail('t1', [msg('a1', DANA, at(2), 'Can you send the proposal?'), msg('a2', ME, at(3), 'Attached.'), msg('a3', DANA, at(9), 'Thanks')]),
      ],
      ctx(),
    );
    await expectMirror(db, 'after a bulk batch');
  });

  it('follows resting and waking a conversation, a new waiting period and the clock', async () => {
    const db = await world();
    await restConversation(db, 'gmail:t2', NOW);
    await expectMirror(db, 'after resting');
    await unrestConversation(db, 'gmail:t2', NOW);
    await expectMirror(db, 'after waking');
    await saveSettings(db, { waitDays: 1 }, NOW);
    await expectMirror(db, 'after a new waiting period');
    await refreshTurns(db, new Date(2024, 1, 1));
    await expectMirror(db, 'after the turns were refreshed a month later');
  });

  it('follows an address becoming mine (its conversations change turn) and a list read', async () => {
    const db = await world();
    await saveSettings(db, { myEmails: ['lee@corp.com'] }, NOW);
    await expectMirror(db, 'after a contact became the user');
    await learnFromList(db, { site: 'gmail', rows: [{ threadId: 't1', unread: true, newestAt: at(10, 9), newestAtText: '', snippet: 'Any news?' }] }, NOW);
    await expectMirror(db, 'after a list read');
    await ensurePageConversation(db, 'gmail', 'https://mail.google.com/mail/u/0/#inbox/new', NOW);
    await expectMirror(db, 'after a page conversation');
  });

  it('follows imported history, a JSON import into an empty record (restore) and into a full one', async () => {
    const source = await world();
    await importThreads(source, [gmail('t4', [msg('e1', KIT, at(1), 'Old thread'), msg('e2', ME, at(1, 13), 'Old reply')])], ctx());
    await expectMirror(source, 'after a history import');
    const { blob } = await exportJson(source, { now: NOW });
    const text = await blob.text();
    const empty = makeDb();
    const parsed = await parseImportFile(empty, text);
    if (!parsed.ok) throw new Error(parsed.error.message);
    await applyImport(empty, parsed.file);
    await expectMirror(empty, 'after a restore');
    expect(await sectionCounts(empty, NOW)).toEqual(await sectionCounts(source, NOW));
    const other = makeDb();
    await ingestSnapshot(other, gmail('t1', [msg('a1', DANA, at(2), 'Can you send the proposal?')]), ctx());
    const again = await parseImportFile(other, text);
    if (!again.ok) throw new Error(again.error.message);
    await applyImport(other, again.file);
    await expectMirror(other, 'after an import merged into a record');
  });

  it('follows deletes, a cleared table, a request naming one id twice, and a failed transaction', async () => {
    const db = await world();
    await db.conversations.delete('gmail:t2');
    await expectMirror(db, 'after a delete');
    const row = (await db.conversations.get('gmail:t1'))!;
    const mine: ConversationRecord = { ...row, turn: 'mine', turnSince: at(9), lastMessageAt: at(9), lastFromMe: false };
    await db.conversations.bulkPut([mine, { ...row, turn: 'theirs', lastMessageAt: at(10) }]);
    await expectMirror(db, 'after one id put twice: the last row counts');
    await expect(
      db.transaction('rw', db.conversations, async () => {
        await db.conversations.put({ ...row, turn: 'mine', turnSince: at(1) });
        throw new Error('abandoned');
      }),
    ).rejects.toThrow('abandoned');
    await expectMirror(db, 'after a failed transaction');
    await db.conversations.clear();
    expect(await db.turnKeys.count()).toBe(0);
  });

  it('counts what the lists hold, for all sites and for one', async () => {
    const db = await world();
    await ingestSnapshot(db, gmail('t3', [msg('d1', KIT, at(4), 'Price list?')]), ctx());
    // t2 (Lee, the 5th) and t3 (Kit, the 4th): my turn; t1 (I wrote on the 3rd): follow-up by the 10th; l1 (I
    // wrote on the 9th): waiting.
    expect(await sectionCounts(db, NOW)).toEqual({ mine: 2, followUp: 1, waiting: 1, pinsDue: 0, goneQuiet: 0, total: 3 });
    expect(await sectionCounts(db, NOW, { site: 'linkedin' })).toEqual({ mine: 0, followUp: 0, waiting: 1, pinsDue: 0, goneQuiet: 0, total: 0 });
    expect(await badgeCounts(db, NOW)).toEqual({ mine: 2, followUp: 1, pinsDue: 0, total: 3 });
  });

  it('counts a range as the index does, with its ends at a row time open or closed, and stops at the cap', async () => {
    const db = await world();
    await ingestSnapshot(db, gmail('t3', [msg('d1', KIT, at(4), 'Price list?')]), ctx());
    await ingestSnapshot(db, linkedin('l2', [msg('f1', DANA_LI, at(5), 'Ping')]), ctx());
    // My turn: t3 (the 4th), t2 and l2 (the 5th); I wrote last: t1 (the 3rd), l1 (the 9th).
    const times = [MIN, at(3), at(4), at(5), at(9), MAX];
    for (const site of [undefined, 'gmail', 'linkedin'] as const) {
      for (const turn of ['mine', 'theirs', 'follow-up'] as const) {
        const field = turn === 'mine' ? 'turnSince' : 'lastMessageAt';
        for (const from of times) {
          for (const to of times) {
            for (const fromOpen of [false, true]) {
              if (from === MAX || to === MIN || (fromOpen && from === MIN)) continue;
              const range: TurnKeyRange = { turn, from, to, fromOpen };
              const byIndex = await turnRange(db, turn, field, from, to, { site, fromOpen }).count();
              expect(await countTurnKeys(db, 1000, site, [range]), JSON.stringify({ site, ...range })).toBe(byIndex);
            }
          }
        }
      }
    }
    const mine: TurnKeyRange = { turn: 'mine', from: MIN, to: MAX };
    const wrote: TurnKeyRange[] = [
      { turn: 'theirs', from: MIN, to: MAX },
      { turn: 'follow-up', from: MIN, to: MAX },
    ];
    // Cached: t1 follow-up (the 3rd, past the waiting period), l1 theirs.
    expect(await countTurnKeys(db, 1000, undefined, [mine, ...wrote])).toBe(5);
    expect(await countTurnKeys(db, 2, undefined, [mine])).toBe(2);
    expect(await countTurnKeys(db, 3, undefined, [mine])).toBe(3);
    expect(await countTurnKeys(db, 4, undefined, [mine, ...wrote])).toBe(4);
    expect(await countTurnKeys(db, 4, 'gmail', [mine, ...wrote])).toBe(3);
  });
});
