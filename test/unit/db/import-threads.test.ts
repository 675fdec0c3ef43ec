// @vitest-environment happy-dom
// Storing imported history (issue 16): the conversations the history pipeline reads from generated Takeout mboxes and
// messages.csv files (hand-written generators, test/unit/history/generators) meet the conversations the site adapters
// read from dated fixture pages, in either order, and every message is held once.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { importThreads, ingestSnapshot, type TurnkeeperDatabase } from '../../../src/db';
import { sameLinkedInTime } from '../../../src/db/ingest';
import { HistoryError } from '../../../src/history/errors';
import { run } from '../../../src/history/pipeline';
import type { HistoryOptions, ImportedThread } from '../../../src/history/types';
import { gmail as gmailAdapter } from '../../../src/sites/gmail';
import { linkedin as linkedinAdapter } from '../../../src/sites/linkedin';
import type { ThreadSnapshot } from '../../../src/sites/types';
import { messagesCsv, type Row } from '../history/generators/linkedin';
import { gmailId, mbox, plainBody, sampleAccount, type GenMessage } from '../history/generators/takeout';
import { load as loadGmail, NOW as GMAIL_NOW, url as gmailUrl } from '../sites/gmail/helpers';
import { fixtureHtml, NOW as LINKEDIN_NOW, parse } from '../sites/linkedin/fixtures';
import { dump, makeDb } from './helpers';

async function imported(files: File[], options: HistoryOptions = {}): Promise<ImportedThread[]> {
  const out: ImportedThread[] = [];
  await run(files, options, (b) => void out.push(...b.threads));
  return out;
}

async function messagesOf(db: TurnkeeperDatabase, conversationId: string) {
  return (await db.messages.where('conversationId').equals(conversationId).toArray()).sort((a, b) =>
    (a.sentAt ?? '').localeCompare(b.sentAt ?? ''),
  );
}

describe('importThreads: a generated Takeout mbox', () => {
  const NOW = new Date(Date.UTC(2024, 2, 5, 12));
  const file = () => new File([mbox(sampleAccount()) as Uint8Array<ArrayBuffer>], 'All mail Including Spam and Trash.mbox');

  it('stores whole conversations with the turn worked out, and importing again changes nothing', async () => {
    const db = makeDb();
    const threads = await imported([file()]);
    const first = await importThreads(db, threads, { now: NOW, myIdentities: ['me@seller.test'] });
    expect(first.added).toBe(2);
    expect(first.conversations).toHaveLength(1);
    // Dana answered last: my turn.
    expect(first.conversations[0]!.turn).toBe('mine');
    const before = await dump(db);
    const again = await importThreads(db, await imported([file()]), { now: NOW, myIdentities: ['me@seller.test'] });
    expect(again).toMatchObject({ added: 0, updated: 0 });
    expect(await dump(db)).toEqual(before);
  });

  it('joins people by address with those already known (one Dana, whatever the case of her address)', async () => {
    const db = makeDb();
    await importThreads(db, await imported([file()]), { now: NOW, myIdentities: [] });
    const people = await db.people.toArray();
    expect(people.filter((p) => p.emails.includes('dana@buyer.test'))).toHaveLength(1);
    // Me: the sender of mail labelled Sent is the user's own row, not a contact.
    expect(people.filter((p) => p.emails.includes('me@seller.test')).map((p) => p.id)).toEqual(['me']);
  });
});

