// Person resolution for ingest (src/db/ingest.ts): who each person shown on a page is in the record.
//
// An identity (lower-cased email, canonical LinkedIn profile URL) belongs to one person row and is found by index.
// The user's identities map to the one row ME_ID, which never appears in personIds. Someone shown with a name only
// is matched by name among the people of this snapshot, then of this conversation, else becomes a new person. One
// person of a snapshot claimed by two rows → a `shared-identity` suggestion; the same folded name on a person with
// an email and a person with a LinkedIn profile → a `same-name` suggestion (never merged here).
import { identitiesOf, isRealName, type Identity } from '../core/identity';
import { nameKey } from '../core/text';
import type { Person } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { eachKey, rowChanged } from './internal';
import type { ConversationRecord, LinkRecord, PersonRecord } from './records';
import { ME_ID } from './records';

/** One person of a snapshot, every form they were shown in unified. `rowId` once resolved. */
export interface Entity {
  isMe: boolean;
  name: string;
  key: string;
  emails: string[];
  linkedin: string[];
  rowId?: string;
}

/** The people of one snapshot. */
export interface SnapshotPeople {
  entities: Entity[];
  me: Entity;
  /** Whether the user is among them. */
  meSeen: boolean;
  entityOf: Map<Person, Entity>;
}

export interface Suggestion {
  a: string;
  b: string;
  reason: LinkRecord['reason'];
}

const idKey = (id: Identity) => `${id.kind}:${id.value}`;

/** Which of two names to keep: a real name over an address or nothing; then the longer folded name. Monotone. */
function betterName(current: string, candidate: string): string {
  const c = candidate.trim();
  if (!c) return current;
  if (!current.trim()) return c;
  const realCur = isRealName(current);
  const realCand = isRealName(c);
  if (realCand !== realCur) return realCand ? c : current;
  return nameKey(c).length > nameKey(current).length ? c : current;
}

function hasIdentity(p: PersonRecord): boolean {
  return p.emails.length > 0 || p.linkedin.length > 0;
}

/** The people of one snapshot (`persons`: participants and senders): unified by identity, then name-only people by
 * name. Pure. */
export function unifyPeople(persons: readonly Person[], isMine: (id: Identity) => boolean): SnapshotPeople {
  const entityOf = new Map<Person, Entity>();
  const byIdentity = new Map<string, Entity>();
  const entities: Entity[] = [];
  const me: Entity = { isMe: true, name: '', key: '', emails: [], linkedin: [] };
  let meSeen = false;
  const addTo = (e: Entity, person: Person, ids: Identity[]) => {
    for (const id of ids) {
      const k = idKey(id);
      if (byIdentity.has(k)) continue;
      byIdentity.set(k, e);
      (id.kind === 'email' ? e.emails : e.linkedin).push(id.value);
    }
    e.name = betterName(e.name, String(person.name ?? ''));
    e.key = nameKey(e.name);
  };
  const nameOnly: Person[] = [];
  for (const person of persons) {
    const ids = identitiesOf(person);
    if (person.isMe === true || ids.some(isMine)) {
      meSeen = true;
      addTo(me, person, ids);
      entityOf.set(person, me);
      continue;
    }
    if (!ids.length) {
      nameOnly.push(person);
      continue;
    }
    let e = ids.map((id) => byIdentity.get(idKey(id))).find((x) => x && !x.isMe);
    if (!e) {
      e = { isMe: false, name: '', key: '', emails: [], linkedin: [] };
      entities.push(e);
    }
    addTo(e, person, ids);
    entityOf.set(person, e);
  }
  for (const person of nameOnly) {
    const key = nameKey(String(person.name ?? ''));
    let e = entities.find((x) => x.key === key);
    if (!e) {
      e = { isMe: false, name: '', key: '', emails: [], linkedin: [] };
      entities.push(e);
    }
    addTo(e, person, []);
    entityOf.set(person, e);
  }
  return { entities, me, meSeen, entityOf };
}

/**
 * The person rows an ingest batch read, as it changes them in memory: who holds which identity, which rows are new
 * or changed (`rows` against `original`), and the "same person?" suggestions found on the way.
 */
export class PersonResolver {
  /** The rows as they are now, by id. */
  readonly rows = new Map<string, PersonRecord>();
  /** The rows as read (undefined: new in this batch). */
  readonly original = new Map<string, PersonRecord | undefined>();
  readonly suggestions: Suggestion[] = [];
  /** `${kind}:${value}` → the id of the row holding that identity. */
  private readonly holder = new Map<string, string>();

  constructor(
    private readonly nowIso: string,
    /** The user's identities given by the caller: always the user's, even when not on the page. */
    private readonly contextMine: { emails: readonly string[]; linkedin: readonly string[] },
  ) {}

  /** A row read from the database (the first read of an id wins). */
  remember(p: PersonRecord): void {
    if (this.rows.has(p.id)) return;
    this.rows.set(p.id, p);
    this.original.set(p.id, p);
    for (const x of p.emails) if (!this.holder.has(`email:${x}`)) this.holder.set(`email:${x}`, p.id);
    for (const x of p.linkedin) if (!this.holder.has(`linkedin:${x}`)) this.holder.set(`linkedin:${x}`, p.id);
  }

