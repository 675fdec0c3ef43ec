// The site adapters and the watcher in the real browser: what a seller does in Gmail and LinkedIn (open threads,
// move between them, expand a message, send a reply, open a bubble) leaves a record that is right and has no
// duplicates.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DANA, DEMO_URLS, gmailDemoPage, gmailThreads, linkedinConversations } from '../demo/demo-pages.mjs';
import { appendGmailReply, type Session, sidebarFrame, startSession } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot, security] = gmailThreads(now, timeZone);
const [danaOnLinkedIn, marcoOnLinkedIn] = linkedinConversations(now, timeZone);

interface MessageRow { id: string; conversationId: string; text: string; partial: boolean; fromMe: boolean }
interface ConversationRow { id: string; site: string; threadId: string; url: string; turn: string; subject?: string }

let session: Session;
beforeAll(async () => {
  session = await startSession({ clock });
});
afterAll(async () => {
  await session?.close();
});

async function messagesOf(conversationId: string): Promise<MessageRow[]> {
  return (await session.table<MessageRow>('messages')).filter((row) => row.conversationId === conversationId);
}
async function conversation(id: string): Promise<ConversationRow | undefined> {
  return (await session.table<ConversationRow>('conversations')).find((row) => row.id === id);
}
const gmailId = (thread: { legacy: string }) => `gmail:${thread.legacy}`;

/** Replaces a collapsed message by its expanded form, as Gmail does when the user clicks it. */
async function expandFirstCollapsed(page: Page, fullText: string) {
  await page.evaluate((text) => {
    const collapsed = document.querySelector('[role=main] .kv')!;
    const legacyId = collapsed.querySelector('.adf')!.getAttribute('data-legacy-message-id')!;
    const sender = collapsed.querySelector('.gD')!.cloneNode(true) as HTMLElement;
    const time = collapsed.querySelector('.g3')!.cloneNode(true) as HTMLElement;
    const expanded = document.createElement('div');
    expanded.className = 'adn ads';
    expanded.setAttribute('data-legacy-message-id', legacyId);
    const header = document.createElement('div');
    header.className = 'gE iv gt';
    const h3 = document.createElement('h3');
    h3.className = 'iw';
    h3.append(sender);
    header.append(h3, time);
    const body = document.createElement('div');
    body.className = 'ii gt';
    const a3s = document.createElement('div');
    a3s.className = 'a3s aiL';
    a3s.textContent = text;
    body.append(a3s);
    expanded.append(header, body);
    collapsed.replaceWith(expanded);
  }, fullText);
}

describe('Gmail', () => {
  it('records every message once across hash navigation, and an expanded message gains its full text', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe(pilot!.subject);
    await expect.poll(async () => (await messagesOf(gmailId(pilot!))).length).toBe(2);
    const collapsedFirst = (await messagesOf(gmailId(pilot!))).find((row) => row.fromMe)!;
    expect(collapsedFirst.partial).toBe(true);

    await page.evaluate((id) => (location.hash = `#inbox/${id}`), security!.id);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe(security!.subject);
    await page.evaluate((id) => (location.hash = `#inbox/${id}`), pilot!.id);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe(pilot!.subject);

    const full = pilot!.messages[0]!.text;
    await expandFirstCollapsed(page, full);
    await expect
      .poll(async () => (await messagesOf(gmailId(pilot!))).find((row) => row.id === collapsedFirst.id)?.partial)
      .toBe(false);
    const rows = await messagesOf(gmailId(pilot!));
    expect(rows).toHaveLength(2);
    expect(rows.find((row) => row.id === collapsedFirst.id)?.text).toContain('onboarding included');
    expect(new Set(rows.map((row) => row.id)).size).toBe(rows.length);
    await page.close();
  });

  it('records a reply within a second and flips the turn', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(security!.id));
    await sidebarFrame(page);
    await expect.poll(async () => (await conversation(gmailId(security!)))?.turn).toBe('follow-up');
    const started = Date.now();
    await appendGmailReply(page, { legacyId: '18d2c0ffee0000b9', fromEmail: DANA.email, fromName: DANA.name, text: 'Received, passing it to our CISO today.' });
    await expect.poll(async () => (await conversation(gmailId(security!)))?.turn, { timeout: 1000 }).toBe('mine');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(await messagesOf(gmailId(security!))).toHaveLength(3);
    await page.close();
  });

  it('keeps the account in the reopen link (/mail/u/1/)', async () => {
    const page = await session.open(`https://mail.google.com/mail/u/1/#label/Deals/${pilot!.id}`);
    await sidebarFrame(page);
    await expect.poll(async () => (await conversation(gmailId(pilot!)))?.url).toContain('/mail/u/1/');
    await page.close();
  });

  it("says it couldn't read a thread it cannot parse, and keeps the page working", async () => {
    const page = await session.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.route('https://mail.google.com/mail/u/0/**', (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><title>Inbox - sam@northwind.example - Gmail</title><div role="main"><div class="nH">Something new</div></div>',
      }),
    );
    // A thread id in the URL (Gmail's 16-hex form), but markup the adapter does not know.
    await page.goto('https://mail.google.com/mail/u/0/#inbox/19a0c0ffee00beef');
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.locator('body').textContent()).toContain("Turnkeeper couldn't read this thread");
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe("the page's theme", () => {
  it('a dark Gmail theme turns the sidebar dark on a light system', async () => {
    const page = await session.context.newPage();
    const dark = gmailDemoPage(now, timeZone).replace('</style>', '[role=main],body{background:#202124;color:#e8eaed}</style>');
    await page.route('https://mail.google.com/mail/u/0/**', (route) => route.fulfill({ contentType: 'text/html', body: dark }));
    await page.goto(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');

    const light = await session.open(DEMO_URLS.gmailThread(security!.id));
    const lightSidebar = await sidebarFrame(light);
    await expect.poll(() => lightSidebar.getByTestId('subject').count()).toBe(1);
    expect(await lightSidebar.evaluate(() => document.documentElement.dataset.theme)).not.toBe('dark');
    await page.close();
    await light.close();
  });
});

describe('LinkedIn', () => {
  it('records conversations from the full page and from a bubble on the feed as the same conversations', async () => {
    const page = await session.open(DEMO_URLS.linkedinThread(danaOnLinkedIn));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('Dana Whitfield');
    await page.getByRole('link', { name: 'Marco Rossi' }).click();
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('Marco Rossi');

    await page.goto(DEMO_URLS.linkedinFeed);
    const feedSidebar = await sidebarFrame(page);
    await expect.poll(() => feedSidebar.getByTestId('people').textContent()).toContain('Dana Whitfield');

    const linkedin = (await session.table<ConversationRow>('conversations')).filter((row) => row.site === 'linkedin');
    expect(linkedin.map((row) => row.threadId).sort()).toEqual(
      [danaOnLinkedIn!.conversationId, marcoOnLinkedIn!.conversationId].sort(),
    );
    const dana = linkedin.find((row) => row.threadId === danaOnLinkedIn!.conversationId)!;
    const rows = await messagesOf(dana.id);
    expect(rows).toHaveLength(danaOnLinkedIn!.events.length);
    expect(rows.some((row) => /Acme Engineering/.test(row.text))).toBe(true);
    expect(dana.turn).toBe('mine');
    await page.close();
  });
});
