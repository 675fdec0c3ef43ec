// Storing a batch of conversations read from the user's own exports (src/history: Takeout mbox, LinkedIn CSV).
// Built on the bulk ingest (ingestSnapshots): one transaction per batch, whole conversations only, merged with what
// was captured from the pages exactly as a capture would be (Gmail: the same message ids; LinkedIn: the same sender,
// time and text, see sameLinkedInTime), so importing the same file twice, or before or after opening the pages,
// leaves one record. The turn is derived as for a capture.
import type { TurnState } from '../core/turn';
import type { CapturedMessage, ThreadSnapshot } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { INGEST_TABLES, ingestSnapshots, type IngestContext } from './ingest';

export interface ImportedConversationState {
  conversationId: string;
  turn: TurnState;
  lastMessageAt: string | null;
}

export interface ImportThreadsResult {
  /** The batch's conversations as they now stand in the record. */
  conversations: ImportedConversationState[];
  /** Messages new to the record, and messages already held that changed (a longer text, a time found). */
  added: number;
  updated: number;
}

/** Only what a capture carries (the attachment included, in the page's shape): a file may add fields (charset flags)
 * that the record does not keep. */
function asSnapshot(thread: ThreadSnapshot): ThreadSnapshot {
  const messages: CapturedMessage[] = thread.messages.map((m) => {
    const message: CapturedMessage = { id: m.id, from: m.from, sentAt: m.sentAt, sentAtText: m.sentAtText, text: m.text, partial: m.partial };
    if (m.attachment) message.attachment = m.attachment;
    return message;
  });
  const snapshot: ThreadSnapshot = {
    site: thread.site,
    threadId: thread.threadId,
    url: thread.url,
    participants: thread.participants,
    messages,
  };
  if (thread.subject) snapshot.subject = thread.subject;
  return snapshot;
}

/**
 * Stores whole imported conversations in one transaction (all or nothing: a failure leaves the record as it was, and
 * importing again completes it). `context.myIdentities`: the addresses and profile the user confirmed as theirs.
 */
export async function importThreads(
  db: TurnkeeperDatabase,
  threads: readonly ThreadSnapshot[],
  context: IngestContext,
): Promise<ImportThreadsResult> {
  if (!threads.length) return { conversations: [], added: 0, updated: 0 };
  const snapshots = threads.map(asSnapshot);
  // The conversations are read back in the ingest's own transaction (Dexie nests it): no second transaction per batch.
  const { results, rows } = await db.transaction('rw', [...INGEST_TABLES], async () => {
    const results = await ingestSnapshots(db, snapshots, context);
    const rows = await db.conversations.bulkGet([...new Set(results.map((r) => r.conversationId))]);
    return { results, rows };
  });
  return {
    conversations: rows.flatMap((c) => (c ? [{ conversationId: c.id, turn: c.turn, lastMessageAt: c.lastMessageAt }] : [])),
    added: results.reduce((a, r) => a + r.added, 0),
    updated: results.reduce((a, r) => a + r.updated, 0),
  };
}
