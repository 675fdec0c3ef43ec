// The sidebar, end to end, in real Chromium on the routed demo pages: what it shows. Who and whose turn next to a
// Gmail thread and a LinkedIn conversation, the running record across both sites (the suggested link), the general
// view, a thread it cannot read, a profile page, hostile page text, accessibility in light and dark, and the
// screenshots (into docs/screenshots/ when TURNKEEPER_SCREENSHOTS=1, so that an ordinary test run leaves the work tree
// untouched). What the seller does in it (reminders, notes, promises, "No reply needed", keyboard use) is in
// sidebar-actions.e2e.ts.
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import type { Frame, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DANA, DEMO_URLS, gmailThreads, linkedinConversations } from '../demo/demo-pages.mjs';
import { type NoteRow, openThread, type Session, sidebarFrame, startSession, turnOf } from './harness';
import { fileClock } from './local-time';

const ROOT = resolve(import.meta.dirname, '../..');
const AXE = resolve(ROOT, 'node_modules/axe-core/axe.min.js');
const SCREENSHOTS = process.env.TURNKEEPER_SCREENSHOTS
  ? resolve(ROOT, 'docs/screenshots')
  : mkdtempSync(resolve(tmpdir(), 'turnkeeper-screenshots-'));

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot, security, intro] = gmailThreads(now, timeZone);
const [danaOnLinkedIn] = linkedinConversations(now, timeZone);

/** axe-core in the sidebar frame; the violations of serious or critical impact. */
async function axeViolations(sidebar: Frame): Promise<string[]> {
  try {
    await sidebar.addScriptTag({ path: AXE });
  } catch {
    // Unreachable in practice; kept so a CSP change shows up as a failing check below, not a crash here.
  }
  if (!(await sidebar.evaluate(() => 'axe' in window))) {
    // The extension page's CSP (script-src 'self') refuses an inline <script>: evaluate the same file instead.
    const { readFileSync } = await import('node:fs');
    await sidebar.evaluate(readFileSync(AXE, 'utf8'));
  }
  return sidebar.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  });
}

