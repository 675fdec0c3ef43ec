// What a site's list teaches the record (issue 15, "What the list teaches the record"). A row is evidence, used only
// where it proves something; what it proves is recorded as a partial message (a snippet with its time) so the turn
// and the dashboard follow without the thread being opened. Rows of unknown conversations create nothing, and a
// conversation is never created from a row.
//
// - Gmail: an UNREAD row newer than the record's last message means someone else wrote (the user's own messages are
//   never unread). Its partial message takes the row's last message id when Gmail gives it
//   (`data-legacy-last-message-id`, the id the thread adapter gives that message), so reading the thread later fills
//   in the same row; without it, a `list:` id that ingest drops when the thread is read (src/db/ingest.ts). A READ
//   row newer than the record proves a change but not its writer: nothing is written (list-states.ts says so).
// - LinkedIn: the card's snippet starts with who wrote last, in the user's language ("You:", "你：", "Tú:"). The
//   user's own prefix is learned from cards of conversations whose last message is known to be the user's (read, and
//   not a participant's name), never from a list of words. A card whose writer is provably the other side (unread,
//   or a prefix that is not the user's) while the record's last message is the user's gets a partial message from
//   them. Its time: a card shows "2h", "Tue", "3月19日", too coarse to place a message among others, so sentAt stays
//   null and it is ordered by when it was seen (seenAt, the moment of reading), which is after the user's last
//   message whenever the card is read, as it must be. Its `list:` id is dropped when the thread is read.
import { nameKey } from '../core/text';
import { pinClearedBy } from '../core/turn';
import type { TurnkeeperDatabase } from './database';
import { eachKey, withMessages, withTurn } from './internal';
import { conversationsOfRows, laterThanRecord, type ListEvidence } from './queries/list-states';
import type { ConversationRecord, MessageRecord, PinRecord } from './records';
import { ME_ID } from './records';
import { applySearchChanges, conversationSearchRow, SearchChanges, searchRef } from './search-index';
import { getSettings } from './settings';

/** The settings row holding the user's own LinkedIn snippet prefixes, as learned (one per UI language seen). */
export const LINKEDIN_OWN_PREFIXES_KEY = 'linkedinOwnPrefixes';
const MAX_OWN_PREFIXES = 8;
/** The id part of a partial message that only a list row gave: dropped when the thread itself is read. */
export const LIST_MESSAGE_MARK = '|list:';

export interface ListLearning {
  /** Conversations that got a partial message. */
  changed: string[];
  /** A LinkedIn prefix learned now as the user's, if any. */
  learnedPrefix: string | null;
}

