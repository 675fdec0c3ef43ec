// The Turnkeeper export format (docs/export-format.md): its name, version, limits, the valibot schemas of version 1
// and the registry of upgrades from older versions. This file is the public promise in code: change it together with
// the document.
import * as v from 'valibot';

export const FORMAT_NAME = 'turnkeeper';
/** The version this build writes, and the newest it reads. */
export const FORMAT_VERSION = 1;

/** Tables with a schema of their own, in the order they are written. Other tables are exported generically. */
export const KNOWN_TABLES = ['people', 'conversations', 'messages', 'notes', 'pins'] as const;
export type KnownTable = (typeof KNOWN_TABLES)[number];
/** Tables of derived data, rebuilt from the others: never exported, ignored on import. */
export const DERIVED_TABLES: ReadonlySet<string> = new Set(['search', 'wordIndex', 'turnKeys']);
/** Top-level keys that are not tables. */
export const RESERVED_KEYS = ['format', 'version', 'exportedAt', 'scope', 'settings'] as const;

export const LIMITS = {
  /** A file larger than this is refused before it is read (below V8's longest string, ~536 M characters). */
  maxFileBytes: 500 * 1024 * 1024,
  /** Message text, note text and pin note: longer values are cut to this many characters (a warning says so; a cut
   * message is marked partial). */
  maxTextLength: 1_000_000,
  /** Any other string anywhere in the file: longer is refused. */
  maxStringLength: 1_000_000,
  /** Ids, and the strings of short fields (names, subject, url, emails, sentAtText): longer is refused. */
  maxIdLength: 4096,
  maxShortLength: 65_536,
  /** Objects and arrays nested deeper than this are refused (records are 3 levels deep). */
  maxDepth: 32,
  /** Shape problems listed in one error before "and N more". */
  maxIssuesListed: 10,
} as const;

/** Field paths (table, field) whose long strings are truncated rather than refused. */
export const TRUNCATABLE_FIELDS: Readonly<Record<string, string>> = { messages: 'text', notes: 'text', pins: 'note' };

/** Keys never taken from a file: every member name of Object.prototype (`__proto__`, `constructor`, `toString`...)
 * and `prototype`. They are removed wherever they appear, with a warning. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set([
  ...Object.getOwnPropertyNames(Object.prototype),
  '__proto__',
  'prototype',
]);

const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-](\d{2}):(\d{2}))$/;

/** An ISO 8601 date-time with a zone (`Z` or an offset), as `Date.prototype.toISOString` writes. */
export function isIsoDateTime(value: unknown): value is string {
  if (typeof value !== 'string' || value.length > 40) return false;
  const m = ISO_RE.exec(value);
  if (!m) return false;
  const [, , mo, d, h, mi, s, oh, om] = m;
  if (+mo! < 1 || +mo! > 12 || +d! < 1 || +d! > 31 || +h! > 23 || +mi! > 59) return false;
  if (s !== undefined && +s > 60) return false;
  if (oh !== undefined && (+oh > 23 || +om! > 59)) return false;
  return !Number.isNaN(Date.parse(value));
}

// ---------------------------------------------------------------------------------------------------------------
// Version 1 schemas. Records are loose: fields this version does not know are kept as they are (a newer minor
// addition round-trips through an older build). Fields marked optional get a default when missing (see
// `fillDefaults`), so a hand-made file needs only the fields the document lists as required.

const id = v.pipe(
  v.string('must be a string'),
  v.minLength(1, 'must not be empty'),
  v.maxLength(LIMITS.maxIdLength, `must be at most ${LIMITS.maxIdLength} characters`),
);
const short = v.pipe(
  v.string('must be a string'),
  v.maxLength(LIMITS.maxShortLength, `must be at most ${LIMITS.maxShortLength} characters`),
);
const longText = v.string('must be a string');
const iso = v.custom<string>(isIsoDateTime, 'must be an ISO 8601 date-time with a zone, such as 2025-03-05T14:02:00.000Z');
const isoOrNull = v.nullable(iso);
const bool = v.boolean('must be true or false');
const idList = v.array(id, 'must be a list of ids');
const shortList = v.array(short, 'must be a list of strings');

export const personSchema = v.looseObject(
  {
    id,
    name: short,
    emails: shortList,
    linkedin: shortList,
    isMe: bool,
    mergedInto: v.nullish(id),
    createdAt: v.optional(iso),
    updatedAt: v.optional(iso),
  },
  'must be an object',
);

export const conversationSchema = v.looseObject(
  {
    id,
    site: v.picklist(['gmail', 'linkedin'], 'must be "gmail" or "linkedin"'),
    threadId: id,
    url: short,
    subject: v.nullish(short),
    personIds: idList,
    turn: v.picklist(['mine', 'theirs', 'follow-up', 'resting'], 'must be one of mine, theirs, follow-up, resting'),
    turnSince: isoOrNull,
    lastMessageAt: isoOrNull,
    lastFromMe: v.optional(v.nullable(bool)),
    restingSince: v.nullish(iso),
    firstSeenAt: v.optional(iso),
    updatedAt: v.optional(iso),
  },
  'must be an object',
);

export const messageSchema = v.looseObject(
  {
    id,
    conversationId: id,
    personId: id,
    fromMe: bool,
    sentAt: isoOrNull,
    sentAtText: v.optional(short),
    text: longText,
    partial: bool,
    seenAt: v.optional(iso),
  },
  'must be an object',
);

export const noteSchema = v.looseObject(
  {
    id,
    conversationId: v.nullish(id),
    personId: v.nullish(id),
    text: longText,
    promised: v.optional(bool),
    done: v.optional(bool),
    createdAt: v.optional(iso),
    updatedAt: v.optional(iso),
  },
  'must be an object',
);

