// The running record of an open conversation: every message with the same people on both sites, its notes and pins.
import { compareMessages } from '../../core/turn';
import type { Site } from '../../sites/types';
import type { TurnkeeperDatabase } from '../database';
import { eachKey } from '../internal';
import type { ConversationRecord, MessageRecord, NoteRecord, PinRecord } from '../records';
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
  // The sidebar waits on this for every thread opened, and each round trip to IndexedDB costs a few ms in a busy
  // browser: reads that do not depend on each other are asked together (four rounds in the common case, where no
  // one is merged and every sender is one of the conversation's people), and a set of keys is read as one exact-key
  // read per key (getAll), not as a multi-key cursor stepping through the index one row at a time.
  const [conv, settings, notes, pins] = await Promise.all([
    db.conversations.get(conversationId),
    getSettings(db),
    db.notes.where('conversationId').equals(conversationId).toArray(),
    db.pins.where('conversationId').equals(conversationId).toArray(),
  ]);
  if (!conv) return null;
  // The conversations of its own people are read with its people; those of rows merged with them (rare) after.
  const ownIds = conv.personIds.filter((id) => id !== ME_ID);
  const [people, ownRelated] = await Promise.all([personViews(db, conv.personIds), conversationsOf(db, ownIds)]);
  const uniquePeople = [...new Map([...people.values()].filter((p) => p.id !== ME_ID).map((p) => [p.id, p])).values()];
  const allIds = [...new Set(uniquePeople.flatMap((p) => p.memberIds))];
  const more = allIds.filter((id) => !ownIds.includes(id));
  const related = [...new Map([...ownRelated, ...(await conversationsOf(db, more))].map((c) => [c.id, c])).values()];
  if (!related.some((c) => c.id === conv.id)) related.push(conv);
  related.sort((a, b) => byTime(b.lastMessageAt, a.lastMessageAt) || (a.id < b.id ? -1 : 1));
  const convIds = related.map((c) => c.id);
  const [messages, personNotes, views] = await Promise.all([
    eachKey(convIds, (id) => db.messages.where('conversationId').equals(id).toArray()),
    eachKey(allIds, (id) => db.notes.where('personId').equals(id).toArray()),
    conversationViews(db, related, now, settings),
  ]);
  messages.sort(compareMessages);
  // Senders are nearly always the conversation's people (known above) or the user (named by fromMe).
  const senders = new Map(people);
  const unknown = [...new Set(messages.filter((m) => !m.fromMe && !senders.has(m.personId)).map((m) => m.personId))];
  if (unknown.length) for (const [id, view] of await personViews(db, unknown)) senders.set(id, view);
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

/** Every conversation with any of these people (by its personIds), each once. */
async function conversationsOf(db: TurnkeeperDatabase, personIds: readonly string[]): Promise<ConversationRecord[]> {
  const found = await eachKey(personIds, (id) => db.conversations.where('personIds').equals(id).toArray());
  return [...new Map(found.map((c) => [c.id, c])).values()];
}
