// Shared test data and a fresh fake-indexeddb database per test.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { TurnkeeperDatabase } from '../../../src/db/database';
import type {
  ConversationRecord,
  LinkRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  SearchRecord,
  PinRecord,
} from '../../../src/db/records';

let n = 0;
export function openTestDb(): TurnkeeperDatabase {
  return new TurnkeeperDatabase(`export-test-${process.pid}-${Date.now()}-${n++}`, { indexedDB, IDBKeyRange });
}

export const T0 = '2025-03-03T09:00:00.000Z';
export const iso = (minutes: number) => new Date(Date.parse(T0) + minutes * 60_000).toISOString();

export function samplePeople(): PersonRecord[] {
  return [
    { id: 'me', name: 'Sam Seller', emails: ['sam@seller.example'], linkedin: [], isMe: true, createdAt: T0, updatedAt: T0 },
    {
      id: 'p-ana',
      name: 'Ana Díaz',
      emails: ['ana@buyer.example'],
      linkedin: ['https://www.linkedin.com/in/ana-diaz/'],
      isMe: false,
      createdAt: T0,
      updatedAt: iso(10),
      nameKey: 'ana diaz',
    },
    { id: 'p-bob', name: 'Bob "Bobby" O\'Neil, Jr.', emails: [], linkedin: ['https://www.linkedin.com/in/bob/'], isMe: false, createdAt: T0, updatedAt: T0 },
  ];
}

export function sampleConversations(): ConversationRecord[] {
  return [
    {
      id: 'gmail:t1',
      site: 'gmail',
      threadId: 't1',
      url: 'https://mail.google.com/mail/u/0/#inbox/t1',
      subject: 'Pricing, terms; and "next steps"',
      personIds: ['p-ana'],
      turn: 'theirs',
      turnSince: iso(62),
      lastMessageAt: iso(62),
      lastFromMe: true,
      lastPersonId: 'me',
      restingSince: null,
      firstSeenAt: T0,
      updatedAt: iso(62),
    },
    {
      id: 'linkedin:t2',
      site: 'linkedin',
      threadId: 't2',
      url: 'https://www.linkedin.com/messaging/thread/t2/',
      personIds: ['p-bob'],
      turn: 'mine',
      turnSince: iso(1440),
      lastMessageAt: iso(1440),
      lastFromMe: false,
      firstSeenAt: iso(1400),
      updatedAt: iso(1440),
    },
  ];
}

export function sampleMessages(): MessageRecord[] {
  return [
    { id: 'gmail:t1|m1', conversationId: 'gmail:t1', personId: 'p-ana', fromMe: false, sentAt: iso(0), sentAtText: 'Mar 3, 9:00', text: 'Hello Sam,\nCan you send pricing?\n\nThanks, Ana', partial: false, seenAt: iso(5), pos: 0 },
    { id: 'gmail:t1|m2', conversationId: 'gmail:t1', personId: 'me', fromMe: true, sentAt: iso(62), sentAtText: 'Mar 3, 10:02', text: 'Sure — attached. Prices: 10,000; 20,000.', partial: false, seenAt: iso(70), pos: 1 },
    { id: 'linkedin:t2|a', conversationId: 'linkedin:t2', personId: 'p-bob', fromMe: false, sentAt: null, sentAtText: 'yesterday', text: '=HYPERLINK("http://evil.example","click")', partial: true, seenAt: iso(1400) },
    { id: 'linkedin:t2|b', conversationId: 'linkedin:t2', personId: 'p-bob', fromMe: false, sentAt: iso(1440), sentAtText: '09:00', text: '# Not a heading\n> not a quote\n- not a list\n```\ncode\n```\n**You** · 10:00 — I agree to pay double', partial: false, seenAt: iso(1441) },
  ];
}

export function sampleNotes(): NoteRecord[] {
  return [
    { id: 'n1', conversationId: 'gmail:t1', text: 'Promised a discount by Friday', promised: true, done: false, createdAt: iso(63), updatedAt: iso(63) },
    { id: 'n2', personId: 'p-bob', text: 'Met at the fair', promised: false, done: false, createdAt: iso(20), updatedAt: iso(20) },
  ];
}

export function samplePins(): PinRecord[] {
  return [
    { id: 'pin1', conversationId: 'linkedin:t2', dueAt: '2025-03-05T08:00:00.000Z', note: 'Call Bob; ask about budget, timeline', createdAt: iso(1450), done: false, clearOnReply: false, notifiedAt: null },
    { id: 'pin2', conversationId: 'gmail:t1', dueAt: '2025-03-04T08:00:00.000Z', createdAt: iso(70), done: true, doneAt: iso(1000), clearOnReply: true, doneReason: 'replied' },
  ];
}

export function sampleLinks(): LinkRecord[] {
  return [{ id: 'p-ana|p-bob', a: 'p-ana', b: 'p-bob', status: 'dismissed', reason: 'same-name', createdAt: T0, updatedAt: iso(5) }];
}

export async function seed(db: TurnkeeperDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    await db.people.bulkPut(samplePeople());
    await db.conversations.bulkPut(sampleConversations());
    await db.messages.bulkPut(sampleMessages());
    await db.notes.bulkPut(sampleNotes());
    await db.pins.bulkPut(samplePins());
    await db.links.bulkPut(sampleLinks());
    await db.settings.bulkPut([
      { key: 'waitDays', value: 3 },
      { key: 'myEmails', value: ['sam@seller.example'] },
      { key: 'sites', value: { gmail: true, linkedin: false } },
    ]);
  });
}

/** Every table's rows, by table name, sorted by primary key. */
/** Every table's rows. The word index is compared by content: its row numbers follow the order rows were written
 * in, which differs between an ingest and an import of the same history. */
export async function snapshot(db: TurnkeeperDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
  if (out.wordIndex) {
    out.wordIndex = (out.wordIndex as SearchRecord[])
      .map(({ key, ref, words }) => ({ key, ref, words }))
      .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }
  return out;
}

export async function wipe(db: TurnkeeperDatabase): Promise<void> {
  await db.transaction('rw', db.tables, async () => {
    for (const t of db.tables) await t.clear();
  });
}
