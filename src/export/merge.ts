// How a record in the file meets the same record (same primary key) in the database. Rules
// (docs/export-format.md, "Importing"): nothing either side knows is lost; sets are united; for a single value,
// the richer or newer side wins; ties keep what is in the database. Every rule is idempotent:
// merge(merge(e, i), i) equals merge(e, i), so importing a file twice changes nothing the second time.

export type Row = Record<string, unknown>;
export type Merger = (existing: Row, incoming: Row) => Row;

const ms = (x: unknown): number | null => {
  if (typeof x !== 'string') return null;
  const t = Date.parse(x);
  return Number.isNaN(t) ? null : t;
};
/** True when time `a` is strictly later than `b` (a missing time is the earliest). */
const later = (a: unknown, b: unknown): boolean => {
  const ta = ms(a);
  const tb = ms(b);
  return ta !== null && (tb === null || ta > tb);
};
const earliest = (a: unknown, b: unknown): unknown => (later(a, b) ? (b ?? a) : (a ?? b));
const latest = (a: unknown, b: unknown): unknown => (later(b, a) ? b : (a ?? b));
const nonEmpty = (x: unknown): x is string => typeof x === 'string' && x.trim() !== '';

function union(a: unknown, b: unknown): unknown {
  if (!Array.isArray(a)) return Array.isArray(b) ? b : a;
  if (!Array.isArray(b)) return a;
  const seen = new Set<unknown>(a);
  const out = [...a];
  for (const x of b) if (!seen.has(x)) (seen.add(x), out.push(x));
  return out;
}

const isPrimitiveArray = (x: unknown): x is unknown[] =>
  Array.isArray(x) && x.every((y) => y === null || typeof y !== 'object');

/** Fields of the other side fill the gaps; `base` wins on every field it has. */
const fill = (base: Row, other: Row): Row => {
  const out: Row = { ...base };
  for (const [k, val] of Object.entries(other)) if (out[k] === undefined) out[k] = val;
  return out;
};

/** The first value that is set; else null if one is null; else undefined. */
const firstSet = (...values: unknown[]): unknown =>
  values.find((x) => x !== undefined && x !== null) ?? (values.includes(null) ? null : undefined);

function set(out: Row, key: string, value: unknown): void {
  if (value === undefined) delete out[key];
  else out[key] = value;
}

/** Any table without rules of its own (e.g. `links`): the more recently updated row (`updatedAt`; a tie or no
 * times: the database's) wins, the other fills missing fields, lists of plain values are united. */
export const mergeGeneric: Merger = (e, i) => {
  const out = later(i.updatedAt, e.updatedAt) ? fill(i, e) : fill(e, i);
  for (const k of Object.keys(out)) {
    if (isPrimitiveArray(e[k]) && isPrimitiveArray(i[k])) out[k] = union(e[k], i[k]);
  }
  return out;
};

/** People: emails and LinkedIn profiles united; name (with nameKey), isMe and mergedInto from the more recently
 * updated side. */
export const mergePerson: Merger = (e, i) => {
  const newer = later(i.updatedAt, e.updatedAt) ? i : e;
  const older = newer === i ? e : i;
  const out = fill(e, i);
  const named = nonEmpty(newer.name) ? newer : nonEmpty(older.name) ? older : e;
  out.name = named.name;
  set(out, 'nameKey', named.nameKey ?? out.nameKey);
  out.isMe = newer.isMe;
  set(out, 'mergedInto', newer.mergedInto);
  out.emails = union(e.emails, i.emails);
  out.linkedin = union(e.linkedin, i.linkedin);
  set(out, 'createdAt', earliest(e.createdAt, i.createdAt));
  set(out, 'updatedAt', latest(e.updatedAt, i.updatedAt));
  return out;
};

const TURN_FIELDS = ['turn', 'turnSince', 'lastMessageAt', 'lastFromMe', 'lastPersonId', 'restingSince'] as const;