export const pinSchema = v.looseObject(
  {
    id,
    conversationId: id,
    dueAt: iso,
    note: v.nullish(longText),
    createdAt: v.optional(iso),
    done: v.optional(bool),
    doneAt: v.nullish(iso),
    clearOnReply: v.optional(bool),
    notifiedAt: v.nullish(iso),
  },
  'must be an object',
);

export const RECORD_SCHEMAS = {
  people: personSchema,
  conversations: conversationSchema,
  messages: messageSchema,
  notes: noteSchema,
  pins: pinSchema,
} as const satisfies Record<KnownTable, v.GenericSchema>;

/** A row of a table this version has no schema for (e.g. `links`): an object; its primary key is checked apart. */
export const genericRowSchema = v.looseObject({}, 'must be an object');

/** The whole document, version 1. Used to check a file we wrote (tests) and to describe the format; the importer
 * validates record by record with the schemas above so that large files can be checked in chunks. */
export const documentSchemaV1 = v.looseObject({
  format: v.literal(FORMAT_NAME),
  version: v.literal(FORMAT_VERSION),
  exportedAt: iso,
  scope: v.optional(v.picklist(['all', 'conversation'])),
  people: v.optional(v.array(personSchema)),
  conversations: v.optional(v.array(conversationSchema)),
  messages: v.optional(v.array(messageSchema)),
  notes: v.optional(v.array(noteSchema)),
  pins: v.optional(v.array(pinSchema)),
  settings: v.optional(v.record(v.string(), v.unknown())),
});

/** Fill the optional fields a hand-made file may omit, in place. Never overwrites a present value. */
export function fillDefaults(table: KnownTable, row: Record<string, unknown>, exportedAt: string): void {
  const def = (key: string, value: unknown) => {
    if (row[key] === undefined) row[key] = value;
  };
  switch (table) {
    case 'people':
      row.emails = (row.emails as string[]).map((e) => e.trim().toLowerCase());
      def('createdAt', exportedAt);
      def('updatedAt', exportedAt);
      break;
    case 'conversations':
      def('lastFromMe', null);
      def('firstSeenAt', exportedAt);
      def('updatedAt', exportedAt);
      break;
    case 'messages':
      def('sentAtText', '');
      def('seenAt', (row.sentAt as string | null) ?? exportedAt);
      break;
    case 'notes':
      def('promised', false);
      def('done', false);
      def('createdAt', exportedAt);
      def('updatedAt', exportedAt);
      break;
    case 'pins':
      def('createdAt', exportedAt);
      def('done', false);
      def('clearOnReply', false);
      break;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Upgrades. Each entry turns a document of version `from` into one of version `from + 1`. They run on the raw,
// sanitized document before validation, in order, so a file of any older version reaches the current one. Upgrades
// must be defensive: leave anything they do not recognise in place, and let the current schema report it.

export type RawDocument = Record<string, unknown>;
export interface FormatUpgrade {
  from: number;
  describe: string;
  upgrade(doc: RawDocument): RawDocument;
}

const isObj = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const mapRows = (rows: unknown, f: (row: Record<string, unknown>) => Record<string, unknown>): unknown =>
  Array.isArray(rows) ? rows.map((r) => (isObj(r) ? f(r) : r)) : rows;

const V0_TURNS: Record<string, string> = {
  'my-turn': 'mine',
  'their-turn': 'theirs',
  'follow-up': 'follow-up',
  'no-reply-needed': 'resting',
};

export const UPGRADES: readonly FormatUpgrade[] = [
  {
    // Version 0 is the pre-release prototype's backup (docs/export-format.md, "Version 0").
    from: 0,
    describe: 'version 0 (prototype): one email and one LinkedIn URL per person, `state`, `body`, `snippet`, settings as rows',
    upgrade(doc) {
      const out: RawDocument = { ...doc, version: 1 };
      out.people = mapRows(doc.people, ({ email, linkedinUrl, ...rest }) => ({
        ...rest,
        emails: rest.emails ?? (typeof email === 'string' && email ? [email] : []),
        linkedin: rest.linkedin ?? (typeof linkedinUrl === 'string' && linkedinUrl ? [linkedinUrl] : []),
      }));
      out.conversations = mapRows(doc.conversations, ({ state, stateSince, ...rest }) => ({
        ...rest,
        turn: rest.turn ?? (typeof state === 'string' ? (V0_TURNS[state] ?? state) : state),
        turnSince: rest.turnSince ?? stateSince ?? null,
      }));
      out.messages = mapRows(doc.messages, ({ body, snippet, ...rest }) => ({
        ...rest,
        text: rest.text ?? body,
        partial: rest.partial ?? snippet ?? false,
      }));
      if (Array.isArray(doc.settings)) {
        const settings: Record<string, unknown> = {};
        for (const row of doc.settings) {
          if (isObj(row) && typeof row.key === 'string' && !FORBIDDEN_KEYS.has(row.key)) settings[row.key] = row.value;
        }
        out.settings = settings;
      }
      return out;
    },
  },
];

/** Run the upgrades from `version` to FORMAT_VERSION. Returns the upgraded document and what was done. */
export function upgradeDocument(doc: RawDocument, version: number): { doc: RawDocument; steps: string[] } {
  const steps: string[] = [];
  let current = doc;
  for (let at = version; at < FORMAT_VERSION; at++) {
    const step = UPGRADES.find((u) => u.from === at);
    if (!step) throw new Error(`No upgrade from format version ${at}`);
    current = step.upgrade(current);
    steps.push(step.describe);
  }
  return { doc: current, steps };
}

/** The oldest version this build can upgrade. */
export const OLDEST_READABLE_VERSION = Math.min(FORMAT_VERSION, ...UPGRADES.map((u) => u.from));
