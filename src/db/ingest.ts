// Ingest: merges what a site adapter read (ThreadSnapshot) into the record. Called by the background.
//
// - Idempotent: reading the same thread again changes nothing (rows are written only when they differ). A full text
//   replaces a snippet (partial) of the same captured id, never the other way round; between two texts of the same
//   kind the longer is kept (monotone, so the order of reads does not matter). A time found later fills a null one.
// - Atomic: one Dexie rw transaction per call (ingestSnapshots: one for the whole batch). A failure rolls everything
//   back; reading again completes it.
// - Lean: a batch is read with a handful of bulk lookups (bulkGet / anyOf), merged in memory, and written with one
//   bulkPut per table.
// - People: who each person on the page is in the record (identities, the user's row, name-only people, "same
//   person?" suggestions) is decided by src/db/ingest-people.ts.
// - A pin with clearOnReply is done (doneReason 'replied') when a new message from them, newer than the pin, arrives.
import { identitiesOf, splitIdentities, type Identity } from '../core/identity';
import type { Settings } from '../core/settings';
import { foldText } from '../core/text';
import { pinClearedBy } from '../core/turn';
import type { CapturedMessage, Person, ThreadSnapshot } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { PersonResolver, unifyPeople, type SnapshotPeople } from './ingest-people';
import { adoptMyIdentities, eachKey, isoOrNull, newConversation, rowChanged, withMessages, withTurn } from './internal';
import type { ConversationRecord, LinkRecord, MessageRecord, PersonRecord, PinRecord } from './records';
import { ME_ID } from './records';
import { applySearchChanges, conversationSearchRow, personSearchRow, SearchChanges, searchRef } from './search-index';
import { getSettings } from './settings';
import { LIST_MESSAGE_MARK } from './list-evidence';

export interface IngestContext {
  now: Date;
  /** The user's identities known to the caller (the page's signed-in account, settings): emails or profile URLs. */
  myIdentities: readonly string[];
}

export interface IngestResult {
  conversationId: string;
  /** Messages new to the record. */
  added: number;
  /** Messages that existed and changed (snippet → full text, time found, sender resolved). */
  updated: number;
}

export const INGEST_TABLES = ['people', 'conversations', 'messages', 'pins', 'links', 'wordIndex', 'settings'] as const;

export function conversationIdOf(site: string, threadId: string): string {
  return `${site}:${threadId}`;
}

export async function ingestSnapshot(
  db: TurnkeeperDatabase,
  snapshot: ThreadSnapshot,
  context: IngestContext,
): Promise<IngestResult> {
  const [result] = await ingestSnapshots(db, [snapshot], context);
  return result!;
}

/** Several snapshots in one transaction (all or nothing), merged in order; one result per snapshot. */
export async function ingestSnapshots(
  db: TurnkeeperDatabase,
  snapshots: readonly ThreadSnapshot[],
  context: IngestContext,
): Promise<IngestResult[]> {
  const prepared = snapshots.map(prepare);
  if (!prepared.length) return [];
  return db.transaction('rw', [...INGEST_TABLES], async () => {
    const settings = await getSettings(db);
    const batch = new Batch(db, prepared, context, settings);
    if (await batch.load()) {
      // An identity of mine was held by a contact: give it to me first, then read again.
      await adoptMyIdentities(db, { emails: [...batch.myEmails], linkedin: [...batch.myLinkedin] }, context.now, settings);
      const again = new Batch(db, prepared, context, settings);
      await again.load();
      return again.run();
    }
    return batch.run();
  });
}

// ── preparation (pure) ─────────────────────────────────────────────────────

interface Prepared {
  snapshot: ThreadSnapshot;
  cid: string;
  participants: Person[];
  messages: CapturedMessage[];
}

function prepare(snapshot: ThreadSnapshot): Prepared {
  if (
    !snapshot ||
    (snapshot.site !== 'gmail' && snapshot.site !== 'linkedin') ||
    typeof snapshot.threadId !== 'string' ||
    !snapshot.threadId
  ) {
    throw new TypeError('ingest: not a thread snapshot');
  }
  const okPerson = (p: unknown): p is Person => !!p && typeof p === 'object';
  const participants = Array.isArray(snapshot.participants) ? snapshot.participants.filter(okPerson) : [];
  const messages = Array.isArray(snapshot.messages)
    ? snapshot.messages.filter((m) => !!m && typeof m.id === 'string' && m.id !== '' && okPerson(m.from))
    : [];
  return { snapshot, cid: conversationIdOf(snapshot.site, snapshot.threadId), participants, messages };
}

