import { describe, expect, it } from 'vitest';
import {
  addNote,
  addPin,
  completePin,
  deletePin,
  dismissSuggestion,
  mergePeople,
  refreshTurns,
  restConversation,
  restorePin,
  saveSettings,
  snoozePin,
  unmergePeople,
  unrestConversation,
  updateNote,
  deleteNote,
  restoreNote,
} from '../../../src/db/actions';
import { ingestSnapshot } from '../../../src/db/ingest';
import {
  badgeCounts,
  findConversation,
  findPersonByEmail,
  findPersonByProfile,
  followUpDue,
  getPersonDetails,
  getSettings,
  getTimeline,
  listSuggestions,
  myTurn,
  nextDueAt,
  waitingOnThem,
} from '../../../src/db/queries';
import { ME_ID } from '../../../src/db/records';
import { at, ctx, DANA, DANA_LI, duePinned, gmail, linkedin, makeDb, ME, ME_LI, msg, NOW, upcomingPinned } from './helpers';

const LEE = { name: 'Lee Chen', email: 'lee@corp.com', isMe: false };
const KIM = { name: 'Kim Park', email: 'kim@corp.com', isMe: false };
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);

/** Dana: Gmail t1 (I wrote on the 8th, waiting) + LinkedIn l1 (she wrote on the 9th: my turn).
 * Lee: t2 (I wrote on the 2nd: follow-up). Kim: t3 (Kim wrote on the 5th: my turn, older). */
async function world() {
  const db = makeDb();
  await ingestSnapshot(db, gmail('t1', [msg('a', DANA, at(7), 'Can you send the proposal?'), msg('b', ME, at(8), 'Attached.')]), ctx());
  await ingestSnapshot(db, linkedin('l1', [msg('x', ME_LI, at(6), 'Nice to meet you'), msg('y', DANA_LI, at(9), 'Got your email!')]), ctx());
  await ingestSnapshot(db, gmail('t2', [msg('c', LEE, at(1), 'Pricing?'), msg('d', ME, at(2), 'Here it is')], { subject: 'Pricing' }), ctx());
  await ingestSnapshot(db, gmail('t3', [msg('e', KIM, at(5), 'Call next week?')], { subject: 'Intro' }), ctx());
  return db;
}

describe('lists', () => {
  it('my turn (oldest first), follow-up, waiting on them, counts', async () => {
    const db = await world();
    expect(ids(await myTurn(db, NOW))).toEqual(['gmail:t3', 'linkedin:l1']);
    const follow = await followUpDue(db, NOW);
    expect(ids(follow)).toEqual(['gmail:t2']);
    expect(follow[0]!.explanation).toMatchObject({ kind: 'no-answer', name: 'Lee Chen', at: at(2) });
    const waiting = await waitingOnThem(db, NOW);
    expect(ids(waiting)).toEqual(['gmail:t1']);
    expect(waiting[0]).toMatchObject({ turn: 'theirs', followUpAt: at(11) });
    expect(await badgeCounts(db, NOW)).toEqual({ mine: 2, followUp: 1, pinsDue: 0, total: 3 });
    const mine = await myTurn(db, NOW);
    expect(mine[1]!.explanation).toMatchObject({ kind: 'they-wrote', name: 'Dána  buyer' });
  });

  it('is clock-correct with a stale cache, and refreshTurns reports what changed', async () => {
    const db = await world();
    const later = new Date(at(11, 13)); // t1 (I wrote on the 8th) is now past 3 days
    expect((await db.conversations.get('gmail:t1'))!.turn).toBe('theirs'); // cache still says theirs
    expect(ids(await followUpDue(db, later))).toEqual(['gmail:t2', 'gmail:t1']);
    expect(ids(await waitingOnThem(db, later))).toEqual([]);
    expect((await badgeCounts(db, later)).followUp).toBe(2);
    expect(await refreshTurns(db, later)).toEqual([{ id: 'gmail:t1', from: 'theirs', to: 'follow-up' }]);
    expect(await refreshTurns(db, later)).toEqual([]);
    expect(await db.conversations.get('gmail:t1')).toMatchObject({ turn: 'follow-up', turnSince: at(11) });
  });

  it('follows the waiting-period setting (working days) at once', async () => {
    const db = await world();
    // t2: I wrote Tue the 2nd; + 10 working days = Tue the 16th: not follow-up any more.
    await saveSettings(db, { waitDays: 10, workingDays: true }, NOW);
    expect(ids(await followUpDue(db, NOW))).toEqual([]);
    expect(ids(await waitingOnThem(db, NOW))).toEqual(['gmail:t2', 'gmail:t1']);
    expect((await db.conversations.get('gmail:t2'))!.turn).toBe('theirs');
    expect(await nextDueAt(db, NOW)).toBe(at(16));
  });

  it('rest removes a conversation from every list until undone', async () => {
    const db = await world();
    const prev = await restConversation(db, 'gmail:t3', NOW);
    expect(ids(await myTurn(db, NOW))).toEqual(['linkedin:l1']);
    const [view] = (await getTimeline(db, 'gmail:t3', NOW))!.conversations;
    expect(view!.explanation.kind).toBe('resting');
    await unrestConversation(db, 'gmail:t3', NOW, prev);
    expect(ids(await myTurn(db, NOW))).toEqual(['gmail:t3', 'linkedin:l1']);
  });
});

