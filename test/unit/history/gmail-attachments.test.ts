// Attachments in a Takeout import (hand-written generator, MIME as Gmail and common mail clients write it, December
// 2026): their bytes are never read, their names are kept in the shape the Gmail adapter records for the same message
// on the page (`attachment: { kind: 'file', name }`, an invitation an `event`), and they reach the record.
import { describe, expect, it } from 'vitest';
import { importThreads } from '../../../src/db';
import { run } from '../../../src/history/pipeline';
import type { ImportedThread } from '../../../src/history/types';
import { makeDb } from '../db/helpers';
import { base64Lines, encodedWord, gmailId, mbox, utf8Binary, type GenMessage } from './generators/takeout';

const START = Date.UTC(2024, 4, 6, 9, 0, 0);
const THRID = gmailId(START, 3);

function mail(k: number, mine: boolean, headers: string[], body: string[]): GenMessage {
  return {
    id: k ? gmailId(START + k * 60_000, 5) : THRID,
    thrid: THRID,
    labels: mine ? 'Sent' : 'Inbox',
    from: mine ? 'Sam Seller <sam@seller.test>' : 'Dana Lee <dana@buyer.test>',
    to: mine ? 'dana@buyer.test' : 'sam@seller.test',
    subject: 'Quote',
    mime: { headers, body: body.join('\n') },
  };
}

const text = (words: string) => ['Content-Type: text/plain; charset=UTF-8', '', words];
/** Not base64 at all, with a line that would read as words: it must never reach the text. */
const NEVER_DECODED = ['Content-Transfer-Encoding: base64', '', '%%% the bytes of a file, never read as text %%%'];

const messages: GenMessage[] = [
  // RFC 2231: percent-encoded UTF-8, and a name continued over two parameters
  mail(0, true, ['Content-Type: multipart/mixed; boundary="m0"'], [
    '--m0', ...text('Here is the quote.'),
    '--m0', 'Content-Type: application/pdf', "Content-Disposition: attachment; filename*=UTF-8''Devis%20n%C2%B01.pdf", ...NEVER_DECODED,
    '--m0', 'Content-Type: application/vnd.ms-excel',
    "Content-Disposition: attachment;\n filename*0*=utf-8''Rapport%20;\n filename*1*=annuel.xlsx", ...NEVER_DECODED,
    '--m0--',
  ]),
  // An image shown in the HTML (multipart/related, Content-ID) is part of the body, not an attachment
  mail(1, false, ['Content-Type: multipart/related; boundary="m1"'], [
    '--m1', 'Content-Type: text/html; charset=UTF-8', '', '<p>Thanks, see the logo <img src="cid:logo@x"></p>',
    '--m1', 'Content-Type: image/png; name="logo.png"', 'Content-ID: <logo@x>', 'Content-Disposition: inline; filename="logo.png"', 'Content-Transfer-Encoding: base64', '', base64Lines('\x89PNG'),
    '--m1--',
  ]),
  // No words of its own: only a file named by an RFC 2047 word in Content-Type's `name`
  mail(2, true, ['Content-Type: multipart/mixed; boundary="m2"'], [
    '--m2', `Content-Type: application/vnd.ms-powerpoint; name="${encodedWord('Présentation.pptx', 'B')}"`, ...NEVER_DECODED,
    '--m2--',
  ]),
  // An invitation: its calendar part gives the title; its .ics file is not listed as a file
  mail(3, false, ['Content-Type: multipart/mixed; boundary="m3"'], [
    '--m3', 'Content-Type: multipart/alternative; boundary="m3a"', '',
    '--m3a', ...text('Invitation from Google Calendar'),
    '--m3a', 'Content-Type: text/calendar; charset=UTF-8; method=REQUEST', 'Content-Transfer-Encoding: base64', '',
    base64Lines(utf8Binary('BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Pilot review\\, week 2\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n')),
    '--m3a--',
    '--m3', 'Content-Type: application/ics; name="invite.ics"', 'Content-Disposition: attachment; filename="invite.ics"', ...NEVER_DECODED,
    '--m3--',
  ]),
];

async function importedThread(): Promise<ImportedThread> {
  const threads: ImportedThread[] = [];
  await run([new File([mbox(messages) as Uint8Array<ArrayBuffer>], 'All mail.mbox')], {}, (b) => void threads.push(...b.threads));
  expect(threads).toHaveLength(1);
  return threads[0]!;
}

describe('attachments in a Takeout import (hand-written MIME)', () => {
  it('keeps attached files by name, as the page records them, and never reads their bytes as text', async () => {
    const t = await importedThread();
    expect(t.messages.map((m) => [m.text, m.attachment])).toEqual([
      ['Here is the quote.', { kind: 'file', name: 'Devis n°1.pdf, Rapport annuel.xlsx' }],
      ['Thanks, see the logo', undefined],
      ['File: Présentation.pptx', { kind: 'file', name: 'Présentation.pptx' }],
      ['Invitation from Google Calendar', { kind: 'event', title: 'Pilot review, week 2' }],
    ]);
    expect(t.messages.some((m) => m.text.includes('never read'))).toBe(false);
  });

  it('stores the attachment with the message in the record', async () => {
    const db = makeDb();
    const t = await importedThread();
    await importThreads(db, [t], { now: new Date(START + 86_400_000), myIdentities: ['sam@seller.test'] });
    const rows = (await db.messages.toArray()).sort((a, b) => (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
    expect(rows.map((m) => m.attachment)).toEqual([
      { kind: 'file', name: 'Devis n°1.pdf, Rapport annuel.xlsx' },
      undefined,
      { kind: 'file', name: 'Présentation.pptx' },
      { kind: 'event', title: 'Pilot review, week 2' },
    ]);
  });
});
