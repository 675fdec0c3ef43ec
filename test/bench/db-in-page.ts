// Bundled by db-scale.mjs and run in a Chromium page: Turnkeeper's database code on real IndexedDB at scale. The
// record is the extension's own database (openDatabase), so the live path runs the background's real ingestPage.
import { ingestPage } from '../../src/background/ingest-page';
import {
  badgeCounts,
  followUpDue,
  getTimeline,
  listSuggestions,
  myTurn,
  openDatabase,
  pinnedPage,
  resting,
  sectionCounts,
  TurnkeeperDatabase,
  waitingOnThem,
} from '../../src/db';
import { applyImport, exportJson, parseImportFile, planImport } from '../../src/export';
import { loadConversation, loadGeneral } from '../../src/ui/sidebar/sidebar-queries';
import type { PageReadMessage } from '../../src/protocol/types';
import type { CapturedMessage, ThreadSnapshot } from '../../src/sites/types';
import { applyUserActions, benchIngest, benchRawPut, benchSearch, generateHistory, type History, readAllRows } from './bench-data';

const quantile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** How many rows a query's answer holds: a list's length, or the sum of a count object's figures. */
function rowsOf(result: unknown): number {
  if (Array.isArray(result)) return result.length;
  if (result && typeof result === 'object') {
    return Object.values(result).reduce<number>((sum, value) => sum + (typeof value === 'number' ? value : 0), 0);
  }
  return 0;
}

/** The people of a conversation the generated record has "same person?" suggestions about (their member ids, as
 * the sidebar passes them), and how many suggestions the record holds. */
async function conversationWithSuggestions(db: TurnkeeperDatabase, now: Date) {
  const links = await db.links.where('status').equals('suggested').toArray();
  for (const link of links) {
    const conversation = await db.conversations.where('personIds').equals(link.a).first();
    const timeline = conversation && (await getTimeline(db, conversation.id, now));
    if (timeline) return { memberIds: timeline.people.flatMap((p) => p.memberIds), total: links.length };
  }
  throw new Error('the generated record has no conversation with a "same person?" suggestion');
}

async function queryTimes(db: TurnkeeperDatabase, now: Date) {
  const suggested = await conversationWithSuggestions(db, now);
  const queries: Record<string, () => Promise<unknown>> = {
    'my turn, first page (limit 50)': () => myTurn(db, now, { limit: 50 }),
    'my turn, page 3 of one site (offset 100, limit 50)': () => myTurn(db, now, { site: 'gmail', offset: 100, limit: 50 }),
    'follow up due, first page (limit 50)': () => followUpDue(db, now, { limit: 50 }),
    'waiting on them, first page (limit 50)': () => waitingOnThem(db, now, { limit: 50 }),
    'resting, first page (limit 50)': () => resting(db, now, { limit: 50 }),
    'section counts': () => sectionCounts(db, now),
    'badge counts': () => badgeCounts(db, now),
    // The dashboard's pinned section: every open pin counted, views for the rows it shows.
    'pinned section of the dashboard, first page (pinnedPage, limit 25)': async () =>
      (await pinnedPage(db, now, { limit: 25, upcomingLimit: 200 })).rows,
    // What the sidebar reads when it shows a conversation (the live path's threads are in the record by now).
    'sidebar, the open conversation (loadConversation: timeline, settings, suggestions)': async () =>
      (await loadConversation(db, 'gmail:live0', now))?.timeline.messages ?? [],
    'sidebar, its timeline alone (getTimeline)': async () => (await getTimeline(db, 'gmail:live0', now))?.messages ?? [],
    // The one screen that reads suggestions is the sidebar, for its conversation's people (no screen reads them all).
    [`"same person?" suggestions of one conversation's people (listSuggestions involving them, as the sidebar reads; ${suggested.total.toLocaleString('en')} in the record)`]:
      () => listSuggestions(db, { involving: suggested.memberIds }),
    'sidebar, no conversation open (loadGeneral)': async () => {
      const general = await loadGeneral(db, now);
      return [...general.mine, ...general.followUp, ...general.pinsDue];
    },
    'my turn, whole list': () => myTurn(db, now),
    'follow up due, whole list': () => followUpDue(db, now),
    'waiting on them, whole list': () => waitingOnThem(db, now),
  };
  const out: Record<string, { medianMs: number; rows: number; whole: boolean; counts: boolean }> = {};
  for (const [name, run] of Object.entries(queries)) {
    const times: number[] = [];
    let rows = 0;
    let counts = false;
    for (let i = 0; i < 7; i++) {
      const start = performance.now();
      const result = await run();
      times.push(performance.now() - start);
      rows = rowsOf(result);
      counts = !Array.isArray(result);
    }
    // Timing an empty answer says nothing about the record's size: the generated record must fill every list.
    if (rows === 0) throw new Error(`query "${name}" answered nothing on the generated record`);
    out[name] = { medianMs: quantile(times, 0.5), rows, whole: name.endsWith('whole list'), counts };
  }
  return out;
}

