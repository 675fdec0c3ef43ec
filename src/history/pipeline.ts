// The history import in two passes, both meant to run in a dedicated Worker:
//   plan(files, options)            reads everything, keeps counts and small per-thread facts, writes nothing;
//   run(files, options, onBatch)    reads again, leaving out the attachment content the plan found (mbox-skips.ts),
//                                   and hands over whole conversations in batches.
//
// Memory. plan: per Gmail thread a few numbers and its distinct senders, plus the set of message ids (bounded by the
// number of threads and messages, not by the file size), plus per mbox file the stretches of attachment content (two
// numbers each, at most 2^19 of them); a message's header block (≤ 1 MB) at a time. run: the
// same, plus the text of the imported threads still missing messages (Takeout does not group by thread; a thread is
// handed over as soon as its last message counted by the plan is read), plus the body of the message being read,
// capped at MAX_BODY_BYTES (attachments beyond that are skipped unread). A LinkedIn CSV is read whole (a few MB), and
// its rows are kept from the plan to the run.
//
// Resuming: each message's byte offset is known (RawMessage.offset), but Takeout scatters a thread over the whole
// file, so a cancelled run is finished by running again: conversations are whole, and the store merges messages by
// id (Gmail: legacy hex id; LinkedIn: sender, time and text), so nothing is doubled.
import { bodyText } from './mime';
import { HistoryError } from './errors';
import { GmailAssembler, GmailPlanner } from './gmail-threads';
import { readMailHead, type MailHead } from './gmail-message';
import { parseMessagesCsv, readRows, type Row } from './linkedin-csv';
import { MboxReader, type RawMessage } from './mbox-reader';
import { SkipFinder } from './mbox-skips';
import { MboxSplitter } from './mbox-split';
import { streamSkipping } from './skipping-stream';
import { kindOf, sniffFile } from './sniff';
import type { Batch, FileKind, FilePlan, HistoryOptions, ImportedThread, LinkedInPlan, PlanSummary, SitePlan } from './types';
import { openEntry, worthLooking, zipDirectory } from './zip';

/** Where a stream of bytes goes. */
interface EntrySink {
  push(bytes: Uint8Array): void;
  /** Bytes left out of the stream at this point (see skipping-stream.ts). */
  skip(bytes: number): void;
  finish(): void;
}

/** Bytes of a zip entry looked at to recognise it. */
const SNIFF_HEAD = 4096;

/** A file as the dashboard hands it over (`File` in the browser). */
export interface HistoryFile {
  readonly name: string;
  readonly size: number;
  readonly lastModified?: number;
  slice(start?: number, end?: number): Blob;
  stream(): ReadableStream<Uint8Array>;
  text(): Promise<string>;
}

/** The result of `plan`: what to show the user, and what `run` needs to know (kept inside the Worker). */
export interface Plan {
  summary: PlanSummary;
  /** @internal Per-thread facts for `run`. */
  gmail: GmailPlanner;
  /** @internal The kind of each file, by index. */
  kinds: FileKind[];
  /** @internal Each messages.csv as the plan read it (by file and entry name), its text to tell it is unchanged: the
   * run does not parse it again (a real file is 0.3–1.2 MB; 50,000 rows took ~2 s to parse before the first batch). */
  csvRows: Map<string, { text: string; rows: Row[] }>;
  /** @internal By file: an mbox file's stretches the run may leave out (large attachments' content, see mbox-skips.ts),
   * with the size and modification time they hold for. */
  skips: ({ size: number; lastModified: number | undefined; skips: number[] } | undefined)[];
}

export interface RunSummary {
  gmail: { conversations: number; messages: number; charsetFallbacks: number; brokenMime: number };
  linkedin: { conversations: number; messages: number };
  problems: { file: string; problems: string[] }[];
}

interface Consumers {
  mbox(file: FilePlan, entry: string): EntrySink;
  csv(file: FilePlan, entry: string, text: string): void;
  /** Awaited after each chunk read: where a run hands its finished conversations over. */
  afterChunk(): Promise<void>;
}

const CSV_MAX_BYTES = 256 << 20;

class Reader {
  bytesRead = 0;
  readonly bytesTotal: number;
  private lastProgress = 0;
  conversations = 0;
  messages = 0;

  constructor(
    private readonly files: readonly HistoryFile[],
    private readonly options: HistoryOptions,
    private readonly phase: 'plan' | 'run',
  ) {
    this.bytesTotal = files.reduce((a, f) => a + f.size, 0);
  }

