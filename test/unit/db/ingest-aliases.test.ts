// One message, two ids: Gmail gives a collapsed message no id of its own (the adapter derives one) and an expanded
// one its page id; a message the user just sent carries `msg-a:r…` before its permanent id. The record must hold it
// once, with the best text, whichever form is read first.
import { describe, expect, it } from 'vitest';
import { ingestSnapshot } from '../../../src/db/ingest';
import { at, ctx, DANA, gmail, makeDb, ME, msg } from './helpers';

const FULL = 'Hi Sam,\nThanks for the proposal. Could you send the pricing for 40 seats, and does the pilot include SSO?\nDana';
const SNIPPET = 'Hi Sam, Thanks for the proposal. Could you send the pricing for 40 seats, and does the…';

async function messageRows(db: ReturnType<typeof makeDb>) {
  return db.messages.orderBy('id').toArray();
}

describe('the same message under two ids', () => {
  it('collapsed first (derived id), then expanded (page id): one row, full text', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('d:abc', DANA, at(3), SNIPPET, true)]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('19a0c0ffee0000a2', DANA, at(3), FULL)]), ctx());
    const rows = await messageRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: FULL, partial: false });
    // Reading either form again changes nothing.
    const before = await messageRows(db);
    await ingestSnapshot(db, gmail('t1', [msg('19a0c0ffee0000a2', DANA, at(3), FULL)]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('d:abc', DANA, at(3), SNIPPET, true)]), ctx());
    expect(await messageRows(db)).toEqual(before);
  });

  it('expanded first, then collapsed: one row, the full text is kept', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('19a0c0ffee0000a2', DANA, at(3), FULL)]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('d:abc', DANA, at(3), SNIPPET, true)]), ctx());
    const rows = await messageRows(db);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ text: FULL, partial: false });
  });

  it('a sent message whose id changes once delivered stays one row', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('msg-a:r-1234', ME, at(4), 'Sending the 40-seat pricing now.')]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('19a0c0ffee0000a3', ME, at(4), 'Sending the 40-seat pricing now.')]), ctx());
    expect(await messageRows(db)).toHaveLength(1);
  });

  it('two different messages from one sender in the same minute stay two', async () => {
    const db = makeDb();
    await ingestSnapshot(
      db,
      gmail('t1', [msg('d:1', DANA, at(3), 'Also, can we move the call to Friday morning?', true), msg('d:2', DANA, at(3), FULL)]),
      ctx(),
    );
    expect(await messageRows(db)).toHaveLength(2);
  });

  it('the same words sent twice in one minute, read under their own ids, stay two', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('a1', DANA, at(3), 'Thanks!'), msg('a2', DANA, at(3), 'Thanks!')]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('a1', DANA, at(3), 'Thanks!'), msg('a2', DANA, at(3), 'Thanks!')]), ctx());
    expect(await messageRows(db)).toHaveLength(2);
  });

  it('a snippet too short to be sure of is not merged', async () => {
    const db = makeDb();
    await ingestSnapshot(db, gmail('t1', [msg('19a0c0ffee0000a2', DANA, at(3), FULL)]), ctx());
    await ingestSnapshot(db, gmail('t1', [msg('d:x', DANA, at(3), 'Hi Sam', true)]), ctx());
    expect(await messageRows(db)).toHaveLength(2);
  });
});