/** Letters and digits only, folded: a snippet and the full text it was cut from agree on this. */
function textKey(text: string): string {
  return foldText(text).replace(/[^\p{L}\p{N}]+/gu, '');
}

const MIN_SNIPPET_KEY = 12;

/** How a message read from another source is recognised as one already recorded: its sender, its time. */
export interface SameSource {
  sender(row: MessageRecord, personId: string): boolean;
  time(a: string, b: string): boolean;
  /** A message without text of its own matches any text from the same sender at the same time. */
  emptyMatchesAny?: boolean;
}

const EXACT: SameSource = { sender: (row, personId) => row.personId === personId, time: (a, b) => a === b };

/**
 * LinkedIn names one member by two profile URLs (the page's member-id URL, the export's /in/<slug>), so the same
 * sender may be two person rows until the user merges them: there, the same side of the conversation (me or not me)
 * stands for the same sender, and times agree to the second (sameLinkedInTime). An attachment or a shared post has
 * no text in the export, where the page describes it ("File: …"): the same message all the same.
 */
const LINKEDIN: SameSource = { sender: (row, personId) => row.fromMe === (personId === ME_ID), time: sameLinkedInTime, emptyMatchesAny: true };

/**
 * LinkedIn tells a message's time to the millisecond (its URN, on the page), to the second (the data export's CSV,
 * which has no URN) or to the minute (the page's clock, when a message has no URN). One message read two of these
 * ways is at the same second, or in the same minute when either time was only known to the minute.
 */
export function sameLinkedInTime(a: string, b: string): boolean {
  const x = Date.parse(a);
  const y = Date.parse(b);
  if (Number.isNaN(x) || Number.isNaN(y)) return a === b;
  if (Math.floor(x / 1000) === Math.floor(y / 1000)) return true;
  const toMinute = (t: number) => t % 60_000 === 0;
  return (toMinute(x) || toMinute(y)) && Math.floor(x / 60_000) === Math.floor(y / 60_000);
}

/**
 * A recorded message that is `text` seen in another form: same sender, same known time, not itself read under its
 * own id in this snapshot, and either one is a snippet of the other, or both are the same full text. Two different
 * messages sent by one person in the same minute differ in their text, so they stay two.
 */
export function sameMessageUnderAnotherId(
  rows: Iterable<MessageRecord>,
  idsInSnapshot: ReadonlySet<string>,
  personId: string,
  sentAt: string | null,
  text: string,
  partial: boolean,
  sameSource: SameSource = EXACT,
): MessageRecord | undefined {
  if (!sentAt) return undefined;
  let key: string | undefined;
  for (const row of rows) {
    if (!row.sentAt || idsInSnapshot.has(row.id)) continue;
    if (!sameSource.sender(row, personId) || !sameSource.time(row.sentAt, sentAt)) continue;
    key ??= textKey(text);
    const rowKey = textKey(row.text);
    if (sameSource.emptyMatchesAny && (!key || !rowKey)) return row;
    if (!partial && !row.partial) {
      if (rowKey === key) return row;
      continue;
    }
    const [snippet, full] = partial && !row.partial ? [key, rowKey] : row.partial && !partial ? [rowKey, key] : [key, rowKey];
    const shorter = snippet.length <= full.length ? snippet : full;
    const longer = shorter === snippet ? full : snippet;
    if (shorter.length >= MIN_SNIPPET_KEY && longer.startsWith(shorter)) return row;
  }
  return undefined;
}


// ── the batch: bulk reads, in-memory merge, bulk writes ────────────────────

class Batch {
  readonly myEmails: Set<string>;
  readonly myLinkedin: Set<string>;
  private readonly contextMine: { emails: string[]; linkedin: string[] };
  private readonly nowIso: string;
  /** Per snapshot: the people on it, unified. */
  private readonly entitiesOf: SnapshotPeople[];