describe('importThreads: one record with the Gmail adapter (fixture 2026-11-thread-one-message-en)', () => {
  // The fixture's legacy thread and message id is 19a3c5e7f9b1d203: Takeout writes it in decimal.
  const decimal = BigInt('0x19a3c5e7f9b1d203').toString();
  const replyId = gmailId(Date.UTC(2026, 10, 3, 10, 0, 0), 7);
  const takeout = () =>
    new File(
      [
        mbox([
          { id: decimal, thrid: decimal, labels: 'Inbox,Opened', from: 'Maria Lopez <maria.lopez@acme-corp.example>', to: 'alex.seller@example.com', subject: 'Pricing for 25 seats', date: 'Tue, 03 Nov 2026 09:12:00 +0000', mime: plainBody('Hi Alex,\n\nThanks for the demo yesterday. Could you send the pricing for 25 seats?\nWe would start in January.\n\nBest,\nMaria\n') },
          { id: replyId, thrid: decimal, labels: 'Sent', from: 'Alex <alex.seller@example.com>', to: 'maria.lopez@acme-corp.example', subject: 'Re: Pricing for 25 seats', mime: plainBody('Sending it today.') },
        ]) as Uint8Array<ArrayBuffer>,
      ],
      'mail.mbox',
    );
  const captured = (): ThreadSnapshot => {
    const r = gmailAdapter.readThreads(loadGmail('2026-11-thread-one-message-en.html'), gmailUrl(), GMAIL_NOW, []);
    return r.threads[0]!;
  };

  for (const order of ['captured, then imported', 'imported, then captured'] as const) {
    it(`${order}: each message once, the reply makes it their turn`, async () => {
      const db = makeDb();
      const page = captured();
      const threads = await imported([takeout()]);
      expect(threads.map((t) => t.threadId)).toEqual([page.threadId]);
      const context = { now: GMAIL_NOW, myIdentities: ['alex.seller@example.com'] };
      if (order === 'captured, then imported') {
        await ingestSnapshot(db, page, context);
        await importThreads(db, threads, context);
      } else {
        await importThreads(db, threads, context);
        await ingestSnapshot(db, page, context);
      }
      expect(await db.conversations.count()).toBe(1);
      const messages = await messagesOf(db, 'gmail:19a3c5e7f9b1d203');
      expect(messages.map((m) => m.fromMe)).toEqual([false, true]);
      expect((await db.conversations.get('gmail:19a3c5e7f9b1d203'))!.turn).not.toBe('mine');
      expect((await db.people.toArray()).filter((p) => p.emails.includes('maria.lopez@acme-corp.example'))).toHaveLength(1);
    });
  }
});

describe('importThreads: one record with the LinkedIn adapter (fixture 2026-11-thread-full-page-en)', () => {
  // The fixture's conversation, and the messages.csv rows LinkedIn's export would hold for it: the same sender, text
  // and time to the second (the page's URNs carry milliseconds), and no URN.
  const CONVERSATION = '2-N2YzYTJjOWItMWU4NC00ZDJlLTliNjEtMGE1ZTNjN2Q5ZjEyXzAxMA==';
  const JANE = 'https://www.linkedin.com/in/jane-doe-4a1b2c';
  const ALEX = 'https://www.linkedin.com/in/ACoAAB1xMeAl3xRvr';
  const captured = (): ThreadSnapshot => {
    const html = fixtureHtml('2026-11-thread-full-page-en.html');
    const r = linkedinAdapter.readThreads(parse(html), new URL(`https://www.linkedin.com/messaging/thread/${CONVERSATION}/`), LINKEDIN_NOW);
    return r.threads[0]!;
  };
  const csv = (page: ThreadSnapshot) => {
    // A message that is only a file, a photo or a shared post has no CONTENT in the export; the page describes it.
    const rows: Row[] = page.messages.map((m) => ({
      conversation: CONVERSATION,
      from: m.from.name,
      senderUrl: m.from.isMe ? ALEX : JANE,
      to: m.from.isMe ? 'Jane Doe' : 'Alex Rivera',
      recipientUrls: m.from.isMe ? JANE : ALEX,
      date: m.sentAt!.slice(0, 19).replace('T', ' ') + ' UTC',
      content: m.attachment && m.attachment.kind !== 'link' ? '' : m.text,
    }));
    rows.reverse(); // the export lists the newest first
    return new File([messagesCsv(rows, 11)], 'messages.csv');
  };

  for (const order of ['captured, then imported', 'imported, then captured'] as const) {
    it(`${order}: each message once (same side, second and text; an attachment by side and second), one Jane`, async () => {
      const db = makeDb();
      const page = captured();
      const attachments = page.messages.filter((m) => m.attachment).length;
      expect(page.messages.map((m) => m.text)).toContain('File: Turnkeeper-overview.pdf');
      const threads = await imported([csv(page)], { myProfileUrl: ALEX });
      expect(threads.map((t) => t.threadId)).toEqual([page.threadId]);
      const context = { now: LINKEDIN_NOW, myIdentities: [ALEX + '/'] };
      if (order === 'captured, then imported') {
        await ingestSnapshot(db, page, context);
        await importThreads(db, threads, context);
      } else {
        await importThreads(db, threads, context);
        await ingestSnapshot(db, page, context);
      }
      expect(await db.conversations.count()).toBe(1);
      const messages = await messagesOf(db, `linkedin:${page.threadId}`);
      expect(messages).toHaveLength(page.messages.length);
      expect(new Set(messages.map((m) => `${m.sentAt!.slice(0, 16)} ${m.text}`)).size).toBe(page.messages.length);
      // The page's description of an attachment stands for the export's empty row, whichever came first.
      expect(messages.map((m) => m.text)).toContain('File: Turnkeeper-overview.pdf');
      expect(messages.filter((m) => !m.text)).toEqual([]);
      expect(messages.filter((m) => m.attachment)).toHaveLength(attachments);
      // The page shows Jane's /in/<slug> in its header: the export's Jane (that slug) joins her.
      const janes = (await db.people.toArray()).filter((p) => p.linkedin.some((u) => u.includes('jane-doe-4a1b2c')));
      expect(janes).toHaveLength(1);
      // Whose turn: as the page alone says (the last message of the page is Jane's).
      const alone = makeDb();
      await ingestSnapshot(alone, page, context);
      expect((await db.conversations.toArray())[0]!.turn).toBe((await alone.conversations.toArray())[0]!.turn);
      // Importing the same file once more adds nothing.
      const again = await importThreads(db, threads, context);
      expect(again.added).toBe(0);
    });
  }
});

