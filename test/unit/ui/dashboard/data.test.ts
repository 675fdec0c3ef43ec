// The dashboard's lists and row actions over a real (fake-indexeddb) record.
import { describe, expect, it } from 'vitest';
import { addPin } from '../../../../src/db/actions';
import { ingestSnapshot } from '../../../../src/db/ingest';
import { bySite, doneRow, loadLists, loadTitles, remindRow, restRow } from '../../../../src/ui/dashboard/data';
import { at, ctx, DANA, DANA_LI, gmail, linkedin, makeDb, ME, ME_LI, msg, NOW } from '../../db/helpers';

async function seed() {
  const db = makeDb();
  await ingestSnapshot(db, gmail('mine', [msg('a', DANA, at(8), 'Can you send the proposal?')], { subject: 'Proposal' }), ctx());
  await ingestSnapshot(db, gmail('old', [msg('b', ME, at(2), 'Any news?')], { subject: 'Old' }), ctx());
  await ingestSnapshot(db, gmail('wait', [msg('c', ME, at(9), 'Here it is.')], { subject: 'Pricing' }), ctx());
  await ingestSnapshot(db, linkedin('li', [msg('d', ME_LI, at(6), 'Nice to meet you'), msg('e', DANA_LI, at(7), 'Likewise!\n  Talk soon')]), ctx());
  return db;
}

describe('loadLists', () => {
  it('puts each conversation in its section, oldest owed first', async () => {
    const db = await seed();
    const lists = await loadLists(db, NOW);
    expect(lists.mine.map((r) => r.conversation.id)).toEqual(['linkedin:li', 'gmail:mine']);
    expect(lists.followUp.map((r) => r.conversation.id)).toEqual(['gmail:old']);
    expect(lists.waiting.map((r) => r.conversation.id)).toEqual(['gmail:wait']);
    expect(lists.pinned).toEqual([]);
    expect(lists.hasConversations).toBe(true);
    expect(bySite(lists.mine, 'linkedin').map((r) => r.conversation.id)).toEqual(['linkedin:li']);
  });

  it('counts the gone-quiet conversations while closed, and reads their rows, newest first, once opened', async () => {
    const db = await seed();
    await ingestSnapshot(db, gmail('q1', [msg('q', DANA, new Date(2023, 5, 1).toISOString(), 'Still on?')]), ctx());
    await ingestSnapshot(db, gmail('q2', [msg('r', ME, new Date(2023, 8, 1).toISOString(), 'Any news?')]), ctx());
    const closed = await loadLists(db, NOW);
    expect(closed.counts.goneQuiet).toBe(2);
    expect(closed.goneQuiet).toEqual([]);
    expect(closed.mine.map((r) => r.conversation.id)).toEqual(['linkedin:li', 'gmail:mine']);
    expect(closed.due.total).toBe(3);
    const open = await loadLists(db, NOW, { goneQuietOpen: true, limit: 1 });
    expect(open.goneQuiet.map((r) => [r.key, r.conversation.turn])).toEqual([['goneQuiet:gmail:q2', 'follow-up']]);
    const whole = await loadLists(db, NOW, { goneQuietOpen: true, limit: 1, expanded: new Set(['goneQuiet']) });
    expect(whole.goneQuiet.map((r) => r.conversation.id)).toEqual(['gmail:q2', 'gmail:q1']);
  });

  it('lists pins: due first, then upcoming', async () => {
    const db = await seed();
    await addPin(db, { conversationId: 'gmail:wait', dueAt: new Date(NOW.getTime() + 3_600_000) }, NOW);
    await addPin(db, { conversationId: 'gmail:mine', dueAt: new Date(NOW.getTime() - 3_600_000) }, new Date(at(8, 13)));
    const lists = await loadLists(db, NOW);
    expect(lists.pinned.map((r) => [r.conversation.id, r.pinDue])).toEqual([
      ['gmail:mine', true],
      ['gmail:wait', false],
    ]);
  });

  it('counts every pin of the site asked but shows only the first ones', async () => {
    const db = await seed();
    for (const hours of [3, 2, 1]) {
      await addPin(db, { conversationId: 'gmail:mine', dueAt: new Date(NOW.getTime() - hours * 3_600_000) }, new Date(at(8, 13)));
    }
    await addPin(db, { conversationId: 'linkedin:li', dueAt: new Date(NOW.getTime() + 3_600_000) }, NOW);
    const first = await loadLists(db, NOW, { limit: 2 });
    expect(first.counts.pinned).toBe(4);
    expect(first.pinned.map((r) => [r.conversation.id, r.pin!.dueAt, r.pinDue])).toEqual([
      ['gmail:mine', new Date(NOW.getTime() - 3 * 3_600_000).toISOString(), true],
      ['gmail:mine', new Date(NOW.getTime() - 2 * 3_600_000).toISOString(), true],
    ]);
    const linkedinOnly = await loadLists(db, NOW, { site: 'linkedin', limit: 2 });
    expect(linkedinOnly.counts.pinned).toBe(1);
    expect(linkedinOnly.pinned.map((r) => [r.conversation.id, r.pinDue])).toEqual([['linkedin:li', false]]);
    // The toolbar badge's figure stays every site's, whatever the filter.
    expect(linkedinOnly.due.pinsDue).toBe(3);
  });

  it('shows the empty state on an empty record', async () => {
    expect((await loadLists(makeDb(), NOW)).hasConversations).toBe(false);
  });

  it('titles a conversation by its subject, else the first words of its newest message', async () => {
    const db = await seed();
    const lists = await loadLists(db, NOW);
    const titles = await loadTitles(db, lists.mine.map((r) => r.conversation));
    expect(titles.get('gmail:mine')).toBe('Proposal');
    expect(titles.get('linkedin:li')).toBe('Likewise! Talk soon');
  });
});

