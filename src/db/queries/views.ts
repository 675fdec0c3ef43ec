// Views: records as the UI shows them. A person with merges resolved and a display name; a conversation with its
// turn computed for `now` (never taken from the cached `turn` alone, so results are right even when the cache is
// stale) and its people. Shared by every other query module.
import { linkedinMemberId } from '../../core/identity';
import type { Settings } from '../../core/settings';
import { computeTurn, followUpDueAt, type TurnExplanation } from '../../core/turn';
import type { TurnkeeperDatabase } from '../database';
import { mergeGroups, resolveRoots } from '../internal';
import type { ConversationRecord, PersonRecord } from '../records';
import { ME_ID } from '../records';
import { getSettings } from '../settings';

/** A person as the user sees them: merges resolved (id is the root row's). */
export interface PersonSummary {
  id: string;
  /** Display name: the name, else the first address or profile id, else ''. */
  name: string;
}

export interface PersonView extends PersonSummary {
  /** Union over the merged rows. */
  emails: string[];
  linkedin: string[];
  /** Every row id standing for this person (root first), as found in conversations' personIds and messages. */
  memberIds: string[];
  createdAt: string;
}

/** A conversation with its turn computed for `now` (turn, turnSince overwritten), explained, and its people. */
export interface ConversationView extends ConversationRecord {
  explanation: TurnExplanation;
  /** The other people, merges resolved, de-duplicated. */
  people: PersonSummary[];
  /** When a conversation I wrote last becomes (or became) follow-up; null otherwise. */
  followUpAt: string | null;
  /** My turn or follow-up, with a last message older than the gone-quiet period (src/core/turn.ts). */
  goneQuiet: boolean;
}


export function displayName(p: PersonRecord): string {
  if (p.name.trim()) return p.name.trim();
  if (p.emails[0]) return p.emails[0];
  const first = p.linkedin[0];
  return first ? (linkedinMemberId(first) ?? first) : '';
}

export function personView(group: PersonRecord[]): PersonView {
  const root = group[0]!;
  return {
    id: root.id,
    name: displayName(root),
    emails: [...new Set(group.flatMap((p) => p.emails))],
    linkedin: [...new Set(group.flatMap((p) => p.linkedin))],
    memberIds: group.map((p) => p.id),
    createdAt: root.createdAt,
  };
}

export async function personViews(db: TurnkeeperDatabase, ids: readonly string[]): Promise<Map<string, PersonView>> {
  const roots = await resolveRoots(db, ids);
  const views = new Map<string, PersonView>();
  for (const [id, group] of await mergeGroups(db, [...roots.values()])) views.set(id, personView(group));
  const out = new Map<string, PersonView>();
  for (const [id, root] of roots) out.set(id, views.get(root.id)!);
  return out;
}

export function byTime(a: string | null, b: string | null): number {
  return (a ? Date.parse(a) : -Infinity) - (b ? Date.parse(b) : -Infinity);
}

/** Views for conversations: turn for `now`, explanation with names, people resolved. */
export async function conversationViews(
  db: TurnkeeperDatabase,
  convs: readonly ConversationRecord[],
  now: Date,
  settings?: Settings,
): Promise<ConversationView[]> {
  const s = settings ?? (await getSettings(db));
  const ids = new Set<string>();
  for (const c of convs) {
    for (const id of c.personIds) ids.add(id);
    if (c.lastPersonId) ids.add(c.lastPersonId);
  }
  const roots = await resolveRoots(db, [...ids]);
  return convs.map((c) => {
    const people: PersonSummary[] = [];
    for (const id of c.personIds) {
      const r = roots.get(id);
      if (r && r.id !== ME_ID && !people.some((p) => p.id === r.id)) people.push({ id: r.id, name: displayName(r) });
    }
    const last = c.lastPersonId ? roots.get(c.lastPersonId) : undefined;
    const t = computeTurn(
      {
        ...c,
        lastSenderName: last && last.id !== ME_ID ? displayName(last) : null,
        contactName: people[0]?.name ?? null,
      },
      now,
      s,
    );
    const followUpAt =
      c.lastFromMe && c.lastMessageAt && t.turn !== 'resting' ? followUpDueAt(c.lastMessageAt, s).toISOString() : null;
    return { ...c, turn: t.turn, turnSince: t.since, explanation: t.explanation, people, followUpAt, goneQuiet: t.goneQuiet };
  });
}