  private readonly convs = new Map<string, ConversationRecord | undefined>();
  private readonly convOriginal = new Map<string, ConversationRecord | undefined>();
  private readonly messages = new Map<string, Map<string, MessageRecord>>();
  private readonly messageOriginal = new Map<string, MessageRecord>();
  private readonly people: PersonResolver;
  private readonly pins = new Map<string, PinRecord[]>();

  private readonly changedMessages = new Map<string, MessageRecord>();
  /** Partial messages only a list row gave (src/db/list-evidence.ts), dropped now that the thread itself is read. */
  private readonly droppedMessages = new Set<string>();
  private readonly changedPins = new Map<string, PinRecord>();

  constructor(
    private readonly db: TurnkeeperDatabase,
    private readonly prepared: Prepared[],
    private readonly context: IngestContext,
    private readonly settings: Settings,
  ) {
    this.nowIso = context.now.toISOString();
    this.contextMine = splitIdentities(context.myIdentities);
    const settingsMine = splitIdentities([...settings.myEmails, ...settings.myProfiles]);
    this.myEmails = new Set([...this.contextMine.emails, ...settingsMine.emails]);
    this.myLinkedin = new Set([...this.contextMine.linkedin, ...settingsMine.linkedin]);
    for (const p of prepared) {
      for (const person of [...p.participants, ...p.messages.map((m) => m.from)]) {
        if (person.isMe !== true) continue;
        for (const id of identitiesOf(person)) (id.kind === 'email' ? this.myEmails : this.myLinkedin).add(id.value);
      }
    }
    this.people = new PersonResolver(this.nowIso, this.contextMine);
    this.entitiesOf = prepared.map((p) =>
      unifyPeople([...p.participants, ...p.messages.map((m) => m.from)], (id) => this.isMine(id)),
    );
  }

  private isMine(id: Identity): boolean {
    return (id.kind === 'email' ? this.myEmails : this.myLinkedin).has(id.value);
  }

  /** Reads everything the batch needs. Returns true when an identity of the user is held by a contact (the caller
   * adopts it and starts over). */
  async load(): Promise<boolean> {
    const db = this.db;
    const cids = [...new Set(this.prepared.map((p) => p.cid))];
    const emails = new Set(this.contextMine.emails);
    const linkedin = new Set(this.contextMine.linkedin);
    for (const { entities, me } of this.entitiesOf) {
      for (const e of [...entities, me]) {
        for (const x of e.emails) emails.add(x);
        for (const x of e.linkedin) linkedin.add(x);
      }
    }
    // One exact-key lookup per key, all in flight at once: cheap everywhere, where a multi-key cursor (anyOf) can
    // walk a large part of the index in some IndexedDB implementations (and steps one request at a time). Pins are
    // the exception: a few hundred rows at most, where one cursor over them beats a request per conversation.
    const [convs, messages, byEmail, byLinkedin, meRow, pins] = await Promise.all([
      db.conversations.bulkGet(cids),
      eachKey(cids, (k) => db.messages.where('conversationId').equals(k).toArray()),
      eachKey([...emails], (k) => db.people.where('emails').equals(k).toArray()),
      eachKey([...linkedin], (k) => db.people.where('linkedin').equals(k).toArray()),
      db.people.get(ME_ID),
      db.pins.where('conversationId').anyOf(cids).toArray(),
    ]);
    const stray = [...byEmail, ...byLinkedin].some(
      (p) =>
        p.id !== ME_ID &&
        (p.emails.some((x) => this.myEmails.has(x)) || p.linkedin.some((x) => this.myLinkedin.has(x))),
    );
    if (stray) return true;
    cids.forEach((cid, i) => {
      this.convs.set(cid, convs[i]);
      this.convOriginal.set(cid, convs[i]);
      this.messages.set(cid, new Map());
      this.pins.set(cid, []);
    });
    for (const m of messages) {
      this.messages.get(m.conversationId)!.set(m.id, m);
      this.messageOriginal.set(m.id, m);
    }
    for (const p of pins) this.pins.get(p.conversationId)!.push(p);
    if (meRow) this.people.remember(meRow);
    for (const p of [...byEmail, ...byLinkedin]) this.people.remember(p);
    // The people of known conversations not found above (name-only people), for matching by name.
    const missing = new Set<string>();
    for (const c of convs) for (const id of c?.personIds ?? []) if (!this.people.rows.has(id)) missing.add(id);
    if (missing.size) {
      for (const p of await db.people.bulkGet([...missing])) if (p) this.people.remember(p);
    }
    return false;
  }

