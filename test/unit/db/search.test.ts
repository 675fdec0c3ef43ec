import { describe, expect, it } from 'vitest';
import { addNote, deleteNote, updateNote } from '../../../src/db/actions';
import { ingestSnapshot, ingestSnapshots } from '../../../src/db/ingest';
import { findPersonByEmail, search, searchWithRecords } from '../../../src/db/queries';
import { at, ctx, DANA, gmail, linkedin, makeDb, ME, msg, NOW } from './helpers';

async function world() {
  const db = makeDb();
  const JOSE = { name: 'José Núñez', email: 'jnunez@empresa.es', isMe: false };
  const IVAN = { name: 'Иван Петров', profileUrl: '/in/ivan-petrov/', isMe: false };
  const AKI = { name: '佐藤 明', profileUrl: '/in/sato-akira/', isMe: false };
  await ingestSnapshot(db, gmail('t1', [msg('a', JOSE, at(7), 'Hola, ¿recibiste la propuesta económica?'), msg('b', ME, at(8), 'Yes, the proposal is attached.')], { subject: 'Propuesta Q3' }), ctx());
  await ingestSnapshot(db, linkedin('l1', [msg('x', IVAN, at(8), 'Добрый день! Коммерческое предложение получил.')]), ctx());
  await ingestSnapshot(db, linkedin('l2', [msg('y', AKI, at(9), '東京都の会議は来週です')]), ctx());
  await ingestSnapshot(db, gmail('t2', [msg('c', DANA, at(9), 'Budget approved')], { subject: 'Renewal' }), ctx());
  return db;
}

