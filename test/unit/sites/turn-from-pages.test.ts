// @vitest-environment happy-dom
// From the page to the turn: hand-written fixtures read by the adapters, ingested into a database, and the turn the
// user would see. A voice note, a file or a photo with no words counts for the turn like a sentence; a sponsored
// conversation or a LinkedIn notice is never "your turn".
import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { ingestSnapshots } from '../../../src/db/ingest';
import { linkedin } from '../../../src/sites/linkedin';
import { makeDb } from '../db/helpers';
import { NOW, fixture, threadPage } from './linkedin/fixtures';

const KINDS = 'b6d1f4a2-9c3e-4f7a-8b2d-5e0c1a3f6d97_010';

/** The kinds page with only its first `n` messages loaded. */
function kindsUpTo(n: number): Document {
  const doc = fixture('2026-11-thread-kinds-en.html');
  for (const li of Array.from(doc.querySelectorAll('li.msg-s-message-list__event')).slice(n)) li.remove();
  return doc;
}

async function turnOf(doc: Document, url: URL) {
  const read = linkedin.readThreads(doc, url, NOW);
  const db = makeDb();
  await ingestSnapshots(db, read.threads, { now: NOW, myIdentities: read.me?.profileUrls ?? [] });
  const conversations = await db.conversations.toArray();
  const messages = await db.messages.toArray();
  db.close();
  return { read, conversations, messages };
}

describe('the turn, from hand-written pages', () => {
  test.each([
    ['their voice note is the last message', 2, 'mine'],
    ['my voice note (my only message) is the last message', 3, 'theirs'],
    ['their file is the last message', 7, 'mine'],
    ['their call notice is the last message', 11, 'mine'],
  ])('%s', async (_name, n, turn) => {
    const { conversations, messages } = await turnOf(kindsUpTo(n), threadPage(KINDS));
    expect(messages).toHaveLength(n);
    expect(conversations.map((c) => c.turn)).toEqual([turn]);
  });

  test('the attachment reaches the record, so the sidebar can word it', async () => {
    const { messages } = await turnOf(kindsUpTo(7), threadPage(KINDS));
    const byTime = [...messages].sort((a, b) => a.sentAt!.localeCompare(b.sentAt!));
    expect(byTime.map((m) => m.attachment?.kind ?? null)).toEqual([null, 'voice', 'voice', 'image', 'gif', 'sticker', 'file']);
    expect(byTime[6]!.attachment).toEqual({ kind: 'file', name: 'proposal.pdf' });
    expect(byTime[2]!.fromMe).toBe(true);
  });

  test('sponsored, LinkedIn Offer and system conversations are recorded as such and never my turn; InMail is', async () => {
    const url = threadPage('5f7a9c1e-3b5d-4f7a-8c9e-1a3b5c7d9e2f_010');
    const { read, conversations } = await turnOf(fixture('2026-11-thread-sponsored-offer-inmail-en.html'), url);
    const byThread = new Map(conversations.map((c) => [c.threadId, c]));
    expect(read.threads.map((t) => [byThread.get(t.threadId)!.kind ?? null, byThread.get(t.threadId)!.turn])).toEqual([
      ['sponsored', 'resting'],
      ['sponsored', 'resting'],
      ['system', 'resting'],
      [null, 'mine'],
    ]);
  });
});
