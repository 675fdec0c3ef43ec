// The files of the import bench (issue 16), written to disk a message at a time (a 1 GB mbox is never held in
// memory): a Takeout-shaped mbox, mostly attachments, through the unit tests' Takeout generator (hand-written
// generator following docs/imports.md, December 2026), and a LinkedIn messages.csv through the LinkedIn generator.
// Bundled for Node by import-bench.mjs.
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { conversationId, messagesCsv, type Row } from '../unit/history/generators/linkedin';
import { gmailId, message, type GenMessage } from '../unit/history/generators/takeout';

export const MY_ADDRESS = 'sam@seller.example';
export const MY_PROFILE = 'https://www.linkedin.com/in/sam-seller';
const MESSAGES_PER_THREAD = 5;
/** Threads whose messages interleave in the mbox (see writeTakeoutMbox). */
const THREADS_AT_ONCE = 40;

/** Deterministic pseudo-random numbers (the same files every run). */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return s / 2 ** 32;
  };
}

/** Base64 lines (76 characters, '\n' ends: message() turns them into CRLF) of random bytes, to slice attachments from. */
function base64Pool(bytes: number): string {
  const next = random(7);
  const raw = Buffer.alloc(bytes);
  for (let i = 0; i < bytes; i++) raw[i] = Math.floor(next() * 256);
  return raw.toString('base64').replace(/.{76}/g, '$&\n');
}

const WORDS = 'thanks pricing proposal rollout pilot contract renewal timing call Thursday team budget quote signed review next steps'.split(' ');

export interface MboxFacts {
  bytes: number;
  messages: number;
  threads: number;
  largestMessageBytes: number;
}

/**
 * A Takeout mbox of about `targetBytes` holding `count` messages in threads of five (me and a buyer in turn). Takeout
 * does not group by thread: messages come in time order, so a thread's messages interleave with those of the threads
 * running at the same time, THREADS_AT_ONCE of them here; a thread spans a stretch of the file, as one spans weeks of
 * a mailbox's years. (An earlier layout spread every thread over the whole file, a mailbox of 4,000 conversations all
 * open from its first day to its last: no conversation was whole, so none could be stored, before 80% of the file
 * was read.) Most of the size is base64 attachments; a few messages carry a large one (the largest message is what
 * the Worker's heap should be bounded by).
 */
export function writeTakeoutMbox(path: string, targetBytes: number, count: number): MboxFacts {
  const group = THREADS_AT_ONCE * MESSAGES_PER_THREAD;
  // A last, partial group holds shorter threads.
  const threads = Math.floor(count / group) * THREADS_AT_ONCE + Math.min(count % group, THREADS_AT_ONCE);
  const largeEvery = 1000;
  const largeBytes = Math.min(8 * 2 ** 20, Math.max(64 * 1024, Math.round(targetBytes / 100)));
  const large = Math.floor(count / largeEvery);
  const perMessage = Math.max(1024, Math.round((targetBytes - large * largeBytes * 1.37) / (count - large) - 1500));
  const pool = base64Pool(Math.round(Math.max(largeBytes, perMessage * 2) * 1.1) + 4096);
  const next = random(11);
  const fd = openSync(path, 'w');
  const start = Date.UTC(2023, 0, 2, 9, 0, 0);
  let bytes = 0;
  let largest = 0;
  try {
    for (let i = 0; i < count; i++) {
      const inGroup = i % group;
      const firstOfThread = i - inGroup + (inGroup % THREADS_AT_ONCE);
      const thread = Math.floor(i / group) * THREADS_AT_ONCE + (inGroup % THREADS_AT_ONCE);
      const turn = Math.floor(inGroup / THREADS_AT_ONCE);
      const mine = turn % 2 === 0;
      const at = start + i * 60_000;
      const thrid = gmailId(start + firstOfThread * 60_000, 1);
      const attachmentBytes = i % largeEvery === largeEvery - 1 ? largeBytes : Math.round(perMessage * (0.5 + next()) / 1.37);
      const offset = Math.max(0, Math.floor((next() * (pool.length - attachmentBytes * 1.4 - 80)) / 77) * 77);
      const attachment = pool.slice(offset, offset + Math.ceil((attachmentBytes * 1.37) / 77) * 77);
      const text = Array.from({ length: 40 + Math.floor(next() * 60) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' ');
      const buyer = `buyer${thread}@customer${thread % 97}.example`;
      const m: GenMessage = {
        id: turn === 0 ? thrid : gmailId(at, 2),
        thrid,
        labels: mine ? 'Sent' : 'Inbox,Opened',
        from: mine ? `Sam Seller <${MY_ADDRESS}>` : `Buyer ${thread} <${buyer}>`,
        to: mine ? `Buyer ${thread} <${buyer}>` : `Sam Seller <${MY_ADDRESS}>`,
        subject: turn === 0 ? `Proposal ${thread}` : `Re: Proposal ${thread}`,
        mime: {
          headers: ['Content-Type: multipart/mixed; boundary="b1"'],
          body: [
            '--b1',
            'Content-Type: text/plain; charset="UTF-8"',
            'Content-Transfer-Encoding: 8bit',
            '',
            text,
            '--b1',
            `Content-Type: application/pdf; name="quote-${i}.pdf"`,
            `Content-Disposition: attachment; filename="quote-${i}.pdf"`,
            'Content-Transfer-Encoding: base64',
            '',
            attachment,
            '--b1--',
          ].join('\n'),
        },
      };
      const chunk = Buffer.from(message(m), 'latin1');
      writeSync(fd, chunk);
      bytes += chunk.length;
      largest = Math.max(largest, chunk.length);
    }
  } finally {
    closeSync(fd);
  }
  return { bytes, messages: count, threads, largestMessageBytes: largest };
}

/** A messages.csv (2026 layout, 11 columns) of `rows` rows in conversations of ten, me and a buyer in turn. */
export function writeMessagesCsv(path: string, rows: number): { bytes: number; rows: number; conversations: number } {
  const perConversation = 10;
  const conversations = Math.ceil(rows / perConversation);
  const next = random(13);
  const out: Row[] = [];
  const start = Date.UTC(2024, 0, 2, 9, 0, 0);
  for (let c = 0; c < conversations; c++) {
    const buyer = `https://www.linkedin.com/in/buyer-${c}`;
    for (let k = 0; k < perConversation && out.length < rows; k++) {
      const mine = k % 2 === 1;
      const at = new Date(start + (c * perConversation + k) * 600_000);
      out.push({
        conversation: conversationId(c),
        from: mine ? 'Sam Seller' : `Buyer ${c}`,
        senderUrl: mine ? MY_PROFILE : buyer,
        to: mine ? `Buyer ${c}` : 'Sam Seller',
        recipientUrls: mine ? buyer : MY_PROFILE,
        date: at.toISOString().slice(0, 19).replace('T', ' ') + ' UTC',
        content: Array.from({ length: 10 + Math.floor(next() * 40) }, () => WORDS[Math.floor(next() * WORDS.length)]).join(' '),
      });
    }
  }
  out.sort((a, b) => b.date.localeCompare(a.date));
  const text = messagesCsv(out, 11);
  writeFileSync(path, text);
  return { bytes: Buffer.byteLength(text), rows: out.length, conversations };
}