/** A page read of a `count`-message thread with a contact already in the record, as the content script sends it. */
function pageRead(history: History, index: number, count: number, now: Date): PageReadMessage {
  const known = history.snapshots[(index * 7919) % history.snapshots.length]!;
  const gmailSource = history.snapshots.find((s, i) => i >= (index * 7919) % history.snapshots.length && s.site === 'gmail') ?? known;
  const them = gmailSource.participants.find((p) => !p.isMe)!;
  const threadId = `live${index}`;
  const messages: CapturedMessage[] = Array.from({ length: count }, (_, m) => {
    const sentAt = new Date(now.getTime() - (count - m) * 3_600_000).toISOString();
    return {
      id: `${threadId}-${m}`,
      from: m % 2 ? history.me : them,
      sentAt,
      sentAtText: sentAt,
      text: `Message ${m} of the live thread: pricing for forty seats, the security review and the pilot timeline.`,
      partial: false,
    };
  });
  const url = `https://mail.google.com/mail/u/0/#inbox/${threadId}`;
  const snapshot: ThreadSnapshot = { site: 'gmail', threadId, url, subject: `Live thread ${index}`, participants: [history.me, them], messages };
  return {
    type: 'page/read',
    site: 'gmail',
    url,
    result: { threads: [snapshot], problems: [], me: { emails: [history.me.email!], profileUrls: [] } },
  };
}

/** The live path: the background's ingestPage for one page read (one snapshot, one transaction), into the record. */
async function liveIngest(history: History, now: Date, runs: number) {
  const fresh: number[] = [];
  const again: number[] = [];
  for (let i = 0; i < runs; i++) {
    const first = pageRead(history, i, 20, now);
    let start = performance.now();
    const context = await ingestPage(first, now);
    fresh.push(performance.now() - start);
    if (context.conversationIds.length !== 1 || context.storageError) throw new Error('live ingest stored nothing');
    // The same thread read again with one more message: what every later read of an open thread costs.
    const next = pageRead(history, i, 21, new Date(now.getTime() + 3_600_000));
    start = performance.now();
    await ingestPage(next, now);
    again.push(performance.now() - start);
  }
  const summary = (values: number[]) => ({ p50: quantile(values, 0.5), p95: quantile(values, 0.95), runs: values.length });
  return { fresh: summary(fresh), again: summary(again) };
}

/** Export the whole history to JSON, then restore it into an empty database: what a user moving machines does. */
async function exportImportTimes(db: TurnkeeperDatabase) {
  let longestGapMs = 0;
  let last = performance.now();
  const watch = setInterval(() => {
    const now = performance.now();
    longestGapMs = Math.max(longestGapMs, now - last - 10);
    last = now;
  }, 10);
  let start = performance.now();
  const file = await exportJson(db);
  const exportMs = performance.now() - start;
  const exportGapMs = longestGapMs;
  longestGapMs = 0;
  const target = new TurnkeeperDatabase('bench-restore');
  start = performance.now();
  const parsed = await parseImportFile(target, file.blob);
  if (!parsed.ok) throw new Error(`import refused: ${parsed.error.message}`);
  await planImport(target, parsed.file);
  await applyImport(target, parsed.file);
  const importMs = performance.now() - start;
  clearInterval(watch);
  const restored = await target.messages.count();
  await target.delete();
  return { exportMs, importMs, bytes: file.blob.size, restored, exportGapMs, importGapMs: longestGapMs };
}

(globalThis as unknown as Record<string, unknown>).turnkeeperDbBench = async (
  sizes: { people: number; conversations: number; messages: number },
  nowMs: number,
  settleMs: number,
) => {
  const now = new Date(nowMs);
  const db = openDatabase();
  let history: History | null = generateHistory({ ...sizes, now });
  // The bulk path (imports, and the first read of a long history): snapshots batched 50 to a transaction.
  const bulk = await benchIngest(db, history.snapshots, { batchSize: 50, now, myIdentities: history.myIdentities });
  let start = performance.now();
  const applied = await applyUserActions(db, history);
  const actionsMs = performance.now() - start;
  let rows: Record<string, unknown[]> | null = await readAllRows(db);
  const rowCounts = Object.fromEntries(Object.entries(rows).map(([name, list]) => [name, list.length]));
  const rawDb = new TurnkeeperDatabase('bench-raw');
  const raw = await benchRawPut(rawDb, rows);
  const rawDbWithoutSearch = new TurnkeeperDatabase('bench-raw-nosearch');
  const rawWithoutSearch = await benchRawPut(rawDbWithoutSearch, rows, { skip: ['wordIndex'] });
  await Promise.all([rawDb.delete(), rawDbWithoutSearch.delete()]);
  rows = null;
  const snapshotsForLive = { snapshots: history.snapshots.slice(0, 200), me: history.me } as History;
  history = null;
  // The storage engine gets a few seconds to finish its own work after the bulk load (on disk, LevelDB compacts in the
  // background), and the benchmark's garbage is collected: what follows is timed as a user meets it.
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  const live = await liveIngest(snapshotsForLive, now, 40);
  const queries = await queryTimes(db, now);
  const searchTimes = await benchSearch(db);
  (globalThis as { gc?: () => void }).gc?.(); // db-scale.mjs starts Chromium with --expose-gc
  const memory = (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? null;
  start = performance.now();
  const transfer = await exportImportTimes(db);
  return { bulk, raw, rawWithoutSearch, applied, actionsMs, rowCounts, live, queries, search: searchTimes, heapAfterIngestBytes: memory, transfer, elapsedTransferMs: performance.now() - start };
};
