// Importing into a database that already holds some of the records: nothing either side knows is lost, the richer
// side wins, all or nothing.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { applyImport, parseImportFile, planImport } from '../../../src/export/json-import';
import { search } from '../../../src/db/queries';
import { MERGERS, mergeConversation, mergeGeneric, mergeMessage, mergePerson, mergePin, mergeSetting, sameValue } from '../../../src/export/merge';
import { openTestDb, seed, snapshot, T0, iso } from './helpers';

let db: TurnkeeperDatabase;
beforeEach(async () => {
  db = openTestDb();
  await seed(db);
});
afterEach(() => db.delete());

const file = (parts: Record<string, unknown>) =>
  JSON.stringify({ format: 'turnkeeper', version: 1, exportedAt: '2025-03-10T12:00:00.000Z', ...parts });

async function parse(text: string) {
  const r = await parseImportFile(db, text);
  if (!r.ok) throw new Error(r.error.message);
  return r.file;
}

describe('merging with what is there', () => {
  it('plans, then merges richer and poorer rows without losing either side', async () => {
    const text = file({
      people: [
        // Same person, older row, with another address and profile.
        { id: 'p-ana', name: 'Ana', emails: ['ANA@other.example'], linkedin: ['https://www.linkedin.com/in/ana-2/'], isMe: false, createdAt: '2025-01-01T00:00:00.000Z', updatedAt: T0 },
        { id: 'p-new', name: 'Nina New', emails: ['nina@new.example'], linkedin: [], isMe: false },
      ],
      conversations: [
        // Newer last message in the file: its turn fields win; people are united.
        { id: 'gmail:t1', site: 'gmail', threadId: 't1', url: '', personIds: ['p-new'], turn: 'mine', turnSince: iso(200), lastMessageAt: iso(200), lastFromMe: false, lastPersonId: 'p-new', firstSeenAt: iso(-60), updatedAt: iso(200) },
        // Older conversation in the file: the database's turn stays.
        { id: 'linkedin:t2', site: 'linkedin', threadId: 't2', url: 'https://www.linkedin.com/messaging/thread/t2/', subject: 'Intro', personIds: ['p-bob'], turn: 'theirs', turnSince: iso(100), lastMessageAt: iso(100), lastFromMe: true },
      ],
      messages: [
        // The database has the snippet; the file has the full text.
        { id: 'linkedin:t2|a', conversationId: 'linkedin:t2', personId: 'p-bob', fromMe: false, sentAt: iso(1390), sentAtText: 'Mar 4', text: '=HYPERLINK("http://evil.example","click") and the rest of the full message', partial: false, seenAt: iso(1399) },
        // The database has the full text; the file only a snippet.
        { id: 'gmail:t1|m1', conversationId: 'gmail:t1', personId: 'p-ana', fromMe: false, sentAt: iso(0), text: 'Hello Sam…', partial: true },
        { id: 'gmail:t1|m3', conversationId: 'gmail:t1', personId: 'p-new', fromMe: false, sentAt: iso(200), text: 'Me too!', partial: false },
      ],
      notes: [
        { id: 'n1', conversationId: 'gmail:t1', text: 'Promised a discount by Friday — sent', promised: true, done: true, createdAt: iso(63), updatedAt: iso(300) },
        { id: 'n3', personId: 'p-new', text: 'New contact' },
      ],
      pins: [{ id: 'pin1', conversationId: 'linkedin:t2', dueAt: '2025-03-06T08:00:00.000Z', done: true, doneAt: iso(2000), doneReason: 'done' }],
      links: [{ id: 'p-ana|p-bob', a: 'p-ana', b: 'p-bob', status: 'suggested', reason: 'same-name', createdAt: T0, updatedAt: T0 }],
      settings: { waitDays: 5, myEmails: ['sam@other.example'], digestHour: 8 },
    });
    const before = await snapshot(db);
    const parsed = await parse(text);
    const plan = await planImport(db, parsed);
    expect(await snapshot(db)).toStrictEqual(before); // planning writes nothing
    expect(plan.summary).toBe(
      'Adds 1 person, 1 message, 1 note and 1 setting; 1 person, 2 conversations, 2 messages, 1 note, 1 pin and 1 row of links already present (7 get details from the file).',
    );
    expect(plan.tables.find((t) => t.table === 'settings')).toEqual({ table: 'settings', inFile: 3, add: 1, update: 1, unchanged: 1 });
    expect(plan.warnings).toContainEqual(expect.objectContaining({ code: 'settings-kept', message: '1 setting differs from the file; your current value is kept.' }));

    const result = await applyImport(db, parsed);
    expect(result.changes).toBe(plan.changes);

    const ana = (await db.people.get('p-ana'))!;
    expect(ana.name).toBe('Ana Díaz'); // newer side
    expect(ana.nameKey).toBe('ana diaz');
    expect(ana.emails).toEqual(['ana@buyer.example', 'ana@other.example']); // united, lower-cased
    expect(ana.linkedin).toEqual(['https://www.linkedin.com/in/ana-diaz/', 'https://www.linkedin.com/in/ana-2/']);
    expect(ana.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(ana.updatedAt).toBe(iso(10));
    expect((await db.people.get('p-new'))!.createdAt).toBe('2025-03-10T12:00:00.000Z'); // default: exportedAt

    const t1 = (await db.conversations.get('gmail:t1'))!;
    expect(t1.personIds).toEqual(['p-ana', 'p-new']);
    expect([t1.turn, t1.turnSince, t1.lastMessageAt, t1.lastFromMe, t1.lastPersonId]).toEqual(['mine', iso(200), iso(200), false, 'p-new']);
    expect(t1.subject).toBe('Pricing, terms; and "next steps"');
    expect(t1.url).toBe('https://mail.google.com/mail/u/0/#inbox/t1');
    expect(t1.firstSeenAt).toBe(iso(-60));
    const t2 = (await db.conversations.get('linkedin:t2'))!;
    expect([t2.turn, t2.lastMessageAt]).toEqual(['mine', iso(1440)]);
    expect(t2.subject).toBe('Intro'); // the database had none

    const snippetBefore = (await db.messages.get('linkedin:t2|a'))!;
    expect(snippetBefore.partial).toBe(false);
    expect(snippetBefore.text).toMatch(/rest of the full message$/);
    expect(snippetBefore.sentAt).toBe(iso(1390)); // a known time beats an unknown one
    expect(snippetBefore.seenAt).toBe(iso(1399));
    const full = (await db.messages.get('gmail:t1|m1'))!;
    expect(full.text).toBe('Hello Sam,\nCan you send pricing?\n\nThanks, Ana');
    expect(full.partial).toBe(false);

    const n1 = (await db.notes.get('n1'))!;
    expect([n1.text, n1.done]).toEqual(['Promised a discount by Friday — sent', true]);
    expect(await db.notes.count()).toBe(3);
    const pin = (await db.pins.get('pin1'))!;
    expect([pin.dueAt, pin.note, pin.done, pin.doneAt, pin.doneReason]).toEqual(['2025-03-05T08:00:00.000Z', 'Call Bob; ask about budget, timeline', true, iso(2000), 'done']);
    expect((await db.links.get('p-ana|p-bob'))!.status).toBe('dismissed'); // the database's row is newer

    expect((await db.settings.get('waitDays'))!.value).toBe(3);
    expect((await db.settings.get('myEmails'))!.value).toEqual(['sam@seller.example', 'sam@other.example']);
    expect((await db.settings.get('digestHour'))!.value).toBe(8);

    // The search index follows: the full text of the former snippet is searchable.
    const rows = await db.wordIndex.where('ref').equals('c|linkedin:t2').toArray();
    expect(rows).toHaveLength(1);
    expect(rows[0]!.words).toContain('crest');
    expect((await search(db, 'rest')).map((h) => h.refId)).toContain('linkedin:t2|a');

    // And once more: nothing changes.
    const again = await snapshot(db);
    expect((await applyImport(db, await parse(text))).changes).toBe(0);
    expect(await snapshot(db)).toStrictEqual(again);
  });

  it('warns about references to records in neither the file nor the database, and imports them as they are', async () => {
    const parsed = await parse(
      file({ messages: [{ id: 'gmail:t9|x', conversationId: 'gmail:t9', personId: 'p-ghost', fromMe: false, sentAt: null, text: 'hi', partial: false }] }),
    );
    const plan = await planImport(db, parsed);
    expect(plan.warnings.map((w) => w.message)).toEqual([
      'messages[0].conversationId refers to "gmail:t9", which is in neither the file nor Turnkeeper; it is imported as it is.',
      'messages[0].personId refers to "p-ghost", which is in neither the file nor Turnkeeper; it is imported as it is.',
    ]);
  });

  it('is all or nothing: a failure while writing leaves the database as it was', async () => {
    const before = await snapshot(db);
    const parsed = await parse(
      file({
        people: [{ id: 'p-new', name: 'Nina', emails: [], linkedin: [], isMe: false }],
        messages: Array.from({ length: 12 }, (_, i) => ({ id: `gmail:t1|z${i}`, conversationId: 'gmail:t1', personId: 'p-new', fromMe: false, sentAt: null, text: `z${i}`, partial: false })),
      }),
    );
    let writes = 0;
    await expect(
      applyImport(db, parsed, {
        chunkSize: 5,
        onProgress: (p) => {
          if (p.phase === 'write' && p.table === 'messages' && ++writes === 2) throw new Error('disk full');
        },
      }),
    ).rejects.toThrow('disk full');
    expect(await snapshot(db)).toStrictEqual(before);

    const ac = new AbortController();
    await expect(
      applyImport(db, parsed, { chunkSize: 5, signal: ac.signal, onProgress: (p) => p.table === 'messages' && ac.abort() }),
    ).rejects.toThrow();
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('leaves out derived tables and tables this build does not keep, with a warning', async () => {
    const parsed = await parse(file({ search: [{ id: 'x', words: ['a'] }], gadgets: [{ id: 'g1' }], app: { name: 'x' } }));
    expect(parsed.warnings.map((w) => w.message)).toEqual([
      'Left out "search": it is derived data, rebuilt from the rest.',
      'The file has 1 row of "gadgets", which this Turnkeeper does not keep; they are left out.',
      'Ignored the unknown field "app".',
    ]);
    const before = await snapshot(db);
    await applyImport(db, parsed);
    expect(await snapshot(db)).toStrictEqual(before);
  });

  it('checks the primary key of extra tables against the database schema', async () => {
    const r = await parseImportFile(db, file({ links: [{ a: 'p-ana', b: 'p-bob' }] }));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The file is not a valid Turnkeeper export: links[0].id is missing or is not a valid key.');
    const dup = await parseImportFile(db, file({ links: [{ id: 'a|b' }, { id: 'a|b' }] }));
    expect(dup.ok).toBe(false);
    if (!dup.ok) expect(dup.error.code).toBe('duplicate-id');
  });
});

describe('merge rules are idempotent (property)', () => {
  const isoArb = fc.integer({ min: 1_600_000_000_000, max: 1_800_000_000_000 }).map((t) => new Date(t).toISOString());
  const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: undefined });
  const ids = fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 3 });
  const person = fc.record({ id: fc.constant('p'), name: fc.constantFrom('', 'Ana', 'Ana D'), emails: ids, linkedin: ids, isMe: fc.boolean(), mergedInto: maybe(fc.constant('q')), createdAt: isoArb, updatedAt: isoArb, nameKey: maybe(fc.constantFrom('ana', 'ana d')) });
  const conversation = fc.record({ id: fc.constant('c'), site: fc.constant('gmail'), threadId: fc.constant('c'), url: fc.constantFrom('', 'https://x/'), subject: maybe(fc.constantFrom('', 'S')), personIds: ids, turn: fc.constantFrom('mine', 'theirs', 'follow-up', 'resting'), turnSince: fc.option(isoArb, { nil: null }), lastMessageAt: fc.option(isoArb, { nil: null }), lastFromMe: fc.option(fc.boolean(), { nil: null }), restingSince: maybe(fc.option(isoArb, { nil: null })), firstSeenAt: isoArb, updatedAt: isoArb });
  const message = fc.record({ id: fc.constant('m'), conversationId: fc.constant('c'), personId: fc.constant('p'), fromMe: fc.boolean(), sentAt: fc.option(isoArb, { nil: null }), sentAtText: fc.string({ maxLength: 3 }), text: fc.string({ maxLength: 6 }), partial: fc.boolean(), seenAt: isoArb, pos: maybe(fc.nat(5)) });
  const note = fc.record({ id: fc.constant('n'), text: fc.string({ maxLength: 4 }), promised: fc.boolean(), done: fc.boolean(), createdAt: isoArb, updatedAt: isoArb });
  const pin = fc.record({ id: fc.constant('x'), conversationId: fc.constant('c'), dueAt: isoArb, note: maybe(fc.constantFrom('', 'n')), createdAt: isoArb, done: fc.boolean(), doneAt: maybe(fc.option(isoArb, { nil: null })), clearOnReply: fc.boolean(), notifiedAt: maybe(fc.option(isoArb, { nil: null })) });
  const link = fc.record({ id: fc.constant('a|b'), status: fc.constantFrom('suggested', 'dismissed'), updatedAt: maybe(isoArb), tags: ids });
  const cases: [string, fc.Arbitrary<Record<string, unknown>>][] = [
    ['people', person], ['conversations', conversation], ['messages', message], ['notes', note], ['pins', pin], ['links', link],
  ];
  for (const [table, arb] of cases) {
    it(`${table}: merge(merge(e, i), i) = merge(e, i), and merging a row with itself changes nothing`, () => {
      const merge = MERGERS[table] ?? mergeGeneric;
      fc.assert(
        fc.property(arb, arb, (e, i) => {
          const once = merge(e, i);
          expect(sameValue(merge(once, i), once)).toBe(true);
          expect(sameValue(merge(e, e), e)).toBe(true);
        }),
        { numRuns: 300 },
      );
    });
  }

  it('unit rules', () => {
    expect(mergeMessage({ text: 'ab', partial: true, sentAt: null, seenAt: T0 }, { text: 'abc', partial: true, sentAt: null, seenAt: T0 }).text).toBe('abc');
    expect(mergeMessage({ text: 'full', partial: false, sentAt: null, seenAt: T0 }, { text: 'other full', partial: false, sentAt: null, seenAt: T0 }).text).toBe('other full');
    expect(mergeMessage({ text: 'a long full text', partial: false, sentAt: null, seenAt: T0 }, { text: 'a longer snippet, but partial', partial: true, sentAt: null, seenAt: T0 }).text).toBe('a long full text');
    expect(mergePerson({ name: '', emails: [], linkedin: [], isMe: false, updatedAt: iso(5) }, { name: 'Bo', emails: [], linkedin: [], isMe: false, updatedAt: iso(1) }).name).toBe('Bo');
    expect(mergePerson({ name: 'A', emails: [], linkedin: [], isMe: false, mergedInto: 'x', updatedAt: iso(1) }, { name: 'A', emails: [], linkedin: [], isMe: false, updatedAt: iso(5) })).not.toHaveProperty('mergedInto');
    expect(mergeConversation({ lastMessageAt: null, turn: 'resting', personIds: [] }, { lastMessageAt: iso(1), turn: 'mine', personIds: [] }).turn).toBe('mine');
    expect(mergePin({ done: false, note: '' }, { done: true, doneAt: iso(3), note: 'x' })).toEqual({ done: true, doneAt: iso(3), note: 'x' });
    expect(mergeSetting('lastBackupAt', iso(1), iso(2))).toBe(iso(2));
    expect(mergeSetting('lastBackupAt', iso(2), iso(1))).toBe(iso(2));
    expect(mergeSetting('waitDays', 3, 5)).toBe(3);
    expect(mergeSetting('myProfiles', ['a'], ['b', 'a'])).toEqual(['a', 'b']);
  });
});
