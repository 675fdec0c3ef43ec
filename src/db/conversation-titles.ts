// What names a conversation in a list or a notification: its subject, else the first words of its newest message
// (LinkedIn conversations have no subject). Read-only, usable inside liveQuery; the dashboard and the notifications
// both use it.
import { lastMessageOf } from '../core/turn';
import type { TurnkeeperDatabase } from './database';
import type { MessageRecord } from './records';

/** The first words of `text`: whitespace collapsed, cut at a word boundary near `max` characters, with "…". */
export function firstWords(text: string, max = 90): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  const chars = Array.from(clean);
  if (chars.length <= max) return clean;
  const cut = chars.slice(0, max).join('');
  const space = cut.lastIndexOf(' ');
  return (space > max * 0.6 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '') + '…';
}

/** The newest message's text of each conversation asked (reads only; usable inside liveQuery). */
export async function lastMessageTexts(
  db: TurnkeeperDatabase,
  conversationIds: readonly string[],
): Promise<Map<string, string>> {
  const ids = [...new Set(conversationIds)];
  const out = new Map<string, string>();
  if (!ids.length) return out;
  const rows = await db.messages.where('conversationId').anyOf(ids).toArray();
  const byConversation = new Map<string, MessageRecord[]>();
  for (const m of rows) {
    const list = byConversation.get(m.conversationId);
    if (list) list.push(m);
    else byConversation.set(m.conversationId, [m]);
  }
  for (const [id, messages] of byConversation) {
    const last = lastMessageOf(messages);
    if (last?.text.trim()) out.set(id, last.text);
  }
  return out;
}

/** The title of each conversation: subject, else the first words of its newest message, else ''. */
export async function conversationTitles(
  db: TurnkeeperDatabase,
  conversations: readonly { id: string; subject?: string }[],
  max = 90,
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  const untitled: string[] = [];
  for (const c of conversations) {
    if (c.subject?.trim()) out.set(c.id, c.subject.trim());
    else untitled.push(c.id);
  }
  const texts = await lastMessageTexts(db, untitled);
  for (const id of untitled) out.set(id, firstWords(texts.get(id) ?? '', max));
  return out;
}
