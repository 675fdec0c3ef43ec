// Benchmark data and timing helpers (not shipped, not a test): the one generator every benchmark uses. Deterministic
// for a seed and a `now`: the record is generated relative to the moment it is queried, so its lists are never empty:
// about a third of the conversations are the user's turn, a fifth wait on the other side within the waiting period,
// a quarter are owed a follow-up, the rest are old; some rest ("no reply needed"), some carry pins (due and
// upcoming) and notes, and people seen on both sites are merged. Everything goes in through the real code:
// ingestSnapshots for the messages, the actions for rests, pins, notes and merges.
import type { TurnkeeperDatabase } from '../../src/db';
import { addNote, addPin, findPersonByEmail, findPersonByProfile, ingestSnapshots, mergePeople, restConversation, search } from '../../src/db';
import type { CapturedMessage, Person, ThreadSnapshot } from '../../src/sites/types';
export interface HistoryOptions {
  people: number;
  conversations: number;
  messages: number;
  seed?: number;
  /** The moment the record is queried at (default 2024-06-01T12:00Z, for tests that need a fixed record). */
  now?: Date;
}

/** What the user did on top of the messages, applied by applyUserActions through the real actions. */
export interface UserActions {
  /** Conversations marked "no reply needed". */
  rest: string[];
  pins: { conversationId: string; dueAt: string }[];
  notes: { conversationId: string; text: string }[];
  /** The same human on both sites: merge the LinkedIn person into the Gmail one. */
  merges: { email: string; profileUrl: string }[];
}

export interface History {
  snapshots: ThreadSnapshot[];
  actions: UserActions;
  me: Person;
  myIdentities: string[];
  now: Date;
}

/** mulberry32: small, fast, seeded. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = ['Dana', 'José', 'Ana', 'Lee', 'Kim', 'Sam', 'Noor', 'Pierre', 'Zoë', 'Björn', 'Иван', 'Ольга', 'Aiko', 'Chen', 'Priya', 'Omar', 'Lucía', 'Mateo', 'Élodie', 'Jonas', 'Fatima', 'Kofi', 'Mei', 'Raj'];
const LAST = ['Smith', 'Núñez', 'Okafor', 'Müller', 'García', 'Rossi', 'Petrov', 'Tanaka', 'Kowalski', 'Dubois', 'Haddad', 'Silva', 'Novák', 'Larsen', 'Singh', 'Cohen', 'Kim', 'Ortiz', 'Schmidt', 'Moreau'];
const COMPANY = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'vandelay', 'stark', 'wayne', 'tyrell', 'soylent'];
const WORDS = (
  'proposal pricing contract renewal discount meeting call demo budget approval quarter deadline invoice ' +
  'onboarding integration security review pilot license seats team roadmap feature request timeline follow ' +
  'question answer thanks please attached document deck slides signature legal procurement vendor partner ' +
  'next week monday friday tomorrow today morning afternoon schedule available works great sounds good ' +
  'the a to and of for with on at in is it we you they this that will can would could should be have ' +
  'propuesta económica reunión präsentation angebot предложение встреча договор 提案 会議 見積もり'
).split(/\s+/);

function pick<T>(rand: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rand() * xs.length)]!;
}

function sentence(rand: () => number, min: number, max: number): string {
  const n = min + Math.floor(rand() * (max - min + 1));
  const words: string[] = [];
  for (let i = 0; i < n; i++) words.push(pick(rand, WORDS));
  const s = words.join(' ');
  return s[0]!.toUpperCase() + s.slice(1) + '.';
}

const DAY = 86_400_000;

/** Who wrote last and how long ago, so the conversation lands in a list at `now` (waiting period: 3 days). */
function lastMessagePlan(rand: () => number): { fromMe: boolean; ageMs: number; old: boolean } {
  const r = rand();
  if (r < 0.32) return { fromMe: false, ageMs: rand() * 20 * DAY, old: false }; // my turn
  if (r < 0.52) return { fromMe: true, ageMs: rand() * 1.5 * DAY, old: false }; // waiting on them
  if (r < 0.77) return { fromMe: true, ageMs: (5 + rand() * 60) * DAY, old: false }; // follow-up owed
  return { fromMe: rand() < 0.5, ageMs: (70 + rand() * 290) * DAY, old: true }; // old, some of it rested
}

/** A history of `people` contacts, `conversations` threads and `messages` messages in total, as snapshots, and the
 * user's actions on it. About a third of the people are on both sites (same name, an email on Gmail and a profile on
 * LinkedIn; half of those seen on both are merged, the rest are left as the suggestions ingest makes); a tenth of the Gmail threads have two contacts; 5% of the earlier messages are
 * collapsed snippets with no parseable time (the last one of each thread always has its time). */
