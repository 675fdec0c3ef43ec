// The states of the conversations shown in a site's list (Gmail's thread list, LinkedIn's conversation list), for
// the chips on their rows. Reads only. A row of a conversation the record does not know gets nothing; a LinkedIn card
// without a thread id is matched by its people, only when exactly one LinkedIn conversation has exactly those people.
import type { ChipFacts } from '../../core/chip-words';
import type { Settings } from '../../core/settings';
import { nameKey } from '../../core/text';
import type { TurnkeeperDatabase } from '../database';
import { eachKey, resolveRoots } from '../internal';
import type { ConversationRecord, Site } from '../records';
import { ME_ID } from '../records';
import { getSettings } from '../settings';
import { conversationViews, displayName } from './views';

/** A Gmail row as the db needs it (the protocol's row: src/protocol/schemas.ts). */
export interface GmailListEvidence {
  threadId: string;
  lastMessageId?: string | undefined;
  unread: boolean;
  newestAt: string | null;
  newestAtText: string;
  snippet: string;
}

/** A LinkedIn card as the db needs it. */
export interface LinkedInListEvidence {
  key: string;
  threadId: string | null;
  participantNames: string[];
  snippetPrefix: string;
  snippetText: string;
  timeText: string;
  unread: boolean;
  sponsoredLabel?: string | undefined;
}

export type ListEvidence =
  | { site: 'gmail'; rows: readonly GmailListEvidence[] }
  | { site: 'linkedin'; rows: readonly LinkedInListEvidence[] };

const MINUTE = 60_000;

/**
 * Whether a list's time (Gmail shows minutes) is later than the record's last message: by a whole minute at least,
 * so the record's own last message, shown rounded down in the list, is never taken for a newer one.
 */
export function laterThanRecord(listAt: string | null, recordAt: string | null): boolean {
  if (!listAt) return false;
  if (!recordAt) return true;
  return Date.parse(listAt) >= Math.floor(Date.parse(recordAt) / MINUTE) * MINUTE + MINUTE;
}

/** The key of a row, whatever the site. */
export const rowKey = (row: GmailListEvidence | LinkedInListEvidence) => ('key' in row ? row.key : row.threadId);

/**
 * The known conversation of each row (by row key): by thread id; for a LinkedIn card without one, the one LinkedIn
 * conversation whose other people are exactly the card's names (folded), none when zero or several match.
 */
export async function conversationsOfRows(
  db: TurnkeeperDatabase,
  evidence: ListEvidence,
): Promise<Map<string, ConversationRecord>> {
  const out = new Map<string, ConversationRecord>();
  const site: Site = evidence.site;
  const byId = evidence.rows.filter((r) => r.threadId);
  const convs = await db.conversations.bulkGet(byId.map((r) => `${site}:${r.threadId}`));
  byId.forEach((r, i) => {
    const c = convs[i];
    if (c) out.set(rowKey(r), c);
  });
  if (evidence.site !== 'linkedin') return out;
  const byPeople = evidence.rows.filter((r) => !r.threadId && r.participantNames.length);
  if (!byPeople.length) return out;
  const keys = [...new Set(byPeople.flatMap((r) => r.participantNames.map(nameKey)).filter(Boolean))];
  const people = await eachKey(keys, (k) => db.people.where('nameKey').equals(k).toArray());
  const candidates = new Map<string, ConversationRecord>();
  for (const c of await eachKey([...new Set(people.map((p) => p.id))], (id) =>
    db.conversations.where('personIds').equals(id).toArray(),
  )) {
    if (c.site === 'linkedin') candidates.set(c.id, c);
  }
  const roots = await resolveRoots(db, [...candidates.values()].flatMap((c) => c.personIds));
  const namesOf = new Map<string, string>();
  for (const c of candidates.values()) {
    const names = new Set<string>();
    for (const id of c.personIds) {
      const root = roots.get(id);
      if (root && root.id !== ME_ID) names.add(nameKey(displayName(root)));
    }
    namesOf.set(c.id, [...names].sort().join('\n'));
  }
  for (const card of byPeople) {
    const wanted = [...new Set(card.participantNames.map(nameKey))].sort().join('\n');
    const matches = [...candidates.values()].filter((c) => namesOf.get(c.id) === wanted);
    if (matches.length === 1) out.set(card.key, matches[0]!);
  }
  return out;
}

/**
 * What each row's chip is about, by row key; rows of unknown conversations are absent, as are all rows when the
 * user turned the chips off for this site. Resting conversations are present (chipWords gives them no chip).
 */
export async function listStates(
  db: TurnkeeperDatabase,
  evidence: ListEvidence,
  now: Date,
  settings?: Settings,
): Promise<Map<string, ChipFacts>> {
  const s = settings ?? (await getSettings(db));
  const out = new Map<string, ChipFacts>();
  if (!s.listChips[evidence.site]) return out;
  const known = await conversationsOfRows(db, evidence);
  if (!known.size) return out;
  const unique = [...new Map([...known.values()].map((c) => [c.id, c])).values()];
  const views = new Map((await conversationViews(db, unique, now, s)).map((v) => [v.id, v]));
  const pins = await db.pins.where('conversationId').anyOf(unique.map((c) => c.id)).toArray();
  const pinOf = new Map<string, string>();
  for (const p of pins) {
    if (p.done) continue;
    const had = pinOf.get(p.conversationId);
    if (!had || p.dueAt < had) pinOf.set(p.conversationId, p.dueAt);
  }
  for (const row of evidence.rows) {
    const key = rowKey(row);
    const conv = known.get(key);
    const view = conv && views.get(conv.id);
    if (!view) continue;
    // A read Gmail row newer than the record: something was written, by whom the list cannot prove.
    const changedSince = 'newestAt' in row && !row.unread && laterThanRecord(row.newestAt, view.lastMessageAt);
    out.set(key, { turn: view.turn, explanation: view.explanation, pinDueAt: pinOf.get(view.id) ?? null, changedSince });
  }
  return out;
}
