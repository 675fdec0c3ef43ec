// Rows by id, for callers that hold ids from another query (search hits, a notification, settings), and the size of
// the record.
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, PersonRecord } from '../records';
import { ME_ID } from '../records';
import { getPersonDetails } from './people';

export async function findConversation(
  db: TurnkeeperDatabase,
  site: Site,
  threadId: string,
): Promise<ConversationRecord | undefined> {
  return db.conversations.get(`${site}:${threadId}`);
}

/** The conversation row with this id, as stored (turn as cached). */
export function getConversation(db: TurnkeeperDatabase, id: string): Promise<ConversationRecord | undefined> {
  return db.conversations.get(id);
}

/** The conversation rows with these ids that exist, in the order asked. */
export async function getConversations(db: TurnkeeperDatabase, ids: readonly string[]): Promise<ConversationRecord[]> {
  return (await db.conversations.bulkGet([...ids])).filter((c): c is ConversationRecord => !!c);
}

/** The person rows with these ids that exist, in the order asked (merges not resolved). */
export async function getPeople(db: TurnkeeperDatabase, ids: readonly string[]): Promise<PersonRecord[]> {
  return (await db.people.bulkGet([...ids])).filter((p): p is PersonRecord => !!p);
}

/** The user's own person row (their addresses and profiles as learned), if the record has one yet. */
export function getMyPerson(db: TurnkeeperDatabase): Promise<PersonRecord | undefined> {
  return db.people.get(ME_ID);
}

/** How many conversations the record holds (0: nothing recorded yet). */
export function countConversations(db: TurnkeeperDatabase): Promise<number> {
  return db.conversations.count();
}

/** Whether the record holds any conversation. Reads one key: counting walks the whole table (10,000 conversations:
 * tens of milliseconds). */
export async function hasConversations(db: TurnkeeperDatabase): Promise<boolean> {
  return (await db.conversations.limit(1).primaryKeys()).length > 0;
}

/**
 * The newest conversation (by lastMessageAt) of each person asked, by person id; people in none are left out. One
 * index read per person, all at once (a multi-key cursor steps one request per row: ~4x slower for 50 people
 * measured in Chromium); a merged person whose rows are not in any conversation under the asked id is looked up in
 * full (getPersonDetails, merges resolved).
 */
export async function newestConversationOf(
  db: TurnkeeperDatabase,
  personIds: readonly string[],
  now: Date,
): Promise<Map<string, ConversationRecord>> {
  const newestOf = new Map<string, ConversationRecord>();
  const ids = [...new Set(personIds)];
  if (!ids.length) return newestOf;
  const wanted = new Set(ids);
  const theirs = (await Promise.all(ids.map((id) => db.conversations.where('personIds').equals(id).toArray()))).flat();
  for (const c of theirs) {
    for (const id of c.personIds) {
      if (!wanted.has(id)) continue;
      const known = newestOf.get(id);
      if (!known || (c.lastMessageAt ?? '') > (known.lastMessageAt ?? '')) newestOf.set(id, c);
    }
  }
  for (const id of ids) {
    if (newestOf.has(id)) continue;
    const newest = (await getPersonDetails(db, id, now))?.conversations[0];
    if (newest) newestOf.set(id, newest);
  }
  return newestOf;
}
