// @vitest-environment happy-dom
// Gmail thread-list reader, against the hand-written list fixtures in test/fixtures/gmail/lists/ (written 2026-12-02
// from the structure in docs/sites.md; see the README there) and small hand-written rows for bad input.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import { findGmailList, gmailRowElements, gmailRowFingerprint, gmailRowOf, readGmailList, readGmailRow, type GmailListRow } from '../../../../src/sites/gmail/read-list';
import { FIXTURES, load, parse, url, NOW } from './helpers';

const list = (name: string) => parse(readFileSync(path.join(FIXTURES, 'lists', name), 'utf8'));
/** What the background receives: everything but the elements. */
const plain = (rows: GmailListRow[]) => rows.map(({ element: _e, chipPlace: _c, ...rest }) => rest);
const local = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();

describe('hand-written Gmail list fixtures (2026 markup)', () => {
  test('inbox, default density, English: unread and read rows; ads and another extension\'s row ignored', () => {
    const doc = list('2026-11-list-inbox-default-en.html');
    const r = readGmailList(doc);
    expect(r.problems).toEqual([]);
    expect(plain(r.rows)).toEqual([
      {
        threadId: '19a3c5e7f9b1d203',
        lastMessageId: '19a3c5e7f9b1d203',
        unread: true,
        newestAt: local(2026, 11, 3, 9, 12),
        newestAtText: 'Tue, Nov 3, 2026, 9:12 AM',
        subject: 'Pricing for 25 seats',
        snippet: 'Hi Alex, Thanks for the demo yesterday. Could you send the quote?',
        people: [{ name: 'Maria Lopez', email: 'maria.lopez@acme-corp.example' }],
        recipients: false,
      },
      {
        threadId: '19a5d1e2f3a4b5c6',
        lastMessageId: '19a5d1e2f3a4b5f0',
        unread: false,
        newestAt: local(2026, 11, 2, 16, 45),
        newestAtText: 'Mon, Nov 2, 2026, 4:45 PM',
        subject: 'Re: Framework agreement',
        snippet: 'Fine by us: please send the signed copy by Friday.',
        people: [
          { name: 'Jonas Weber', email: 'jonas.weber@kunde.example' },
          { name: 'me', email: 'alex.seller@example.com' },
          { name: 'Jonas Weber', email: 'jonas.weber@kunde.example' },
        ],
        recipients: false,
      },
      {
        threadId: '19a2b3c4d5e6f708',
        unread: true,
        newestAt: local(2026, 11, 1, 23, 5),
        newestAtText: 'Sun, Nov 1, 2026, 11:05 PM',
        subject: 'Security questionnaire',
        snippet: 'Attached are our answers to sections 2 and 3.',
        people: [
          { name: 'Priya Nair', email: 'priya@northwind.example' },
          { name: 'Sam Ortiz', email: 'sam.ortiz@northwind.example' },
        ],
        recipients: false,
      },
      {
        threadId: '19a0f0e0d0c0b0a1',
        unread: false,
        newestAt: local(2026, 10, 29, 10, 30),
        newestAtText: 'Thu, Oct 29, 2026, 10:30 AM',
        subject: 'Kick-off notes',
        snippet: 'Notes from Thursday attached.',
        people: [{ name: 'Lee Chen', email: 'lee.chen@globex.example' }],
        recipients: false,
      },
    ]);
    // The ad row carries an id of its own: it is still not a conversation.
    expect(r.rows.map((row) => row.threadId)).not.toContain('19a1a1a1a1a1a111');
    // Each row points at its own tr, and its chip goes into the subject line.
    for (const row of r.rows) {
      expect(row.element.matches('tr.zA')).toBe(true);
      expect(row.chipPlace.matches('div.y6')).toBe(true);
      expect(row.element.contains(row.chipPlace)).toBe(true);
    }
  });

  test('compact density, German: a numeric title keeps its text and no time; a Gmail row without id is reported', () => {
    const r = readGmailList(list('2026-11-list-inbox-compact-de.html'));
    expect(r.rows.map((row) => [row.threadId, row.unread, row.newestAt, row.newestAtText])).toEqual([
      ['19a5d1e2f3a4b5c6', true, local(2026, 11, 3, 9, 12), 'Di., 3. Nov. 2026, 09:12'],
      ['19a4c4c4c4c4c4c4', false, null, '02.11.2026, 17:40'],
    ]);
    expect(r.problems).toEqual([
      'row 2: time not understood',
      '1 list row(s) without a thread id (span[data-thread-id]) ignored',
    ]);
  });

  test('Sent view: a localised "To:" marks the people as recipients; a thread-a id is kept as the thread adapter keeps it', () => {
    const r = readGmailList(list('2026-11-list-sent-en.html'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => [row.threadId, row.recipients, row.people.map((p) => p.email)])).toEqual([
      ['19a3c5e7f9b1d203', true, ['maria.lopez@acme-corp.example']],
      ['thread-a:r-8431526911425136712', true, ['priya@northwind.example', 'sam.ortiz@northwind.example']],
    ]);
  });

  test('search results, comfortable density, Spanish titles', () => {
    const r = readGmailList(list('2026-11-list-search-comfortable-es.html'));
    expect(r.problems).toEqual([]);
    expect(r.rows.map((row) => [row.threadId, row.unread, row.newestAt, row.snippet])).toEqual([
      ['19a6e6e6e6e6e6e6', true, local(2026, 11, 3, 9, 12), 'Hola Alex, ¿podemos revisar la propuesta el jueves?'],
      ['19a0a0a0a0a0a0a0', false, local(2026, 10, 29, 18, 30), 'Te envío el borrador revisado.'],
    ]);
  });

  test('reading pane, Japanese: one row per thread across its three tr, time from div.apm', () => {
    const doc = list('2026-11-list-reading-pane-ja.html');
    const r = readGmailList(doc);
    expect(r.problems).toEqual([]);
    expect(plain(r.rows)).toEqual([
      {
        threadId: '19a7f7f7f7f7f7f7',
        unread: true,
        newestAt: local(2026, 11, 3, 9, 12),
        newestAtText: '2026年11月3日(火) 9:12',
        subject: '見積もりについて',
        snippet: 'お見積もりをありがとうございます。一点質問があります。',
        people: [{ name: '佐藤 花子', email: 'hanako.sato@kaisha.example' }],
        recipients: false,
      },
      {
        threadId: '19a8a8a8a8a8a8a8',
        unread: false,
        newestAt: local(2026, 11, 2, 17, 20),
        newestAtText: '2026年11月2日 午後5:20',
        subject: '打ち合わせの件',
        snippet: '承知しました。木曜日でお願いします。',
        people: [
          { name: '自分', email: 'alex.seller@example.com' },
          { name: '田中 一郎', email: 'ichiro.tanaka@kaisha.example' },
        ],
        recipients: false,
      },
    ]);
    // The chip goes into the second tr (the subject line), the row followed for recycling is the first.
    expect(r.rows[0]!.element.classList.contains('apv')).toBe(true);
    expect(r.rows[0]!.element.contains(r.rows[0]!.chipPlace)).toBe(false);
    expect(r.rows[0]!.chipPlace.closest('tr')!.classList.contains('apw')).toBe(true);
  });

  test('the list container is found; a thread page has none', () => {
    expect(findGmailList(list('2026-11-list-inbox-default-en.html'))?.getAttribute('gh')).toBe('tl');
    expect(findGmailList(load('2026-11-thread-one-message-en.html'))).toBeNull();
  });
});