export function generateHistory(options: HistoryOptions): History {
  const rand = prng(options.seed ?? 42);
  const now = options.now ?? new Date('2024-06-01T12:00:00Z');
  const me: Person = { name: 'Sam Seller', email: 'sam@seller.example', isMe: true };
  const meLi: Person = { name: 'Sam Seller', profileUrl: 'https://www.linkedin.com/in/sam-seller/', isMe: true };
  const contacts = Array.from({ length: options.people }, (_, i) => {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    // A middle initial makes full names about as distinct as a seller's contacts are (12,480 combinations; with first
    // and last names alone, every name was shared by four people and each became a "same person?" suggestion).
    const initial = String.fromCharCode(65 + Math.floor(rand() * 26));
    const name = `${first} ${initial}. ${last}`;
    const slug = `${i}-${first}-${last}`.toLowerCase().normalize('NFD').replace(/[^\w-]/g, '');
    return {
      gmail: { name, email: `${slug}@${pick(rand, COMPANY)}.example`, isMe: false } as Person,
      linkedin: rand() < 0.35 ? ({ name, profileUrl: `https://www.linkedin.com/in/${slug}/`, isMe: false } as Person) : null,
      usedOn: new Set<string>(),
    };
  });
  // Messages per conversation: at least one each, the rest spread at random.
  const counts = new Array<number>(options.conversations).fill(1);
  for (let i = options.conversations; i < options.messages; i++) counts[Math.floor(rand() * options.conversations)]!++;
  const snapshots: ThreadSnapshot[] = [];
  const actions: UserActions = { rest: [], pins: [], notes: [], merges: [] };
  for (let c = 0; c < options.conversations; c++) {
    const main = contacts[Math.floor(rand() * contacts.length)]!;
    const onLinkedin = main.linkedin !== null && rand() < 0.4;
    const site = onLinkedin ? 'linkedin' : 'gmail';
    main.usedOn.add(site);
    const them: Person[] = [onLinkedin ? main.linkedin! : main.gmail];
    if (!onLinkedin && rand() < 0.1) them.push(contacts[Math.floor(rand() * contacts.length)]!.gmail);
    const mine = onLinkedin ? meLi : me;
    const plan = lastMessagePlan(rand);
    // Times from the last message backwards, a few hours to three days apart.
    const count = counts[c]!;
    const times: number[] = [now.getTime() - plan.ageMs];
    for (let m = 1; m < count; m++) times.push(times[m - 1]! - (0.1 + rand() * 3) * DAY);
    times.reverse();
    const messages: CapturedMessage[] = [];
    for (let m = 0; m < count; m++) {
      const isLast = m === count - 1;
      const fromMe = isLast ? plan.fromMe : rand() < 0.5;
      const text = sentence(rand, 6, 40);
      const partial = !isLast && rand() < 0.05;
      const sentAt = partial ? null : new Date(times[m]!).toISOString();
      messages.push({
        id: `m${c}-${m}`,
        from: fromMe ? mine : pick(rand, them),
        sentAt,
        sentAtText: sentAt ?? 'yesterday',
        text: partial ? `${text.slice(0, 60)}…` : text,
        partial,
      });
    }
    const threadId = `${site === 'gmail' ? 'g' : 'l'}${c}`;
    const conversationId = `${site}:${threadId}`;
    snapshots.push({
      site,
      threadId,
      url: site === 'gmail' ? `https://mail.google.com/mail/u/0/#inbox/${threadId}` : `https://www.linkedin.com/messaging/thread/${threadId}/`,
      ...(site === 'gmail' ? { subject: sentence(rand, 2, 6) } : {}),
      participants: [mine, ...them],
      messages,
    });
    if (plan.old && rand() < 0.4) actions.rest.push(conversationId);
    const p = rand();
    if (p < 0.03) actions.pins.push({ conversationId, dueAt: new Date(now.getTime() - (0.1 + rand() * 5) * DAY).toISOString() });
    else if (p < 0.06) actions.pins.push({ conversationId, dueAt: new Date(now.getTime() + (0.5 + rand() * 14) * DAY).toISOString() });
    if (rand() < 0.03) actions.notes.push({ conversationId, text: sentence(rand, 4, 20) });
  }
  for (const contact of contacts) {
    if (contact.linkedin && contact.usedOn.size === 2 && rand() < 0.5) {
      actions.merges.push({ email: contact.gmail.email!, profileUrl: contact.linkedin.profileUrl! });
    }
  }
  return { snapshots, actions, me, myIdentities: [me.email!, meLi.profileUrl!], now };
}

