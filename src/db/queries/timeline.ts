// The running record of an open conversation: every message with the same people on both sites, its notes and pins.
import { compareMessages } from '../../core/turn';
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import type { MessageRecord, NoteRecord, PinRecord } from '../records';
import { ME_ID } from '../records';
import { getSettings } from '../settings';
import { byTime, conversationViews, personViews, type ConversationView, type PersonView } from './views';

export interface TimelineMessage extends MessageRecord {
  site: Site;
  /** The sender, merges resolved; ME_ID for the user. */
  senderId: string;
  senderName: string;
  /** Whether the message belongs to the conversation the timeline was asked for. */
  inThisConversation: boolean;
}

export interface Timeline {
  conversation: ConversationView;
  /** The other people of this conversation. */
  people: PersonView[];
  /** Every conversation with any of those people, on both sites, newest first (this one included). */
  conversations: ConversationView[];
  /** All their messages, oldest first (sentAt, else seenAt; then page position). */
  messages: TimelineMessage[];
  /** Notes on this conversation, oldest first. */
  notes: NoteRecord[];
  /** Notes on its people, oldest first. */
  personNotes: NoteRecord[];
  /** This conversation's pins, open ones first, by due time. */
  pins: PinRecord[];
}

/** The running record for an open conversation: all messages of all conversations with the same people (any of
 * them, merges resolved) on both sites, oldest first, plus this conversation's notes and pins. */
export async function getTimeline(
  db: TurnkeeperDatabase,
  conversationId: string,
  now: Date,
): Promise<Timeline | null> {
  // Reads that do not depend on each other are asked together: the sidebar waits on this for every thread opened.
  const [conv, settings] = await Promise.all([db.conversations.get(conversationId), getSettings(db)]);
  if (!conv) return null;
  const people = await personViews(db, conv.personIds);
  const uniquePeople = [...new Map([...people.values()].filter((p) => p.id !== ME_ID).map((p) => [p.id, p])).values()];
  const allIds = [...new Set(uniquePeople.flatMap((p) => p.memberIds))];
  const related = allIds.length
    ? await db.conversations.where('personIds').anyOf(allIds).distinct().toArray()
    : [];
  if (!related.some((c) => c.id === conv.id)) related.push(conv);
  related.sort((a, b) => byTime(b.lastMessageAt, a.lastMessageAt) || (a.id < b.id ? -1 : 1));
  const convIds = related.map((c) => c.id);
  const [messages, notes, personNotes, pins, views] = await Promise.all([
    db.messages.where('conversationId').anyOf(convIds).toArray(),
    db.notes.where('conversationId').equals(conv.id).toArray(),
    allIds.length ? db.notes.where('personId').anyOf(allIds).toArray() : Promise.resolve([]),
    db.pins.where('conversationId').equals(conv.id).toArray(),
    conversationViews(db, related, now, settings),
  ]);
  messages.sort(compareMessages);
  const senders = await personViews(db, [...new Set(messages.map((m) => m.personId))]);
  const siteOf = new Map(related.map((c) => [c.id, c.site]));
  const timeline: TimelineMessage[] = messages.map((m) => {
    const sender = senders.get(m.personId);
    return {
      ...m,
      site: siteOf.get(m.conversationId) ?? conv.site,
      senderId: m.fromMe ? ME_ID : (sender?.id ?? m.personId),
      senderName: m.fromMe ? '' : (sender?.name ?? ''),
      inThisConversation: m.conversationId === conv.id,
    };
  });
  notes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  personNotes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  pins.sort((a, b) => Number(a.done) - Number(b.done) || byTime(a.dueAt, b.dueAt));
  return {
    conversation: views.find((v) => v.id === conv.id)!,
    people: uniquePeople,
    conversations: views,
    messages: timeline,
    notes,
    personNotes,
    pins,
  };
}