describe('ids agree with the thread adapter', () => {
  test('a list row and the open thread give the same id, whichever id attribute the row carries', () => {
    const thread = gmail.readThreads(load('2026-11-thread-one-message-en.html'), url(), NOW).threads[0]!;
    const row = (ids: string) =>
      readGmailList(
        parse(`<table><tr class="zA zE"><td class="yX"><div class="yW"><span email="a@b.example" name="A">A</span></div></td>
        <td><div class="y6"><span class="bog"><span ${ids}>S</span></span></div></td><td class="xW"><span title="Nov 3, 2026, 9:12 AM">Nov 3</span></td></tr></table>`),
      ).rows[0]!.threadId;
    expect(thread.threadId).toBe('19a3c5e7f9b1d203');
    expect(row('data-thread-id="#thread-f:1847537872269332995"')).toBe(thread.threadId);
    expect(row('data-legacy-thread-id="19A3C5E7F9B1D203"')).toBe(thread.threadId);
    expect(row('data-thread-id="#thread-f:1847537872269332995" data-legacy-thread-id="19a3c5e7f9b1d203"')).toBe(thread.threadId);
  });

  test('an id carrier that is not the usual span is still found, by the reading and by the fingerprint alike', () => {
    const doc = parse(`<table><tr class="zA yO"><td class="yX"><div class="yW"><span email="a@b.example" name="A">A</span></div></td>
      <td><div class="y6"><span class="bog"><b data-legacy-thread-id="19a3c5e7f9b1d203" data-legacy-last-message-id="19a3c5e7f9b1d2ff">S</b></span></div></td>
      <td class="xW"><span title="Nov 3, 2026, 9:12 AM">Nov 3</span></td></tr></table>`);
    const tr = doc.querySelector('tr')!;
    expect(readGmailRow(tr)).toMatchObject({ threadId: '19a3c5e7f9b1d203', lastMessageId: '19a3c5e7f9b1d2ff' });
    expect(gmailRowFingerprint(tr)).toContain('19a3c5e7f9b1d2ff');
  });
});

