// LinkedIn messages.csv import in the pure pipeline, on generated CSVs in each layout (hand-written generator
// following docs/imports.md, December 2026).
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { threadIdFromUrl, threadUrl } from '../../../src/sites/linkedin/urn';
import { plan, run } from '../../../src/history/pipeline';
import type { ImportedThread } from '../../../src/history/types';
import { conversationId, DANA, HEADERS, ME, messagesCsv, OMAR, sampleRows, type Layout, type Row } from './generators/linkedin';

const csvFile = (text: string, name = 'messages.csv') => new File([text], name);

async function threadsOf(files: File[], options = {}): Promise<ImportedThread[]> {
  const out: ImportedThread[] = [];
  await run(files, options, (b) => void out.push(...b.threads));
  return out;
}

describe('LinkedIn messages.csv import (generated CSV)', () => {
  for (const layout of [9, 10, 11, 13] as Layout[]) {
    it(`reads the ${layout}-column layout by header name: people only, oldest first, me found`, async () => {
      const f = csvFile(messagesCsv(sampleRows(), layout, { flatten: layout <= 10 }));
      const p = await plan([f]);
      expect(p.summary.files[0]!.kind).toBe('linkedin-csv');
      expect(p.summary.linkedin).toMatchObject({
        conversations: 2,
        messages: 4,
        from: '2024-04-09T08:00:00.000Z',
        to: '2024-05-02T10:00:00.000Z',
        leftOut: { sponsored: 1 },
        leftOutMessages: { sponsored: 1, system: 1 },
        me: { profileUrl: ME + '/', name: 'Sam Seller' },
      });
      const threads = await threadsOf([f]);
      const t = threads.find((x) => x.messages.length === 2 && x.messages[0]!.text.startsWith('Hi Dana'))!;
      expect(t.messages.map((m) => [m.from.name, m.from.isMe, m.sentAt])).toEqual([
        ['Sam Seller', true, '2024-05-01T09:30:00.000Z'],
        ['Dana Buyer', false, '2024-05-02T10:00:00.000Z'],
      ]);
      expect(t.messages[1]!.text).toBe(layout <= 10 ? 'Sounds good. See you Monday.' : 'Sounds good.\nSee you Monday.');
      expect(t.messages[0]!.text).toBe('Hi Dana, can we talk, next week?');
      expect(t.participants.find((x) => !x.isMe)).toEqual({ name: 'Dana Buyer', profileUrl: DANA + '/', isMe: false });
      expect(t.messages[0]!.sentAtText).toBe('2024-05-01 09:30:00 UTC');
    });
  }

  it('gives the thread id the LinkedIn adapter reads from /messaging/thread/2-…/, padded, unpadded or URL-encoded', async () => {
    for (const raw of [conversationId(1), conversationId(1, false), conversationId(1).replace(/=/g, '%3D')]) {
      const rows = sampleRows().map((r) => (r.conversation === conversationId(1) ? { ...r, conversation: raw } : r));
      const threads = await threadsOf([csvFile(messagesCsv(rows, 10))]);
      const adapterId = threadIdFromUrl(`https://www.linkedin.com/messaging/thread/${conversationId(1)}/`);
      const t = threads.find((x) => x.threadId === adapterId);
      expect(t, raw).toBeDefined();
      expect(t!.url).toBe(threadUrl(adapterId!));
      expect(threadIdFromUrl(t!.url)).toBe(t!.threadId);
    }
  });

  it('gives a message the same id in two exports of different layouts (sender, time and text), distinct ids otherwise', async () => {
    const a = await threadsOf([csvFile(messagesCsv(sampleRows(), 9, { flatten: true }))]);
    const b = await threadsOf([csvFile(messagesCsv(sampleRows(), 13))]);
    const ids = (ts: ImportedThread[]) => ts.flatMap((t) => t.messages.map((m) => m.id)).sort();
    expect(ids(a)).toEqual(ids(b)); // flattened (9 columns) and multi-line (13 columns) content: the same ids
    expect(new Set(ids(b)).size).toBe(4);
  });

  it('reduces HTML content to text and repairs doubly-encoded UTF-8', async () => {
    const rows: Row[] = [
      { conversation: conversationId(7), from: 'RenÃ©e MÃ¼ller', senderUrl: OMAR, to: 'Sam Seller', recipientUrls: ME, date: '2024-01-02 10:00:00 UTC', content: '<p class="spinmail-quill-editor__spin-break">Bonjour,</p><p>Ã‡a va&nbsp;? Voir <a href="https://x.test">ici</a> &amp; lÃ\u00a0 et lÃ .</p>' },
      { conversation: conversationId(7), from: 'Sam Seller', senderUrl: ME, to: 'Omar', recipientUrls: OMAR, date: '2024-01-01 10:00:00 UTC', content: 'Prices in € and naïve text stay as they are' },
      { conversation: conversationId(8), from: 'Sam Seller', senderUrl: ME, to: 'X', recipientUrls: DANA, date: '2024-01-01 10:00:00 UTC', content: 'x' },
    ];
    const threads = await threadsOf([csvFile(messagesCsv(rows, 11))]);
    const t = threads.find((x) => x.messages.length === 2)!;
    expect(t.messages[1]!.from.name).toBe('Renée Müller');
    expect(t.messages[1]!.text).toBe('Bonjour,\nÇa va ? Voir ici & là et lÃ .' /* a space where the NBSP was lost: left as it is */);
    expect(t.messages[0]!.text).toBe('Prices in € and naïve text stay as they are');
  });

  it('drops drafts, spam rows and conversation drafts, and lets the caller name "me"', async () => {
    const rows: Row[] = [
      ...sampleRows(),
      { conversation: conversationId(1), from: 'Sam Seller', senderUrl: ME, to: 'Dana Buyer', recipientUrls: DANA, date: '2024-05-03 10:00:00 UTC', content: 'unsent', draft: true },
      { conversation: conversationId(9), from: 'Sam Seller', senderUrl: ME, to: 'Z', recipientUrls: DANA, date: '2024-05-03 10:00:00 UTC', content: 'draft convo', conversationDraft: true },
      { conversation: conversationId(10), from: 'Spammer', senderUrl: 'https://www.linkedin.com/in/spam', to: 'Sam', recipientUrls: ME, date: '2024-05-03 10:00:00 UTC', content: 'spam', folder: 'SPAM' },
    ];
    const p = await plan([csvFile(messagesCsv(rows, 13))]);
    expect(p.summary.linkedin).toMatchObject({ conversations: 2, messages: 4, leftOut: { sponsored: 1, drafts: 1, spam: 1 }, leftOutMessages: { drafts: 1, spam: 1 } });
    const asDana = await plan([csvFile(messagesCsv(rows, 13))], { myProfileUrl: DANA });
    expect(asDana.summary.linkedin.me).toEqual({ profileUrl: DANA + '/', name: 'Dana Buyer' });
  });

  it('runs on what the plan read when the file is unchanged, and reads a file that changed since the plan again', async () => {
    const rows = sampleRows();
    const planned = await plan([csvFile(messagesCsv(rows, 11))]);
    const texts = async (f: File) => {
      const out: string[] = [];
      await run([f], {}, (b) => void out.push(...b.threads.flatMap((t) => t.messages.map((m) => m.text))), planned);
      return out.sort();
    };
    const same = await texts(csvFile(messagesCsv(rows, 11)));
    expect(same).toEqual((await threadsOf([csvFile(messagesCsv(rows, 11))])).flatMap((t) => t.messages.map((m) => m.text)).sort());
    const edited = rows.map((r) => (r.content === 'Hello Dana' ? r : { ...r, content: r.content.replace('Dana', 'Dina') }));
    const changed = await texts(csvFile(messagesCsv(edited, 11)));
    expect(changed).not.toEqual(same);
    expect(changed.join(' ')).toContain('Hi Dina');
  });

  it('refuses a CSV missing a needed column, naming the file and the column', async () => {
    const text = messagesCsv(sampleRows(), 10).replace('CONTENT', 'BODY');
    await expect(plan([csvFile(text, 'my-messages.csv')])).rejects.toMatchObject({ code: 'historyCsvMissingColumn', file: 'my-messages.csv', detail: 'CONTENT' });
    expect(HEADERS[9]).toHaveLength(9);
  });

  it('reads messages.csv inside LinkedIn’s export zip and ignores the other CSVs', async () => {
    const zip = zipSync({
      'Connections.csv': new TextEncoder().encode('First Name,Last Name,URL\nA,B,https://x\n'),
      'messages.csv': new TextEncoder().encode(messagesCsv(sampleRows(), 11)),
    });
    const f = new File([zip], 'Basic_LinkedInDataExport_05-01-2024.zip');
    const p = await plan([f]);
    expect(p.summary.files[0]!.entries).toEqual([{ name: 'messages.csv', kind: 'linkedin-csv' }]);
    expect((await threadsOf([f])).length).toBe(2);
  });
});

describe('LinkedIn messages.csv: names of people who never wrote', () => {
  it('takes a single recipient’s name from TO, so a conversation I alone wrote in names the other side', async () => {
    const rows: Row[] = [
      { conversation: conversationId(7), from: 'Sam Seller', senderUrl: ME, to: 'Marco Rossi', recipientUrls: OMAR, date: '2024-05-03 08:00:00 UTC', content: 'Is tooling on your roadmap?' },
      { conversation: conversationId(8), from: 'Sam Seller', senderUrl: ME, to: 'Dana Buyer', recipientUrls: DANA, date: '2024-05-03 09:00:00 UTC', content: 'Hello Dana' },
    ];
    const threads = await threadsOf([csvFile(messagesCsv(rows, 10))], { myProfileUrl: ME });
    const marco = threads.find((t) => t.messages[0]!.text.startsWith('Is tooling'))!;
    expect(marco.participants.find((p) => !p.isMe)).toMatchObject({ name: 'Marco Rossi', profileUrl: OMAR + '/' });
  });
});
