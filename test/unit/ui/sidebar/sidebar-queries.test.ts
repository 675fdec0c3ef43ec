// The sidebar's own reads and its one write (the row of an unreadable page), on fake-indexeddb; and that the
// conversation query is live: a note or a pin made anywhere re-runs it.
import 'fake-indexeddb/auto'; // liveQuery needs the globals
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { liveQuery } from 'dexie';
import { describe, expect, it } from 'vitest';
import { TurnkeeperDatabase } from '../../../../src/db/database';
import { addNote, addPin } from '../../../../src/db/actions';
import { ingestSnapshot } from '../../../../src/db/ingest';
import type { ThreadSnapshot } from '../../../../src/sites/types';
import { ensurePageConversation, loadPageNotes, pageConversationId, pageKey } from '../../../../src/db';
import { loadConversation, GENERAL_LIST_LIMIT, loadGeneral } from '../../../../src/ui/sidebar/sidebar-queries';

let n = 0;
const openDb = () => new TurnkeeperDatabase(`sidebar-test-${process.pid}-${n++}`, { indexedDB, IDBKeyRange });
const NOW = new Date('2026-11-18T10:00:00.000Z');
const ME = { name: 'Sam', email: 'sam@northwind.example', isMe: true };
const DANA = { name: 'Dana Whitfield', email: 'dana@acme.example', isMe: false };

const thread: ThreadSnapshot = {
  site: 'gmail',
  threadId: '19a0c0ffee000001',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1',
  subject: 'Pilot pricing',
  participants: [ME, DANA],
  messages: [
    { id: 'a', from: ME, sentAt: '2026-11-13T09:00:00.000Z', sentAtText: '', text: 'Proposal attached', partial: false },
    { id: 'b', from: DANA, sentAt: '2026-11-17T09:00:00.000Z', sentAtText: '', text: 'Pricing for 40 seats?', partial: false },
  ],
};

async function next<T>(values: T[], count: number): Promise<void> {
  for (let i = 0; i < 100 && values.length < count; i++) await new Promise((r) => setTimeout(r, 10));
}

