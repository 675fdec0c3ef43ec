import { describe, expect, it } from 'vitest';
import { ingestSnapshot, ingestSnapshots } from '../../../src/db/ingest';
import { ME_ID } from '../../../src/db/records';
import { saveSettings } from '../../../src/db/actions';
import { findPersonByEmail } from '../../../src/db/queries';
import { at, ctx, DANA, DANA_LI, dump, gmail, linkedin, makeDb, ME, ME_LI, msg, NOW } from './helpers';

describe('ingest', () => {
  it('records people, messages and the turn of a thread', async () => {
    const db = makeDb();
    const r = await ingestSnapshot(
      db,
      gmail('t1', [msg('m1', DANA, at(8, 9), 'Can you send the proposal?'), msg('m2', ME, at(8, 10), 'Sure, tomorrow.')]),
      ctx(),
    );
    expect(r).toEqual({ conversationId: 'gmail:t1', added: 2, updated: 0 });
    const conv = await db.conversations.get('gmail:t1');
    const dana = await findPersonByEmail(db, 'dana@buyer.com');
    expect(dana?.emails).toEqual(['dana@buyer.com']);
    expect(conv?.personIds).toEqual([dana!.id]);
    expect(conv).toMatchObject({ turn: 'theirs', turnSince: at(8, 10), lastFromMe: true, lastMessageAt: at(8, 10) });
    const me = await db.people.get(ME_ID);
    expect(me).toMatchObject({ isMe: true, emails: ['sam@seller.io'], name: 'Sam Seller' });
    const msgs = await db.messages.orderBy('id').toArray();
    expect(msgs.map((m) => [m.id, m.personId, m.fromMe])).toEqual([
      ['gmail:t1|m1', dana!.id, false],
      ['gmail:t1|m2', ME_ID, true],
    ]);
  });

  it('is idempotent: the same snapshot twice leaves the database identical', async () => {
    const db = makeDb();
    const snap = gmail('t1', [msg('m1', DANA, at(8), 'Hello'), msg('m2', ME, null, 'Hi Dana', true)]);
    await ingestSnapshot(db, snap, ctx());
    const first = await dump(db);
    const again = await ingestSnapshot(db, snap, ctx(new Date(NOW.getTime() + 60_000)));
    expect(again).toEqual({ conversationId: 'gmail:t1', added: 0, updated: 0 });
    expect(await dump(db)).toEqual(first);
  });

  it('upgrades a snippet to the full text and never downgrades', async () => {
    const db = makeDb();
    const collapsed = gmail('t1', [msg('m1', DANA, null, 'Can you send the prop…', true)]);
    const expanded = gmail('t1', [msg('m1', DANA, at(8, 9), 'Can you send the proposal by Friday? Thanks, Dana')]);
    await ingestSnapshot(db, collapsed, ctx(new Date(at(9))));
    const up = await ingestSnapshot(db, expanded, ctx());
    expect(up).toEqual({ conversationId: 'gmail:t1', added: 0, updated: 1 });
    const full = await db.messages.get('gmail:t1|m1');
    expect(full).toMatchObject({
      text: 'Can you send the proposal by Friday? Thanks, Dana',
      partial: false,
      sentAt: at(8, 9),
      seenAt: at(9),
    });
    expect(await db.messages.count()).toBe(1);
    // Reading the collapsed view again changes nothing.
    const before = await dump(db);
    const down = await ingestSnapshot(db, collapsed, ctx());
    expect(down.updated).toBe(0);
    expect(await dump(db)).toEqual(before);
  });

  it('orders a message without a time by when it was first seen', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('m1', ME, at(5), 'Offer attached')]), ctx(new Date(at(5, 13))));
    // Their answer shows no parseable time; first seen on the 9th.
    await ingestSnapshot(
      db,
      gmail('t1', [msg('m1', ME, at(5), 'Offer attached'), msg('m2', DANA, null, 'Looks good')]),
      ctx(new Date(at(9))),
    );
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'mine', turnSince: at(9), lastFromMe: false });
  });

  it('makes the user "me" from isMe, from settings and from the context, never a contact', async () => {
    const db = makeDb();
    await saveSettings(db, { myEmails: ['Sam.Alias@Seller.io'] }, NOW);
    const alias = { name: 'Sam (alias)', email: 'sam.alias@seller.io', isMe: false };
    const delegated = { name: 'Sales', email: 'sales@seller.io', isMe: false };
    await ingestSnapshot(
      db,
      gmail('t1', [
        msg('m1', DANA, at(7), 'Hi'),
        msg('m2', alias, at(8), 'Hello from my alias'),
        msg('m3', delegated, at(8, 13), 'Hello from the shared mailbox'),
        msg('m4', ME, at(8, 14), 'And from me'),
      ]),
      ctx(NOW, ['sales@seller.io']),
    );
    const conv = await db.conversations.get('gmail:t1');
    const dana = await findPersonByEmail(db, 'dana@buyer.com');
    expect(conv?.personIds).toEqual([dana!.id]);
    const msgs = await db.messages.orderBy('id').toArray();
    expect(msgs.map((m) => m.fromMe)).toEqual([false, true, true, true]);
    expect(await db.people.count()).toBe(2);
    const me = await db.people.get(ME_ID);
    expect(new Set(me!.emails)).toEqual(new Set(['sam.alias@seller.io', 'sales@seller.io', 'sam@seller.io']));
  });

  it('one address on two threads is one person; a profile is found by any URL form', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(7), 'One')]), ctx());
    await ingestSnapshot(db, gmail('t2', [msg('m1', { ...DANA, email: 'DANA@buyer.com ' }, at(8), 'Two')]), ctx());
    const [c1, c2] = await db.conversations.bulkGet(['gmail:t1', 'gmail:t2']);
    expect(c1!.personIds).toEqual(c2!.personIds);
    await ingestSnapshot(db, linkedin('l1', [msg('x', DANA_LI, at(8), 'Hey')]), ctx());
    await ingestSnapshot(
      db,
      linkedin('l2', [msg('y', { ...DANA_LI, profileUrl: 'https://linkedin.com/in/Dana-Buyer?trk=abc' }, at(8), 'Hey')]),
      ctx(),
    );
    const [l1, l2] = await db.conversations.bulkGet(['linkedin:l1', 'linkedin:l2']);
    expect(l1!.personIds).toEqual(l2!.personIds);
    expect(await db.people.count()).toBe(2); // Dana on Gmail, Dana on LinkedIn (not merged); no "me" seen
  });

  it('matches a sender shown with a name only to the known person of that thread', async () => {
    const db = makeDb();
    await ingestSnapshot(db, linkedin('l1', [msg('a', DANA_LI, at(7), 'Hi'), msg('b', ME_LI, at(7, 13), 'Hello')]), ctx());
    const nameOnly = { name: 'Dána Buyer', isMe: false };
    const r = await ingestSnapshot(
      db,
      linkedin('l1', [msg('a', DANA_LI, at(7), 'Hi'), msg('b', ME_LI, at(7, 13), 'Hello'), msg('c', nameOnly, at(8), 'So?')], {
        participants: [DANA_LI, ME_LI],
      }),
      ctx(),
    );
    expect(r.added).toBe(1);
    const c = await db.messages.get('linkedin:l1|c');
    const a = await db.messages.get('linkedin:l1|a');
    expect(c!.personId).toBe(a!.personId);
    expect(await db.people.count()).toBe(2);
  });

  it('suggests linking a Gmail and a LinkedIn contact with the same name, without merging', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(7), 'Email')]), ctx());
    await ingestSnapshot(db, linkedin('l1', [msg('x', DANA_LI, at(8), 'DM')]), ctx());
    const links = await db.links.toArray();
    expect(links).toHaveLength(1);
    expect(links[0]).toMatchObject({ status: 'suggested', reason: 'same-name' });
    const people = await db.people.toArray();
    expect(people.every((p) => !p.mergedInto)).toBe(true);
    // A second look does not suggest it twice; a different name is not suggested.
    await ingestSnapshot(db, linkedin('l2', [msg('y', DANA_LI, at(8), 'DM 2')]), ctx());
    await ingestSnapshot(db, linkedin('l3', [msg('z', { name: 'Dana Other', profileUrl: '/in/dana-other/', isMe: false }, at(8), 'x')]), ctx());
    expect(await db.links.count()).toBe(1);
  });

  it('clears a pin made while waiting on them when they answer', async () => {
    const db = makeDb();
    const { addPin } = await import('../../../src/db/actions');
    await ingestSnapshot(db, gmail('t1', [msg('m1', ME, at(8), 'Offer attached')]), ctx(new Date(at(8, 13))));
    const waiting = await addPin(db, { conversationId: 'gmail:t1', dueAt: at(12) }, new Date(at(8, 14)));
    expect(waiting.clearOnReply).toBe(true);
    await ingestSnapshot(
      db,
      gmail('t1', [msg('m1', ME, at(8), 'Offer attached'), msg('m2', DANA, at(9), 'Thanks, reading')]),
      ctx(),
    );
    expect(await db.pins.get(waiting.id)).toMatchObject({ done: true, doneReason: 'replied', doneAt: NOW.toISOString() });
    // A pin made on my turn stays when they write again.
    const mine = await addPin(db, { conversationId: 'gmail:t1', dueAt: at(12) }, NOW);
    expect(mine.clearOnReply).toBe(false);
    await ingestSnapshot(
      db,
      gmail('t1', [msg('m1', ME, at(8), 'Offer attached'), msg('m2', DANA, at(9), 'Thanks, reading'), msg('m3', DANA, at(10, 13), 'One more thing')]),
      ctx(new Date(at(10, 14))),
    );
    expect((await db.pins.get(mine.id))!.done).toBe(false);
  });

  it('wakes a resting conversation with a new message only', async () => {
    const db = makeDb();
    const { restConversation } = await import('../../../src/db/actions');
    const snap = gmail('t1', [msg('m1', DANA, at(8), 'Thanks!')]);
    await ingestSnapshot(db, snap, ctx());
    await restConversation(db, 'gmail:t1', NOW);
    await ingestSnapshot(db, snap, ctx(new Date(at(11))));
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'resting', turnSince: NOW.toISOString() });
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(8), 'Thanks!'), msg('m2', DANA, at(11), 'One question')]), ctx(new Date(at(11, 13))));
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'mine', turnSince: at(11), restingSince: null });
  });

  it('is atomic: a failure half-way leaves nothing, and the next read completes it', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t0', [msg('m1', DANA, at(7), 'Earlier')]), ctx());
    const before = await dump(db);
    const snap = gmail('t1', [msg('m1', { name: 'New Person', email: 'new@x.com', isMe: false }, at(8), 'Proposal'), msg('m2', ME, at(8, 13), 'Reply')]);
    const original = db.messages.bulkPut.bind(db.messages);
    let peopleWritten = false;
    (db.messages as { bulkPut: unknown }).bulkPut = async () => {
      peopleWritten = (await db.people.count()) > (before.people as unknown[]).length;
      throw new Error('worker stopped');
    };
    await expect(ingestSnapshot(db, snap, ctx())).rejects.toThrow('worker stopped');
    expect(peopleWritten).toBe(true); // the failure came after the first table was written…
    (db.messages as { bulkPut: unknown }).bulkPut = original;
    expect(await dump(db)).toEqual(before); // …and nothing of it remains
    const r = await ingestSnapshot(db, snap, ctx());
    expect(r.added).toBe(2);
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'theirs' });
  });

  it('ingests a batch in one transaction, all or nothing', async () => {
    const db = makeDb();
    const results = await ingestSnapshots(
      db,
      [gmail('t1', [msg('m1', DANA, at(7), 'A')]), linkedin('l1', [msg('x', DANA_LI, at(8), 'B')])],
      ctx(),
    );
    expect(results.map((r) => r.added)).toEqual([1, 1]);
    const before = await dump(db);
    await expect(
      ingestSnapshots(db, [gmail('t2', [msg('m1', DANA, at(8), 'C')]), { site: 'nope' } as never], ctx()),
    ).rejects.toThrow(TypeError);
    expect(await dump(db)).toEqual(before);
  });

  it('turns a contact into the user when their address is added to settings', async () => {
    const db = makeDb();
    const alias = { name: 'Sam Alias', email: 'alias@seller.io', isMe: false };
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(7), 'Hi'), msg('m2', alias, at(8), 'Hello')]), ctx());
    expect((await db.conversations.get('gmail:t1'))!.personIds).toHaveLength(2);
    await saveSettings(db, { myEmails: ['alias@seller.io'] }, NOW);
    const conv = await db.conversations.get('gmail:t1');
    const dana = await findPersonByEmail(db, 'dana@buyer.com');
    expect(conv).toMatchObject({ personIds: [dana!.id], turn: 'theirs', lastFromMe: true });
    expect((await db.messages.get('gmail:t1|m2'))).toMatchObject({ personId: ME_ID, fromMe: true });
    expect((await db.people.get(ME_ID))!.emails).toContain('alias@seller.io');
  });

  it('turns a contact into the user when the page says the address is the user\'s', async () => {
    const db = makeDb();
    const account = { name: 'Sam', email: 'sam@seller.io', isMe: false }; // not yet known to be the user
    await ingestSnapshot(db, gmail('t1', [msg('m1', DANA, at(7), 'Hi'), msg('m2', account, at(8), 'Hello')]), ctx());
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'mine', lastFromMe: false });
    expect((await db.conversations.get('gmail:t1'))!.personIds).toHaveLength(2);
    // Next read: the page shows the signed-in account.
    await ingestSnapshot(db, gmail('t2', [msg('x', DANA, at(9), 'Another thread')]), ctx(NOW, ['sam@seller.io']));
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ lastFromMe: true, turn: 'theirs', personIds: [(await findPersonByEmail(db, 'dana@buyer.com'))!.id] });
    expect(await findPersonByEmail(db, 'sam@seller.io')).toMatchObject({ id: ME_ID });
    expect((await db.people.toArray()).filter((p) => !p.mergedInto)).toHaveLength(2);
  });
});
