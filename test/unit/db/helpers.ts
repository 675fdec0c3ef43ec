import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { TurnkeeperDatabase } from '../../../src/db/database';
import { pinnedPage } from '../../../src/db/queries';
import type { CapturedMessage, Person, ThreadSnapshot } from '../../../src/sites/types';

let n = 0;
export function makeDb(name = `test-${process.pid}-${++n}-${Math.random()}`): TurnkeeperDatabase {
  return new TurnkeeperDatabase(name, { indexedDB, IDBKeyRange });
}

/** Every row of every table, sorted by key: two dumps are equal when the databases hold the same thing. */
export async function dump(db: TurnkeeperDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}

// January 2024, local time: Mon 1 … Wed 10.
export const at = (d: number, h = 12, m = 0) => new Date(2024, 0, d, h, m).toISOString();
export const NOW = new Date(2024, 0, 10, 12, 0);

export const ME: Person = { name: 'Sam Seller', email: 'sam@seller.io', isMe: true };
export const DANA: Person = { name: 'Dana Buyer', email: 'Dana@Buyer.com', isMe: false };
export const DANA_LI: Person = {
  name: 'Dána  buyer',
  profileUrl: 'https://www.linkedin.com/in/dana-buyer/',
  isMe: false,
};
export const ME_LI: Person = { name: 'Sam Seller', profileUrl: 'https://www.linkedin.com/in/sam-seller/', isMe: true };

export function msg(id: string, from: Person, sentAt: string | null, text: string, partial = false): CapturedMessage {
  return { id, from, sentAt, sentAtText: sentAt ?? 'unknown', text, partial };
}

export function gmail(threadId: string, messages: CapturedMessage[], extra: Partial<ThreadSnapshot> = {}): ThreadSnapshot {
  const participants = [...new Map(messages.map((m) => [m.from.email ?? m.from.name, m.from])).values()];
  return {
    site: 'gmail',
    threadId,
    url: `https://mail.google.com/mail/u/0/#inbox/${threadId}`,
    subject: 'Proposal for Q3',
    participants,
    messages,
    ...extra,
  };
}

export function linkedin(threadId: string, messages: CapturedMessage[], extra: Partial<ThreadSnapshot> = {}): ThreadSnapshot {
  const participants = [...new Map(messages.map((m) => [m.from.profileUrl ?? m.from.name, m.from])).values()];
  return {
    site: 'linkedin',
    threadId,
    url: `https://www.linkedin.com/messaging/thread/${threadId}/`,
    participants,
    messages,
    ...extra,
  };
}

export const ctx = (now = NOW, myIdentities: string[] = []) => ({ now, myIdentities });

/** The pinned section's due rows at NOW (pinnedPage, as the dashboard and sidebar read it), oldest due first. */
export const duePinned = async (db: TurnkeeperDatabase) => (await pinnedPage(db, NOW, { upcomingLimit: 0 })).rows;
/** The pinned section's rows not yet due at NOW, soonest first, at most `limit`. */
export const upcomingPinned = async (db: TurnkeeperDatabase, limit = 100) =>
  (await pinnedPage(db, NOW, { upcomingLimit: limit })).rows.filter((row) => !row.due);
