// The dashboard and the reminders, end to end: the built extension in Chromium reads the routed demo pages; the
// dashboard lists them in the right sections; a due pin raises a notification and counts on the badge; done and
// no-reply-needed move rows; search finds words from messages; settings move conversations between sections;
// a long-silent conversation waits in Gone quiet; export and import work; nothing goes to the network.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS, gmailThreads, linkedinConversations } from '../demo/demo-pages.mjs';
import { eventually, readDemoConversations, type Session, startSession } from './harness';
import { fileClock } from './local-time';

// The extension APIs, inside page.evaluate / worker.evaluate callbacks (they run in the browser).
// eslint-disable-next-line @typescript-eslint/no-explicit-any
declare const chrome: any;

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot, security, intro] = gmailThreads(now, timeZone);
const [danaOnLinkedIn] = linkedinConversations(now, timeZone);
const DASHBOARD = 'src/ui/dashboard/index.html';

let session: Session;
let dashboard: Page;

beforeAll(async () => {
  session = await startSession({ clock });
});
afterAll(async () => {
  await session?.close();
});

const section = (name: 'mine' | 'followUp' | 'pinned' | 'waiting') => dashboard.getByTestId(`section-${name}`);
const rowIn = (name: 'mine' | 'followUp' | 'pinned' | 'waiting', text: string | RegExp) =>
  section(name).getByTestId('row').filter({ hasText: text });
const count = (name: 'mine' | 'followUp' | 'pinned' | 'waiting') => dashboard.getByTestId(`count-${name}`).textContent();

async function badge(): Promise<string> {
  return session.worker.evaluate(() => chrome.action.getBadgeText({}));
}
async function notificationIds(): Promise<string[]> {
  return session.worker.evaluate(async () => Object.keys(await chrome.notifications.getAll()));
}
async function openDashboard(): Promise<Page> {
  const page = await session.context.newPage();
  await page.goto(session.extensionUrl(DASHBOARD));
  await page.waitForSelector('html[data-ready=true]');
  return page;
}

describe('before anything was read', () => {
  it('teaches what Turnkeeper records and how to start', async () => {
    const page = await openDashboard();
    const empty = page.getByTestId('empty-state');
    await expect.poll(() => empty.isVisible()).toBe(true);
    const text = await empty.textContent();
    expect(text).toContain('Gmail');
    expect(text).toContain('LinkedIn');
    expect(text).toMatch(/Nothing leaves this computer/);
    expect(await badge()).toBe('');
    await page.close();
  });
});

