// The named reads src/db gives callers that used to read tables themselves (the dashboard's search, the
// background's reminders, the dashboard's Done), through the one entry point src/db/index.ts, on fake-indexeddb.
import { describe, expect, it } from 'vitest';
import { followUpCutoff } from '../../../src/core/turn';
import {
  addPin,
  countConversations,
  duePinsOf,
  findPersonByEmail,
  getConversations,
  getMyPerson,
  getPeople,
  getSettings,
  ingestSnapshot,
  markPinNotified,
  newestConversationOf,
  overdueConversationRows,
  unnotifiedDuePins,
} from '../../../src/db';
import { at, ctx, DANA, gmail, makeDb, ME, msg, NOW } from './helpers';

const LEE = { name: 'Lee Lead', email: 'lee@lead.com', isMe: false };

async function record() {
  const db = makeDb();
  // Dana: an older thread she answered, a newer one I wrote last long ago (follow-up due at NOW).
  await ingestSnapshot(db, gmail('old', [msg('o1', ME, at(1, 9), 'Hello'), msg('o2', DANA, at(1, 10), 'Hi')]), ctx());
  await ingestSnapshot(db, gmail('new', [msg('n1', ME, at(2, 9), 'Any news?')], { participants: [ME, DANA] }), ctx());
  // Lee: I wrote an hour ago, still within the waiting period.
  await ingestSnapshot(db, gmail('lee', [msg('l1', ME, new Date(NOW.getTime() - 3_600_000).toISOString(), 'Offer')], { participants: [ME, LEE] }), ctx());
  const dana = (await findPersonByEmail(db, DANA.email!))!;
  return { db, dana };
}

describe('lookups through src/db', () => {
  it('gives each person their newest conversation, and nothing for an unknown id', async () => {
    const { db, dana } = await record();
    const newest = await newestConversationOf(db, [dana.id, dana.id, 'nobody']);
    expect([...newest.keys()]).toEqual([dana.id]);
    expect(newest.get(dana.id)!.id).toBe('gmail:new');
  });

  it('reads rows by id (missing ids left out), the user, and how many conversations there are', async () => {
    const { db, dana } = await record();
    expect((await getConversations(db, ['gmail:lee', 'gmail:gone', 'gmail:old'])).map((c) => c.id)).toEqual([
      'gmail:lee',
      'gmail:old',
    ]);
    expect((await getPeople(db, [dana.id, 'gone'])).map((p) => p.name)).toEqual(['Dana Buyer']);
    expect((await getMyPerson(db))?.emails).toEqual(['sam@seller.io']);
    expect(await countConversations(db)).toBe(3);
  });

  it('finds the conversations whose follow-up is due, not those still waiting or owed by me', async () => {
    const { db } = await record();
    const cutoff = followUpCutoff(NOW, await getSettings(db)).toISOString();
    expect((await overdueConversationRows(db, cutoff)).map((c) => c.id)).toEqual(['gmail:new']);
  });

  it('lists a conversation\'s due pins, and the due pins not yet notified', async () => {
    const { db } = await record();
    const due = await addPin(db, { conversationId: 'gmail:old', dueAt: at(9) }, new Date(at(3)));
    await addPin(db, { conversationId: 'gmail:old', dueAt: at(11) }, new Date(at(3))); // not due yet
    const other = await addPin(db, { conversationId: 'gmail:lee', dueAt: at(8) }, new Date(at(3)));
    expect((await duePinsOf(db, 'gmail:old', NOW)).map((p) => p.id)).toEqual([due.id]);
    await markPinNotified(db, other.id, NOW);
    expect((await unnotifiedDuePins(db, NOW)).map((p) => p.id)).toEqual([due.id]);
  });
});