/** Conversations: personIds united; the turn fields (turn, turnSince, lastMessageAt, lastFromMe, lastPersonId,
 * restingSince) together from the side with the newer last message (then the more recently updated), so they stay
 * consistent with the united messages. */
export const mergeConversation: Merger = (e, i) => {
  const incomingNewer =
    later(i.lastMessageAt, e.lastMessageAt) ||
    (ms(i.lastMessageAt) === ms(e.lastMessageAt) && later(i.updatedAt, e.updatedAt));
  const state = incomingNewer ? i : e;
  const out = fill(e, i);
  out.personIds = union(e.personIds, i.personIds);
  set(out, 'subject', nonEmpty(e.subject) ? e.subject : nonEmpty(i.subject) ? i.subject : e.subject);
  out.url = nonEmpty(e.url) ? e.url : i.url;
  for (const f of TURN_FIELDS) set(out, f, state[f]);
  set(out, 'firstSeenAt', earliest(e.firstSeenAt, i.firstSeenAt));
  set(out, 'updatedAt', latest(e.updatedAt, i.updatedAt));
  return out;
};

/** Messages: the full text beats a snippet; between two texts of the same kind the longer (ties: the database's).
 * A known time beats an unknown one; seenAt is the earliest. */
export const mergeMessage: Merger = (e, i) => {
  const out = fill(e, i);
  const et = typeof e.text === 'string' ? e.text : '';
  const it = typeof i.text === 'string' ? i.text : '';
  // As ingest does: a full text beats a snippet; between two of the same kind the longer (order-independent).
  const takeIncoming = (e.partial === true && i.partial === false) || (e.partial === i.partial && it.length > et.length);
  if (takeIncoming) {
    out.text = i.text;
    out.partial = i.partial;
  }
  if ((e.sentAt === null || e.sentAt === undefined) && typeof i.sentAt === 'string') {
    out.sentAt = i.sentAt;
    if (i.sentAtText !== undefined) out.sentAtText = i.sentAtText;
  }
  set(out, 'seenAt', earliest(e.seenAt, i.seenAt));
  return out;
};

/** Notes: the more recently updated version of the note, filled from the other. */
export const mergeNote: Merger = (e, i) => (later(i.updatedAt, e.updatedAt) ? fill(i, e) : fill(e, i));

/** Pins: the database's time and note; done if done on either side. */
export const mergePin: Merger = (e, i) => {
  const out = fill(e, i);
  if (!nonEmpty(e.note) && nonEmpty(i.note)) out.note = i.note;
  if (i.done === true && e.done !== true) {
    out.done = true;
    set(out, 'doneAt', firstSet(i.doneAt, e.doneAt));
    set(out, 'doneReason', firstSet(i.doneReason, e.doneReason));
  }
  set(out, 'notifiedAt', firstSet(e.notifiedAt, i.notifiedAt));
  return out;
};

export const MERGERS: Readonly<Record<string, Merger>> = {
  people: mergePerson,
  conversations: mergeConversation,
  messages: mergeMessage,
  notes: mergeNote,
  pins: mergePin,
};

/** Settings rows: lists of plain values united (the user's own addresses and profiles); the times of the last
 * backup and reminder: the later; anything else: the database's value. Returns the value to keep. */
export function mergeSetting(key: string, existing: unknown, incoming: unknown): unknown {
  if (isPrimitiveArray(existing) && isPrimitiveArray(incoming)) return union(existing, incoming);
  if ((key === 'lastBackupAt' || key === 'lastBackupReminderAt') && later(incoming, existing)) return incoming;
  return existing;
}

/** Deep equality of JSON-like values; key order does not matter and a key holding undefined counts as absent. */
export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, k) => sameValue(x, bb[k]));
  }
  const ao = a as Row;
  const bo = b as Row;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  return ak.length === bk.length && ak.every((k) => Object.hasOwn(bo, k) && sameValue(ao[k], bo[k]));
}