/** Applies the history's user actions through the real actions (one transaction each, as the user makes them). */
export async function applyUserActions(db: TurnkeeperDatabase, history: History): Promise<Record<keyof UserActions, number>> {
  const { actions, now } = history;
  for (const id of actions.rest) await restConversation(db, id, now);
  for (const pin of actions.pins) await addPin(db, pin, now);
  for (const note of actions.notes) await addNote(db, note, now);
  let merged = 0;
  for (const { email, profileUrl } of actions.merges) {
    const [keep, merge] = [await findPersonByEmail(db, email), await findPersonByProfile(db, profileUrl)];
    if (!keep || !merge || keep.id === merge.id) continue;
    await mergePeople(db, keep.id, merge.id, now);
    merged++;
  }
  return { rest: actions.rest.length, pins: actions.pins.length, notes: actions.notes.length, merges: merged };
}

/** Generates the record for `now` and writes it: snapshots in batches through ingestSnapshots (the bulk path of
 * imports), then the user's actions. */
export async function fillRecord(db: TurnkeeperDatabase, options: HistoryOptions & { batchSize?: number }): Promise<History> {
  const history = generateHistory(options);
  await benchIngest(db, history.snapshots, { batchSize: options.batchSize ?? 50, now: history.now, myIdentities: history.myIdentities });
  await applyUserActions(db, history);
  return history;
}

export interface IngestTiming {
  ms: number;
  snapshots: number;
  messages: number;
  messagesPerSecond: number;
}

/** Ingests `snapshots` through ingestSnapshots, `batchSize` per transaction (1 = ingestSnapshot's behaviour). */
export async function benchIngest(
  db: TurnkeeperDatabase,
  snapshots: readonly ThreadSnapshot[],
  options: { batchSize?: number; now?: Date; myIdentities?: readonly string[] } = {},
): Promise<IngestTiming> {
  const batch = options.batchSize ?? 50;
  const context = { now: options.now ?? new Date(), myIdentities: options.myIdentities ?? [] };
  const messages = snapshots.reduce((n, s) => n + s.messages.length, 0);
  const t0 = performance.now();
  for (let i = 0; i < snapshots.length; i += batch) {
    await ingestSnapshots(db, snapshots.slice(i, i + batch), context);
  }
  const ms = performance.now() - t0;
  return { ms, snapshots: snapshots.length, messages, messagesPerSecond: (messages / ms) * 1000 };
}

/** Every row of every table of `db` (outside any timing). Tables keyed outside their rows (the turn keys) are left
 * out: they are derived, and the conversations' puts write them (src/db/turn-keys.ts). */
export async function readAllRows(db: TurnkeeperDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) if (t.schema.primKey.keyPath) out[t.name] = await t.toArray();
  return out;
}

/** Raw bulkPut of the given rows into `db`, `chunk` rows per transaction per table: the floor ingest is compared
 * with. `skip` leaves tables out (e.g. ['wordIndex'] to see the word index's share). */
export async function benchRawPut(
  db: TurnkeeperDatabase,
  rows: Record<string, unknown[]>,
  options: { chunk?: number; skip?: readonly string[] } = {},
): Promise<{ ms: number; rows: number }> {
  const chunk = options.chunk ?? 5000;
  let count = 0;
  const t0 = performance.now();
  for (const [name, list] of Object.entries(rows)) {
    if (options.skip?.includes(name)) continue;
    for (let i = 0; i < list.length; i += chunk) {
      const part = list.slice(i, i + chunk);
      await db.transaction('rw', db.table(name), () => db.table(name).bulkPut(part));
      count += part.length;
    }
  }
  return { ms: performance.now() - t0, rows: count };
}

/** Latency of `search` over the queries, `runs` times each: p50 / p95 / max in ms. */
export async function benchSearch(
  db: TurnkeeperDatabase,
  queries: readonly string[] = ['proposal', 'prop', 'pricing discount', 'jose', 'предлож', '会議', 'renewal next week', 'a'],
  runs = 5,
): Promise<{ p50: number; p95: number; max: number; samples: number }> {
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    for (const q of queries) {
      const t0 = performance.now();
      const hits = await search(db, q, { limit: 50 });
      times.push(performance.now() - t0);
      // A search that finds nothing times an empty result, which says nothing about the record's size.
      if (!hits.length) throw new Error(`benchSearch: "${q}" found nothing in the generated record`);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: times.at(-1)!, samples: times.length };
}