describe('sidebar (light)', () => {
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

  it('shows who and whose turn next to a Gmail thread, the record scrolled to the newest message', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    expect(await turnOf(sidebar)).toBe('Your turn: Dana wrote yesterday');
    // Whose turn comes first in the sidebar, before who and what.
    const order = await sidebar.evaluate(() => {
      const all = [...document.querySelectorAll('[data-testid="turn"], [data-testid="subject"], [data-testid="people"]')];
      return all.map((el) => el.getAttribute('data-testid'));
    });
    expect(order[0]).toBe('turn');
    const people = await sidebar.getByTestId('people').textContent();
    expect(people).toContain('Dana Whitfield');
    expect(people).toContain(DANA.email);
    expect(await sidebar.getByTestId('message').count()).toBe(2);
    // Each message says where and who: the site and "You" or the sender.
    const last = sidebar.getByTestId('message').last();
    expect(await last.textContent()).toContain('Gmail');
    expect(await last.textContent()).toContain('Dana Whitfield');
    expect(await sidebar.getByTestId('message').first().textContent()).toContain('You');
    // Newest at the bottom, scrolled there on open.
    await expect
      .poll(() =>
        sidebar.getByTestId('timeline').evaluate((el) => Math.abs(el.scrollHeight - el.clientHeight - el.scrollTop) < 4),
      )
      .toBe(true);
    await page.close();
  });

  it('says "Follow up" and "Waiting on" in words for the other demo threads', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(security!.id));
    await expect.poll(() => turnOf(sidebar)).toMatch(/^Follow up: no answer for 6 days$/);
    await page.evaluate((id) => (location.hash = `#inbox/${id}`), intro!.id);
    await expect.poll(() => turnOf(sidebar)).toMatch(/^Waiting on Priya: you wrote (\d+ hours ago|yesterday)$/);
    await page.close();
  });

  it('shows the LinkedIn conversation with the right person and turn', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.linkedinThread(danaOnLinkedIn));
    await expect.poll(() => sidebar.getByTestId('people').textContent(), { timeout: 10_000 }).toContain('Dana Whitfield');
    expect(await turnOf(sidebar)).toBe('Your turn: Dana wrote 2 days ago');
    expect(await sidebar.getByTestId('message').first().getAttribute('data-site')).toBe('linkedin');
    await page.close();
  });

  it('offers the suggested cross-site link; merging joins the record and links to the other site; undo splits it', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    const suggestion = sidebar.getByTestId('suggestion');
    await expect.poll(() => suggestion.count()).toBe(1);
    expect(await suggestion.textContent()).toContain('Dana Whitfield');
    await suggestion.getByRole('button', { name: 'Same person' }).click();

    // The LinkedIn messages join the running record, marked by site; a one-click link leads to LinkedIn.
    await expect.poll(() => sidebar.locator('[data-testid="record-message"][data-site="linkedin"]').count()).toBeGreaterThan(0);
    const toLinkedIn = sidebar.getByRole('button', { name: /Open the conversation on LinkedIn/ });
    await expect.poll(() => toLinkedIn.count()).toBe(1);
    await expect.poll(() => sidebar.getByTestId('people').textContent()).toContain('in/');

    await sidebar.getByRole('button', { name: 'Undo' }).click();
    await expect.poll(() => suggestion.count()).toBe(1);
    await expect.poll(() => sidebar.locator('[data-testid="record-message"][data-site="linkedin"]').count()).toBe(0);

    // Merge again and follow the link: the background opens the LinkedIn conversation in the site's tab.
    await suggestion.getByRole('button', { name: 'Same person' }).click();
    await expect.poll(() => toLinkedIn.count()).toBe(1);
    const linkedinTab = await session.open('https://www.linkedin.com/feed/');
    await toLinkedIn.click();
    await expect.poll(() => linkedinTab.url()).toBe(DEMO_URLS.linkedinThread(danaOnLinkedIn));
    await linkedinTab.close();
    await page.close();
  });

  it('shows the general view when no thread is open, each item opening its conversation', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailInbox);
    await expect.poll(() => sidebar.getByTestId('general').count()).toBe(1);
    const item = sidebar.getByTestId('general-item').filter({ hasText: 'Pilot pricing for Acme' });
    await expect.poll(() => item.count()).toBeGreaterThan(0);
    await expect.poll(() => sidebar.getByRole('heading', { name: /Your turn/ }).count()).toBe(1);
    await item.first().click();
    // The background opens the conversation's recorded URL in this Gmail tab (the adapter records Gmail's
    // canonical `#all/<thread id>` form, which the demo page does not render; real Gmail does).
    const recorded = (await session.table<{ id: string; url: string }>('conversations')).find((c) => c.id === 'gmail:19a0c0ffee000001')!.url;
    await expect.poll(() => page.url()).toBe(recorded);
    await page.close();
  });

  it('on a thread it cannot read, says so and keeps notes for that page', async () => {
    const url = 'https://mail.google.com/mail/u/0/#inbox/19a0c0ffee00dead';
    const { page, sidebar } = await openThread(session, url);
    await expect.poll(() => sidebar.getByTestId('turn').textContent()).toBe("Turnkeeper couldn't read this thread.");
    await sidebar.getByLabel('Add a note').fill('Thread did not load: Dana forwarded the contract here');
    await sidebar.getByRole('button', { name: 'Add note' }).click();
    await expect.poll(() => sidebar.getByTestId('note').count()).toBe(1);
    const notes = await session.table<NoteRow>('notes');
    expect(notes.find((n) => n.text.startsWith('Thread did not load'))?.conversationId).toBe(
      'gmail:url:https://mail.google.com/mail/u/0/#all/19a0c0ffee00dead',
    );
    // The same thread reached through another folder finds the note again.
    await page.goto('https://mail.google.com/mail/u/0/#label/clients/19a0c0ffee00dead');
    const again = await sidebarFrame(page);
    await expect.poll(() => again.getByTestId('note').textContent()).toContain('Dana forwarded the contract');
    await page.close();
  });

  it('renders a hostile subject, sender and body as text and runs nothing', async () => {
    const subject = `<img src=x onerror="top.pwned=1"><script>top.pwned=2</script> Re: "quote" & <b>bold</b>`;
    const body = `</div><svg onload="top.pwned=3"></svg><a href="javascript:top.pwned=4">click</a> مرحبا 👋🏽 ${'long'.repeat(200)}`;
    const name = `<i onmouseover="top.pwned=5">Eve</i> "the" Hacker`;
    const page = await session.open(DEMO_URLS.gmailInbox);
    let dialogs = 0;
    page.on('dialog', (dialog) => {
      dialogs++;
      void dialog.dismiss();
    });
    await page.evaluate(
      ([s, b, n]) => {
        // A copy of the pilot thread with new ids and hostile text, set as text (as a hostile sender could make Gmail
        // show it); the demo page shows it when the hash names it.
        const template = document.querySelector('template[data-thread="FMfcgzDemoAcmePilot"]')!.cloneNode(true) as HTMLTemplateElement;
        template.dataset.thread = 'FMfcgzHostile';
        const content = template.content;
        const h2 = content.querySelector('h2.hP')!;
        h2.setAttribute('data-legacy-thread-id', '19a0c0ffee0000ee');
        h2.setAttribute('data-thread-perm-id', `thread-f:${BigInt('0x19a0c0ffee0000ee')}`);
        h2.textContent = s!;
        content.querySelectorAll('[data-legacy-message-id]').forEach((el, i) => el.setAttribute('data-legacy-message-id', `19a0c0ffee0000f${i}`));
        content.querySelectorAll('[data-message-id]').forEach((el, i) => el.setAttribute('data-message-id', `#msg-f:179999999999999990${i}`));
        content.querySelector('.adn .a3s')!.textContent = b!;
        for (const el of content.querySelectorAll('.adn .gD')) {
          el.setAttribute('email', 'eve@evil.example');
          el.setAttribute('name', n!);
          el.querySelector('span')!.textContent = n!;
        }
        document.body.append(template);
        location.hash = '#inbox/FMfcgzHostile';
      },
      [subject, body, name],
    );
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe(subject);
    await expect.poll(() => sidebar.getByTestId('message').count()).toBe(2);
    const shown = await sidebar.getByTestId('message').last().textContent();
    expect(shown).toContain('<svg onload="top.pwned=3"></svg>');
    expect(shown).toContain('Eve');
    expect(await sidebar.getByTestId('people').textContent()).toContain(name);
    await sidebar.getByRole('button', { name: 'more' }).click();
    expect(await sidebar.getByTestId('message').last().textContent()).toContain('👋🏽');

    const found = await sidebar.evaluate(() => ({
      pwned: (window as unknown as { pwned?: number }).pwned ?? null,
      img: document.querySelectorAll('img').length,
      script: document.querySelectorAll('body script').length,
      b: document.querySelectorAll('b, i').length,
      svgWithHandlers: document.querySelectorAll('svg[onload], [onerror], [onmouseover]').length,
      javascriptLinks: document.querySelectorAll('a[href^="javascript:"]').length,
      // Long words, emoji and right-to-left text stay inside the sidebar's width.
      overflow: [document.documentElement, ...document.querySelectorAll('.top, .timeline, .entry')].filter(
        (el) => el.scrollWidth > el.clientWidth + 1,
      ).length,
      textDir: [...document.querySelectorAll('[data-testid="message"] .entry__text')].pop()?.getAttribute('dir'),
    }));
    expect(found).toEqual({ pwned: null, img: 0, script: 0, b: 0, svgWithHandlers: 0, javascriptLinks: 0, overflow: 0, textDir: 'auto' });
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned ?? null)).toBeNull();
    expect(dialogs).toBe(0);
    expect(session.extensionRequests).toEqual([]);
    await page.close();
  });

  it('on a profile page, shows that person\'s record with us, or that there is none yet', async () => {
    const profilePage = (name: string, slug: string) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name} | LinkedIn</title>
      <script type="application/ld+json">${JSON.stringify({ '@type': 'Person', name, url: `https://www.linkedin.com/in/${slug}/`, jobTitle: 'Head of Operations' })}</script>
      </head><body><main><h1>${name}</h1></main></body></html>`;
    await session.context.route('https://www.linkedin.com/in/**', (route) => {
      const slug = new URL(route.request().url()).pathname.split('/')[2]!;
      const name = slug === 'dana-whitfield' ? DANA.name : 'Ravi Patel';
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: profilePage(name, slug) });
    });
    try {
      const { page, sidebar } = await openThread(session, 'https://www.linkedin.com/in/dana-whitfield/');
      await expect.poll(() => sidebar.getByTestId('profile').count()).toBe(1);
      await expect.poll(() => sidebar.getByRole('heading', { level: 1 }).textContent()).toBe('Dana Whitfield');
      await expect.poll(() => sidebar.getByTestId('general-item').count()).toBeGreaterThan(0);
      expect(await sidebar.getByTestId('people').textContent()).toContain('in/dana-whitfield');

      await page.goto('https://www.linkedin.com/in/ravi-patel-42/');
      const other = await sidebarFrame(page);
      await expect.poll(() => other.getByTestId('turn').textContent()).toBe('No conversations with Ravi Patel yet.');
      await page.close();
    } finally {
      await session.context.unroute('https://www.linkedin.com/in/**');
    }
  });

  it('has no serious or critical accessibility violations (light), with the Remind me menu open too', async () => {
    const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    expect(await axeViolations(sidebar)).toEqual([]);
    await sidebar.getByRole('button', { name: 'Remind me' }).click();
    await sidebar.getByLabel('Or type a time').fill('fri 3pm');
    expect(await axeViolations(sidebar)).toEqual([]);
    await page.goto(DEMO_URLS.gmailInbox);
    const general = await sidebarFrame(page);
    await expect.poll(() => general.getByTestId('general').count()).toBe(1);
    expect(await axeViolations(general)).toEqual([]);
    await page.close();
  });
});

/**
 * A representative sidebar for the screenshots: Dana's record across Gmail and LinkedIn (the suggested link
 * confirmed), a promise, a reminder for tomorrow. Returns the pilot thread's page.
 */
async function stage(session: Session): Promise<{ page: Page; sidebar: Frame }> {
  const linkedin = await openThread(session, DEMO_URLS.linkedinThread(danaOnLinkedIn));
  await expect.poll(() => linkedin.sidebar.getByTestId('people').textContent()).toContain('Dana Whitfield');
  await linkedin.page.close();
  const other = await openThread(session, DEMO_URLS.gmailThread(security!.id));
  await expect.poll(() => other.sidebar.getByTestId('subject').textContent()).toBe('Security questionnaire');
  await other.page.close();

  const { page, sidebar } = await openThread(session, DEMO_URLS.gmailThread(pilot!.id));
  await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
  await sidebar.getByTestId('suggestion').getByRole('button', { name: 'Same person' }).click();
  await expect.poll(() => sidebar.getByTestId('suggestion').count()).toBe(0);
  await sidebar.getByLabel('Add a note').fill('Send Dana the 40-seat price and confirm SSO by Friday');
  await sidebar.getByLabel('I promised').check();
  await sidebar.getByRole('button', { name: 'Add note' }).click();
  await expect.poll(() => sidebar.getByTestId('promise').count()).toBe(1);
  await sidebar.getByRole('button', { name: 'Remind me' }).click();
  await sidebar.locator('[data-preset="tomorrow"]').click();
  await expect.poll(() => sidebar.getByTestId('open-pin').count()).toBe(1);
  await sidebar.getByRole('button', { name: 'Dismiss' }).click();
  await expect.poll(() => sidebar.getByTestId('undo-toast').textContent()).toBe('');
  return { page, sidebar };
}

describe('sidebar (dark) and the screenshots', () => {
  it('follows the dark theme with no serious or critical accessibility violations; dark screenshot', async () => {
    const session = await startSession({ clock, colorScheme: 'dark' });
    try {
      const { page, sidebar } = await stage(session);
      const background = await sidebar.evaluate(() => getComputedStyle(document.body).backgroundColor);
      const [r, g, b] = background.match(/\d+/g)!.map(Number);
      expect(r! + g! + b!).toBeLessThan(3 * 60);
      expect(await axeViolations(sidebar)).toEqual([]);
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'sidebar-dark.png') });
      await sidebar.getByRole('button', { name: 'Remind me' }).click();
      await sidebar.getByLabel('Or type a time').fill('next fri 3pm');
      expect(await axeViolations(sidebar)).toEqual([]);
    } finally {
      await session.close();
    }
  });

  it('light screenshot next to the demo thread', async () => {
    const session = await startSession({ clock });
    try {
      const { page, sidebar } = await stage(session);
      const background = await sidebar.evaluate(() => getComputedStyle(document.body).backgroundColor);
      expect(background).toBe('rgb(255, 255, 255)');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: resolve(SCREENSHOTS, 'sidebar-light.png') });
    } finally {
      await session.close();
    }
  });
});
