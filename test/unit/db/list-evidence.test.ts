// What a site's list shows against the record: the chips' facts (listStates) and what the rows teach (learnFromList),
// on fake-indexeddb. The rows are the protocol's rows as the content script sends them.
import { describe, expect, it } from 'vitest';
import { ingestSnapshot } from '../../../src/db/ingest';
import { learnFromList, LINKEDIN_OWN_PREFIXES_KEY } from '../../../src/db/list-evidence';
import { listStates, type GmailListEvidence, type LinkedInListEvidence } from '../../../src/db/queries/list-states';
import { saveSettings } from '../../../src/db/settings';
import { myTurn } from '../../../src/db/queries';
import { at, ctx, DANA, DANA_LI, gmail, linkedin, makeDb, ME, ME_LI, msg, NOW } from './helpers';

const LEE = { name: 'Lee Chen', email: 'lee@corp.com', isMe: false };

const row = (threadId: string, extra: Partial<GmailListEvidence> = {}): GmailListEvidence => ({
  threadId,
  unread: false,
  newestAt: null,
  newestAtText: '',
  snippet: '',
  ...extra,
});
const card = (extra: Partial<LinkedInListEvidence> & { key: string }): LinkedInListEvidence => ({
  threadId: null,
  participantNames: [],
  snippetPrefix: '',
  snippetText: '',
  timeText: '',
  unread: false,
  ...extra,
});
const gmailList = (...rows: GmailListEvidence[]) => ({ site: 'gmail' as const, rows });
const linkedinList = (...rows: LinkedInListEvidence[]) => ({ site: 'linkedin' as const, rows });

/** t1: I wrote last on the 8th (waiting on Dana). t2: Lee wrote last on the 5th (my turn). */
async function gmailWorld() {
  const db = makeDb();
  await ingestSnapshot(db, gmail('t1', [msg('a1', DANA, at(7), 'Can you send the proposal?'), msg('a2', ME, at(8), 'Attached.')]), ctx());
  await ingestSnapshot(db, gmail('t2', [msg('b1', LEE, at(5), 'Call next week?')], { subject: 'Intro' }), ctx());
  return db;
}

describe('listStates: the facts behind each chip', () => {
  it('gives known rows their turn and explanation, and unknown rows nothing', async () => {
    const db = await gmailWorld();
    const facts = await listStates(db, gmailList(row('t1'), row('t2'), row('nobody')), NOW);
    expect([...facts.keys()]).toEqual(['t1', 't2']);
    expect(facts.get('t1')).toMatchObject({ turn: 'theirs', changedSince: false, pinDueAt: null });
    expect(facts.get('t2')).toMatchObject({ turn: 'mine', explanation: { kind: 'they-wrote', name: 'Lee Chen' } });
  });

  it('says "changed" for a read row newer than the record by a whole minute, not for the same minute shown rounded', async () => {
    const db = await gmailWorld();
    const sameMinute = row('t1', { newestAt: at(8), newestAtText: 'Jan 8' });
    expect((await listStates(db, gmailList(sameMinute), NOW)).get('t1')!.changedSince).toBe(false);
    const later = row('t1', { newestAt: at(8, 12, 1) });
    expect((await listStates(db, gmailList(later), NOW)).get('t1')!.changedSince).toBe(true);
  });

  it('gives nothing when the user turned the chips off for the site', async () => {
    const db = await gmailWorld();
    await saveSettings(db, { listChips: { gmail: false } }, NOW);
    expect((await listStates(db, gmailList(row('t1'), row('t2')), NOW)).size).toBe(0);
    expect((await listStates(db, linkedinList(card({ key: 'l1', threadId: 'l1' })), NOW)).size).toBe(0);
  });
});

