// What the user does to the record: notes, pins, rest, merges, settings; and refreshTurns for the background's
// alarm. Each action is one rw transaction and keeps the turn cache and the search index in step. Actions that
// remove or change something return what was there before, so the UI can offer undo.
import { computeTurn, pinClearsOnReply } from '../core/turn';
import type { TurnkeeperDatabase } from './database';
import { isoOrNull, refreshTurnsIn, resolveRoots, withTurn, type TurnChange } from './internal';
import type { LinkRecord, NoteRecord, PersonRecord, PinRecord } from './records';
import { ME_ID } from './records';
import { applySearchChanges, noteSearchRow, SearchChanges } from './search-index';
import { getSettings } from './settings';

export { saveSettings } from './settings';
export type { TurnChange };

function applySearch(db: TurnkeeperDatabase, s: SearchChanges): Promise<void> {
  return applySearchChanges(db.wordIndex, s);
}

function requireIso(value: string | Date, what: string): string {
  const iso = isoOrNull(value instanceof Date ? value.toISOString() : value);
  if (!iso) throw new TypeError(`${what}: not a time`);
  return iso;
}

// ── notes ──────────────────────────────────────────────────────────────────

export interface NewNote {
  conversationId?: string;
  personId?: string;
  text: string;
  promised?: boolean;
}

/** A note on a conversation or a person (at least one of the two). */
export async function addNote(db: TurnkeeperDatabase, note: NewNote, now: Date): Promise<NoteRecord> {
  if (!note.conversationId && !note.personId) throw new TypeError('addNote: a conversation or a person is needed');
  if (typeof note.text !== 'string') throw new TypeError('addNote: text');
  const nowIso = now.toISOString();
  const row: NoteRecord = {
    id: crypto.randomUUID(),
    text: note.text,
    promised: note.promised === true,
    done: false,
    doneAt: null,
    createdAt: nowIso,
    updatedAt: nowIso,
  };
  if (note.conversationId) row.conversationId = note.conversationId;
  if (note.personId) row.personId = note.personId;
  await db.transaction('rw', db.notes, db.wordIndex, async () => {
    await db.notes.add(row);
    const s = new SearchChanges();
    s.change(null, noteSearchRow(row));
    await applySearch(db, s);
  });
  return row;
}

export interface NotePatch {
  text?: string;
  promised?: boolean;
  done?: boolean;
}

/** Edits a note; returns the note as it was (for undo: restoreNote). */
export async function updateNote(
  db: TurnkeeperDatabase,
  id: string,
  patch: NotePatch,
  now: Date,
): Promise<NoteRecord> {
  return db.transaction('rw', db.notes, db.wordIndex, async () => {
    const before = await db.notes.get(id);
    if (!before) throw new Error(`updateNote: no note ${id}`);
    const next: NoteRecord = { ...before, updatedAt: now.toISOString() };
    if (typeof patch.text === 'string') next.text = patch.text;
    if (typeof patch.promised === 'boolean') next.promised = patch.promised;
    if (typeof patch.done === 'boolean' && patch.done !== before.done) {
      next.done = patch.done;
      next.doneAt = patch.done ? now.toISOString() : null;
    }
    await db.notes.put(next);
    const s = new SearchChanges();
    s.change(noteSearchRow(before), noteSearchRow(next));
    await applySearch(db, s);
    return before;
  });
}

/** Deletes a note; returns it (for undo: restoreNote), or undefined if there was none. */
export async function deleteNote(db: TurnkeeperDatabase, id: string): Promise<NoteRecord | undefined> {
  return db.transaction('rw', db.notes, db.wordIndex, async () => {
    const before = await db.notes.get(id);
    if (!before) return undefined;
    await db.notes.delete(id);
    const s = new SearchChanges();
    s.change(noteSearchRow(before), null);
    await applySearch(db, s);
    return before;
  });
}

/** Puts a note back exactly as given (undo of add, update or delete). */
export async function restoreNote(db: TurnkeeperDatabase, note: NoteRecord): Promise<void> {
  await db.transaction('rw', db.notes, db.wordIndex, async () => {
    const current = await db.notes.get(note.id);
    await db.notes.put(note);
    const s = new SearchChanges();
    s.change(current ? noteSearchRow(current) : null, noteSearchRow(note));
    await applySearch(db, s);
  });
}

// ── pins ───────────────────────────────────────────────────────────────────