describe('row actions', () => {
  it('no reply needed moves a row out of its list; undo brings it back', async () => {
    const db = await seed();
    const undo = await restRow(db, 'gmail:mine', NOW);
    expect((await loadLists(db, NOW)).mine.map((r) => r.conversation.id)).toEqual(['linkedin:li']);
    await undo();
    expect((await loadLists(db, NOW)).mine).toHaveLength(2);
  });

  it('done on a conversation rests it and completes its due reminders; undo restores both', async () => {
    const db = await seed();
    await addPin(db, { conversationId: 'gmail:old', dueAt: new Date(NOW.getTime() - 60_000) }, new Date(at(3)));
    const lists = await loadLists(db, NOW);
    const row = lists.followUp[0]!;
    const undo = await doneRow(db, row, NOW);
    const after = await loadLists(db, NOW);
    expect(after.followUp).toEqual([]);
    expect(after.pinned).toEqual([]);
    await undo();
    const back = await loadLists(db, NOW);
    expect(back.followUp).toHaveLength(1);
    expect(back.pinned).toHaveLength(1);
  });

  it('done on a pinned row completes that reminder only', async () => {
    const db = await seed();
    await addPin(db, { conversationId: 'gmail:mine', dueAt: new Date(NOW.getTime() - 60_000) }, new Date(at(8, 13)));
    const pinned = (await loadLists(db, NOW)).pinned[0]!;
    const undo = await doneRow(db, pinned, NOW);
    const after = await loadLists(db, NOW);
    expect(after.pinned).toEqual([]);
    expect(after.mine).toHaveLength(2);
    await undo();
    expect((await loadLists(db, NOW)).pinned).toHaveLength(1);
  });

  it('remind sets a pin; undo deletes it', async () => {
    const db = await seed();
    const undo = await remindRow(db, 'gmail:wait', new Date(NOW.getTime() + 86_400_000), NOW);
    expect((await loadLists(db, NOW)).pinned).toHaveLength(1);
    await undo();
    expect((await loadLists(db, NOW)).pinned).toHaveLength(0);
  });
});