  progress(file: string, force = false): void {
    const now = Date.now();
    if (!this.options.onProgress || (!force && now - this.lastProgress < 100)) return;
    this.lastProgress = now;
    const { bytesRead, bytesTotal, conversations, messages, phase } = this;
    this.options.onProgress({ phase, file, bytesRead, bytesTotal, conversations, messages });
  }

  checkCancel(name: string): void {
    if (this.options.signal?.aborted) throw new HistoryError('historyCancelled', name);
  }

  /** `skips`: by file, the stretches of an mbox file to leave out (the run's, from the plan). */
  async readAll(kinds: FileKind[], plans: FilePlan[], use: Consumers, skips: readonly (readonly number[] | undefined)[] = []): Promise<void> {
    for (let i = 0; i < this.files.length; i++) {
      const file = this.files[i]!;
      const kind = kinds[i]!;
      const fp = plans[i]!;
      if (kind === 'turnkeeper-json') {
        this.bytesRead += file.size;
        continue;
      }
      if (kind === 'linkedin-csv') {
        if (file.size > CSV_MAX_BYTES) throw new HistoryError('historyCsvBroken', file.name, 'larger than 256 MB');
        let text: string;
        try {
          text = await file.text();
        } catch (e) {
          throw new HistoryError('historyReadFailed', file.name, e instanceof Error ? e.name : 'read error');
        }
        use.csv(fp, '', text);
        this.bytesRead += file.size;
        this.progress(file.name, true);
        continue;
      }
      if (kind === 'mbox') await this.stream(file, use.mbox(fp, ''), use, skips[i] ?? []);
      else await this.readZip(file, fp, use);
      this.progress(file.name, true);
    }
  }

  /** The zip's entries that hold an mbox or a messages.csv, each streamed to its consumer. */
  private async readZip(file: HistoryFile, fp: FilePlan, use: Consumers): Promise<void> {
    const base = this.bytesRead;
    const entries = await zipDirectory(file as unknown as Blob, file.name);
    fp.entries = [];
    for (const entry of entries) {
      if (!worthLooking(entry)) continue;
      this.checkCancel(file.name);
      const reader = await openEntry(file as unknown as Blob, entry, file.name);
      const head: Uint8Array[] = [];
      let headLen = 0;
      for (let b = await reader.read(); b; b = headLen < SNIFF_HEAD ? await reader.read() : null) {
        head.push(b);
        headLen += b.length;
      }
      const first = concat(head);
      let kind: FileKind | null = null;
      try {
        kind = kindOf(first, entry.name);
      } catch {
        kind = null; // a gzip or a JSON inside the zip: not ours to read
      }
      if (kind !== 'mbox' && kind !== 'linkedin-csv') {
        await reader.cancel();
        continue;
      }
      fp.entries.push({ name: entry.name, kind });
      const sink: Omit<EntrySink, 'skip'> = kind === 'mbox' ? use.mbox(fp, entry.name) : this.csvSink(file.name, entry.name, fp, use);
      const entryBase = this.bytesRead;
      sink.push(first);
      await use.afterChunk();
      for (let b = await reader.read(); b; b = await reader.read()) {
        this.checkCancel(file.name);
        sink.push(b);
        this.bytesRead = entryBase + reader.compressedRead;
        await use.afterChunk();
        this.progress(file.name);
      }
      sink.finish();
      await use.afterChunk();
    }
    this.bytesRead = base + file.size;
    if (!fp.entries.length) throw new HistoryError('historyZipEmpty', file.name);
  }

  private csvSink(zipName: string, entry: string, fp: FilePlan, use: Consumers): Omit<EntrySink, 'skip'> {
    const parts: Uint8Array[] = [];
    let size = 0;
    return {
      push: (b) => {
        size += b.length;
        if (size > CSV_MAX_BYTES) throw new HistoryError('historyCsvBroken', `${zipName}: ${entry}`, 'larger than 256 MB');
        parts.push(b);
      },
      finish: () => use.csv(fp, entry, new TextDecoder().decode(concat(parts))),
    };
  }

  private async stream(file: HistoryFile, sink: EntrySink, use: Consumers, skips: readonly number[]): Promise<void> {
    await streamSkipping(file, skips, {
      bytes: async (b) => {
        this.bytesRead += b.length;
        sink.push(b);
        await use.afterChunk();
        this.progress(file.name);
      },
      skipped: (n) => {
        this.bytesRead += n;
        sink.skip(n);
      },
      check: () => this.checkCancel(file.name),
    });
    sink.finish();
    await use.afterChunk();
  }
}