describe('sidebar queries', () => {
  it('loads the running record of a conversation', async () => {
    const db = openDb();
    await ingestSnapshot(db, thread, { now: NOW, myIdentities: [ME.email] });
    const view = await loadConversation(db, 'gmail:19a0c0ffee000001', NOW);
    expect(view?.timeline.conversation.turn).toBe('mine');
    expect(view?.timeline.messages.map((m) => m.text)).toEqual(['Proposal attached', 'Pricing for 40 seats?']);
    expect(view?.timeline.people.map((p) => p.name)).toEqual(['Dana Whitfield']);
    expect(await loadConversation(db, 'gmail:nope', NOW)).toBeNull();
    const general = await loadGeneral(db, NOW);
    expect(general.mine.map((c) => c.id)).toEqual(['gmail:19a0c0ffee000001']);
  });

  it('lists the head of what is owed, oldest first, and counts the rest', async () => {
    const db = openDb();
    const owed = Array.from({ length: 11 }, (_, i) => ({
      ...thread,
      threadId: `19a0c0ffee1000${String(i).padStart(2, '0')}`,
      messages: thread.messages.map((m) => ({ ...m, id: `${m.id}-${i}`, sentAt: m.sentAt && new Date(Date.parse(m.sentAt) - i * 3_600_000).toISOString() })),
    }));
    for (const t of owed) await ingestSnapshot(db, t, { now: NOW, myIdentities: [ME.email] });
    // Eleven pins due (one an hour earlier each), and one not yet due, which the sidebar does not list.
    for (const [i, t] of owed.entries()) {
      await addPin(db, { conversationId: `gmail:${t.threadId}`, dueAt: new Date(NOW.getTime() - (i + 1) * 3_600_000).toISOString() }, NOW);
    }
    await addPin(db, { conversationId: `gmail:${owed[0]!.threadId}`, dueAt: '2026-11-20T08:00:00.000Z' }, NOW);
    const general = await loadGeneral(db, NOW);
    expect(general.counts).toEqual({ pinsDue: 11, mine: 11, followUp: 0 });
    // Oldest due first, the head only, each with its conversation's view.
    expect(general.pinsDue.map((p) => p.conversation.id)).toEqual(
      owed.slice(-GENERAL_LIST_LIMIT).reverse().map((t) => `gmail:${t.threadId}`),
    );
    expect(general.mine).toHaveLength(GENERAL_LIST_LIMIT);
    // Oldest owed first: the thread whose last message is the oldest (i = 10) leads.
    expect(general.mine.map((c) => c.id)).toEqual(owed.slice(-GENERAL_LIST_LIMIT).reverse().map((t) => `gmail:${t.threadId}`));
  });

  it('is live: a new note and a new pin re-run the conversation query', async () => {
    const db = openDb();
    await ingestSnapshot(db, thread, { now: NOW, myIdentities: [ME.email] });
    const seen: { notes: number; pins: number }[] = [];
    const errors: unknown[] = [];
    // As useLiveQuery runs it: an async querier (see src/ui/components/use-live-query.ts).
    const sub = liveQuery(async () => await loadConversation(db, 'gmail:19a0c0ffee000001', NOW)).subscribe({
      next: (v) => seen.push({ notes: v?.timeline.notes.length ?? -1, pins: v?.timeline.pins.length ?? -1 }),
      error: (e) => errors.push(e),
    });
    await next(seen, 1);
    await addNote(db, { conversationId: 'gmail:19a0c0ffee000001', text: 'SSO?' }, NOW);
    await next(seen, 2);
    await addPin(db, { conversationId: 'gmail:19a0c0ffee000001', dueAt: '2026-11-19T08:00:00.000Z' }, NOW);
    await next(seen, 3);
    sub.unsubscribe();
    expect(errors).toEqual([]);
    expect(seen.at(-1)).toEqual({ notes: 1, pins: 1 });
  });

  it('keys an unreadable page by its stable URL and keeps its notes', async () => {
    expect(pageKey('gmail', 'https://mail.google.com/mail/u/0/#inbox/19a0c0ffee00dead')).toBe(
      'https://mail.google.com/mail/u/0/#all/19a0c0ffee00dead',
    );
    expect(pageKey('gmail', 'https://mail.google.com/mail/u/0/#label/clients/19a0c0ffee00dead?compose=new')).toBe(
      'https://mail.google.com/mail/u/0/#all/19a0c0ffee00dead',
    );
    expect(pageKey('linkedin', 'https://www.linkedin.com/messaging/thread/2-abc?x=1#y')).toBe(
      'https://www.linkedin.com/messaging/thread/2-abc/',
    );
    const db = openDb();
    const url = 'https://mail.google.com/mail/u/0/#inbox/19a0c0ffee00dead';
    expect((await loadPageNotes(db, 'gmail', url)).exists).toBe(false);
    const id = await ensurePageConversation(db, 'gmail', url, NOW);
    expect(id).toBe(pageConversationId('gmail', url));
    expect(await ensurePageConversation(db, 'gmail', url, NOW)).toBe(id);
    await addNote(db, { conversationId: id, text: 'Contract forwarded here' }, NOW);
    const page = await loadPageNotes(db, 'gmail', 'https://mail.google.com/mail/u/0/#search/x/19a0c0ffee00dead');
    expect(page.exists).toBe(true);
    expect(page.notes.map((note) => note.text)).toEqual(['Contract forwarded here']);
    // The row is in no turn list.
    const general = await loadGeneral(db, NOW);
    expect([...general.mine, ...general.followUp].map((c) => c.id)).not.toContain(id);
    const row = await db.conversations.get(id);
    expect(row).toMatchObject({ site: 'gmail', threadId: `url:${pageKey('gmail', url)}`, personIds: [], lastMessageAt: null });
  });
});
