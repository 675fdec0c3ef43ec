// The sidebar, end to end, in real Chromium on the routed demo pages: what the seller does in it. Reminders (a preset
// and a typed time), notes (added, edited, deleted, kept across a reload), "I promised" notes, "No reply needed",
// undo for each, and all of it by keyboard alone with a visible focus ring. What the sidebar shows is in
// sidebar.e2e.ts.
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS, gmailThreads } from '../demo/demo-pages.mjs';
import { eventually, type NoteRow, openThread, type Session, sidebarFrame, startSession, turnOf } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot, security, intro] = gmailThreads(now, timeZone);

interface PinRow {
  id: string;
  conversationId: string;
  dueAt: string;
  done: boolean;
  note?: string;
}

/** Presses Tab until the focused element in the sidebar matches; returns what is focused. */
async function tabTo(page: Page, sidebar: Frame, matches: (focused: { tag: string; name: string }) => boolean, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const focused = await sidebar.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return { tag: '', name: '' };
      const label = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : '';
      return {
        tag: el.tagName.toLowerCase(),
        name: (el.getAttribute('aria-label') || label || el.textContent || (el as HTMLInputElement).placeholder || '').trim(),
      };
    });
    if (matches(focused)) return focused;
  }
  throw new Error('never reached the element by Tab');
}

/** Whether the focused element in the sidebar shows a focus ring. */
const focusRingShown = (sidebar: Frame) =>
  sidebar.evaluate(() => {
    const el = document.activeElement as HTMLElement;
    const style = getComputedStyle(el);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
  });

const tomorrowAt8 = (sidebar: Frame) =>
  sidebar.evaluate(() => {
    const d = new Date();
    return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 1, 8, 0, 0, 0).toISOString();
  });

