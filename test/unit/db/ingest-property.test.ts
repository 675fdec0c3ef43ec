import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ingestSnapshot } from '../../../src/db/ingest';
import { at, ctx, DANA, dump, gmail, makeDb, ME, msg, NOW } from './helpers';

const FULL = [
  'Could you send the proposal for the pilot?',
  'Attached, with the pricing for 20 seats.',
  'Thanks. Legal will review it this week.',
  'Great, let me know if anything is unclear.',
];

describe('ingest, any order of views', () => {
  it('keeps every full text ever seen, one row per message, and re-reading changes nothing', async () => {
    // A view shows some of the messages, each expanded (full) or collapsed (a snippet of it).
    const view = fc.array(fc.record({ index: fc.integer({ min: 0, max: 3 }), full: fc.boolean(), cut: fc.integer({ min: 1, max: 20 }) }), {
      minLength: 1,
      maxLength: 4,
    });
    await fc.assert(
      fc.asyncProperty(fc.array(view, { minLength: 1, maxLength: 5 }), async (rawViews) => {
        const db = makeDb();
        // A page shows each message once.
        const views = rawViews.map((v) => [...new Map(v.map((m) => [m.index, m])).values()].sort((a, b) => a.index - b.index));
        const snaps = views.map((seen) => {
          return gmail(
            't1',
            seen.map(({ index, full, cut }) =>
              msg(`m${index}`, index % 2 ? ME : DANA, full ? at(5 + index) : null, full ? FULL[index]! : `${FULL[index]!.slice(0, cut)}…`, !full),
            ),
          );
        });
        for (const s of snaps) await ingestSnapshot(db, s, ctx());
        const rows = await db.messages.toArray();
        const ids = new Set(views.flat().map((m) => `gmail:t1|m${m.index}`));
        expect(new Set(rows.map((r) => r.id))).toEqual(ids);
        for (const r of rows) {
          const index = Number(r.id.split('|m')[1]);
          const seenFull = views.flat().some((m) => m.index === index && m.full);
          expect(r.partial).toBe(!seenFull);
          if (seenFull) expect(r).toMatchObject({ text: FULL[index], sentAt: at(5 + index) });
          else expect(FULL[index]!.startsWith(r.text.slice(0, -1))).toBe(true);
        }
        const before = await dump(db);
        for (const s of snaps) {
          const r = await ingestSnapshot(db, s, ctx(new Date(NOW.getTime() + 1000)));
          expect(r.added + r.updated).toBe(0);
        }
        expect(await dump(db)).toEqual(before);
        db.close();
      }),
      { numRuns: 40 },
    );
  });
});