function concat(parts: Uint8Array[]): Uint8Array {
  const all = new Uint8Array(parts.reduce((a, p) => a + p.length, 0));
  let o = 0;
  for (const p of parts) {
    all.set(p, o);
    o += p.length;
  }
  return all;
}

function mboxSink(onMessage: ConstructorParameters<typeof MboxReader>[0], fp: FilePlan, entry: string): EntrySink {
  let lastTruncated = false;
  const reader = new MboxReader({
    wantBody: (m) => onMessage.wantBody(m),
    message: (m, body, cut) => {
      lastTruncated = m.truncated;
      onMessage.message(m, body, cut);
    },
    bodyBytes: (b, at) => onMessage.bodyBytes?.(b, at),
  });
  const splitter = new MboxSplitter(reader);
  const where = entry ? `${entry}: ` : '';
  return {
    push: (b) => splitter.push(b),
    skip: (n) => splitter.skip(n),
    finish: () => {
      splitter.finish();
      if (!splitter.messages) fp.problems.push(`${where}no messages found`);
      if (lastTruncated) fp.problems.push(`${where}the file ends in the middle of a message (truncated?)`);
    },
  };
}

async function kindsOf(files: readonly HistoryFile[]): Promise<FileKind[]> {
  const kinds: FileKind[] = [];
  for (const f of files) kinds.push(await sniffFile(f as unknown as Blob, f.name));
  return kinds;
}

function emptySite(): SitePlan {
  return { conversations: 0, messages: 0, from: null, to: null, leftOut: {}, leftOutMessages: {}, lastMessageDays: {} };
}

function mergeCounts(into: SitePlan, from: SitePlan): void {
  into.conversations += from.conversations;
  into.messages += from.messages;
  if (from.from && (!into.from || from.from < into.from)) into.from = from.from;
  if (from.to && (!into.to || from.to > into.to)) into.to = from.to;
  for (const [day, n] of Object.entries(from.lastMessageDays)) into.lastMessageDays[+day] = (into.lastMessageDays[+day] ?? 0) + n;
  for (const k of ['leftOut', 'leftOutMessages'] as const)
    for (const [r, n] of Object.entries(from[k])) into[k][r as keyof SitePlan['leftOut']] = (into[k][r as keyof SitePlan['leftOut']] ?? 0) + n;
}

/** First pass: recognises every file, reads it through, and says what an import would do. Writes nothing. */
export async function plan(files: readonly HistoryFile[], options: HistoryOptions = {}): Promise<Plan> {
  const kinds = await kindsOf(files);
  const plans: FilePlan[] = files.map((f, i) => ({ name: f.name, size: f.size, kind: kinds[i]!, problems: [] }));
  const planner = new GmailPlanner();
  const linkedin: LinkedInPlan = { ...emptySite(), me: null, ownerCandidates: [] };
  const reader = new Reader(files, options, 'plan');
  const csvRows: Plan['csvRows'] = new Map();
  const skips: Plan['skips'] = [];
  await reader.readAll(kinds, plans, {
    mbox: (fp, entry) => {
      // A zip entry is read through its decompression: it cannot be entered in the middle, so nothing is skipped.
      const finder = entry ? null : new SkipFinder();
      if (finder) {
        const file = files[plans.indexOf(fp)]!;
        skips[plans.indexOf(fp)] = { size: file.size, lastModified: file.lastModified, skips: finder.skips };
      }
      return mboxSink(
        {
          wantBody: (m: RawMessage) => {
            finder?.start(m.headers);
            return false;
          },
          bodyBytes: (b: Uint8Array, at: number) => finder?.body(b, at),
          message: (m: RawMessage) => {
            finder?.end();
            planner.add(readMailHead(m.separator, m.headers, false));
            reader.messages++;
          },
        },
        fp,
        entry,
      );
    },
    csv: (fp, entry, text) => {
      const name = entry ? `${fp.name}: ${entry}` : fp.name;
      const rows = readRows(text, name);
      csvRows.set(name, { text, rows });
      const p = parseMessagesCsv(rows, name, options).plan;
      mergeCounts(linkedin, p);
      linkedin.me ??= p.me;
      linkedin.ownerCandidates.push(...p.ownerCandidates);
      reader.conversations += p.conversations;
    },
    afterChunk: async () => {},
  });
  const gmail = planner.summary(options).plan;
  return {
    summary: {
      files: plans,
      gmail,
      linkedin,
      jsonBackups: kinds.flatMap((k, i) => (k === 'turnkeeper-json' ? [i] : [])),
    },
    gmail: planner,
    kinds,
    csvRows,
    skips,
  };
}

