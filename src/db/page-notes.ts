// Notes and pins for a page the adapter could not read: they hang on a conversation row of their own, keyed by the
// page's stable URL, with no people and no messages.
import type { Site } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { newConversation } from './internal';
import type { NoteRecord, PinRecord } from './records';

/**
 * The stable part of a page's URL, so that notes made on an unreadable thread are found again on the next visit:
 * Gmail keys by the thread token at the end of the hash (the folder before it, `#inbox/` or `#label/x/`, changes
 * with how the user got there) under the account path; LinkedIn by the path. Query and other fragments are dropped.
 */
export function pageKey(site: Site, rawUrl: string): string {
  let url: URL;
  try {
    url = new URL(rawUrl);
  } catch {
    return rawUrl;
  }
  if (site === 'gmail') {
    const parts = url.hash.replace(/^#/, '').split('?')[0]!.split('/').filter(Boolean);
    const token = parts.length > 1 ? parts[parts.length - 1]! : parts[0] ?? '';
    return `${url.origin}${url.pathname}${token ? `#all/${token}` : ''}`;
  }
  const path = url.pathname.endsWith('/') ? url.pathname : `${url.pathname}/`;
  return `${url.origin}${path}`;
}

/** The conversation id for a page: `${site}:url:${pageKey}` (the shape `${site}:${threadId}` every id has). */
export function pageConversationId(site: Site, url: string): string {
  return `${site}:url:${pageKey(site, url)}`;
}

/**
 * Creates the row for a page's notes and pins if it is not there yet. It has no people and no messages, so its turn
 * is "empty" and it appears in no turn list; its pins are due like any other.
 */
export async function ensurePageConversation(
  db: TurnkeeperDatabase,
  site: Site,
  url: string,
  now: Date,
): Promise<string> {
  const id = pageConversationId(site, url);
  await db.transaction('rw', db.conversations, async () => {
    if (await db.conversations.get(id)) return;
    const row = newConversation(id, site, id.slice(site.length + 1), url, now.toISOString());
    await db.conversations.add(row);
  });
  return id;
}

/** Notes and pins kept for a page (empty when none were made). */
export async function loadPageNotes(
  db: TurnkeeperDatabase,
  site: Site,
  url: string,
): Promise<{ conversationId: string; exists: boolean; notes: NoteRecord[]; pins: PinRecord[] }> {
  const conversationId = pageConversationId(site, url);
  const [conversation, notes, pins] = await Promise.all([
    db.conversations.get(conversationId),
    db.notes.where('conversationId').equals(conversationId).toArray(),
    db.pins.where('conversationId').equals(conversationId).toArray(),
  ]);
  notes.sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  pins.sort((a, b) => Number(a.done) - Number(b.done) || (a.dueAt < b.dueAt ? -1 : 1));
  return { conversationId, exists: !!conversation, notes, pins };
}