  private mergeOne(index: number): IngestResult {
    const { snapshot, cid, messages: captured } = this.prepared[index]!;
    const { entities, entityOf } = this.entitiesOf[index]!;
    this.people.resolve(this.entitiesOf[index]!, this.convs.get(this.prepared[index]!.cid));
    const msgs = this.messages.get(cid)!;
    const added: MessageRecord[] = [];
    let updated = 0;
    const idsInSnapshot = new Set(captured.map((m) => `${cid}|${m.id}`));
    if (captured.length) {
      for (const id of [...msgs.keys()]) {
        if (!id.startsWith(cid + LIST_MESSAGE_MARK) || idsInSnapshot.has(id)) continue;
        msgs.delete(id);
        this.changedMessages.delete(id);
        if (this.messageOriginal.has(id)) this.droppedMessages.add(id);
      }
    }
    captured.forEach((m, pos) => {
      const capturedId = `${cid}|${m.id}`;
      const entity = entityOf.get(m.from)!;
      if (entity.isMe) this.people.ensureMe();
      const personId = entity.isMe ? ME_ID : entity.rowId!;
      const fromMe = personId === ME_ID;
      const sentAt = isoOrNull(m.sentAt);
      const text = typeof m.text === 'string' ? m.text : '';
      const sentAtText = typeof m.sentAtText === 'string' ? m.sentAtText : '';
      const partial = m.partial === true;
      const attachment = m.attachment && typeof m.attachment === 'object' ? m.attachment : undefined;
      // The same message may reach us under two ids (Gmail gives a collapsed message no id of its own, a sent
      // message changes id once delivered): it is then the row recorded under the other id, never a second row.
      // LinkedIn's data export has no URN: its messages are known by sender, time and text (LINKEDIN above).
      const old =
        msgs.get(capturedId) ??
        sameMessageUnderAnotherId(msgs.values(), idsInSnapshot, personId, sentAt, text, partial, snapshot.site === 'linkedin' ? LINKEDIN : EXACT);
      const id = old?.id ?? capturedId;
      if (!old) {
        const row: MessageRecord = {
          id, conversationId: cid, personId, fromMe, sentAt, sentAtText, text, partial, seenAt: this.nowIso, pos,
        };
        if (attachment) row.attachment = attachment;
        msgs.set(id, row);
        this.changedMessages.set(id, row);
        added.push(row);
        return;
      }
      const next: MessageRecord = { ...old };
      if (old.partial && !partial && text) {
        next.text = text;
        next.partial = false;
        if (sentAt) {
          next.sentAt = sentAt;
          next.sentAtText = sentAtText;
        }
      } else if (old.partial === partial && text.length > old.text.length) {
        next.text = text;
      } else if (!old.text && text) {
        // A message that had no text of its own (a LinkedIn attachment in the export) takes the page's description.
        next.text = text;
        next.partial = partial;
      }
      if (attachment && !old.attachment) next.attachment = attachment;
      if (next.sentAt === null && sentAt) {
        next.sentAt = sentAt;
        next.sentAtText = sentAtText;
      }
      if ((next.personId !== personId || next.fromMe !== fromMe) && (!partial || old.partial)) {
        next.personId = personId;
        next.fromMe = fromMe;
      }
      if (!rowChanged(old, next)) return;
      if (this.messageOriginal.has(id) && !this.changedMessages.has(id)) updated++;
      msgs.set(id, next);
      this.changedMessages.set(id, next);
    });

    const conv = this.convs.get(cid);
    const personIds = [...(conv?.personIds ?? [])];
    for (const e of entities) if (!e.isMe && e.rowId && !personIds.includes(e.rowId)) personIds.push(e.rowId);
    const base = conv ?? newConversation(cid, snapshot.site, snapshot.threadId, '', this.nowIso);
    let next: ConversationRecord = { ...base, personIds };
    if (typeof snapshot.url === 'string' && snapshot.url) next.url = snapshot.url;
    const subject = typeof snapshot.subject === 'string' ? snapshot.subject.trim() : '';
    if (subject) next.subject = subject;
    if (snapshot.kind === 'sponsored' || snapshot.kind === 'system') next.kind = snapshot.kind;
    next = withTurn(withMessages(next, [...msgs.values()]), this.context.now, this.settings);
    if (rowChanged(conv, next)) this.convs.set(cid, { ...next, updatedAt: this.nowIso });

    const theirs = added.filter((m) => !m.fromMe);
    if (theirs.length) {
      const list = this.pins.get(cid)!;
      list.forEach((p, i) => {
        if (theirs.some((m) => pinClearedBy(p, m))) {
          const done: PinRecord = { ...p, done: true, doneAt: this.nowIso, doneReason: 'replied' };
          list[i] = done;
          this.changedPins.set(p.id, done);
        }
      });
    }
    return { conversationId: cid, added: added.length, updated };
  }

