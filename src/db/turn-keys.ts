// The turn keys (table `turnKeys`, schema version 3): a copy of the counted part of the conversations' turn indexes,
// kept as primary keys, so the dashboard's and the badge's counts are counts of primary-key ranges.
//
// Why: counting a range of an index walks it entry by entry, and Chromium checks each index entry against its row
// (measured at 100,000 messages, on disk: ~7 µs an entry, so the counts of a dashboard, ~4,000 entries with the
// 1,000 cap, took ~50 ms). Counting a range of a table's own keys skips that check: the same ranges, counted whole,
// took a third of the time. The copy holds, for each conversation whose cached turn is counted (mine, theirs,
// follow-up), the key it has in [site+turn+turnSince] (mine) or [site+turn+lastMessageAt] (theirs, follow-up), as one
// string: `${site}\u0001${turn}\u0001${time}\u0001${id}`; all sites are counted site by site (the import accepts no
// other site), so each conversation write puts one key. A string key, not an array: walking them took half the time. The times are ISO strings (the import
// checks them): no control character, so the string sorts as the array [site, turn, time, id] would. Values are 0:
// only keys count. A count walks at most the cap's worth of keys (a cursor skipping ahead; see countTurnKeys).
//
// How it stays right: a middleware wrapping every write of the conversations table (src/db/database.ts installs
// it). Any read-write transaction over conversations also takes turnKeys, and every add, put or delete of
// conversations first reads the rows it replaces, then takes their keys out and puts the new rows' keys in, in the
// same transaction: ingest, the actions, settings, list evidence, import and restore all write through it, and so
// will any later code. One thing it cannot follow: two writes of the same conversation issued at once in one
// transaction (each would read the row before the other wrote); no code does that, each writes conversations once
// per step. Internal to src/db.
import Dexie, { type DBCore, type DBCoreMutateRequest, type DBCoreMutateResponse, type DBCoreTable, type Middleware } from 'dexie';
import type { Site } from '../core/site';
import type { TurnState } from '../core/turn';
import type { ConversationRecord } from './records';

export const TURN_KEYS = 'turnKeys';
const CONVERSATIONS = 'conversations';

export type TurnKey = string;
type CountedTurn = 'mine' | 'theirs' | 'follow-up';

/** Cached turns whose lists are counted, and the field their index orders them by. */
const COUNTED: Partial<Record<TurnState, 'turnSince' | 'lastMessageAt'>> = {
  mine: 'turnSince',
  theirs: 'lastMessageAt',
  'follow-up': 'lastMessageAt',
};

const SEP = '\u0001';
/** Sorts right after SEP: the end of a run of keys sharing a prefix. */
const AFTER = '\u0002';
const prefixOf = (site: string, turn: string) => `${site}${SEP}${turn}${SEP}`;

/** Every site, counted one after the other for "all sites". */
const SITES = ['gmail', 'linkedin'] as const satisfies readonly Site[];
// Fails to compile when a site is added to Site and not here.
const everySite: Exclude<Site, (typeof SITES)[number]> extends never ? true : never = true;
void everySite;

/** The turn keys of a conversation row as stored (none when its turn is not counted or it has no time). */
export function turnKeysOf(c: ConversationRecord | undefined | null): TurnKey[] {
  if (!c || typeof c.turn !== 'string' || typeof c.id !== 'string') return [];
  const field = COUNTED[c.turn];
  if (!field) return [];
  const time = c[field];
  if (typeof time !== 'string') return [];
  if (typeof c.site !== 'string') return [];
  return [`${prefixOf(c.site, c.turn)}${time}${SEP}${c.id}`];
}

/** Every turn key of `rows` (the version 3 upgrade fills the table with them). */
export function turnKeysOfRows(rows: readonly ConversationRecord[]): TurnKey[] {
  return rows.flatMap(turnKeysOf);
}

/** The turn-key writes for conversation rows going from `before` to `after` (same positions; undefined: none). */
function keyChanges(before: readonly (ConversationRecord | undefined)[], after: readonly (ConversationRecord | undefined)[]) {
  const gone = new Map<string, TurnKey>();
  const come = new Map<string, TurnKey>();
  before.forEach((row) => turnKeysOf(row).forEach((k) => gone.set(k, k)));
  after.forEach((row) => turnKeysOf(row).forEach((k) => come.set(k, k)));
  for (const s of [...gone.keys()]) {
    if (come.has(s)) {
      gone.delete(s);
      come.delete(s);
    }
  }
  return { deletes: [...gone.values()], puts: [...come.values()] };
}

