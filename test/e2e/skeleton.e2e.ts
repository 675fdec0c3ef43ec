// The skeleton, end to end: the built extension in Chromium reads routed Gmail and LinkedIn pages, stores what it
// read in its own origin, and shows it in the sidebar, which follows in-page navigation and keeps its state.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA, DEMO_URLS, gmailThreads, linkedinConversations } from '../demo/demo-pages.mjs';
import { accessibleNames, appendGmailReply, eventually, type Session, sidebarFrame, startSession } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot, security] = gmailThreads(now, timeZone);
const [danaOnLinkedIn, marcoOnLinkedIn] = linkedinConversations(now, timeZone);

let session: Session;
beforeAll(async () => {
  session = await startSession({ clock });
});
afterAll(async () => {
  await session?.close();
});

describe('Gmail thread', () => {
  it('is read, stored in the extension database and shown in the sidebar', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');

    const conversations = await eventually(async () => {
      const rows = await session.table<{ id: string; subject: string; site: string }>('conversations');
      expect(rows.map((row) => row.subject)).toContain('Pilot pricing for Acme');
      return rows;
    });
    expect(conversations.find((row) => row.subject === 'Pilot pricing for Acme')?.site).toBe('gmail');
    const messages = await session.table<{ conversationId: string; text: string }>('messages');
    expect(messages.some((message) => message.text.includes('pricing for 40 seats'))).toBe(true);
    await page.close();
  });

  it('switches to the next thread on a hash change, without a reload or a second sidebar', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    let sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));

    await page.evaluate((id) => (location.hash = `#inbox/${id}`), security!.id);
    sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Security questionnaire');

    // Same document (no reload), one host element, one sidebar frame.
    expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    expect(await page.locator('turnkeeper-sidebar').count()).toBe(1);
    expect(page.frames().filter((frame) => frame.url().includes('/sidebar/'))).toHaveLength(1);

    await page.evaluate(() => (location.hash = '#inbox'));
    await expect.poll(() => sidebar.getByTestId('subject').count()).toBe(0);
    await page.close();
  });

  it('updates the sidebar live when a reply appears in the thread', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(security!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('message').count()).toBe(2);
    await appendGmailReply(page, { legacyId: '19a0c0ffee0000b3', fromEmail: DANA.email, fromName: DANA.name, text: 'Thanks, all good on our side.' });
    await expect.poll(() => sidebar.getByTestId('message').count()).toBe(3);
    await expect.poll(() => sidebar.getByTestId('message').last().textContent()).toContain('all good on our side');
    await page.close();
  });

  it('collapses to a slim tab, reopens, and remembers the choice after a reload', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await sidebar.getByRole('button', { name: 'Collapse the sidebar' }).click();
    // The dock reserves room for the sidebar only while it is open.
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');

    await page.reload();
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('0px');
    // Its name, as the browser gives it to assistive technology, is worded by the background with the turn: the
    // record holds Dana's last message, so it is the user's turn.
    await expect.poll(() => accessibleNames(page, ['button'])).toContain('Open Turnkeeper: your turn');

    // The slim tab sits at the right edge; the page cannot reach it (closed shadow root), the user can click it.
    const viewport = page.viewportSize()!;
    await page.mouse.click(viewport.width - 10, viewport.height * 0.4 + 36);
    await expect.poll(() => page.evaluate(() => getComputedStyle(document.documentElement).marginRight)).toBe('360px');
    const reopened = await sidebarFrame(page);
    await expect.poll(() => reopened.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await page.close();
  });
});

describe('LinkedIn conversation', () => {
  it('is read and followed through history navigation', async () => {
    const page = await session.open(DEMO_URLS.linkedinThread(danaOnLinkedIn));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('Dana Whitfield');

    await page.getByRole('link', { name: 'Marco Rossi' }).click();
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('Marco Rossi');
    await page.goBack();
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('Dana Whitfield');
    expect(await page.locator('turnkeeper-sidebar').count()).toBe(1);

    const conversations = await session.table<{ site: string; threadId: string }>('conversations');
    const linkedin = conversations.filter((row) => row.site === 'linkedin');
    expect(linkedin).toHaveLength(2);
    expect(linkedin.map((row) => row.threadId)).toContain(marcoOnLinkedIn!.conversationId);
    await page.close();
  });
});

describe('privacy shape', () => {
  it('keeps nothing in the page origin, hides the sidebar from the page, and makes no network request', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    await sidebarFrame(page);
    await page.waitForTimeout(500);
    const seenByThePage = await page.evaluate(async () => {
      const host = document.querySelector('turnkeeper-sidebar');
      let frameDocument: string;
      try {
        frameDocument = String((window.frames[0] as Window).document);
      } catch {
        frameDocument = 'blocked';
      }
      return {
        databases: (await indexedDB.databases()).map((db) => db.name),
        hostShadowRoot: host ? host.shadowRoot : 'no host',
        iframesInPageDom: document.querySelectorAll('iframe').length,
        frameDocument,
      };
    });
    expect(seenByThePage.databases).toEqual([]);
    expect(seenByThePage.hostShadowRoot).toBeNull();
    expect(seenByThePage.iframesInPageDom).toBe(0);
    expect(seenByThePage.frameDocument).toBe('blocked');
    expect(session.extensionRequests).toEqual([]);
    await page.close();
  });
});
