// Gmail Takeout import end to end in the pure pipeline, on generated mboxes (hand-written generator, Takeout layout
// of December 2026): what becomes a conversation, what is left out and why, and ids identical to the adapter's.
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { hexId, syncId } from '../../../src/sites/gmail/ids';
import { HistoryError } from '../../../src/history/errors';
import { plan, run } from '../../../src/history/pipeline';
import type { Batch, ImportedThread } from '../../../src/history/types';
import { writeZip } from './generators/zip64';
import { encodedWord, gmailId, mbox, plainBody, sampleAccount, type GenMessage } from './generators/takeout';

const file = (bytes: Uint8Array | string, name = 'All mail Including Spam and Trash.mbox') =>
  new File([typeof bytes === 'string' ? bytes : (bytes as Uint8Array<ArrayBuffer>)], name);

async function importAll(files: File[], options = {}): Promise<{ threads: ImportedThread[]; batches: Batch[] }> {
  const batches: Batch[] = [];
  await run(files, options, (b) => void batches.push(b));
  return { threads: batches.flatMap((b) => b.threads), batches };
}

describe('Gmail Takeout import (generated mbox)', () => {
  it('imports the thread I wrote in, leaves the newsletter and the spam out, and says why', async () => {
    const f = file(mbox(sampleAccount()));
    const p = await plan([f]);
    expect(p.summary.files[0]).toMatchObject({ kind: 'mbox', problems: [] });
    expect(p.summary.gmail).toMatchObject({ conversations: 1, messages: 2, leftOut: { bulk: 1, spam: 1 }, me: ['me@seller.test'] });
    expect(p.summary.gmail.ownerCandidates).toEqual([{ address: 'me@seller.test', sent: 1 }]);
    expect(p.summary.gmail.from).toBe('2024-03-01T09:00:00.000Z');
    expect(p.summary.gmail.to).toBe('2024-03-01T10:00:00.000Z');

    const { threads } = await importAll([f]);
    expect(threads).toHaveLength(1);
    const t = threads[0]!;
    expect(t.subject).toBe('Proposal');
    expect(t.messages.map((m) => [m.from.email, m.from.isMe, m.text])).toEqual([
      ['me@seller.test', true, 'Here is the proposal.'],
      ['dana@buyer.test', false, 'Thanks, looks good.'],
    ]);
    expect(t.messages.every((m) => m.partial === false)).toBe(true);
    expect(t.participants).toEqual([
      { name: 'Me Seller', email: 'me@seller.test', isMe: true },
      { name: 'Lee, Dana', email: 'dana@buyer.test', isMe: false },
    ]);
  });

  it('gives ids above 2^53 exactly the adapter’s thread and message ids and the #all/<hex> URL', async () => {
    const thrid = '1872158555841721906'; // docs/imports.md: #thread-f:1872158555841721906 ↔ 19fb3e4994277632
    const msgId = '1833215463084471980';
    const f = file(mbox([{ id: msgId, thrid, labels: 'Sent', from: 'me@x.test', to: 'a@y.test', mime: plainBody('hi') }]));
    const { threads } = await importAll([f]);
    expect(threads[0]!.threadId).toBe('19fb3e4994277632');
    expect(threads[0]!.threadId).toBe(hexId('19FB3E4994277632')); // as read from data-legacy-thread-id
    expect(threads[0]!.threadId).toBe(syncId('#thread-f:' + thrid, 'thread')); // as read from data-thread-perm-id
    expect(threads[0]!.messages[0]!.id).toBe(syncId('#msg-f:' + msgId, 'msg')); // data-message-id="#msg-f:…"
    expect(threads[0]!.messages[0]!.id).toBe(hexId(BigInt(msgId).toString(16))); // data-legacy-message-id
    expect(threads[0]!.url).toBe('https://mail.google.com/mail/u/0/#all/19fb3e4994277632');
    expect(threads[0]!.messages[0]!.sentAt).toBe(new Date(Number(BigInt(msgId) >> 20n)).toISOString());
  });

  it('never imports spam, trash, drafts or chats, in English or localised, and counts them', async () => {
    const t = Date.UTC(2023, 0, 1);
    const one = (low: number, labels: string): GenMessage => ({ id: gmailId(t + low * 1000, low), thrid: gmailId(t + low * 1000, low), labels, from: 'Me <me@x.test>', to: 'p@y.test' });
    const f = file(
      mbox([
        one(1, 'Sent'),
        one(2, 'Sent,Trash'),
        one(3, 'Corbeille,Sent'),
        one(4, 'Drafts'),
        one(5, 'Brouillons'),
        one(6, 'Chat'),
        one(7, 'Spam,Sent'),
        one(8, '"Work, Trash",Sent'), // a user label that merely contains the word
      ]),
    );
    const p = await plan([f], { myAddresses: ['ME@x.test'] });
    expect(p.summary.gmail.conversations).toBe(2);
    expect(p.summary.gmail.leftOut).toEqual({ trash: 2, drafts: 2, chats: 1, spam: 1 });
  });

  it('tells bulk from people by each signal, and counts inbound threads from people separately', async () => {
    const t = Date.UTC(2023, 5, 1);
    let low = 0;
    const inbound = (from: string, headers: string[] = [], labels = 'Inbox'): GenMessage => {
      low++;
      const id = gmailId(t + low * 1000, low);
      return { id, thrid: id, labels, from, to: 'me@x.test', headers };
    };
    const messages = [
      inbound('Dana <dana@y.test>'),
      inbound('News <news@y.test>', ['List-Id: <news.y.test>']),
      inbound('News <news@y.test>', ['List-Unsubscribe: <https://y.test/u>']),
      inbound('Bot <bot@y.test>', ['Precedence: bulk']),
      inbound('Bot <bot@y.test>', ['Auto-Submitted: auto-generated']),
      inbound('Ann <ann@y.test>', ['Auto-Submitted: no']),
      inbound('Calendar <calendar-noreply@google.test>'),
      inbound('Shop <shop@y.test>', [], 'Category Social'),
      inbound('Forum <f@y.test>', [], 'Inbox,Category forums'),
    ];
    const f = file(mbox(messages));
    const p = await plan([f], { myAddresses: ['me@x.test'] });
    expect(p.summary.gmail).toMatchObject({ conversations: 2, inboundConversations: 2, leftOut: { bulk: 7 } });
    const off = await plan([f], { myAddresses: ['me@x.test'], includeInbound: false });
    expect(off.summary.gmail).toMatchObject({ conversations: 0, leftOut: { bulk: 7, inbound: 2 } });
    const { threads } = await importAll([f], { myAddresses: ['me@x.test'] });
    expect(threads.map((x) => [x.messages[0]!.from.email, x.inbound])).toEqual([
      ['dana@y.test', true],
      ['ann@y.test', true],
    ]);
  });

  it('guesses "me" from mail labelled Sent (localised too) and marks me in a thread where I used another alias', async () => {
    const t = Date.UTC(2022, 1, 1);
    const a = gmailId(t, 1);
    const f = file(
      mbox([
        { id: a, thrid: a, labels: encodedWord('Messages envoyés', 'Q'), from: 'Sam <sam@work.test>', to: 'p@y.test' },
        { id: gmailId(t + 5000, 2), thrid: a, labels: 'Inbox', from: 'P <p@y.test>', to: 'sam@work.test' },
      ]),
    );
    const p = await plan([f]);
    expect(p.summary.gmail.me).toEqual(['sam@work.test']);
    expect(p.summary.gmail.conversations).toBe(1);
  });

  it('reads CRLF and LF files alike, and a message held in two label mboxes once', async () => {
    const crlf = file(mbox(sampleAccount(), '\r\n'), 'Inbox.mbox');
    const lf = file(mbox(sampleAccount(), '\n'), 'Sent.mbox');
    const p = await plan([crlf, lf]);
    expect(p.summary.gmail).toMatchObject({ conversations: 1, messages: 2, leftOutMessages: { duplicate: 3 } }); // the newsletter's copy too
    const { threads } = await importAll([crlf, lf]);
    expect(threads).toHaveLength(1);
    expect(threads[0]!.messages).toHaveLength(2);
  });

  it('hands a thread over as soon as its last message is read, in batches of whole conversations', async () => {
    const t = Date.UTC(2021, 0, 1);
    const msgs: GenMessage[] = [];
    for (let k = 1; k <= 5; k++) {
      const id = gmailId(t + k * 60_000, k);
      msgs.push({ id, thrid: id, labels: 'Sent', from: 'me@x.test', to: `p${k}@y.test`, subject: `T${k}` });
    }
    const { batches } = await importAll([file(mbox(msgs))], { batchSize: 2 });
    expect(batches.map((b) => b.threads.map((x) => x.subject))).toEqual([['T1', 'T2'], ['T3', 'T4'], ['T5']]);
  });

  it('caps a batch by messages too, never splitting a conversation: a long one goes alone', async () => {
    const t = Date.UTC(2021, 0, 1);
    const msgs: GenMessage[] = [];
    // T1: 1 message, T2: 4 messages (longer than the cap of 3), T3 and T4: 1 message each.
    for (const [k, size] of [[1, 1], [2, 4], [3, 1], [4, 1]] as const) {
      const thrid = gmailId(t + k * 600_000, k * 10);
      for (let m = 0; m < size; m++) {
        const id = m === 0 ? thrid : gmailId(t + k * 600_000 + m * 60_000, k * 10 + m);
        msgs.push({ id, thrid, labels: 'Sent', from: 'me@x.test', to: `p${k}@y.test`, subject: `T${k}` });
      }
    }
    const { batches } = await importAll([file(mbox(msgs))], { batchSize: 10, batchMessages: 3 });
    expect(batches.map((b) => b.threads.map((x) => `${x.subject}:${x.messages.length}`))).toEqual([
      ['T1:1'],
      ['T2:4'],
      ['T3:1', 'T4:1'],
    ]);
  });

  it('orders a thread by time and takes the oldest message’s subject, whatever the file order', async () => {
    const msgs = sampleAccount().slice(0, 2).reverse(); // the reply first in the file
    const { threads } = await importAll([file(mbox(msgs))]);
    expect(threads[0]!.subject).toBe('Proposal');
    expect(threads[0]!.messages.map((m) => m.from.isMe)).toEqual([true, false]);
  });

  it('leaves out conversations older than `since`', async () => {
    const p = await plan([file(mbox(sampleAccount(Date.UTC(2019, 0, 1))))], { since: '2020-01-01T00:00:00Z' });
    expect(p.summary.gmail).toMatchObject({ conversations: 0, leftOut: { older: 1 } });
  });

  it('keeps a message of a truncated mbox and says the file ends mid-message', async () => {
    const whole = mbox(sampleAccount());
    const inBody = await plan([file(whole.subarray(0, whole.length - 6))]);
    expect(inBody.summary.files[0]!.problems).toEqual([]); // cut in the last body: nothing to tell from the headers
    expect(inBody.summary.gmail.conversations).toBe(1);
    const headCut = new TextEncoder().encode('From 1833215463084471980@xxx Mon May 26 20:15:03 +0000 2025\r\nX-GM-THRID: 18332');
    const p2 = await plan([file(headCut)]);
    expect(p2.summary.files[0]!.problems).toEqual(['the file ends in the middle of a message (truncated?)']);
  });

  it('reads an mbox inside a Takeout zip, and refuses a zip with something else inside, naming it', async () => {
    const zip = zipSync({
      'Takeout/archive_browser.html': new TextEncoder().encode('<html></html>'),
      'Takeout/Mail/All mail Including Spam and Trash.mbox': mbox(sampleAccount()),
    });
    const p = await plan([file(zip, 'takeout-001.zip')]);
    expect(p.summary.files[0]).toMatchObject({ kind: 'zip', entries: [{ name: 'Takeout/Mail/All mail Including Spam and Trash.mbox', kind: 'mbox' }] });
    expect(p.summary.gmail.conversations).toBe(1);
    expect((await importAll([file(zip, 'takeout-001.zip')])).threads).toHaveLength(1);

    const other = zipSync({ 'photos/a.jpg': new Uint8Array([1, 2, 3]), 'notes.txt': new TextEncoder().encode('hello') });
    await expect(plan([file(other, 'photos.zip')])).rejects.toMatchObject({ code: 'historyZipEmpty', file: 'photos.zip' });
    const truncated = zip.subarray(0, Math.floor(zip.length / 2));
    await expect(plan([file(truncated, 'part.zip')])).rejects.toMatchObject({ code: 'historyZipBroken', file: 'part.zip' });
  });

  it('reads ZIP64 zips and data-descriptor entries whose data holds the descriptor signature', async () => {
    // A body line holding "PK\x07\x08" (the data-descriptor signature) in a stored entry: a reader that finds an
    // entry's end by scanning for that signature would cut the mbox there.
    const t = Date.UTC(2025, 0, 2);
    const id = gmailId(t, 1);
    const box = mbox([{ id, thrid: id, labels: 'Sent', from: 'me@x.test', to: 'p@y.test', mime: plainBody('before PK\x07\x08 after, and PK\x01\x02 too') }]);
    for (const opts of [{ zip64: true }, { dataDescriptor: true }, { zip64: true, dataDescriptor: true }]) {
      const z = writeZip([{ name: 'Takeout/Mail/x.pdf', data: new Uint8Array(10) }, { name: 'Takeout/Mail/All mail.mbox', data: box }, { name: 'Takeout/Mail/b.mbox', data: box, deflate: true }], opts);
      const { threads } = await importAll([file(z, 'takeout.zip')]);
      expect(threads.map((x) => x.messages.map((m) => m.text)), JSON.stringify(opts)).toEqual([['before PK\x07\x08 after, and PK\x01\x02 too']]);
    }
  });

  it('recognises files by content, not name, and names the file it refuses', async () => {
    const bad = plan([file('just some text\n', 'mail.mbox')]);
    await expect(bad).rejects.toBeInstanceOf(HistoryError);
    await expect(bad).rejects.toMatchObject({ code: 'historyUnknownKind', file: 'mail.mbox' });
    await expect(plan([file('{"hello":1}', 'backup.json')])).rejects.toMatchObject({ code: 'historyNotBackup' });
    await expect(plan([file(new Uint8Array([0x1f, 0x8b, 8, 0]), 'takeout.tgz')])).rejects.toMatchObject({ code: 'historyGzip' });
    await expect(plan([file(new Uint8Array(0), 'empty.csv')])).rejects.toMatchObject({ code: 'historyUnknownKind' });
    const backup = await plan([file('{"format":"turnkeeper","version":1,"people":[]}', 'whatever.txt'), file(mbox(sampleAccount()), 'x.bin')]);
    expect(backup.summary.files.map((x) => x.kind)).toEqual(['turnkeeper-json', 'mbox']);
    expect(backup.summary.jsonBackups).toEqual([0]);
  });

  it('reads bodies in legacy charsets and flags an unknown charset without dropping the message', async () => {
    const t = Date.UTC(2015, 3, 1);
    const id = gmailId(t, 1);
    const f = file(
      mbox([
        { id, thrid: id, labels: 'Sent', from: 'me@x.test', to: 'p@y.test', subject: encodedWord('日本語', 'B', 'ISO-2022-JP', '\x1b$BF|K\\8l\x1b(B'), mime: { headers: ['Content-Type: text/plain; charset=ISO-2022-JP', 'Content-Transfer-Encoding: 7bit'], body: '\x1b$BF|K\\8l\x1b(B' } },
        { id: gmailId(t + 1000, 2), thrid: id, labels: 'Inbox', from: 'p@y.test', to: 'me@x.test', mime: { headers: ['Content-Type: text/plain; charset=x-unheard-of'], body: 'Caf\xe9' } },
      ]),
    );
    const batches: Batch[] = [];
    const summary = await run([f], {}, (b) => void batches.push(b));
    const t0 = batches[0]!.threads[0]!;
    expect(t0.subject).toBe('日本語');
    expect(t0.messages.map((m) => [m.text, m.charsetFallback ?? false])).toEqual([
      ['日本語', false],
      ['Café', true],
    ]);
    expect(summary.gmail.charsetFallbacks).toBe(1);
  });

  it('keeps a message with broken MIME, reads its text as well as it can, and tells the file had some', async () => {
    const t = Date.UTC(2018, 6, 1);
    const id = gmailId(t, 1);
    const f = file(
      mbox([
        { id, thrid: id, labels: 'Sent', from: 'me@x.test', to: 'p@y.test', mime: { headers: ['Content-Type: multipart/alternative'], body: 'No boundary given, text anyway' } },
        { id: gmailId(t + 1000, 2), thrid: id, labels: 'Inbox', from: 'p@y.test', to: 'me@x.test', mime: { headers: ['Content-Type: multipart/mixed; boundary=q'], body: '--q\nContent-Type: text/plain\n\nCut before the closing boundary' } },
      ]),
      'broken.mbox',
    );
    const batches: Batch[] = [];
    const summary = await run([f], {}, (b) => void batches.push(b));
    expect(batches[0]!.threads[0]!.messages.map((m) => m.text)).toEqual(['No boundary given, text anyway', 'Cut before the closing boundary']);
    expect(summary.gmail.brokenMime).toBe(2);
    expect(summary.problems).toEqual([{ file: 'broken.mbox', problems: ['2 messages with broken MIME were read as well as they could be'] }]);
  });

  it('reports progress and stops when cancelled', async () => {
    const f = file(mbox(sampleAccount()));
    const seen: number[] = [];
    await plan([f], { onProgress: (pr) => seen.push(pr.bytesRead) });
    expect(seen.at(-1)).toBe(f.size);
    const abort = new AbortController();
    abort.abort();
    await expect(plan([f], { signal: abort.signal })).rejects.toMatchObject({ code: 'historyCancelled' });
  });
});
