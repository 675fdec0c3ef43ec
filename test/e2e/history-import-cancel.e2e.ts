// Progress and Cancel of the history import (issue 16), in the built extension in Chromium: a Takeout mbox big enough
// that the import takes a while (made by the unit tests' Takeout generator, hand-written following docs/imports.md,
// December 2026). While it runs, the progress bar shows counts that move, and the dashboard behind the dialog stays
// usable; Cancel then leaves whole conversations only, says what it kept, and importing the same file again finishes
// the job: every conversation with all its messages, none twice.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gmailId, mbox, plainBody, type GenMessage } from '../unit/history/generators/takeout';
import { type Session, startSession } from './harness';
import { fileClock } from './local-time';

const DASHBOARD = 'src/ui/dashboard/index.html';
const clock = fileClock();
const ME = 'Sam Seller <sam@seller.example>';
const THREADS = 6000;
const DAY = 86_400_000;

/**
 * The file and its truth (messages per conversation id): threads of one to four messages, mine first and then the
 * buyer's and mine in turn, started about four and a half hours apart over the last two years, so that the newest
 * few hundred are live and the rest have gone quiet. Takeout writes messages in time order; neighbouring threads
 * overlap, so their messages interleave.
 */
function takeout(now: number): { bytes: Uint8Array; truth: Map<string, number>; messages: number } {
  const first = now - 730 * DAY;
  const spacing = Math.floor((729 * DAY) / THREADS);
  const messages: GenMessage[] = [];
  const truth = new Map<string, number>();
  for (let i = 0; i < THREADS; i++) {
    const start = first + i * spacing;
    const thrid = gmailId(start, 1);
    const count = 1 + (i % 4);
    const buyer = `Buyer ${i} <buyer${i}@customer${i % 89}.example>`;
    for (let j = 0; j < count; j++) {
      const mine = j % 2 === 0;
      messages.push({
        id: j === 0 ? thrid : gmailId(start + j * Math.floor(spacing * 0.7), 2 + j),
        thrid,
        labels: mine ? 'Sent' : 'Inbox,Opened',
        from: mine ? ME : buyer,
        to: mine ? buyer : ME,
        subject: j === 0 ? `Proposal ${i}` : `Re: Proposal ${i}`,
        mime: plainBody(`Message ${j + 1} of ${count} about proposal ${i}: pricing, pilot and the next call.`),
      });
    }
    truth.set(`gmail:${BigInt(thrid).toString(16)}`, count);
  }
  messages.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
  return { bytes: mbox(messages), truth, messages: messages.length };
}

const dir = mkdtempSync(join(tmpdir(), 'turnkeeper-history-cancel-'));
const MBOX = join(dir, 'All mail Including Spam and Trash.mbox');
const file = takeout(clock.now.getTime());
writeFileSync(MBOX, file.bytes);
const total = (n: number) => n.toLocaleString('en-US');

/** Messages held per conversation, as the record holds them. */
async function heldPerConversation(session: Session): Promise<Map<string, number>> {
  const held = new Map<string, number>();
  for (const m of await session.table<{ conversationId: string }>('messages')) {
    held.set(m.conversationId, (held.get(m.conversationId) ?? 0) + 1);
  }
  return held;
}

/** The stored counts the progress line shows ("Stored so far: 350 conversations, 875 messages"), 0 before any. */
async function storedSoFar(dashboard: Page): Promise<{ conversations: number; messages: number; percent: number }> {
  const progress = dashboard.getByTestId('history-progress');
  const text = (await progress.getByRole('status').textContent().catch(() => '')) ?? '';
  const match = /Stored so far: ([\d,]+) conversations?, ([\d,]+) messages?/.exec(text);
  const percent = Number((await progress.getByRole('progressbar').getAttribute('aria-valuenow').catch(() => '0')) ?? 0);
  const n = (s: string | undefined) => Number((s ?? '0').replace(/,/g, ''));
  return { conversations: n(match?.[1]), messages: n(match?.[2]), percent };
}

async function choosePlanAndStart(dashboard: Page): Promise<void> {
  const dialog = dashboard.getByTestId('import-dialog');
  await dialog.getByTestId('import-file').setInputFiles(MBOX);
  const plan = dialog.getByTestId('history-plan-gmail');
  await expect.poll(() => plan.isVisible(), { timeout: 60_000 }).toBe(true);
  expect(await plan.textContent()).toContain(`${total(THREADS)} conversations, ${total(file.messages)} messages`);
  await dialog.getByRole('button', { name: `Import ${total(THREADS)} conversations` }).click();
}