describe('with the demo conversations read', () => {
  beforeAll(async () => {
    await readDemoConversations(session, [pilot!, security!, intro!], danaOnLinkedIn!);
    dashboard = await openDashboard();
  });

  it('lists each conversation in its section, with who, where, what, why and when', async () => {
    await expect.poll(() => count('mine')).toBe('2');
    expect(await count('followUp')).toBe('2');
    expect(await count('waiting')).toBe('1');
    expect(await count('pinned')).toBe('0');

    await expect.poll(() => rowIn('mine', 'Pilot pricing for Acme').count()).toBe(1);
    const danaLinkedIn = rowIn('mine', 'LinkedIn');
    expect(await danaLinkedIn.getByTestId('row-person').textContent()).toBe('Dana Whitfield');
    // A LinkedIn conversation has no subject: the first words of its newest message stand in (a shared post).
    await expect.poll(() => danaLinkedIn.getByTestId('row-title').textContent()).toContain('Shared a post');
    expect(await rowIn('mine', 'Pilot pricing for Acme').getByTestId('row-why').textContent()).toBe(
      'Dana Whitfield wrote yesterday',
    );
    // My turn: oldest owed first (LinkedIn Dana wrote 2 days ago, the Gmail pilot yesterday).
    const mineOrder = await section('mine').getByTestId('row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-conversation')));
    expect(mineOrder[0]).toMatch(/^linkedin:/);

    expect(await rowIn('followUp', 'Security questionnaire').count()).toBe(1);
    expect(await rowIn('followUp', 'Marco Rossi').count()).toBe(1);
    expect(await rowIn('followUp', 'Security questionnaire').getByTestId('row-why').textContent()).toContain(
      'You wrote 6 days ago, no answer',
    );
    expect(await rowIn('waiting', 'Intro: Northwind <> Globex').count()).toBe(1);

    // The toolbar badge: my turn + follow up + pins due.
    await expect.poll(badge).toBe('4');
    // Page text is text: the subject with angle brackets is shown as typed, no element made of it.
    expect(await dashboard.locator('section b, section script, section img').count()).toBe(0);
  });

  it('filters by site, with the mouse and with f', async () => {
    await dashboard.getByTestId('site-filter').getByText('LinkedIn').click();
    await expect.poll(() => count('mine')).toBe('1');
    expect(await count('followUp')).toBe('1');
    expect(await count('waiting')).toBe('0');
    await dashboard.locator('body').click({ position: { x: 5, y: 400 } });
    await dashboard.keyboard.press('f'); // linkedin → all
    await expect.poll(() => count('mine')).toBe('2');
    expect(await count('waiting')).toBe('1');
  });

  it('rings a notification for a pin that fell due, once, and counts it on the badge', async () => {
    const conversationId = `gmail:${intro!.legacy}`;
    const conversations = await session.table<{ id: string; subject?: string }>('conversations');
    const introId = conversations.find((c) => c.subject === intro!.subject)?.id ?? conversationId;
    await dashboard.evaluate(
      ([id, dueAt]) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('turnkeeper');
          open.onsuccess = () => {
            const tx = open.result.transaction('pins', 'readwrite');
            tx.objectStore('pins').put({
              id: 'e2e-pin-due',
              conversationId: id,
              dueAt,
              createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
              done: false,
              doneAt: null,
              clearOnReply: false,
              notifiedAt: null,
              doneReason: null,
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      [introId, new Date(Date.now() - 5 * 60_000).toISOString()] as const,
    );
    await dashboard.evaluate(() => chrome.runtime.sendMessage({ type: 'record/changed' }));

    const ids = await eventually(async () => {
      const list = await notificationIds();
      expect(list.some((id) => id.includes(encodeURIComponent(introId)))).toBe(true);
      return list;
    });
    expect(ids.filter((id) => id.includes(encodeURIComponent(introId)))).toHaveLength(1);
    await expect.poll(badge).toBe('5');
    const pin = (await session.table<{ id: string; notifiedAt: string | null }>('pins')).find((p) => p.id === 'e2e-pin-due');
    expect(pin?.notifiedAt).toBeTruthy();

    // Quiet: another change does not ring it again.
    await session.worker.evaluate(async () => {
      for (const id of Object.keys(await chrome.notifications.getAll())) await chrome.notifications.clear(id);
    });
    await dashboard.evaluate(() => chrome.runtime.sendMessage({ type: 'record/changed' }));
    await dashboard.waitForTimeout(500);
    expect(await notificationIds()).toEqual([]);

    // The pin is listed first in Pinned, as due.
    await expect.poll(() => count('pinned')).toBe('1');
    expect(await rowIn('pinned', 'Intro: Northwind <> Globex').getByTestId('row-why').textContent()).toContain('Reminder due');

    // The alarms are set: the safety net, and none due before the next follow-up transition.
    const alarms = await session.worker.evaluate(async () => (await chrome.alarms.getAll()).map((a: { name: string }) => a.name));
    expect(alarms).toContain('turnkeeper:safety');
    expect(alarms).toContain('turnkeeper:due');
  });

  it('moves rows on done and no reply needed, from buttons and keys, with undo', async () => {
    // Done on a pinned row completes the reminder.
    await rowIn('pinned', 'Intro').getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => count('pinned')).toBe('0');
    await expect.poll(badge).toBe('4');

    // No reply needed on the pilot: it leaves My turn; Undo brings it back.
    await rowIn('mine', 'Pilot pricing for Acme').getByRole('button', { name: 'No reply needed' }).click();
    await expect.poll(() => count('mine')).toBe('1');
    await expect.poll(badge).toBe('3');
    await dashboard.getByTestId('undo-toast').getByRole('button', { name: /undo/i }).click();
    await expect.poll(() => count('mine')).toBe('2');
    await expect.poll(badge).toBe('4');

    // Keyboard: j moves to the next row, d is done, r is no reply needed.
    await dashboard.locator('body').click({ position: { x: 5, y: 400 } });
    const first = section('mine').getByTestId('row').first();
    await first.focus();
    const firstId = await first.getAttribute('data-conversation');
    await dashboard.keyboard.press('d');
    await expect.poll(() => count('mine')).toBe('1');
    expect(await section('mine').locator(`[data-conversation="${firstId}"]`).count()).toBe(0);
    // The selection moved on to the row now in its place; j goes down to Follow up.
    await expect.poll(() => dashboard.evaluate(() => document.activeElement?.getAttribute('data-list'))).toBe('mine');
    // Once the list has settled on the remaining row (the record changes asynchronously), j goes on from it.
    const remaining = section('mine').getByTestId('row').first();
    await expect.poll(() => remaining.getAttribute('data-conversation')).not.toBe(firstId);
    await remaining.focus();
    await dashboard.keyboard.press('j');
    await expect
      .poll(() => dashboard.evaluate(() => document.activeElement?.closest('section')?.getAttribute('data-testid')))
      .toBe('section-followUp');
    await dashboard.keyboard.press('r');
    await expect.poll(() => count('followUp')).toBe('1');
    await expect.poll(badge).toBe('2');
  });

  it('sets a reminder with a preset key', async () => {
    const row = section('mine').getByTestId('row').first();
    await row.focus();
    await dashboard.keyboard.press('2'); // tomorrow 8:00
    await expect.poll(() => count('pinned')).toBe('1');
    expect(await section('pinned').getByTestId('row-why').first().textContent()).toMatch(/Reminder: Tomorrow/);
  });

  it('searches the whole history and highlights the match', async () => {
    await dashboard.keyboard.press('Escape');
    await dashboard.locator('body').click({ position: { x: 5, y: 400 } });
    await dashboard.keyboard.press('/');
    await expect.poll(() => dashboard.evaluate(() => document.activeElement?.id)).toBe('search');
    await dashboard.keyboard.type('questionnaire');
    const results = dashboard.getByTestId('search-results');
    await expect.poll(() => results.getAttribute('data-query')).toBe('questionnaire');
    const marks = await results.locator('mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => m.toLowerCase() === 'questionnaire')).toBe(true);
    expect(await results.getByTestId('search-hit').first().textContent()).toContain('Security questionnaire');

    // A word from inside a message, in a conversation that is resting now: search covers everything.
    await dashboard.getByTestId('search').fill('SSO');
    await expect.poll(() => results.getAttribute('data-query')).toBe('SSO');
    expect(await results.locator('mark').first().textContent()).toBe('SSO');
    expect(await results.getByTestId('hit-snippet').first().textContent()).toContain('SSO?');

    // Opening a result reuses the Gmail tab (the only one: earlier tests may have opened conversations in tabs).
    for (const page of session.context.pages()) if (page !== dashboard) await page.close();
    const gmail = await session.open(DEMO_URLS.gmailInbox);
    await dashboard.bringToFront();
    // The list may re-render under the keyboard (the minute ticks, the record changes); the user would press again.
    await eventually(async () => {
      await dashboard.getByTestId('search').focus();
      await dashboard.keyboard.press('ArrowDown');
      expect(await dashboard.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('search-hit');
      await dashboard.keyboard.press('Enter');
      await expect.poll(() => gmail.url(), { timeout: 2_000 }).toContain(pilot!.legacy);
    }, 15_000);
    await gmail.close();

    // Escape clears the search; the lists come back.
    await dashboard.getByTestId('search').focus();
    await dashboard.keyboard.press('Escape');
    await expect.poll(() => section('mine').isVisible()).toBe(true);
  });

  it('follows the waiting period set in Settings', async () => {
    await dashboard.getByTestId('open-settings').click();
    const settings = dashboard.getByTestId('settings');
    await settings.getByLabel('Follow up after').fill('7');
    await settings.getByTestId('settings-save').click();
    await expect.poll(() => settings.getByTestId('settings-status').textContent()).toBe('Saved.');
    await dashboard.getByTestId('open-settings').click(); // back to the lists
    // Marco (4 days) is within 7 days: waiting, not follow up.
    await expect.poll(() => rowIn('waiting', 'Marco Rossi').count()).toBe(1);
    expect(await rowIn('followUp', 'Marco Rossi').count()).toBe(0);

    await dashboard.getByTestId('open-settings').click();
    await settings.getByLabel('Follow up after').fill('3');
    await settings.getByTestId('settings-save').click();
    await expect.poll(() => settings.getByTestId('settings-status').textContent()).toBe('Saved.');
    await dashboard.keyboard.press('Escape');
    await expect.poll(() => rowIn('followUp', 'Marco Rossi').count()).toBe(1);
  });

  it('shows every shortcut on ?', async () => {
    await dashboard.locator('body').click({ position: { x: 5, y: 400 } });
    await dashboard.keyboard.press('?');
    const help = dashboard.getByTestId('help');
    await expect.poll(() => help.isVisible()).toBe(true);
    const text = await help.textContent();
    for (const word of ['Next conversation', 'Search', 'No reply needed', 'Remind me tomorrow']) expect(text).toContain(word);
    await dashboard.keyboard.press('Escape');
    await expect.poll(() => help.isVisible()).toBe(false);
  });

  it('exports a backup and imports it back, showing the plan first and errors plainly', async () => {
    await dashboard.getByTestId('open-export').click();
    const exportDialog = dashboard.getByTestId('export-dialog');
    expect(await exportDialog.textContent()).toContain('Uninstalling the extension deletes all of it.');
    const [download] = await Promise.all([dashboard.waitForEvent('download'), exportDialog.getByTestId('export-json').click()]);
    expect(download.suggestedFilename()).toMatch(/^turnkeeper-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const path = await download.path();
    const backup = JSON.parse(readFileSync(path, 'utf8'));
    expect(backup.conversations).toHaveLength(5);
    await dashboard.keyboard.press('Escape');

    await dashboard.getByTestId('open-import').click();
    const importDialog = dashboard.getByTestId('import-dialog');
    await importDialog.getByTestId('import-file').setInputFiles({
      name: 'broken.json',
      mimeType: 'application/json',
      buffer: Buffer.from('{"format": "turnkeeper", '),
    });
    await expect.poll(() => importDialog.getByTestId('import-error').isVisible()).toBe(true);
    expect(await importDialog.getByTestId('import-error').textContent()).toContain('Nothing was changed.');
    await importDialog.getByRole('button', { name: 'Choose another file' }).click();
    await importDialog.getByTestId('import-file').setInputFiles(path);
    await expect.poll(() => importDialog.getByTestId('import-plan').isVisible()).toBe(true);
    expect(await importDialog.getByTestId('import-plan').textContent()).toMatch(/already|Nothing to import/);
    await dashboard.keyboard.press('Escape');
  });

  it('keeps a conversation silent for 200 days in Gone quiet: closed and counted, opened on demand, back on "Never"', async () => {
    const badgeBefore = await eventually(async () => {
      const text = await badge();
      expect(text).toMatch(/^\d+$/);
      return text;
    });
    // The demo pages are all recent: an old conversation (as an imported history would hold) is written straight
    // into the extension's database, as the pin above is. Written past src/db, it also gets the turn key src/db's
    // middleware would have put (src/db/turn-keys.ts: the counts read those).
    const old = new Date(Date.now() - 200 * 86_400_000).toISOString();
    await dashboard.evaluate(
      (when) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('turnkeeper');
          open.onsuccess = () => {
            const tx = open.result.transaction(['people', 'conversations', 'messages', 'turnKeys'], 'readwrite');
            tx.objectStore('people').put({
              id: 'e2e-quiet-person', name: 'Olga Oldham', emails: ['olga@oldham.example'], linkedin: [], isMe: false,
              createdAt: when, updatedAt: when, nameKey: 'olga oldham',
            });
            tx.objectStore('conversations').put({
              id: 'gmail:e2e-quiet', site: 'gmail', threadId: 'e2e-quiet', url: 'https://mail.google.com/mail/u/0/#inbox/e2e-quiet',
              subject: 'Renewal from last spring', personIds: ['e2e-quiet-person'], turn: 'mine', turnSince: when,
              lastMessageAt: when, lastFromMe: false, restingSince: null, firstSeenAt: when, updatedAt: when,
              lastPersonId: 'e2e-quiet-person',
            });
            tx.objectStore('turnKeys').put(0, `gmail\u0001mine\u0001${when}\u0001gmail:e2e-quiet`);
            tx.objectStore('messages').put({
              id: 'gmail:e2e-quiet|m1', conversationId: 'gmail:e2e-quiet', personId: 'e2e-quiet-person', fromMe: false,
              sentAt: when, sentAtText: when, text: 'Shall we renew?', partial: false, seenAt: when, pos: 0,
            });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
          open.onerror = () => reject(open.error);
        }),
      old,
    );
    await dashboard.evaluate(() => chrome.runtime.sendMessage({ type: 'record/changed' }));
    await dashboard.reload();
    await dashboard.waitForSelector('html[data-ready=true]');

    // Closed, counted, not in My turn, not on the badge.
    const quiet = dashboard.getByTestId('section-goneQuiet');
    const toggle = dashboard.getByTestId('gone-quiet-toggle');
    await expect.poll(() => dashboard.getByTestId('count-goneQuiet').textContent()).toBe('1');
    expect(await toggle.getAttribute('aria-expanded')).toBe('false');
    expect(await quiet.getByTestId('row').count()).toBe(0);
    expect(await rowIn('mine', 'Renewal from last spring').count()).toBe(0);
    await dashboard.waitForTimeout(500);
    expect(await badge()).toBe(badgeBefore);

    // Opened: the row, with who and what, reachable with the keyboard: j moves down past the live rows to it.
    await toggle.click();
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    const row = quiet.getByTestId('row').filter({ hasText: 'Renewal from last spring' });
    await expect.poll(() => row.count()).toBe(1);
    expect(await row.getByTestId('row-person').textContent()).toBe('Olga Oldham');
    expect(await row.getByTestId('row-why').textContent()).toMatch(/Olga Oldham wrote/);
    await dashboard.locator('body').click({ position: { x: 5, y: 400 } });
    const rows = await dashboard.getByTestId('row').count();
    for (let i = 0; i < rows; i++) await dashboard.keyboard.press('j');
    await expect.poll(() => dashboard.evaluate(() => document.activeElement?.getAttribute('data-list'))).toBe('goneQuiet');
    expect(await dashboard.evaluate(() => document.activeElement?.getAttribute('data-conversation'))).toBe('gmail:e2e-quiet');

    // "Never": back in My turn and on the badge.
    const setGoneQuiet = async (label: string) => {
      await dashboard.getByTestId('open-settings').click();
      const settings = dashboard.getByTestId('settings');
      await settings.getByLabel('Gone quiet after').selectOption({ label });
      await settings.getByTestId('settings-save').click();
      await expect.poll(() => settings.getByTestId('settings-status').textContent()).toBe('Saved.');
      await dashboard.getByTestId('open-settings').click(); // back to the lists
    };
    await setGoneQuiet('Never');
    await expect.poll(() => rowIn('mine', 'Renewal from last spring').count()).toBe(1);
    expect(await dashboard.getByTestId('count-goneQuiet').textContent()).toBe('0');
    await expect.poll(badge).toBe(String(Number(badgeBefore) + 1));

    await setGoneQuiet('60 days');
    await expect.poll(() => dashboard.getByTestId('count-goneQuiet').textContent()).toBe('1');
    await expect.poll(badge).toBe(badgeBefore);
  });

  it('is accessible (axe), and made no network request', async () => {
    const require = createRequire(import.meta.url);
    const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    await dashboard.evaluate(axeSource);
    // Light and dark (contrast included), the lists and the settings.
    for (const colorScheme of ['light', 'dark'] as const) {
      await dashboard.emulateMedia({ colorScheme });
      for (const view of ['lists', 'settings']) {
        if (view === 'settings') await dashboard.getByTestId('open-settings').click();
        const violations = await dashboard.evaluate(async () => {
          const axe = (window as unknown as { axe: { run(ctx: Document, options: object): Promise<{ violations: { id: string; nodes: unknown[] }[] }> } }).axe;
          const result = await axe.run(document, { resultTypes: ['violations'] });
          return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
        });
        expect(violations, `${colorScheme} ${view}`).toEqual([]);
        if (view === 'settings') await dashboard.getByTestId('open-settings').click();
      }
    }
    expect(session.extensionRequests).toEqual([]);
  });
});