describe('search', () => {
  it('is accent- and case-insensitive, over names and texts', async () => {
    const db = await world();
    const hits = await search(db, 'jose');
    expect(hits.map((h) => h.kind)).toEqual(['person']);
    expect(hits[0]!.snippet.slice(...hits[0]!.match!)).toBe('José');
    const núñez = await search(db, 'NUNEZ');
    expect(núñez).toHaveLength(1);
    const eco = await search(db, 'economica');
    expect(eco.map((h) => [h.kind, h.conversationId])).toEqual([['message', 'gmail:t1']]);
    expect(eco[0]!.snippet.slice(...eco[0]!.match!)).toBe('económica');
  });

  it('hands back the conversations and people it read, for the results to show without reading them again', async () => {
    const db = await world();
    const found = await searchWithRecords(db, 'recib');
    expect(found.hits.map((h) => [h.kind, h.conversationId])).toEqual([['message', 'gmail:t1']]);
    expect(found.conversations.get('gmail:t1')?.subject).toBe('Propuesta Q3');
    expect(found.people.get(found.hits[0]!.personId!)?.name).toBe('José Núñez');
    expect(await searchWithRecords(db, '  ')).toEqual({ hits: [], conversations: new Map(), people: new Map() });
  });

  it('matches word prefixes, every query word, one hit per conversation showing its best message', async () => {
    const db = await world();
    const prop = await search(db, 'prop');
    // Subject, José's message and mine all match: the conversation once, with the newest matching message.
    expect(prop.map((h) => [h.kind, h.refId])).toEqual([['message', 'gmail:t1|b']]);
    expect(prop[0]).toMatchObject({ conversationId: 'gmail:t1', personId: 'me', at: at(8) });
    expect((await search(db, 'prop attach')).map((h) => h.refId)).toEqual(['gmail:t1|b']);
    // The message matching more of the words wins over a newer one.
    expect((await search(db, 'recib prop')).map((h) => h.refId)).toEqual(['gmail:t1|a']);
    // Words in different messages of one conversation: it matches, as in Gmail.
    expect((await search(db, 'hola attached')).map((h) => h.conversationId)).toEqual(['gmail:t1']);
    // The subject when it alone has every word.
    expect((await search(db, 'propuesta q3')).map((h) => [h.kind, h.refId, h.snippet])).toEqual([['subject', 'gmail:t1', 'Propuesta Q3']]);
    expect(await search(db, 'posal')).toEqual([]); // not a word start
    expect(await search(db, 'proposal zebra')).toEqual([]);
    expect(await search(db, '  ')).toEqual([]);
    expect(await search(db, 'prop', { limit: 1 })).toHaveLength(1);
  });

  it('shows the message whose words start with the query words, not one that only contains them', async () => {
    const db = makeDb();
    await ingestSnapshot(
      db,
      gmail('t1', [
        msg('a', DANA, at(5), 'The proposal is due Friday, per the co-op deadline.'),
        msg('b', ME, at(6), 'Our counterproposal: a deadline extension to Friday.'),
        msg('c', DANA, at(7), 'Sure, Friday works. Re-proposal-deadline noted!'),
        msg('d', ME, at(8), 'Thanks Dana'),
      ]),
      ctx(),
    );
    // "counterproposal" holds "proposal" but does not start with it; "re-proposal-deadline" starts both.
    const hit = (await search(db, 'proposal deadline'))[0]!;
    expect([hit.refId, hit.snippet.slice(...hit.match!)]).toEqual(['gmail:t1|c', 'proposal']);
    // No message starts words with both: the newest matching one of them, c, not b ("counterproposal … extension").
    expect((await search(db, 'proposal extension')).map((h) => h.refId)).toEqual(['gmail:t1|c']);
    expect((await search(db, 'coop')).map((h) => h.refId)).toEqual([]);
    // "co-op": "op" starts a word of a; "roposal" starts none.
    expect((await search(db, 'op friday')).map((h) => h.refId)).toEqual(['gmail:t1|a']);
    expect((await search(db, 'roposal')).map((h) => h.refId)).toEqual([]);
  });

  it('finds Cyrillic and CJK words', async () => {
    const db = await world();
    expect((await search(db, 'предлож')).map((h) => h.conversationId)).toEqual(['linkedin:l1']);
    expect((await search(db, 'иван')).map((h) => h.kind)).toEqual(['person']);
    const tokyo = await search(db, '京都');
    expect(tokyo.map((h) => h.conversationId)).toEqual(['linkedin:l2']);
    expect(tokyo[0]!.snippet.slice(...tokyo[0]!.match!)).toBe('京都');
    expect((await search(db, '会議')).length).toBe(1);
    expect((await search(db, '佐藤')).map((h) => h.kind)).toEqual(['person']);
    expect(await search(db, '大阪')).toEqual([]);
  });

  it('finds notes and subjects, and follows note edits and deletes', async () => {
    const db = await world();
    const dana = (await findPersonByEmail(db, 'dana@buyer.com'))!;
    const note = await addNote(db, { personId: dana.id, text: 'Promised a 10% discount for the renewal' }, NOW);
    expect((await search(db, 'renew')).map((h) => h.kind).sort()).toEqual(['note', 'subject']);
    expect((await search(db, 'discount'))[0]).toMatchObject({ kind: 'note', refId: note.id, personId: dana.id, conversationId: null });
    await updateNote(db, note.id, { text: 'Promised free onboarding' }, NOW);
    expect(await search(db, 'discount')).toEqual([]);
    expect((await search(db, 'onboard')).map((h) => h.refId)).toEqual([note.id]);
    await deleteNote(db, note.id);
    expect(await search(db, 'onboard')).toEqual([]);
  });

  it('indexes the full text when a snippet is expanded', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('a', DANA, null, 'Quick question about…', true)]), ctx());
    expect(await search(db, 'invoice')).toEqual([]);
    await ingestSnapshot(db, gmail('t1', [msg('a', DANA, at(9), 'Quick question about the invoice')]), ctx());
    expect((await search(db, 'invoice')).map((h) => h.refId)).toEqual(['gmail:t1|a']);
    expect((await search(db, 'quick')).map((h) => h.refId)).toEqual(['gmail:t1|a']); // no stale duplicate
  });

  it('orders hits by time, not by the order threads were read in', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('new', [msg('n', DANA, at(9), 'Renewal quote, final')]), ctx());
    await ingestSnapshot(db, gmail('old', [msg('o', DANA, at(2), 'Renewal quote, first draft')]), ctx());
    await ingestSnapshot(db, gmail('mid', [msg('m', DANA, at(5), 'Renewal quote, second draft')]), ctx());
    const refs = ['gmail:new|n', 'gmail:mid|m', 'gmail:old|o'];
    expect((await search(db, 'renewal quote')).map((h) => h.refId)).toEqual(refs);
    expect((await search(db, 'quote', { limit: 2 })).map((h) => h.refId)).toEqual(refs.slice(0, 2));
  });

  it('keeps one index row per searchable text however often a thread is read and changed', async () => {
    const db = makeDb();
    const read = (text: string, partial = false, sent: string | null = at(9)) =>
      ingestSnapshot(db, gmail('t1', [msg('a', DANA, sent, text, partial), msg('b', ME, at(10), 'Thanks, noted')], { subject: 'Invoice' }), ctx());
    await read('Quick question about…', true, null);
    await read('Quick question about…', true, null);
    await read('Quick question about the invoice'); // expanded: text and time found
    await read('Quick question about the invoice');
    const rows = await db.wordIndex.toArray();
    // Dana, and the conversation (subject and both messages) once.
    expect(rows.map((r) => r.ref).sort()).toEqual(
      ['c|gmail:t1', `p|${(await findPersonByEmail(db, 'dana@buyer.com'))!.id}`].sort(),
    );
    // Its words, each behind the kind's code.
    expect(rows.find((r) => r.ref === 'c|gmail:t1')!.words).toEqual(
      ['about', 'invoice', 'noted', 'question', 'quick', 'thanks', 'the'].map((w) => `c${w}`),
    );
    expect((await search(db, 'invoice')).map((h) => [h.kind, h.refId])).toEqual([['message', 'gmail:t1|a']]);
  });
});