describe('pins', () => {
  it('due, upcoming, done, snooze, delete and restore', async () => {
    const db = await world();
    const p1 = await addPin(db, { conversationId: 'gmail:t3', dueAt: at(10, 9), note: 'Send deck' }, new Date(at(9)));
    const p2 = await addPin(db, { conversationId: 'gmail:t1', dueAt: at(12) }, new Date(at(9)));
    expect((await duePinned(db)).map((v) => [v.pin.id, v.conversation.id])).toEqual([[p1.id, 'gmail:t3']]);
    expect((await upcomingPinned(db)).map((v) => v.pin.id)).toEqual([p2.id]);
    expect((await badgeCounts(db, NOW)).pinsDue).toBe(1);
    expect(await nextDueAt(db, NOW)).toBe(at(11)); // t1 turns follow-up before p2 is due

    const before = await snoozePin(db, p1.id, at(11));
    expect(await duePinned(db)).toEqual([]);
    await restorePin(db, before);
    const undone = await completePin(db, p1.id, NOW);
    expect(await duePinned(db)).toEqual([]);
    await restorePin(db, undone);
    expect((await duePinned(db)).length).toBe(1);
    const deleted = await deletePin(db, p1.id);
    expect(await db.pins.get(p1.id)).toBeUndefined();
    await restorePin(db, deleted!);
    expect(await db.pins.get(p1.id)).toEqual(p1);
  });

  it('lists upcoming pins soonest first up to the limit, a pin done early left out', async () => {
    const db = await world();
    const soon = await addPin(db, { conversationId: 'gmail:t1', dueAt: at(11) }, NOW);
    const later = await addPin(db, { conversationId: 'gmail:t3', dueAt: at(12) }, NOW);
    const last = await addPin(db, { conversationId: 'gmail:t1', dueAt: at(13) }, NOW);
    expect((await upcomingPinned(db, 2)).map((v) => v.pin.id)).toEqual([soon.id, later.id]);
    await completePin(db, soon.id, NOW);
    expect((await upcomingPinned(db, 2)).map((v) => v.pin.id)).toEqual([later.id, last.id]);
    expect(await nextDueAt(db, NOW)).toBe(at(11)); // t1 still turns follow-up then
  });
});