describe('learnFromList, Gmail', () => {
  it('an unread row newer than the record is their message: my turn without opening; the thread read later replaces it', async () => {
    const db = await gmailWorld();
    const unread = row('t1', { unread: true, lastMessageId: 'a3', newestAt: at(9, 9, 30), newestAtText: 'Jan 9', snippet: 'Looks good, one question' });
    const learned = await learnFromList(db, gmailList(unread), NOW);
    expect(learned.changed).toEqual(['gmail:t1']);
    const conv = await db.conversations.get('gmail:t1');
    expect(conv).toMatchObject({ turn: 'mine', lastFromMe: false, lastMessageAt: at(9, 9, 30) });
    expect((await myTurn(db, NOW)).map((c) => c.id)).toContain('gmail:t1');
    expect(await db.messages.get('gmail:t1|a3')).toMatchObject({ partial: true, fromMe: false, text: 'Looks good, one question' });
    // Seen again: nothing more.
    expect((await learnFromList(db, gmailList(unread), NOW)).changed).toEqual([]);
    // The thread is opened: the same message, full, under the same id; no duplicate.
    await ingestSnapshot(
      db,
      gmail('t1', [msg('a1', DANA, at(7), 'Can you send the proposal?'), msg('a2', ME, at(8), 'Attached.'), msg('a3', DANA, at(9, 9, 30), 'Looks good, one question about SSO.')]),
      ctx(),
    );
    const messages = await db.messages.where('conversationId').equals('gmail:t1').toArray();
    expect(messages.map((m) => m.id).sort()).toEqual(['gmail:t1|a1', 'gmail:t1|a2', 'gmail:t1|a3']);
    expect(messages.find((m) => m.id === 'gmail:t1|a3')).toMatchObject({ partial: false, text: 'Looks good, one question about SSO.' });
  });

  it('without a last message id, the partial is dropped when the thread is read', async () => {
    const db = await gmailWorld();
    await learnFromList(db, gmailList(row('t1', { unread: true, newestAt: at(9), snippet: 'Ping' })), NOW);
    expect((await db.messages.where('conversationId').equals('gmail:t1').toArray()).filter((m) => m.partial)).toHaveLength(1);
    await ingestSnapshot(
      db,
      gmail('t1', [msg('a1', DANA, at(7), 'Can you send the proposal?'), msg('a2', ME, at(8), 'Attached.'), msg('a4', DANA, at(9), 'Ping: any news?')]),
      ctx(),
    );
    const messages = await db.messages.where('conversationId').equals('gmail:t1').toArray();
    expect(messages.map((m) => m.id).sort()).toEqual(['gmail:t1|a1', 'gmail:t1|a2', 'gmail:t1|a4']);
    expect((await db.conversations.get('gmail:t1'))!.turn).toBe('mine');
  });

  it('a read row, an unread row not newer, a row without a time, and unknown rows write nothing', async () => {
    const db = await gmailWorld();
    const before = await db.messages.count();
    const learned = await learnFromList(
      db,
      gmailList(
        row('t1', { unread: false, newestAt: at(9) }),
        row('t2', { unread: true, newestAt: at(5) }),
        row('t1', { unread: true, newestAt: null }),
        row('unknown', { unread: true, newestAt: at(9), snippet: 'Buy now' }),
      ),
      NOW,
    );
    expect(learned.changed).toEqual([]);
    expect(await db.messages.count()).toBe(before);
    expect(await db.conversations.count()).toBe(2);
    expect((await db.conversations.get('gmail:t1'))!.turn).toBe('theirs');
  });
});

/** l1: Dana on LinkedIn, I wrote last (the 8th). l2: Dana wrote last. */
async function linkedinWorld() {
  const db = makeDb();
  await ingestSnapshot(db, linkedin('l1', [msg('x1', DANA_LI, at(6), 'Hi'), msg('x2', ME_LI, at(8), 'Sent the deck.')]), ctx());
  return db;
}
const DANA_NAME = DANA_LI.name;