describe('a long import: progress, Cancel, and importing again', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ clock });
  });
  afterAll(async () => {
    await session?.close();
  });

  it('shows moving counts, keeps the dashboard usable, cancels to whole conversations, and finishes when run again', async () => {
    const dashboard = await session.context.newPage();
    await dashboard.goto(session.extensionUrl(DASHBOARD) + '#import');
    await dashboard.waitForSelector('html[data-ready=true]');
    const dialog = dashboard.getByTestId('import-dialog');
    await choosePlanAndStart(dashboard);

    // The progress bar shows what is stored so far, and it moves.
    await expect.poll(async () => (await storedSoFar(dashboard)).conversations, { timeout: 60_000 }).toBeGreaterThan(0);
    const early = await storedSoFar(dashboard);
    expect(early.messages).toBeGreaterThanOrEqual(early.conversations);
    await expect.poll(async () => (await storedSoFar(dashboard)).conversations, { timeout: 30_000 }).toBeGreaterThan(early.conversations);
    await expect.poll(async () => (await storedSoFar(dashboard)).percent, { timeout: 30_000 }).toBeGreaterThan(0);

    // The dashboard stays usable: the dialog closes while the import goes on, a section opens with its rows at once,
    // and opening the dialog again shows where the import is.
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    // (The file is in time order, so the conversations stored first are the old ones: the Gone quiet section.)
    const goneQuiet = dashboard.getByTestId('section-goneQuiet');
    const quietCount = async () => Number(((await goneQuiet.getByTestId('count-goneQuiet').textContent()) ?? '').replace(/\D/g, '') || 0);
    await expect.poll(quietCount, { timeout: 15_000 }).toBeGreaterThan(0);
    await goneQuiet.getByTestId('gone-quiet-toggle').click();
    await expect.poll(() => goneQuiet.getByTestId('row').filter({ hasText: 'Buyer' }).count()).toBeGreaterThan(0);
    await dashboard.getByTestId('open-import').click();
    await expect.poll(() => dashboard.getByTestId('history-progress').isVisible()).toBe(true);

    await dialog.getByTestId('history-cancel').click();
    const error = dialog.getByTestId('import-error');
    await expect.poll(() => error.isVisible(), { timeout: 30_000 }).toBe(true);
    const said = (await error.textContent()) ?? '';
    expect(said).toContain('Whole conversations imported so far are kept; import it again to finish.');
    expect(said).not.toContain('Nothing was changed.');

    // Whole conversations only: each one held has every message the file gives it; the import really stopped early;
    // and what the dialog says it kept is what the record holds.
    const afterCancel = await heldPerConversation(session);
    expect(afterCancel.size).toBeGreaterThan(0);
    expect(afterCancel.size).toBeLessThan(THREADS);
    const partial = [...afterCancel].filter(([id, n]) => file.truth.get(id) !== n);
    expect(partial).toEqual([]);
    const kept = [...afterCancel.values()].reduce((a, b) => a + b, 0);
    expect(said).toContain(`${total(afterCancel.size)} conversations, ${total(kept)} messages`);
    expect((await session.table('conversations')).length).toBe(afterCancel.size);

    // The dashboard is still usable after the cancel.
    await dialog.getByRole('button', { name: 'Choose another file' }).click();
    await dialog.getByRole('button', { name: 'Close' }).first().click();
    await expect.poll(() => dialog.isVisible()).toBe(false);
    await goneQuiet.getByTestId('gone-quiet-toggle').click();
    await expect.poll(() => goneQuiet.getByTestId('row').count()).toBe(0);
    await goneQuiet.getByTestId('gone-quiet-toggle').click();
    await expect.poll(() => goneQuiet.getByTestId('row').filter({ hasText: 'Buyer' }).count()).toBeGreaterThan(0);

    // The same file again finishes the job: every conversation, each with all its messages, none twice.
    await dashboard.getByTestId('open-import').click();
    await choosePlanAndStart(dashboard);
    const done = dialog.getByTestId('history-done');
    await expect.poll(() => done.isVisible(), { timeout: 180_000, interval: 500 }).toBe(true);
    expect(await dialog.getByTestId('history-summary').textContent()).toContain(
      `${total(THREADS)} conversations, ${total(file.messages)} messages`,
    );
    const afterAgain = await heldPerConversation(session);
    expect(afterAgain).toEqual(file.truth);
    expect((await session.table('messages')).length).toBe(file.messages);
    expect((await session.table('conversations')).length).toBe(THREADS);
    await dashboard.close();
  }, 400_000);
});