describe('person and timeline', () => {
  it('shows the running record across both sites once the user merges', async () => {
    const db = await world();
    const [suggestion] = await listSuggestions(db);
    expect(suggestion).toBeDefined();
    const gmailDana = (await findPersonByEmail(db, 'dana@buyer.com'))!;
    const liDana = (await findPersonByProfile(db, 'linkedin.com/in/dana-buyer'))!;
    expect(new Set([suggestion!.a.id, suggestion!.b.id])).toEqual(new Set([gmailDana.id, liDana.id]));
    // The sidebar reads only the suggestions about the open conversation's people, from either side of the pair.
    expect(await listSuggestions(db, { involving: [liDana.id] })).toEqual([suggestion]);
    expect(await listSuggestions(db, { involving: [gmailDana.id, 'nobody'] })).toEqual([suggestion]);
    expect(await listSuggestions(db, { involving: ['nobody'] })).toEqual([]);

    // Before: the Gmail thread's timeline has only Gmail messages.
    const before = (await getTimeline(db, 'gmail:t1', NOW))!;
    expect(before.messages.map((m) => m.text)).toEqual(['Can you send the proposal?', 'Attached.']);
    const convsBefore = await db.conversations.toArray();

    const link = await mergePeople(db, gmailDana.id, liDana.id, NOW);
    expect(await listSuggestions(db)).toEqual([]);
    const t = (await getTimeline(db, 'gmail:t1', NOW))!;
    expect(t.messages.map((m) => [m.site, m.text, m.fromMe])).toEqual([
      ['linkedin', 'Nice to meet you', true],
      ['gmail', 'Can you send the proposal?', false],
      ['gmail', 'Attached.', true],
      ['linkedin', 'Got your email!', false],
    ]);
    expect(t.messages.map((m) => m.inThisConversation)).toEqual([false, true, true, false]);
    expect(t.messages[1]).toMatchObject({ senderId: gmailDana.id, senderName: 'Dana Buyer' });
    // A sender who is not one of this conversation's people (the LinkedIn row merged in) is named by its merge.
    expect(t.messages[3]).toMatchObject({ senderId: gmailDana.id, senderName: 'Dana Buyer' });
    expect(t.people).toHaveLength(1);
    expect(t.people[0]).toMatchObject({ id: gmailDana.id, emails: ['dana@buyer.com'], linkedin: ['https://www.linkedin.com/in/dana-buyer/'] });
    expect(ids(t.conversations)).toEqual(['linkedin:l1', 'gmail:t1']);

    const viaLinkedin = (await getPersonDetails(db, liDana.id, NOW))!;
    expect(viaLinkedin.person.id).toBe(gmailDana.id);
    expect(ids(viaLinkedin.conversations)).toEqual(['linkedin:l1', 'gmail:t1']);
    expect((await findPersonByProfile(db, '/in/dana-buyer/'))!.id).toBe(gmailDana.id);
    // Lists show one person for both conversations.
    expect((await myTurn(db, NOW)).find((v) => v.id === 'linkedin:l1')!.people).toEqual([{ id: gmailDana.id, name: 'Dana Buyer' }]);

    await unmergePeople(db, link.id, NOW);
    expect(await db.conversations.toArray()).toEqual(convsBefore);
    expect((await getPersonDetails(db, liDana.id, NOW))!.person.id).toBe(liDana.id);
    expect(ids((await getPersonDetails(db, gmailDana.id, NOW))!.conversations)).toEqual(['gmail:t1']);
    expect((await listSuggestions(db)).length).toBe(1);
    await dismissSuggestion(db, suggestion!.link.id, NOW);
    expect(await listSuggestions(db)).toEqual([]);
  });

  it('refuses to merge the user', async () => {
    const db = await world();
    const dana = (await findPersonByEmail(db, 'dana@buyer.com'))!;
    await expect(mergePeople(db, ME_ID, dana.id, NOW)).rejects.toThrow();
  });

  it('carries notes and pins of the conversation, and person notes', async () => {
    const db = await world();
    const dana = (await findPersonByEmail(db, 'dana@buyer.com'))!;
    const n1 = await addNote(db, { conversationId: 'gmail:t1', text: 'Promised a discount', promised: true }, NOW);
    await addNote(db, { personId: dana.id, text: 'Prefers calls' }, NOW);
    await addPin(db, { conversationId: 'gmail:t1', dueAt: at(12) }, NOW);
    const t = (await getTimeline(db, 'gmail:t1', NOW))!;
    expect(t.notes.map((n) => [n.text, n.promised])).toEqual([['Promised a discount', true]]);
    expect(t.personNotes.map((n) => n.text)).toEqual(['Prefers calls']);
    expect(t.pins).toHaveLength(1);
    const old = await updateNote(db, n1.id, { done: true }, new Date(at(11)));
    expect(await db.notes.get(n1.id)).toMatchObject({ done: true, doneAt: at(11) });
    await restoreNote(db, old);
    expect(await db.notes.get(n1.id)).toEqual(n1);
    await deleteNote(db, n1.id);
    expect((await getTimeline(db, 'gmail:t1', NOW))!.notes).toEqual([]);
    expect((await getPersonDetails(db, dana.id, NOW))!.notes.map((n) => n.text)).toEqual(['Prefers calls']);
  });

  it('finds conversations and settings', async () => {
    const db = await world();
    expect((await findConversation(db, 'gmail', 't2'))!.subject).toBe('Pricing');
    expect(await findConversation(db, 'linkedin', 't2')).toBeUndefined();
    expect(await getSettings(db)).toEqual({
      myEmails: [], myProfiles: [], waitDays: 3, workingDays: false, goneQuietDays: 60, notifications: 'each', digestHour: 9,
      sites: { gmail: true, linkedin: true }, listChips: { gmail: true, linkedin: true }, lastBackupAt: null,
    });
    const s = await saveSettings(db, { notifications: 'digest', sites: { linkedin: false }, myProfiles: ['linkedin.com/in/Sam-Seller'] });
    expect(s).toMatchObject({ notifications: 'digest', sites: { gmail: true, linkedin: false }, myProfiles: ['https://www.linkedin.com/in/sam-seller/'] });
    expect(await getSettings(db)).toEqual(s);
    await expect(saveSettings(db, { waitDays: -1 })).rejects.toThrow('waitDays');
    expect((await getSettings(db)).waitDays).toBe(3);
  });
});
