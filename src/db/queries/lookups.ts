// Rows by id, for callers that hold ids from another query (search hits, a notification, settings).
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { ConversationRecord } from '../records';

export async function findConversation(
  db: TurnkeeperDatabase,
  site: Site,
  threadId: string,
): Promise<ConversationRecord | undefined> {
  return db.conversations.get(`${site}:${threadId}`);
}