describe('importThreads: cancelled half-way, then imported again', () => {
  // 30 threads of three messages each (mine, theirs, mine), interleaved in the file as Takeout scatters threads.
  const start = Date.UTC(2023, 5, 1, 8);
  const messages: GenMessage[] = [];
  for (let round = 0; round < 3; round++) {
    for (let k = 0; k < 30; k++) {
      const thrid = gmailId(start + k * 60_000, 100 + k);
      const id = round === 0 ? thrid : gmailId(start + k * 60_000 + round * 3_600_000, 1000 * round + k);
      const mine = round !== 1;
      messages.push({ id, thrid, labels: mine ? 'Sent' : 'Inbox', from: mine ? 'Me <me@seller.test>' : `Buyer ${k} <b${k}@buyer.test>`, to: mine ? `b${k}@buyer.test` : 'me@seller.test', subject: `Deal ${k}`, mime: plainBody(`Round ${round} of deal ${k}`) });
    }
  }
  const file = () => new File([mbox(messages) as Uint8Array<ArrayBuffer>], 'All mail.mbox');

  it('holds whole conversations only after a cancel, and the second import completes them without duplicates', async () => {
    const db = makeDb();
    const context = { now: new Date(Date.UTC(2023, 5, 2)), myIdentities: ['me@seller.test'] };
    const abort = new AbortController();
    let batches = 0;
    await expect(
      run([file()], { signal: abort.signal, batchSize: 4 }, async (batch) => {
        // As the import Worker does (src/history/worker.ts): a batch after the cancel is not handed over.
        if (abort.signal.aborted) throw new HistoryError('historyCancelled', 'All mail.mbox');
        await importThreads(db, batch.threads, context);
        if (++batches === 2) abort.abort(); // the user cancels while the second batch is being stored
      }),
    ).rejects.toMatchObject({ code: 'historyCancelled' });
    const partial = await db.conversations.count();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(30);
    for (const c of await db.conversations.toArray()) expect(await db.messages.where('conversationId').equals(c.id).count()).toBe(3);

    await run([file()], {}, async (batch) => void (await importThreads(db, batch.threads, context)));
    expect(await db.conversations.count()).toBe(30);
    expect(await db.messages.count()).toBe(90);
    expect(new Set((await db.conversations.toArray()).map((c) => c.turn))).toEqual(new Set(['theirs']));
  });
});

describe('sameLinkedInTime: one LinkedIn message read from the page (URN: ms; no URN: minute) and from the export (s)', () => {
  it('agrees to the second, or within the minute when one side knew only the minute', () => {
    expect(sameLinkedInTime('2026-11-03T15:02:41.512Z', '2026-11-03T15:02:41.000Z')).toBe(true);
    expect(sameLinkedInTime('2026-11-03T15:02:42.000Z', '2026-11-03T15:02:41.000Z')).toBe(false);
    expect(sameLinkedInTime('2026-11-03T15:02:00.000Z', '2026-11-03T15:02:41.000Z')).toBe(true);
    expect(sameLinkedInTime('2026-11-03T15:03:00.000Z', '2026-11-03T15:02:41.000Z')).toBe(false);
  });
});