/** Records what the rows prove. One rw transaction; rows that prove nothing write nothing. */
export async function learnFromList(db: TurnkeeperDatabase, evidence: ListEvidence, now: Date): Promise<ListLearning> {
  const nowIso = now.toISOString();
  return db.transaction('rw', [db.conversations, db.messages, db.pins, db.settings, db.wordIndex, db.people], async () => {
    const settings = await getSettings(db);
    const known = await conversationsOfRows(db, evidence);
    const partials: { conv: ConversationRecord; message: MessageRecord }[] = [];
    let learnedPrefix: string | null = null;

    if (evidence.site === 'gmail') {
      for (const row of evidence.rows) {
        const conv = known.get(row.threadId);
        if (!conv || !row.unread || !row.newestAt || !laterThanRecord(row.newestAt, conv.lastMessageAt)) continue;
        const personId = otherPerson(conv);
        if (!personId) continue;
        const id = conv.id + (row.lastMessageId ? '|' + row.lastMessageId : LIST_MESSAGE_MARK + row.newestAt);
        partials.push({
          conv,
          message: {
            id, conversationId: conv.id, personId, fromMe: false, sentAt: row.newestAt, sentAtText: row.newestAtText,
            text: row.snippet, partial: true, seenAt: nowIso,
          },
        });
      }
    } else {
      const stored = await db.settings.get(LINKEDIN_OWN_PREFIXES_KEY);
      const own = new Set(Array.isArray(stored?.value) ? (stored.value as unknown[]).filter((p) => typeof p === 'string') : []);
      for (const card of evidence.rows) {
        const conv = known.get(card.key);
        const prefix = card.snippetPrefix.trim();
        if (!conv || conv.lastFromMe !== true || card.unread || !prefix || own.has(prefix)) continue;
        // A participant's name is theirs, whatever the record says (it may be behind: they answered since).
        if (startsAName(prefix, card.participantNames)) continue;
        own.add(prefix);
        learnedPrefix = prefix;
      }
      if (learnedPrefix) {
        await db.settings.put({ key: LINKEDIN_OWN_PREFIXES_KEY, value: [...own].slice(-MAX_OWN_PREFIXES) });
      }
      for (const card of evidence.rows) {
        const conv = known.get(card.key);
        if (!conv || conv.lastFromMe !== true) continue;
        const prefix = card.snippetPrefix.trim();
        const theirs = card.unread || (!!prefix && own.size > 0 && !own.has(prefix));
        if (!theirs) continue;
        // In a group the writer is not told apart: the conversation's other side is enough for the turn.
        const personId = otherPerson(conv);
        if (!personId) continue;
        partials.push({
          conv,
          message: {
            id: conv.id + LIST_MESSAGE_MARK + nowIso, conversationId: conv.id, personId, fromMe: false, sentAt: null,
            sentAtText: card.timeText, text: card.snippetText, partial: true, seenAt: nowIso,
          },
        });
      }
    }
    if (!partials.length) return { changed: [], learnedPrefix };

    const ids = [...new Set(partials.map((p) => p.conv.id))];
    const existing = await eachKey(ids, (cid) => db.messages.where('conversationId').equals(cid).toArray());
    const pins = await db.pins.where('conversationId').anyOf(ids).toArray();
    const search = new SearchChanges();
    const convPuts: ConversationRecord[] = [];
    const messagePuts: MessageRecord[] = [];
    const pinPuts: PinRecord[] = [];
    const changed: string[] = [];
    for (const cid of ids) {
      const messages = existing.filter((m) => m.conversationId === cid);
      const fresh = partials.filter((p) => p.conv.id === cid && !messages.some((m) => m.id === p.message.id));
      if (!fresh.length) continue;
      const all = [...messages, ...fresh.map((p) => p.message)];
      const conv = withTurn(withMessages(fresh[0]!.conv, all), now, settings);
      convPuts.push({ ...conv, updatedAt: nowIso });
      messagePuts.push(...fresh.map((p) => p.message));
      search.replace(searchRef('conversation', cid), conversationSearchRow(conv, all));
      for (const pin of pins) {
        if (pin.conversationId === cid && fresh.some((p) => pinClearedBy(pin, p.message))) {
          pinPuts.push({ ...pin, done: true, doneAt: nowIso, doneReason: 'replied' });
        }
      }
      changed.push(cid);
    }
    await Promise.all([
      convPuts.length ? db.conversations.bulkPut(convPuts) : null,
      messagePuts.length ? db.messages.bulkPut(messagePuts) : null,
      pinPuts.length ? db.pins.bulkPut(pinPuts) : null,
      search.empty ? null : applySearchChanges(db.wordIndex, search),
    ]);
    return { changed, learnedPrefix };
  });
}

/** The other side of a conversation: who wrote last if not the user, else its first person. */
function otherPerson(conv: ConversationRecord): string | null {
  if (conv.lastPersonId && conv.lastPersonId !== ME_ID) return conv.lastPersonId;
  return conv.personIds.find((id) => id !== ME_ID) ?? null;
}

/** Whether `prefix` is a participant's name or its first word ("Dana" of "Dana Whitfield"). */
function startsAName(prefix: string, names: readonly string[]): boolean {
  const key = nameKey(prefix);
  return names.some((n) => nameKey(n) === key || nameKey(n.split(/\s+/)[0] ?? '') === key);
}