describe('search over many rows', () => {
  it('returns the newest hits of common words, and rare combinations', async () => {
    const db = makeDb();
    const N = 4000;
    // Read in an order unrelated to time, the way a history is first read.
    const order = Array.from({ length: N }, (_, i) => (i * 1237) % N);
    const threads = order.map((i) =>
      gmail(`c${i}`, [
        msg(
          'm',
          i % 2 ? ME : DANA,
          new Date(Date.UTC(2023, 0, 1) + i * 3_600_000).toISOString(),
          `Common update number ${i} ${i < N / 2 ? 'alpha' : 'beta'}${i === 10 ? ' beta' : ''}${i === 700 ? ' zanzibar' : ''}`,
        ),
      ]),
    );
    for (let i = 0; i < N; i += 500) await ingestSnapshots(db, threads.slice(i, i + 500), ctx());
    const newest = (...is: number[]) => is.map((i) => `gmail:c${i}|m`);
    expect((await search(db, 'common', { limit: 5 })).map((h) => h.refId)).toEqual(newest(3999, 3998, 3997, 3996, 3995));
    // One letter: every message matches.
    expect((await search(db, 'u', { limit: 3 })).map((h) => h.refId)).toEqual(newest(3999, 3998, 3997));
    // A rare word with a common one.
    expect((await search(db, 'common zanz')).map((h) => h.refId)).toEqual(newest(700));
    expect((await search(db, 'update 1234')).map((h) => h.refId)).toEqual(newest(1234));
    // Two common words that meet once, far from the newest rows.
    expect((await search(db, 'alpha beta')).map((h) => h.refId)).toEqual(newest(10));
    expect((await search(db, 'alpha', { limit: 2 })).map((h) => h.refId)).toEqual(newest(1999, 1998));
  }, 60_000); // 4,000 rows written through fake-indexeddb: slow on a loaded machine, not a timing goal
});