describe('sidebar: what the seller does', () => {
  let session: Session;
  beforeAll(async () => {
    session = await startSession({ clock });
  });
  afterAll(async () => {
    await session?.close();
  });
  // A failed test leaves no tab behind (the background opens conversations in an open tab of their site).
  afterEach(async () => {
    for (const page of session.context.pages()) await page.close();
  });

  it('pins "Tomorrow 8:00" from Remind me: the pin is in the database, shown, and undo removes it', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    const before = (await session.table<PinRow>('pins')).length;
    await sidebar.getByRole('button', { name: 'Remind me' }).click();
    await sidebar.locator('[data-preset="tomorrow"]').click();

    const expected = await tomorrowAt8(sidebar);
    const pin = await eventually(async () => {
      const pins = await session.table<PinRow>('pins');
      expect(pins).toHaveLength(before + 1);
      return pins.find((p) => p.dueAt === expected)!;
    });
    expect(pin.conversationId).toBe('gmail:19a0c0ffee000001');
    expect(pin.done).toBe(false);
    await expect.poll(() => sidebar.getByTestId('open-pin').count()).toBe(1);
    await expect.poll(() => sidebar.getByTestId('pin-entry').count()).toBe(1);

    // Undo, from the toast.
    await sidebar.getByTestId('undo-toast').getByRole('button', { name: 'Undo' }).click();
    await eventually(async () => expect((await session.table<PinRow>('pins')).some((p) => p.id === pin.id)).toBe(false));
    await expect.poll(() => sidebar.getByTestId('open-pin').count()).toBe(0);
    await page.close();
  });

  it('understands a typed time, previews it before saving, and refuses what it cannot read', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(intro!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Intro: Northwind <> Globex');
    await sidebar.getByRole('button', { name: 'Remind me' }).click();
    const field = sidebar.getByLabel('Or type a time');
    await field.fill('whenever');
    await expect.poll(() => sidebar.locator('.tk-remind__preview').first().textContent()).toContain('Not understood');
    expect(await sidebar.getByRole('button', { name: 'Set' }).first().isDisabled()).toBe(true);

    await field.fill('in 2 weeks');
    await expect.poll(() => sidebar.locator('.tk-remind__preview').first().textContent()).toMatch(/^Reminds you /);
    expect((await session.table<PinRow>('pins')).filter((p) => p.conversationId === 'gmail:19a0c0ffee000003')).toHaveLength(0);
    await sidebar.getByLabel('What for? (optional)').fill('Ask about the call');
    await field.press('Enter');
    const expected = await sidebar.evaluate(() => {
      const d = new Date();
      return new Date(d.getFullYear(), d.getMonth(), d.getDate() + 14, 8, 0, 0, 0).toISOString();
    });
    const pin = await eventually(async () => {
      const pins = (await session.table<PinRow>('pins')).filter((p) => p.conversationId === 'gmail:19a0c0ffee000003');
      expect(pins).toHaveLength(1);
      return pins[0]!;
    });
    expect(pin.dueAt).toBe(expected);
    expect(pin.note).toBe('Ask about the call');

    // "Done" clears the reminder; undo brings it back.
    await sidebar.getByRole('button', { name: 'Done: clear the reminder' }).click();
    await eventually(async () => expect((await session.table<PinRow>('pins')).find((p) => p.id === pin.id)?.done).toBe(true));
    await page.keyboard.press('Control+z');
    await eventually(async () => expect((await session.table<PinRow>('pins')).find((p) => p.id === pin.id)?.done).toBe(false));
    await page.close();
  });

  it('adds a note that survives a reload; edits and deletes it in place; undo restores it', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await sidebar.getByLabel('Add a note').fill('Dana asked for SSO: check with product');
    await sidebar.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => sidebar.getByTestId('note').count()).toBe(1);

    await page.reload();
    const again = await sidebarFrame(page);
    await expect.poll(() => again.getByTestId('note').textContent()).toContain('Dana asked for SSO: check with product');

    await again.getByRole('button', { name: 'Edit note' }).click();
    const editor = again.getByLabel('Note text');
    await editor.fill('SSO is in the pilot; send the 40-seat price');
    await again.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => again.getByTestId('note').textContent()).toContain('SSO is in the pilot');
    await eventually(async () =>
      expect((await session.table<NoteRow>('notes')).map((n) => n.text)).toContain('SSO is in the pilot; send the 40-seat price'),
    );

    await again.getByRole('button', { name: 'Delete note' }).click();
    await expect.poll(() => again.getByTestId('note').count()).toBe(0);
    await eventually(async () => expect(await session.table<NoteRow>('notes')).toHaveLength(0));
    await again.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => again.getByTestId('note').textContent()).toContain('SSO is in the pilot');
    await eventually(async () => expect(await session.table<NoteRow>('notes')).toHaveLength(1));
    await page.close();
  });

  it('keeps an "I promised" note above the timeline until it is done', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await sidebar.getByLabel('Add a note').fill('Send the 40-seat pricing by Friday');
    await sidebar.getByLabel('I promised').check();
    await sidebar.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => sidebar.getByTestId('promise').count()).toBe(1);
    // Above the timeline, in the top part of the sidebar.
    expect(await sidebar.locator('.top [data-testid="promise"]').count()).toBe(1);
    await sidebar.getByRole('button', { name: 'Mark this promise done' }).click();
    await expect.poll(() => sidebar.getByTestId('promise').count()).toBe(0);
    await eventually(async () =>
      expect((await session.table<NoteRow>('notes')).find((n) => n.text.startsWith('Send the 40-seat'))?.done).toBe(true),
    );
    await sidebar.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => sidebar.getByTestId('promise').count()).toBe(1);
    await page.close();
  });

  it('"No reply needed" rests the conversation, tells the background (badge), and can be undone', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => turnOf(sidebar)).toMatch(/^Your turn/);
    const badge = () =>
      session.worker.evaluate(() =>
        (globalThis as unknown as { chrome: { action: { getBadgeText(details: object): Promise<string> } } }).chrome.action.getBadgeText({}),
      );
    await expect.poll(badge).not.toBe('');
    const before = Number(await badge());
    await sidebar.getByRole('button', { name: 'No reply needed' }).click();
    await expect.poll(() => turnOf(sidebar)).toBe('Resting');
    await expect.poll(async () => Number(await badge())).toBe(before - 1);
    await sidebar.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => turnOf(sidebar)).toMatch(/^Your turn/);
    await expect.poll(async () => Number(await badge())).toBe(before);
    await page.close();
  });

  it('can be used by keyboard alone: add a note and a reminder, with a visible focus ring', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(security!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Security questionnaire');
    const notesBefore = (await session.table<NoteRow>('notes')).length;
    const pinsBefore = (await session.table<PinRow>('pins')).length;
    // Focus moves into the sidebar's document, as when the user tabs into it from the page.
    await sidebar.evaluate(() => window.focus());

    await tabTo(page, sidebar, (f) => f.tag === 'button' && f.name === 'Remind me');
    expect(await focusRingShown(sidebar)).toBe(true);
    await page.keyboard.press('Enter');
    // Focus is on the first preset; the next one is Tomorrow.
    await page.keyboard.press('Tab');
    expect(await sidebar.evaluate(() => (document.activeElement as HTMLElement).dataset.preset)).toBe('tomorrow');
    expect(await focusRingShown(sidebar)).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await session.table<PinRow>('pins')).toHaveLength(pinsBefore + 1));
    // Focus went back to the Remind me button.
    expect(await sidebar.evaluate(() => document.activeElement?.textContent)).toContain('Remind me');

    await tabTo(page, sidebar, (f) => f.tag === 'textarea' && f.name === 'Add a note');
    await page.keyboard.type('Questionnaire: ask Dana who reviews it');
    await tabTo(page, sidebar, (f) => f.tag === 'button' && f.name === 'Add note');
    expect(await focusRingShown(sidebar)).toBe(true);
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await session.table<NoteRow>('notes')).toHaveLength(notesBefore + 1));
    await expect.poll(() => sidebar.getByTestId('note').last().textContent()).toContain('ask Dana who reviews it');

    // The toast's Undo is reachable by keyboard too.
    await tabTo(page, sidebar, (f) => f.tag === 'button' && f.name === 'Undo');
    await page.keyboard.press('Enter');
    await eventually(async () => expect(await session.table<NoteRow>('notes')).toHaveLength(notesBefore));
    await page.close();
  });
});
