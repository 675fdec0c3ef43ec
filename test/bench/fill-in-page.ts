// Bundled by extension-record.mjs and evaluated in an extension page: writes the generated record into the
// extension's own database through the real ingest and actions (test/bench/bench-data.ts), as the background would.
import { openDatabase } from '../../src/db';
import { fillRecord } from './bench-data';

(globalThis as unknown as Record<string, unknown>).turnkeeperFillRecord = async (
  sizes: { people: number; conversations: number; messages: number },
  nowMs: number,
) => {
  const db = openDatabase();
  const history = await fillRecord(db, { ...sizes, now: new Date(nowMs) });
  const counts = { conversations: await db.conversations.count(), messages: await db.messages.count(), pins: await db.pins.count(), notes: await db.notes.count() };
  if (counts.messages < sizes.messages) throw new Error(`the record holds ${counts.messages} of ${sizes.messages} messages`);
  return { ...counts, snapshots: history.snapshots.length };
};