describe('bad input', () => {
  test('rows of unexpected shape: nothing thrown, what was readable kept, the rest reported', () => {
    const doc = parse(`<table>
      <tr class="zA"></tr>
      <tr class="zA zE"><td><span class="bog"><span data-thread-id="#thread-f:not-a-number">x</span></span></td></tr>
      <tr class="zA"><td class="yX"><div class="yW"><span class="zF" email="a@b.example" name="A">A</span></div></td>
        <td><span class="bog"><span data-legacy-thread-id="00ab">S</span></span></td></tr>
      <tr class="zA yO apv"><td class="yX"><div class="yW"><span email="c@d.example">C</span></div></td></tr>
    </table>`);
    const r = readGmailList(doc);
    expect(plain(r.rows)).toEqual([
      { threadId: 'ab', unread: true, newestAt: null, newestAtText: '', subject: 'S', snippet: '', people: [{ name: 'A', email: 'a@b.example' }], recipients: false },
    ]);
    expect(r.problems).toEqual([
      'row 3: no read state (zE/yO); taken from the bold sender',
      'row 3: no time (td.xW span[title])',
      '2 list row(s) without a thread id (span[data-thread-id]) ignored',
    ]);
  });

  test('a page without a list, and a root that throws, give no rows and no exception', () => {
    expect(readGmailList(parse('<p>nothing</p>'))).toEqual({ rows: [], problems: [] });
    const hostile = { querySelectorAll: () => { throw new TypeError('boom'); } } as unknown as ParentNode;
    expect(readGmailList(hostile)).toEqual({ rows: [], problems: ['thread list: unreadable (TypeError)'] });
  });

  test('a 1,000-row list is read whole, one row per thread', { timeout: 30_000 }, () => {
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const hex = (0x19a000000000000n + BigInt(i)).toString(16);
      return `<tr class="zA ${i % 3 ? 'yO' : 'zE'}"><td class="yX"><div class="yW"><span email="p${i}@x.example" name="P${i}">P</span></div></td><td><div class="y6"><span class="bog"><span data-legacy-thread-id="${hex}">S${i}</span></span></div></td><td class="xW"><span title="Nov 3, 2026, 9:12 AM">Nov 3</span></td></tr>`;
    });
    const doc = parse('<table>' + rows.join('') + '</table>');
    const r = readGmailList(doc);
    expect(r.problems).toEqual([]);
    expect(new Set(r.rows.map((row) => row.threadId)).size).toBe(1000);
    expect(r.rows.filter((row) => row.unread)).toHaveLength(334);
  });

  test('drifted fixtures (attributes dropped, classes renamed, nodes moved or cut) never throw, never invent an id', () => {
    const names = ['2026-11-list-inbox-default-en.html', '2026-11-list-reading-pane-ja.html', '2026-11-list-sent-en.html'];
    const pages = names.map((n) => readFileSync(path.join(FIXTURES, 'lists', n), 'utf8'));
    fc.assert(
      fc.property(fc.nat({ max: pages.length - 1 }), fc.array(fc.tuple(fc.nat(), fc.nat({ max: 3 })), { minLength: 1, maxLength: 10 }), (p, changes) => {
        const doc = parse(pages[p]!);
        for (const [pick, kind] of changes) {
          const all = doc.body.querySelectorAll('*');
          const el = all[pick % all.length];
          if (!el) break;
          if (kind === 0 && el.attributes.length) el.removeAttribute(el.attributes[pick % el.attributes.length]!.name);
          else if (kind === 1 && el.classList.length) el.classList.replace(el.classList[0]!, 'qq');
          else if (kind === 2) el.parentElement?.prepend(el);
          else el.remove();
        }
        const html = doc.body.innerHTML.toLowerCase();
        const r = readGmailList(doc);
        for (const row of r.rows) {
          const decimal = /^[0-9a-f]+$/.test(row.threadId) ? BigInt('0x' + row.threadId).toString() : row.threadId.slice(9);
          expect(html.includes(row.threadId) || html.includes(decimal)).toBe(true);
        }
      }),
      { numRuns: 50, seed: 20261202 },
    );
  }, 60_000);
});

describe('one row at a time (what the list chips read again when a row changes)', () => {
  const names = ['2026-11-list-inbox-default-en.html', '2026-11-list-inbox-compact-de.html', '2026-11-list-reading-pane-ja.html', '2026-11-list-search-comfortable-es.html', '2026-11-list-sent-en.html'];
  test.each(names)('%s: row by row, the rows and what they send are those of the whole list, without people or subject', (name) => {
    const doc = list(name);
    const whole = readGmailList(doc).rows.map(({ subject: _s, people: _p, recipients: _r, ...evidence }) => evidence);
    const byRow = gmailRowElements(doc).flatMap((tr) => readGmailRow(tr) ?? []);
    // The whole-list reader keeps the first row of a thread shown twice; the list chips do the same.
    expect(byRow.filter((row, i) => byRow.findIndex((r) => r.threadId === row.threadId) === i)).toEqual(whole);
  });

  test('every node of a reading-pane thread belongs to its first row; nodes outside rows to none', () => {
    const doc = list('2026-11-list-reading-pane-ja.html');
    const [first, second] = gmailRowElements(doc);
    expect(gmailRowOf(doc.querySelector('tr.apw span.y2')!.firstChild!)).toBe(first);
    expect(gmailRowOf(doc.querySelectorAll('tr.apw')[3]!)).toBe(second);
    expect(gmailRowOf(doc.querySelector('tbody')!)).toBeNull();
  });
});