  async run(): Promise<IngestResult[]> {
    const results = this.prepared.map((_, i) => this.mergeOne(i));
    const db = this.db;
    const search = new SearchChanges();

    // People to write, and who may now look like someone on the other site.
    const personPuts: PersonRecord[] = [];
    const touched: PersonRecord[] = [];
    for (const [id, row] of this.people.rows) {
      const before = this.people.original.get(id);
      if (!rowChanged(before, row)) continue;
      const next = { ...row, updatedAt: this.nowIso };
      personPuts.push(next);
      search.change(before ? personSearchRow(before) : null, personSearchRow(next));
      if (
        id !== ME_ID &&
        (!before ||
          before.nameKey !== next.nameKey ||
          (!before.emails.length && next.emails.length > 0) ||
          (!before.linkedin.length && next.linkedin.length > 0))
      ) {
        touched.push(next);
      }
    }
    const linkPuts: LinkRecord[] = [];
    await this.people.suggestSameNames(db, touched);
    if (this.people.suggestions.length) {
      const byId = new Map<string, LinkRecord>();
      for (const s of this.people.suggestions) {
        const [a, b] = s.a < s.b ? [s.a, s.b] : [s.b, s.a];
        const id = `${a}|${b}`;
        if (!byId.has(id)) {
          byId.set(id, { id, a, b, status: 'suggested', reason: s.reason, createdAt: this.nowIso, updatedAt: this.nowIso });
        }
      }
      const have = new Set((await db.links.bulkGet([...byId.keys()])).flatMap((l) => (l ? [l.id] : [])));
      for (const l of byId.values()) if (!have.has(l.id)) linkPuts.push(l);
    }

    // A conversation's index row is rebuilt from all its messages when it or any of its messages changed.
    const messagesChanged = new Set([...this.changedMessages.values()].map((m) => m.conversationId));
    for (const id of this.droppedMessages) messagesChanged.add(this.messageOriginal.get(id)!.conversationId);
    const convPuts: ConversationRecord[] = [];
    for (const [cid, conv] of this.convs) {
      const before = this.convOriginal.get(cid);
      if (!conv) continue;
      if (conv !== before) convPuts.push(conv);
      if (conv === before && !messagesChanged.has(cid)) continue;
      const row = conversationSearchRow(conv, [...this.messages.get(cid)!.values()]);
      if (before) search.replace(searchRef('conversation', cid), row);
      else search.change(null, row);
    }

    // All writes issued at once (IndexedDB runs them in order within the transaction; no round trip between them),
    // each table's rows in key order (inserting in key order is markedly cheaper for IndexedDB's B-trees).
    const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
    const writes: Promise<unknown>[] = [];
    if (personPuts.length) writes.push(db.people.bulkPut(personPuts.sort(byId)));
    if (convPuts.length) writes.push(db.conversations.bulkPut(convPuts.sort(byId)));
    if (this.changedMessages.size) writes.push(db.messages.bulkPut([...this.changedMessages.values()].sort(byId)));
    if (this.droppedMessages.size) writes.push(db.messages.bulkDelete([...this.droppedMessages]));
    if (!search.empty) writes.push(applySearchChanges(db.wordIndex, search));
    if (this.changedPins.size) writes.push(db.pins.bulkPut([...this.changedPins.values()]));
    if (linkPuts.length) writes.push(db.links.bulkPut(linkPuts));
    await Promise.all(writes);
    return results;
  }
}
