// The import Worker's message protocol, driven as the dashboard will drive it (the Worker global is simulated).
import { beforeAll, describe, expect, it } from 'vitest';
import locale from '../../../public/_locales/en/messages.json';
import type { FromWorker, ToWorker } from '../../../src/history/protocol';
import { mbox, sampleAccount, gmailId, type GenMessage } from './generators/takeout';
import { messagesCsv, sampleRows } from './generators/linkedin';

let listener: ((e: { data: ToWorker }) => void) | null = null;
const inbox: FromWorker[] = [];
let waiters: (() => void)[] = [];

beforeAll(async () => {
  (globalThis as unknown as { self: unknown }).self = {
    addEventListener: (_: string, f: (e: { data: ToWorker }) => void) => (listener = f),
    postMessage: (m: FromWorker) => {
      inbox.push(m);
      for (const w of waiters.splice(0)) w();
    },
  };
  await import('../../../src/history/worker');
});

const send = (m: ToWorker) => listener!({ data: m });
async function next(job: number, type: FromWorker['type'] | FromWorker['type'][]): Promise<FromWorker> {
  const types = Array.isArray(type) ? type : [type];
  for (;;) {
    const i = inbox.findIndex((m) => m.job === job && types.includes(m.type));
    if (i >= 0) return inbox.splice(i, 1)[0]!;
    await new Promise<void>((r) => waiters.push(r));
  }
}

describe('import Worker protocol', () => {
  it('plans, then runs the same files batch by batch, waiting for each batch to be stored', async () => {
    const files = [new File([mbox(sampleAccount()) as Uint8Array<ArrayBuffer>], 'a.mbox'), new File([messagesCsv(sampleRows(), 11)], 'messages.csv')];
    send({ type: 'plan', job: 1, files, options: {} });
    const p = await next(1, ['plan', 'error']);
    expect(p.type === 'plan' && [p.summary.gmail.conversations, p.summary.linkedin.conversations]).toEqual([1, 2]);

    send({ type: 'run', job: 2, files, options: { batchSize: 1 } });
    const sites: string[] = [];
    for (;;) {
      const m = await next(2, ['batch', 'done', 'error']);
      if (m.type !== 'batch') {
        expect(m.type).toBe('done');
        expect(m.type === 'done' && m.summary.gmail.conversations + m.summary.linkedin.conversations).toBe(3);
        break;
      }
      sites.push(m.batch.site);
      expect(m.batch.threads).toHaveLength(1);
      send({ type: 'batchStored', job: 2 });
    }
    expect(sites.sort()).toEqual(['gmail', 'linkedin', 'linkedin']);
  });

  it('stops on cancel with whole batches only, and reports it as an error the page can show', async () => {
    const t = Date.UTC(2020, 0, 1);
    const msgs: GenMessage[] = [];
    for (let k = 1; k <= 20; k++) {
      const id = gmailId(t + k * 1000, k);
      msgs.push({ id, thrid: id, labels: 'Sent', from: 'me@x.test', to: 'p@y.test' });
    }
    const files = [new File([mbox(msgs) as Uint8Array<ArrayBuffer>], 'many.mbox')];
    send({ type: 'run', job: 3, files, options: { batchSize: 2 } });
    const first = await next(3, ['batch', 'error']);
    expect(first.type).toBe('batch');
    send({ type: 'cancel', job: 3 });
    const end = await next(3, ['error', 'done']);
    expect(end).toMatchObject({ type: 'error', code: 'historyCancelled', substitutions: ['many.mbox', ''] });
  });

  it('reads the next batch while the page stores one, never more than one ahead, and ends only when all are stored', async () => {
    const t = Date.UTC(2020, 0, 1);
    const msgs: GenMessage[] = [];
    for (let k = 1; k <= 6; k++) {
      const id = gmailId(t + k * 1000, k);
      msgs.push({ id, thrid: id, labels: 'Sent', from: 'me@x.test', to: 'p@y.test' });
    }
    const files = [new File([mbox(msgs) as Uint8Array<ArrayBuffer>], 'six.mbox')];
    send({ type: 'run', job: 5, files, options: { batchSize: 2 } });
    let unstored = 0;
    let mostUnstored = 0;
    let threads = 0;
    for (;;) {
      // Time for the Worker to read on as far as it will before the page stores anything more.
      await new Promise((r) => setTimeout(r, 30));
      const mine = inbox.filter((m) => m.job === 5 && m.type !== 'progress');
      inbox.splice(0, inbox.length, ...inbox.filter((m) => !mine.includes(m)));
      const end = mine.find((m) => m.type === 'done' || m.type === 'error');
      for (const m of mine) if (m.type === 'batch') (unstored++, (threads += m.batch.threads.length));
      mostUnstored = Math.max(mostUnstored, unstored);
      if (end) {
        expect(end.type).toBe('done');
        expect(unstored).toBe(0); // done only once every batch is stored
        break;
      }
      expect(unstored).toBeGreaterThan(0);
      send({ type: 'batchStored', job: 5 });
      unstored--;
    }
    expect(mostUnstored).toBe(2);
    expect(threads).toBe(6);
  });

  it('answers a file of no known kind with an error naming it, whose key and placeholders exist in messages.json', async () => {
    send({ type: 'plan', job: 4, files: [new File(['hello'], 'notes.mbox')], options: {} });
    const e = await next(4, ['error', 'plan']);
    expect(e).toMatchObject({ type: 'error', code: 'historyUnknownKind' });
    const entry = (locale as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>)[
      e.type === 'error' ? e.code : ''
    ];
    expect(entry?.message).toContain('$FILE$');
    expect(e.type === 'error' && e.substitutions[0]).toBe('notes.mbox');
    for (const code of ['historyNotBackup', 'historyGzip', 'historyZipEmpty', 'historyZipBroken', 'historyCsvMissingColumn', 'historyCsvBroken', 'historyReadFailed', 'historyCancelled', 'historyFailed'])
      expect((locale as Record<string, unknown>)[code], code).toBeDefined();
  });
});