/**
 * Second pass: hands whole conversations over in batches (`onBatch` is awaited: the reading waits for the writing).
 * Without `previous` (the plan of the same files), plans first. The options may differ from the plan's (the user
 * edited "me", switched inbound threads off, chose how far back): the plan's per-thread facts are decided again.
 */
export async function run(
  files: readonly HistoryFile[],
  options: HistoryOptions,
  onBatch: (batch: Batch) => void | Promise<void>,
  previous?: Plan,
): Promise<RunSummary> {
  const p = previous ?? (await plan(files, { ...options, onProgress: undefined }));
  const batchSize = Math.max(1, options.batchSize ?? 200);
  const { decisions } = p.gmail.summary(options);
  const assembler = new GmailAssembler(decisions, p.gmail.me(options));
  const plans: FilePlan[] = p.summary.files.map((f) => ({ ...f, problems: [] }));
  const out: RunSummary = {
    gmail: { conversations: 0, messages: 0, charsetFallbacks: 0, brokenMime: 0 },
    linkedin: { conversations: 0, messages: 0 },
    problems: [],
  };
  const reader = new Reader(files, options, 'run');
  const ready: ImportedThread[] = [];
  const batchMessages = Math.max(1, options.batchMessages ?? 150);
  // A batch is stored in one transaction on the dashboard's main thread: it is capped by conversations and by
  // messages (LinkedIn's conversations are long: 50 of them held ~500 messages and blocked the page for 100+ ms; at
  // 250 messages a Gmail batch still gave one 64 ms task; at 150 the longest task traced in the import bench took
  // 30 ms of CPU). A conversation longer than the cap goes alone: conversations are never split.
  const handOver = async (site: 'gmail' | 'linkedin', threads: ImportedThread[]) => {
    let i = 0;
    while (i < threads.length) {
      let end = i;
      let messages = 0;
      while (end < threads.length && end - i < batchSize) {
        const size = threads[end]!.messages.length;
        if (end > i && messages + size > batchMessages) break;
        messages += size;
        end++;
      }
      const slice = threads.slice(i, end);
      i = end;
      await onBatch({ site, threads: slice });
      const sum = out[site];
      sum.conversations += slice.length;
      sum.messages += messages;
      reader.conversations += slice.length;
    }
  };
  const csvTexts: { name: string; text: string }[] = [];
  const broken = new Map<FilePlan, number>();
  const drainCsv = async () => {
    while (csvTexts.length) {
      const { name, text } = csvTexts.shift()!;
      const planned = p.csvRows.get(name);
      await handOver('linkedin', parseMessagesCsv(planned?.text === text ? planned.rows : text, name, options).threads);
    }
  };
  await reader.readAll(p.kinds, plans, {
    mbox: (fp, entry) => {
      let head: MailHead | null = null;
      return mboxSink(
        {
          wantBody: (m) => assembler.wants((head = readMailHead(m.separator, m.headers))),
          message: (m, body) => {
            if (body === null || !head) return;
            const b = bodyText(m.headers, body);
            if (b.broken) {
              out.gmail.brokenMime++;
              broken.set(fp, (broken.get(fp) ?? 0) + 1);
            }
            reader.messages++;
            const done = assembler.add(head, m.offset, b.text, b.attachment, b.charsetFallback);
            if (done) ready.push(done);
          },
        },
        fp,
        entry,
      );
    },
    csv: (fp, entry, text) => csvTexts.push({ name: entry ? `${fp.name}: ${entry}` : fp.name, text }),
    afterChunk: async () => {
      if (ready.length >= batchSize) await handOver('gmail', ready.splice(0));
      await drainCsv();
    },
  }, files.map((f, i) => {
    // Only while the file is as the plan read it; a file changed since is read whole.
    const s = p.skips[i];
    return s && s.size === f.size && s.lastModified === f.lastModified ? s.skips : undefined;
  }));
  await drainCsv();
  await handOver('gmail', [...ready.splice(0), ...assembler.rest()]);
  out.gmail.charsetFallbacks = assembler.charsetFallbacks;
  for (const [fp, n] of broken) fp.problems.push(`${n} messages with broken MIME were read as well as they could be`);
  out.problems = plans.filter((f) => f.problems.length).map((f) => ({ file: f.name, problems: f.problems }));
  reader.progress('', true);
  return out;
}
