// Benchmark data and timing helpers (not a test). Deterministic: the same options give the same snapshots.
// The lead runs runBenchmark in Chromium for BENCHMARKS.md (2,000 people, 10,000 conversations, 100,000 messages):
// ingest throughput against raw bulk puts of the very rows ingest wrote, and search latency.
import type { CapturedMessage, Person, ThreadSnapshot } from '../sites/types';
import type { TurnkeeperDatabase } from './database';
import { ingestSnapshots } from './ingest';
import { search } from './queries';

export interface HistoryOptions {
  people: number;
  conversations: number;
  messages: number;
  seed?: number;
  /** The end of the history (default 2024-06-01T12:00Z); messages span the year before. */
  now?: Date;
}

export interface History {
  snapshots: ThreadSnapshot[];
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

/** A history of `people` contacts, `conversations` threads and `messages` messages in total, as snapshots. About a
 * third of the people are on both sites (same name, an email on Gmail and a profile on LinkedIn); a tenth of the
 * threads have two contacts; 5% of messages are collapsed snippets with no parseable time. */
export function generateHistory(options: HistoryOptions): History {
  const rand = prng(options.seed ?? 42);
  const now = options.now ?? new Date('2024-06-01T12:00:00Z');
  const yearMs = 365 * 86_400_000;
  const me: Person = { name: 'Sam Seller', email: 'sam@seller.example', isMe: true };
  const meLi: Person = { name: 'Sam Seller', profileUrl: 'https://www.linkedin.com/in/sam-seller/', isMe: true };
  const contacts = Array.from({ length: options.people }, (_, i) => {
    const first = pick(rand, FIRST);
    const last = pick(rand, LAST);
    const name = `${first} ${last}`;
    const slug = `${i}-${first}-${last}`.toLowerCase().normalize('NFD').replace(/[^\w-]/g, '');
    return {
      gmail: { name, email: `${slug}@${pick(rand, COMPANY)}.example`, isMe: false } as Person,
      linkedin: rand() < 0.35 ? ({ name, profileUrl: `https://www.linkedin.com/in/${slug}/`, isMe: false } as Person) : null,
    };
  });
  // Messages per conversation: at least one each, the rest spread at random.
  const counts = new Array<number>(options.conversations).fill(1);
  for (let i = options.conversations; i < options.messages; i++) counts[Math.floor(rand() * options.conversations)]!++;
  const snapshots: ThreadSnapshot[] = [];
  for (let c = 0; c < options.conversations; c++) {
    const main = contacts[Math.floor(rand() * contacts.length)]!;
    const onLinkedin = main.linkedin !== null && rand() < 0.4;
    const site = onLinkedin ? 'linkedin' : 'gmail';
    const them: Person[] = [onLinkedin ? main.linkedin! : main.gmail];
    if (!onLinkedin && rand() < 0.1) them.push(contacts[Math.floor(rand() * contacts.length)]!.gmail);
    const mine = onLinkedin ? meLi : me;
    let t = now.getTime() - yearMs + Math.floor(rand() * (yearMs - 30 * 86_400_000));
    const messages: CapturedMessage[] = [];
    for (let m = 0; m < counts[c]!; m++) {
      t += Math.floor(rand() * 3 * 86_400_000);
      const from = rand() < 0.5 ? mine : pick(rand, them);
      const text = sentence(rand, 6, 40);
      const partial = rand() < 0.05;
      const sentAt = partial ? null : new Date(Math.min(t, now.getTime())).toISOString();
      messages.push({
        id: `m${c}-${m}`,
        from,
        sentAt,
        sentAtText: sentAt ?? 'yesterday',
        text: partial ? `${text.slice(0, 60)}…` : text,
        partial,
      });
    }
    snapshots.push({
      site,
      threadId: `${site === 'gmail' ? 'g' : 'l'}${c}`,
      url: site === 'gmail' ? `https://mail.google.com/mail/u/0/#inbox/g${c}` : `https://www.linkedin.com/messaging/thread/l${c}/`,
      ...(site === 'gmail' ? { subject: sentence(rand, 2, 6) } : {}),
      participants: [mine, ...them],
      messages,
    });
  }
  return { snapshots, me, myIdentities: [me.email!, meLi.profileUrl!], now };
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

/** Every row of every table of `db` (outside any timing). */
export async function readAllRows(db: TurnkeeperDatabase): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const t of db.tables) out[t.name] = await t.toArray();
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
      await search(db, q, { limit: 50 });
      times.push(performance.now() - t0);
    }
  }
  times.sort((a, b) => a - b);
  const q = (p: number) => times[Math.min(times.length - 1, Math.floor(p * times.length))]!;
  return { p50: q(0.5), p95: q(0.95), max: times.at(-1)!, samples: times.length };
}

export interface BenchReport {
  history: HistoryOptions;
  ingest: IngestTiming;
  raw: { ms: number; rows: number };
  rawWithoutSearch: { ms: number; rows: number };
  /** ingest ms / raw ms (goal ≤ 1.5). */
  ratio: number;
  search: { p50: number; p95: number; max: number; samples: number };
  rows: Record<string, number>;
}

/** Ingest of a generated history into `db`, and raw puts of the rows it wrote into two other databases (deleted
 * afterwards). The history and the rows live only in here: what is timed later runs without them in the heap. */
async function ingestAndCompare(
  db: TurnkeeperDatabase,
  open: (name: string) => TurnkeeperDatabase,
  options: HistoryOptions & { batchSize?: number },
): Promise<Pick<BenchReport, 'ingest' | 'raw' | 'rawWithoutSearch' | 'rows'>> {
  const history = generateHistory(options);
  const ingest = await benchIngest(db, history.snapshots, {
    ...(options.batchSize !== undefined ? { batchSize: options.batchSize } : {}),
    now: history.now,
    myIdentities: history.myIdentities,
  });
  const rows = await readAllRows(db);
  const rawDb = open('bench-raw');
  const raw = await benchRawPut(rawDb, rows);
  const rawDbWithoutSearch = open('bench-raw-nosearch');
  const rawWithoutSearch = await benchRawPut(rawDbWithoutSearch, rows, { skip: ['wordIndex'] });
  await Promise.all([rawDb.delete(), rawDbWithoutSearch.delete()]);
  return { ingest, raw, rawWithoutSearch, rows: Object.fromEntries(Object.entries(rows).map(([k, v]) => [k, v.length])) };
}

/**
 * The whole benchmark. `open(name)` gives a fresh, empty database (in Chromium: `new TurnkeeperDatabase(name)`;
 * delete them afterwards).
 */
export async function runBenchmark(
  open: (name: string) => TurnkeeperDatabase,
  options: HistoryOptions & { batchSize?: number; settleMs?: number } = { people: 2000, conversations: 10000, messages: 100000 },
): Promise<BenchReport> {
  const db = open('bench-ingest');
  const { ingest, raw, rawWithoutSearch, rows } = await ingestAndCompare(db, open, options);
  // The storage engine gets a few seconds to finish its own work after a minute of writes (on disk, LevelDB compacts
  // in the background), and the benchmark's own garbage (the generated history, every row read back) is collected
  // when the page allows it: queries are measured as a user meets them, not in the middle of a bulk load.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, options.settleMs ?? 10_000));
  const searchTimes = await benchSearch(db);
  return {
    history: { people: options.people, conversations: options.conversations, messages: options.messages },
    ingest,
    raw,
    rawWithoutSearch,
    ratio: ingest.ms / raw.ms,
    search: searchTimes,
    rows,
  };
}