export interface NewPin {
  conversationId: string;
  dueAt: string | Date;
  note?: string;
}

/** "Remind me" on a conversation. Made while it is their turn (theirs or follow-up at `now`), it is cleared when
 * they answer. */
export async function addPin(db: TurnkeeperDatabase, pin: NewPin, now: Date): Promise<PinRecord> {
  const dueAt = requireIso(pin.dueAt, 'addPin dueAt');
  return db.transaction('rw', db.pins, db.conversations, db.settings, async () => {
    const conv = await db.conversations.get(pin.conversationId);
    if (!conv) throw new Error(`addPin: no conversation ${pin.conversationId}`);
    const turn = computeTurn(conv, now, await getSettings(db)).turn;
    const row: PinRecord = {
      id: crypto.randomUUID(),
      conversationId: conv.id,
      dueAt,
      createdAt: now.toISOString(),
      done: false,
      doneAt: null,
      clearOnReply: pinClearsOnReply(turn),
      notifiedAt: null,
      doneReason: null,
    };
    if (pin.note?.trim()) row.note = pin.note.trim();
    await db.pins.add(row);
    return row;
  });
}

async function changePin(
  db: TurnkeeperDatabase,
  id: string,
  change: (pin: PinRecord) => PinRecord,
): Promise<PinRecord> {
  return db.transaction('rw', db.pins, async () => {
    const before = await db.pins.get(id);
    if (!before) throw new Error(`no pin ${id}`);
    await db.pins.put(change(before));
    return before;
  });
}

/** Marks a pin done; returns it as it was (undo: restorePin). */
export function completePin(db: TurnkeeperDatabase, id: string, now: Date): Promise<PinRecord> {
  return changePin(db, id, (p) => ({ ...p, done: true, doneAt: now.toISOString(), doneReason: 'done' }));
}

/** Moves a pin to a new due time (reopening it if it was done); returns it as it was. */
export function snoozePin(db: TurnkeeperDatabase, id: string, dueAt: string | Date): Promise<PinRecord> {
  const iso = requireIso(dueAt, 'snoozePin dueAt');
  return changePin(db, id, (p) => ({ ...p, dueAt: iso, done: false, doneAt: null, doneReason: null, notifiedAt: null }));
}

/** Records that the pin's notification was shown (so it is shown once). */
export function markPinNotified(db: TurnkeeperDatabase, id: string, now: Date): Promise<PinRecord> {
  return changePin(db, id, (p) => ({ ...p, notifiedAt: now.toISOString() }));
}

/** Deletes a pin; returns it (undo: restorePin), or undefined. */
export async function deletePin(db: TurnkeeperDatabase, id: string): Promise<PinRecord | undefined> {
  return db.transaction('rw', db.pins, async () => {
    const before = await db.pins.get(id);
    if (before) await db.pins.delete(id);
    return before;
  });
}

/** Puts a pin back exactly as given (undo of done, snooze or delete). */
export async function restorePin(db: TurnkeeperDatabase, pin: PinRecord): Promise<void> {
  await db.pins.put(pin);
}

// ── rest ───────────────────────────────────────────────────────────────────

/** "No reply needed": the conversation rests until a newer message arrives. Returns the previous restingSince
 * (undo: unrestConversation(db, id, now, previous)). */
export async function restConversation(
  db: TurnkeeperDatabase,
  conversationId: string,
  now: Date,
): Promise<string | null> {
  return db.transaction('rw', db.conversations, db.settings, async () => {
    const conv = await db.conversations.get(conversationId);
    if (!conv) throw new Error(`restConversation: no conversation ${conversationId}`);
    const previous = conv.restingSince ?? null;
    let since = now.toISOString();
    // A message dated after "now" (clock skew) would wake it at once; rest from that message instead.
    if (conv.lastMessageAt && Date.parse(conv.lastMessageAt) > now.getTime()) since = conv.lastMessageAt;
    const next = withTurn({ ...conv, restingSince: since }, now, await getSettings(db));
    await db.conversations.put({ ...next, updatedAt: now.toISOString() });
    return previous;
  });
}

/** Ends a rest (undo): restingSince back to `previous` (default: none). */
export async function unrestConversation(
  db: TurnkeeperDatabase,
  conversationId: string,
  now: Date,
  previous: string | null = null,
): Promise<void> {
  await db.transaction('rw', db.conversations, db.settings, async () => {
    const conv = await db.conversations.get(conversationId);
    if (!conv) throw new Error(`unrestConversation: no conversation ${conversationId}`);
    const next = withTurn({ ...conv, restingSince: previous }, now, await getSettings(db));
    await db.conversations.put({ ...next, updatedAt: now.toISOString() });
  });
}