describe('learnFromList, LinkedIn', () => {
  it("learns the user's own prefix from a card of a conversation whose last message is theirs, never a participant's name", async () => {
    const db = await linkedinWorld();
    const danaFirst = card({ key: 'l1', threadId: 'l1', participantNames: [DANA_NAME], snippetPrefix: 'Dána', snippetText: 'Thanks!' });
    expect((await learnFromList(db, linkedinList(danaFirst), NOW)).learnedPrefix).toBeNull();
    // An unread card is never the user's own (their own messages are never unread): no prefix learned from it.
    const other = await linkedinWorld();
    const unreadYou = card({ key: 'l1', threadId: 'l1', participantNames: [DANA_NAME], snippetPrefix: '你', unread: true });
    expect((await learnFromList(other, linkedinList(unreadYou), NOW)).learnedPrefix).toBeNull();
    expect(await other.settings.get(LINKEDIN_OWN_PREFIXES_KEY)).toBeUndefined();
    expect(await db.settings.get(LINKEDIN_OWN_PREFIXES_KEY)).toBeUndefined();
    const mine = card({ key: 'l1', threadId: 'l1', participantNames: [DANA_NAME], snippetPrefix: '你', snippetText: 'Sent the deck.' });
    expect((await learnFromList(db, linkedinList(mine), NOW)).learnedPrefix).toBe('你');
    expect((await db.settings.get(LINKEDIN_OWN_PREFIXES_KEY))!.value).toEqual(['你']);
    // The card agreed with the record: no message was written, still waiting on Dana.
    expect((await db.conversations.get('linkedin:l1'))!.turn).toBe('theirs');
  });

  it("a card whose prefix is not the user's makes it my turn, timed by when it was seen (sentAt null); the thread read drops it", async () => {
    const db = await linkedinWorld();
    await db.settings.put({ key: LINKEDIN_OWN_PREFIXES_KEY, value: ['You'] });
    const seen = new Date(NOW.getTime() + 60_000);
    const theirs = card({ key: 'l1', threadId: 'l1', participantNames: [DANA_NAME], snippetPrefix: 'Dana', snippetText: 'Works for me', timeText: '1m' });
    expect((await learnFromList(db, linkedinList(theirs), seen)).changed).toEqual(['linkedin:l1']);
    const partial = (await db.messages.where('conversationId').equals('linkedin:l1').toArray()).find((m) => m.partial)!;
    expect(partial).toMatchObject({ fromMe: false, sentAt: null, seenAt: seen.toISOString(), sentAtText: '1m', text: 'Works for me' });
    expect(await db.conversations.get('linkedin:l1')).toMatchObject({ turn: 'mine', lastMessageAt: seen.toISOString() });
    // Shown again: the record's last message is theirs now, nothing more is written.
    expect((await learnFromList(db, linkedinList(theirs), seen)).changed).toEqual([]);
    // The thread is read: its own messages replace the card's.
    await ingestSnapshot(
      db,
      linkedin('l1', [msg('x1', DANA_LI, at(6), 'Hi'), msg('x2', ME_LI, at(8), 'Sent the deck.'), msg('x3', DANA_LI, at(9), 'Works for me, see you Tuesday')]),
      ctx(seen),
    );
    const messages = await db.messages.where('conversationId').equals('linkedin:l1').toArray();
    expect(messages.map((m) => m.id).sort()).toEqual(['linkedin:l1|x1', 'linkedin:l1|x2', 'linkedin:l1|x3']);
  });

  it('an unread card is theirs even before any prefix is learned', async () => {
    const db = await linkedinWorld();
    const unread = card({ key: 'l1', threadId: 'l1', participantNames: [DANA_NAME], snippetText: 'New message', unread: true });
    expect((await learnFromList(db, linkedinList(unread), NOW)).changed).toEqual(['linkedin:l1']);
  });

  it('matches a card without an id by its people only when exactly one conversation has them; never creates one', async () => {
    const db = await linkedinWorld();
    const byPeople = card({ key: `people:${DANA_NAME}`, participantNames: ['Dana Buyer'] });
    const facts = await listStates(db, linkedinList(byPeople), NOW);
    expect(facts.get(`people:${DANA_NAME}`)).toMatchObject({ turn: 'theirs' });
    // A second conversation with the same person: the card could be either, so it gets nothing.
    await ingestSnapshot(db, linkedin('l2', [msg('y1', DANA_LI, at(9), 'Another thread')]), ctx());
    expect((await listStates(db, linkedinList(byPeople), NOW)).size).toBe(0);
    const stranger = card({ key: 'people:Max Stranger', participantNames: ['Max Stranger'], unread: true, snippetText: 'Hello' });
    await learnFromList(db, linkedinList(stranger), NOW);
    expect(await db.conversations.count()).toBe(2);
  });
});
