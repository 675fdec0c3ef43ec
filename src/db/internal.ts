// Helpers shared by ingest, actions and queries. Internal to src/db.
import { computeTurn, lastMessageOf, messageTime, type TurnSettings } from '../core/turn';
import type { TurnkeeperDatabase } from './database';
import { applySearchChanges, conversationSearchRow, personSearchRow, SearchChanges, searchRef } from './search-index';
import type { ConversationRecord, MessageRecord, PersonRecord, Site, TurnState } from './records';
import { ME_ID } from './records';

/** `read` for each key, all in flight at once, results flattened. */
export async function eachKey<T>(keys: readonly string[], read: (key: string) => Promise<T[]>): Promise<T[]> {
  if (!keys.length) return [];
  return (await Promise.all(keys.map(read))).flat();
}

export function isoOrNull(value: unknown): string | null {
  if (typeof value !== 'string' || !value) return null;
  const t = Date.parse(value);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

export function later(a: string, b: string): boolean {
  return Date.parse(a) > Date.parse(b);
}

/** The conversation with its turn cache recomputed from its cached last message, rest and the clock. */
/** A conversation with no message yet: resting, in no turn list, until its first message is merged in. */
export function newConversation(id: string, site: Site, threadId: string, url: string, nowIso: string): ConversationRecord {
  return {
    id,
    site,
    threadId,
    url,
    personIds: [],
    turn: 'resting',
    turnSince: null,
    lastMessageAt: null,
    lastFromMe: null,
    restingSince: null,
    firstSeenAt: nowIso,
    updatedAt: nowIso,
    lastPersonId: null,
  };
}

export function withTurn(conv: ConversationRecord, now: Date, settings: TurnSettings): ConversationRecord {
  const t = computeTurn(conv, now, settings);
  return t.turn === conv.turn && t.since === conv.turnSince ? conv : { ...conv, turn: t.turn, turnSince: t.since };
}

/** The conversation with its last-message fields taken from `messages` (all of its messages) and a rest cleared
 * by a newer message. */
export function withMessages(conv: ConversationRecord, messages: readonly MessageRecord[]): ConversationRecord {
  const last = lastMessageOf(messages);
  const next: ConversationRecord = {
    ...conv,
    lastMessageAt: last ? messageTime(last) : null,
    lastFromMe: last ? last.fromMe : null,
    lastPersonId: last ? last.personId : null,
  };
  if (next.restingSince && next.lastMessageAt && later(next.lastMessageAt, next.restingSince)) next.restingSince = null;
  return next;
}

const CONV_FIELDS_IGNORED = new Set(['updatedAt']);
/** Whether two versions of a row differ in anything but updatedAt. */
export function rowChanged<T extends object>(a: T | undefined, b: T): boolean {
  if (!a) return true;
  const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
  for (const k of keys) {
    if (CONV_FIELDS_IGNORED.has(k)) continue;
    const va = (a as Record<string, unknown>)[k];
    const vb = (b as Record<string, unknown>)[k];
    if (va === vb) continue;
    if (JSON.stringify(va) !== JSON.stringify(vb)) return true;
  }
  return false;
}

/** Follows `mergedInto` to the person a row now stands for. Returns a map from every asked id to its root row
 * (ids with no row are left out). Reads only. */
export async function resolveRoots(db: TurnkeeperDatabase, ids: readonly string[]): Promise<Map<string, PersonRecord>> {
  const rows = new Map<string, PersonRecord>();
  let want = [...new Set(ids)];
  for (let depth = 0; want.length && depth < 20; depth++) {
    const got = await db.people.bulkGet(want);
    want = [];
    for (const p of got) {
      if (!p) continue;
      rows.set(p.id, p);
      if (p.mergedInto && !rows.has(p.mergedInto)) want.push(p.mergedInto);
    }
  }
  const out = new Map<string, PersonRecord>();
  for (const id of new Set(ids)) {
    let p = rows.get(id);
    const seen = new Set<string>();
    while (p?.mergedInto && rows.has(p.mergedInto) && !seen.has(p.id)) {
      seen.add(p.id);
      p = rows.get(p.mergedInto);
    }
    if (p) out.set(id, p);
  }
  return out;
}

/** Every row merged (directly or not) into `rootId`, the root included. Reads only. */
export async function mergeGroup(db: TurnkeeperDatabase, rootId: string): Promise<PersonRecord[]> {
  const root = await db.people.get(rootId);
  return root ? (await mergeGroups(db, [root])).get(root.id)! : [];
}

/** Every row merged (directly or not) into each root, the root first: one index read per level of merges for all the
 * roots at once (the sidebar waits on this for every thread opened). */
export async function mergeGroups(db: TurnkeeperDatabase, roots: readonly PersonRecord[]): Promise<Map<string, PersonRecord[]>> {
  const groups = new Map<string, PersonRecord[]>();
  const rootOf = new Map<string, string>();
  for (const root of roots) {
    if (groups.has(root.id)) continue;
    groups.set(root.id, [root]);
    rootOf.set(root.id, root.id);
  }
  let frontier = [...groups.keys()];
  while (frontier.length) {
    const children = await db.people.where('mergedInto').anyOf(frontier).toArray();
    frontier = [];
    for (const c of children) {
      if (rootOf.has(c.id)) continue;
      const root = rootOf.get(c.mergedInto!)!;
      rootOf.set(c.id, root);
      groups.get(root)!.push(c);
      frontier.push(c.id);
    }
  }
  return groups;
}

/**
 * Makes identities the user's: removes them from other people and gives them to the "me" row. A person left with
 * no identity was the user all along: its messages become the user's, it leaves its conversations' personIds (turns
 * recomputed) and it is kept as merged into me. Returns the conversation ids that changed. Runs inside the caller's
 * rw transaction.
 */
export async function adoptMyIdentities(
  db: TurnkeeperDatabase,
  identities: { emails: readonly string[]; linkedin: readonly string[] },
  now: Date,
  settings: TurnSettings,
): Promise<string[]> {
  const nowIso = now.toISOString();
  const emails = new Set(identities.emails);
  const linkedin = new Set(identities.linkedin);
  if (!emails.size && !linkedin.size) return [];
  const [byEmail, byProfile, meRow] = await Promise.all([
    emails.size ? db.people.where('emails').anyOf([...emails]).toArray() : [],
    linkedin.size ? db.people.where('linkedin').anyOf([...linkedin]).toArray() : [],
    db.people.get(ME_ID),
  ]);
  const me: PersonRecord = meRow ?? {
    id: ME_ID, name: '', emails: [], linkedin: [], isMe: true, createdAt: nowIso, updatedAt: nowIso,
  };
  const holders = new Map<string, PersonRecord>();
  for (const p of [...byEmail, ...byProfile]) if (p.id !== ME_ID) holders.set(p.id, p);
  const meEmails = new Set(me.emails);
  const meLinkedin = new Set(me.linkedin);
  const puts: PersonRecord[] = [];
  const search = new SearchChanges();
  const becameMe: string[] = [];
  for (const p of holders.values()) {
    const next: PersonRecord = {
      ...p,
      emails: p.emails.filter((e) => !emails.has(e)),
      linkedin: p.linkedin.filter((l) => !linkedin.has(l)),
      updatedAt: nowIso,
    };
    for (const e of p.emails) if (emails.has(e)) meEmails.add(e);
    for (const l of p.linkedin) if (linkedin.has(l)) meLinkedin.add(l);
    if (!next.emails.length && !next.linkedin.length) {
      next.mergedInto = ME_ID;
      becameMe.push(p.id);
    }
    search.change(personSearchRow(p), next.mergedInto === ME_ID ? null : personSearchRow(next));
    puts.push(next);
  }
  const changedMe = meEmails.size !== me.emails.length || meLinkedin.size !== me.linkedin.length || !meRow;
  if (changedMe) puts.push({ ...me, emails: [...meEmails], linkedin: [...meLinkedin], updatedAt: nowIso });
  if (puts.length) await db.people.bulkPut(puts);
  if (!becameMe.length) {
    await applySearchChanges(db.wordIndex, search);
    return [];
  }

  const gone = new Set(becameMe);
  const [messages, convs] = await Promise.all([
    db.messages.where('personId').anyOf(becameMe).toArray(),
    db.conversations.where('personIds').anyOf(becameMe).toArray(),
  ]);
  if (messages.length) await db.messages.bulkPut(messages.map((m) => ({ ...m, personId: ME_ID, fromMe: true })));
  const convIds = [...new Set([...convs.map((c) => c.id), ...messages.map((m) => m.conversationId)])];
  const convRows = (await db.conversations.bulkGet(convIds)).filter((c): c is ConversationRecord => !!c);
  const updated: ConversationRecord[] = [];
  for (const c of convRows) {
    const all = await db.messages.where('conversationId').equals(c.id).toArray();
    let next = withMessages({ ...c, personIds: c.personIds.filter((id) => !gone.has(id)) }, all);
    next = withTurn(next, now, settings);
    if (rowChanged(c, next)) {
      updated.push({ ...next, updatedAt: nowIso });
      // The words stay; the row is dated by the newest message, which may now be another one.
      if (next.lastMessageAt !== c.lastMessageAt) {
        search.replace(searchRef('conversation', c.id), conversationSearchRow(next, all));
      }
    }
  }
  if (updated.length) await db.conversations.bulkPut(updated);
  await applySearchChanges(db.wordIndex, search);
  return updated.map((c) => c.id);
}

export interface TurnChange {
  id: string;
  from: TurnState;
  to: TurnState;
}

/** Recomputes the clock-dependent turns (theirs / follow-up) for `now`; writes and reports the changes. Runs
 * inside the caller's rw transaction. */
export async function refreshTurnsIn(db: TurnkeeperDatabase, now: Date, settings: TurnSettings): Promise<TurnChange[]> {
  const rows = await db.conversations.where('turn').anyOf(['theirs', 'follow-up']).toArray();
  const changes: TurnChange[] = [];
  const puts: ConversationRecord[] = [];
  for (const c of rows) {
    const next = withTurn(c, now, settings);
    if (next === c) continue;
    if (next.turn !== c.turn) changes.push({ id: c.id, from: c.turn, to: next.turn });
    puts.push(next);
  }
  if (puts.length) await db.conversations.bulkPut(puts);
  return changes;
}