/** The rows a mutation of conversations replaces or removes, read before it runs. */
async function rowsBefore(table: DBCoreTable, req: DBCoreMutateRequest): Promise<(ConversationRecord | undefined)[]> {
  if (req.type === 'deleteRange') {
    const { result } = await table.query({ trans: req.trans, values: true, query: { index: table.schema.primaryKey, range: req.range } });
    return result as ConversationRecord[];
  }
  const keys = req.type === 'delete' ? req.keys : (req.keys ?? req.values.map((v: ConversationRecord) => v?.id));
  if (req.type === 'add' && !req.keys) return keys.map(() => undefined);
  return (await table.getMany({ trans: req.trans, keys })) as (ConversationRecord | undefined)[];
}

function hasTurnKeys(trans: unknown): boolean {
  const names = (trans as IDBTransaction).objectStoreNames;
  return !!names && names.contains(TURN_KEYS);
}

function mirroredConversations(down: DBCore, table: DBCoreTable): DBCoreTable {
  return {
    ...table,
    async mutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
      // A transaction without the table: an upgrade from before version 3, which fills it whole afterwards.
      if (!hasTurnKeys(req.trans)) return table.mutate(req);
      const before = await rowsBefore(table, req);
      const res = await table.mutate(req);
      // By id, the row before the request and the last one it wrote (a request may name an id twice).
      const byId = new Map<string, { was: ConversationRecord | undefined; now: ConversationRecord | undefined }>();
      before.forEach((row, i) => {
        const id = req.type === 'add' || req.type === 'put' ? (req.values[i] as ConversationRecord | undefined)?.id : row?.id;
        if (typeof id !== 'string') return;
        const entry = byId.get(id) ?? { was: row, now: row };
        if (req.type === 'add' || req.type === 'put') {
          if (res.failures[i] === undefined) entry.now = req.values[i] as ConversationRecord;
        } else entry.now = undefined;
        byId.set(id, entry);
      });
      const entries = [...byId.values()];
      const { deletes, puts } = keyChanges(entries.map((e) => e.was), entries.map((e) => e.now));
      const keys = down.table(TURN_KEYS);
      if (deletes.length) await keys.mutate({ type: 'delete', trans: req.trans, keys: deletes });
      if (puts.length) await keys.mutate({ type: 'put', trans: req.trans, keys: puts, values: puts.map(() => 0) });
      return res;
    },
  };
}

/** Keeps `turnKeys` the copy of the conversations' counted turn keys: see the top of this file. */
export const turnKeysMiddleware: Middleware<DBCore> = {
  stack: 'dbcore',
  name: 'TurnKeys',
  create(down) {
    return {
      ...down,
      transaction(stores, mode, options) {
        const all = mode === 'readwrite' && stores.includes(CONVERSATIONS) && !stores.includes(TURN_KEYS) && down.schema.tables.some((t) => t.name === TURN_KEYS)
          ? [...stores, TURN_KEYS]
          : stores;
        return down.transaction(all, mode, options);
      },
      table(name) {
        const table = down.table(name);
        return name === CONVERSATIONS ? mirroredConversations(down, table) : table;
      },
    };
  },
};

/** MIN / MAX of src/db/queries/lists.ts: open ends of a range. */
const MIN = Dexie.minKey;
const MAX = Dexie.maxKey;

/** Conversations of cached turn `turn` (mine: by turnSince; theirs, follow-up: by lastMessageAt) with that time
 * between `from` and `to` (MIN / MAX: open ends; `to` included, `from` too unless `fromOpen`): the rows
 * turnRange(…) of src/db/queries/lists.ts reads. */
export interface TurnKeyRange {
  turn: CountedTurn;
  from: unknown;
  to: unknown;
  fromOpen?: boolean;
}

function keyRange(db: Dexie, site: string, { turn, from, to, fromOpen = false }: TurnKeyRange) {
  const prefix = prefixOf(site, turn);
  const lower = from === MIN ? prefix : `${prefix}${String(from)}${fromOpen ? AFTER : SEP}`;
  const upper = to === MAX ? `${prefix.slice(0, -1)}${AFTER}` : `${prefix}${String(to)}${AFTER}`;
  return db.table(TURN_KEYS).where(':id').between(lower, upper, true, false);
}

/**
 * How many conversations `ranges` hold together, on `site` or all, counted up to `cap` (a count of `cap` means that
 * many or more). One range after the other, each walks at most the keys the cap still leaves: a cursor skips ahead
 * to the last one the cap needs, and only a range shorter than that is counted.
 */
export async function countTurnKeys(db: Dexie, cap: number, site: Site | undefined, ranges: readonly TurnKeyRange[]): Promise<number> {
  let n = 0;
  for (const range of ranges) {
    for (const one of site ? [site] : SITES) {
      const left = cap - n;
      if (left <= 0) return n;
      const collection = () => keyRange(db, one, range);
      const reachesCap = (await collection().offset(left - 1).limit(1).primaryKeys()).length > 0;
      n += reachesCap ? left : await collection().count();
    }
  }
  return n;
}
