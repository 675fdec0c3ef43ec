// Rows by id, for callers that hold ids from another query (search hits, a notification, settings), and the size of
// the record.
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord, PersonRecord } from '../records';
import { ME_ID } from '../records';
import { mergeGroup, resolveRoots } from '../internal';
import { byTime } from './views';

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
 * measured in Chromium); a merged person whose rows are not in any conversation under the asked id is looked up
 * through every row of their merge group, those people all at once too.
 */
export async function newestConversationOf(
  db: TurnkeeperDatabase,
  personIds: readonly string[],
): Promise<Map<string, ConversationRecord>> {
  const newestOf = new Map<string, ConversationRecord>();
  const ids = [...new Set(personIds)];
  if (!ids.length) return newestOf;
  const newer = (c: ConversationRecord, known: ConversationRecord | undefined) =>
    !known || byTime(c.lastMessageAt, known.lastMessageAt) > 0 || (c.lastMessageAt === known.lastMessageAt && c.id < known.id);
  const conversationsOf = async (memberIds: readonly string[]) =>
    (await Promise.all(memberIds.map((id) => db.conversations.where('personIds').equals(id).toArray()))).flat();
  const wanted = new Set(ids);
  for (const c of await conversationsOf(ids)) {
    for (const id of c.personIds) if (wanted.has(id) && newer(c, newestOf.get(id))) newestOf.set(id, c);
  }
  const missing = ids.filter((id) => !newestOf.has(id));
  const roots = await resolveRoots(db, missing);
  await Promise.all(
    missing.map(async (id) => {
      const root = roots.get(id);
      if (!root) return;
      const group = await mergeGroup(db, root.id);
      for (const c of await conversationsOf(group.map((p) => p.id))) if (newer(c, newestOf.get(id))) newestOf.set(id, c);
    }),
  );
  return newestOf;
}