// ── people: merge, undo, dismiss ───────────────────────────────────────────

function linkId(x: string, y: string): { id: string; a: string; b: string } {
  const [a, b] = x < y ? [x, y] : [y, x];
  return { id: `${a}|${b}`, a, b };
}

/**
 * Merges `mergeId` into `keepId` (the user confirmed they are one human). Nothing is rewritten: the merged row is
 * kept with `mergedInto`, and queries resolve it. Returns the link row (status merged); undo: unmergePeople(link.id).
 */
export async function mergePeople(
  db: TurnkeeperDatabase,
  keepId: string,
  mergeId: string,
  now: Date,
): Promise<LinkRecord> {
  return db.transaction('rw', db.people, db.links, async () => {
    const roots = await resolveRoots(db, [keepId, mergeId]);
    const keep = roots.get(keepId);
    const merge = roots.get(mergeId);
    if (!keep || !merge) throw new Error('mergePeople: no such person');
    if (keep.id === ME_ID || merge.id === ME_ID || keep.isMe || merge.isMe) {
      throw new Error('mergePeople: the user is not merged with a contact');
    }
    if (keep.id === merge.id) throw new Error('mergePeople: already the same person');
    const nowIso = now.toISOString();
    await db.people.put({ ...merge, mergedInto: keep.id, updatedAt: nowIso });
    const { id, a, b } = linkId(keepId, mergeId);
    const existing = await db.links.get(id);
    const link: LinkRecord = {
      ...(existing ?? { id, a, b, reason: 'manual', createdAt: nowIso }),
      status: 'merged',
      updatedAt: nowIso,
      mergedId: merge.id,
      keptId: keep.id,
      statusBeforeMerge: existing ? existing.status : null,
    };
    await db.links.put(link);
    return link;
  });
}

/** Undoes a merge made by mergePeople: the merged row stands alone again, the link gets its earlier status back
 * (a suggestion is suggested again; a manual merge's link is removed). */
export async function unmergePeople(db: TurnkeeperDatabase, linkId: string, now: Date): Promise<void> {
  await db.transaction('rw', db.people, db.links, async () => {
    const link = await db.links.get(linkId);
    if (!link || link.status !== 'merged' || !link.mergedId) throw new Error(`unmergePeople: ${linkId} is not a merge`);
    const row = await db.people.get(link.mergedId);
    if (row) {
      const { mergedInto: _drop, ...rest } = row;
      await db.people.put({ ...rest, updatedAt: now.toISOString() } as PersonRecord);
    }
    if (link.statusBeforeMerge) {
      await db.links.put({
        ...link,
        status: link.statusBeforeMerge,
        statusBeforeMerge: null,
        mergedId: null,
        keptId: null,
        updatedAt: now.toISOString(),
      });
    } else {
      await db.links.delete(link.id);
    }
  });
}

/** "Not the same person": the suggestion is not shown again. Returns the link as it was. */
export async function dismissSuggestion(db: TurnkeeperDatabase, linkId: string, now: Date): Promise<LinkRecord> {
  return db.transaction('rw', db.links, async () => {
    const link = await db.links.get(linkId);
    if (!link) throw new Error(`dismissSuggestion: no link ${linkId}`);
    if (link.status === 'merged') throw new Error('dismissSuggestion: merged; undo the merge instead');
    await db.links.put({ ...link, status: 'dismissed', updatedAt: now.toISOString() });
    return link;
  });
}

/** Shows a dismissed suggestion again (undo of dismiss). */
export async function restoreSuggestion(db: TurnkeeperDatabase, link: LinkRecord): Promise<void> {
  await db.links.put(link);
}

// ── turns and settings ─────────────────────────────────────────────────────

/**
 * Brings the cached turns up to `now` (the background calls it on its alarm). Only `theirs`/`follow-up` depend on
 * the clock and settings. Returns the conversations whose turn changed (e.g. theirs → follow-up) for notifications.
 */
export async function refreshTurns(db: TurnkeeperDatabase, now: Date): Promise<TurnChange[]> {
  return db.transaction('rw', db.conversations, db.settings, async () => refreshTurnsIn(db, now, await getSettings(db)));
}