  private giveIdentities(rowId: string, e: Entity): void {
    const row = this.rows.get(rowId)!;
    const emails = [...row.emails];
    const linkedin = [...row.linkedin];
    for (const x of e.emails) {
      if (!this.holder.has(`email:${x}`)) {
        emails.push(x);
        this.holder.set(`email:${x}`, rowId);
      }
    }
    for (const x of e.linkedin) {
      if (!this.holder.has(`linkedin:${x}`)) {
        linkedin.push(x);
        this.holder.set(`linkedin:${x}`, rowId);
      }
    }
    const isMe = rowId === ME_ID;
    const name = isMe ? row.name || e.name : betterName(row.name, e.name);
    const next: PersonRecord = { ...row, emails, linkedin, name };
    if (!isMe) next.nameKey = nameKey(name);
    if (rowChanged(row, next)) this.rows.set(rowId, next);
  }

  /** The user's row, made when the record has none yet. */
  ensureMe(): void {
    if (this.rows.has(ME_ID)) return;
    this.rows.set(ME_ID, {
      id: ME_ID, name: '', emails: [], linkedin: [], isMe: true, createdAt: this.nowIso, updatedAt: this.nowIso,
    });
    this.original.set(ME_ID, undefined);
  }

  /** Gives every entity of a snapshot its row (`rowId`): the holder of its identities, else a name-only person of
   * the conversation `conv` with the same name, else a new row. */
  resolve(people: SnapshotPeople, conv: ConversationRecord | undefined): void {
    const { entities, me, meSeen } = people;
    if (meSeen || this.contextMine.emails.length || this.contextMine.linkedin.length) {
      this.ensureMe();
      this.giveIdentities(ME_ID, {
        ...me,
        emails: [...new Set([...me.emails, ...this.contextMine.emails])],
        linkedin: [...new Set([...me.linkedin, ...this.contextMine.linkedin])],
      });
    }
    me.rowId = ME_ID;
    const convPeople = (conv?.personIds ?? []).flatMap((id) => this.rows.get(id) ?? []);
    const usedByName = new Set<string>();
    for (const e of entities) {
      const holders: string[] = [];
      for (const k of [...e.emails.map((x) => `email:${x}`), ...e.linkedin.map((x) => `linkedin:${x}`)]) {
        const h = this.holder.get(k);
        if (h !== undefined && !holders.includes(h)) holders.push(h);
      }
      if (holders.includes(ME_ID)) {
        e.rowId = ME_ID;
        e.isMe = true;
        this.giveIdentities(ME_ID, e);
        continue;
      }
      if (holders.length) {
        e.rowId = holders[0]!;
        for (const other of holders.slice(1)) this.suggestions.push({ a: e.rowId, b: other, reason: 'shared-identity' });
        this.giveIdentities(e.rowId, e);
        continue;
      }
      const hasIds = e.emails.length + e.linkedin.length > 0;
      const candidate =
        e.key || !hasIds
          ? convPeople.find(
              (p) =>
                p.id !== ME_ID &&
                !usedByName.has(p.id) &&
                (p.nameKey ?? nameKey(p.name)) === e.key &&
                (!hasIds || !hasIdentity(this.rows.get(p.id) ?? p)),
            )
          : undefined;
      if (candidate) {
        usedByName.add(candidate.id);
        e.rowId = candidate.id;
        this.giveIdentities(candidate.id, e);
        continue;
      }
      const id = crypto.randomUUID();
      this.rows.set(id, {
        id, name: '', emails: [], linkedin: [], isMe: false, createdAt: this.nowIso, updatedAt: this.nowIso, nameKey: '',
      });
      this.original.set(id, undefined);
      e.rowId = id;
      this.giveIdentities(id, e);
    }
  }

  /** Suggests `same-name` links between the `touched` people (new, renamed, or given an identity on the other site)
   * and everyone else with their folded name. Reads the other people with those names. */
  async suggestSameNames(db: TurnkeeperDatabase, touched: readonly PersonRecord[]): Promise<void> {
    if (!touched.length) return;
    // Who else has these names: read only for people new or changed (the others were compared before).
    const names = [...new Set(touched.flatMap((t) => (t.nameKey ? [t.nameKey] : [])))];
    for (const p of await eachKey(names, (k) => db.people.where('nameKey').equals(k).toArray())) this.remember(p);
    const byKey = new Map<string, PersonRecord[]>();
    for (const p of this.rows.values()) {
      if (p.id === ME_ID || p.isMe || !p.nameKey) continue;
      const list = byKey.get(p.nameKey) ?? [];
      list.push(p);
      byKey.set(p.nameKey, list);
    }
    for (const t of touched) {
      for (const c of byKey.get(t.nameKey ?? '') ?? []) {
        if (c.id === t.id) continue;
        const cross =
          (t.emails.length > 0 && c.linkedin.length > 0) || (t.linkedin.length > 0 && c.emails.length > 0);
        const sameGroup =
          t.mergedInto === c.id || c.mergedInto === t.id || (!!t.mergedInto && t.mergedInto === c.mergedInto);
        if (cross && !sameGroup) this.suggestions.push({ a: t.id, b: c.id, reason: 'same-name' });
      }
    }
  }
}
