// Hostile content, end to end: a Gmail thread and a LinkedIn conversation whose subject, names and bodies carry
// markup, script, CSS, `javascript:` links, bidirectional overrides, zero-width characters, emoji, lone surrogates
// and a 1 MiB body. Turnkeeper must record all of it, show it as text (the sidebar, the dashboard and its search),
// keep its layout, run none of it in its own pages, and pass it on as plain text (notifications, exports).
import type { Frame, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { notificationText } from '../../src/background/schedule';
import { escapeBlock, escapeInline } from '../../src/export/markdown';
import { neutraliseCell } from '../../src/export/csv';
import { escapeText } from '../../src/export/ics';
import { gmailThreadMarkup, linkedinConversationMarkup, linkedinThreadPath, ME } from '../demo/demo-pages.mjs';
import { eventually, type Session, sidebarFrame, startSession } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const PWN = "top.postMessage('tk-pwned','*');window.__tkPwned=1;alert('tk')";

/** Each entry is text: the page shows it as the sender wrote it (escaped), as Gmail and LinkedIn do. */
const CORPUS = {
  script: `<script>${PWN}</script>`,
  img: `<img src=x onerror="${PWN}">`,
  svg: `<svg/onload="${PWN}">`,
  iframe: `<iframe srcdoc="<script>${PWN}</script>"></iframe>`,
  javascriptLink: `javascript:${PWN}`,
  markdownLink: `[click me](javascript:${PWN})`,
  style: '<style>/*tkhostile*/ body { display: none !important }</style>',
  styleAttribute: '<b style="/*tkhostile*/ position:fixed;inset:0;background:red">boo</b>',
  template: '{{constructor.constructor("alert(1)")()}} ${alert(1)} <%= 7*7 %>',
  rightToLeft: 'invoice_\u202Efdp.exe and \u202Bembedded\u202C and \u2067isolate\u2069',
  zeroWidth: 'zero\u200Bwidth\u200C\u200Djoiners\u2060and\uFEFFBOM',
  emoji: '👩🏽‍💻🏳️‍🌈🇫🇷 🚀 ᄀᄀᄀ각 Z̴̡̪̫͖̝̔̈́a̷̢̦̳̓l̸̰̈́g̵̪̉ȍ̵̢',
  entities: '&lt;b&gt; &amp;amp; &#60;script&#62;',
} as const;
const CORPUS_TEXT = Object.values(CORPUS).join('\n');
const SUBJECT = `${CORPUS.script} ${CORPUS.img} Re: pricing ${CORPUS.rightToLeft} ${CORPUS.emoji}`;
const MALLORY = {
  name: `${CORPUS.img}Mallory ${CORPUS.rightToLeft}`,
  email: 'mallory@evil.example',
  member: 'ACoAAHostile01',
  slug: 'mallory-hostile',
};
const ONE_MIB = 1_048_576;
/** Every string the pages put in front of Turnkeeper. */
const PAGE_TEXTS = [SUBJECT, MALLORY.name, CORPUS_TEXT, ...Object.values(CORPUS)];
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// ── the pages ────────────────────────────────────────────────────────────────
/** Sets window.__tkPwned if any payload reaches the page (postMessage from a frame) and fills the lone-surrogate slot. */
const PAGE_SCRIPT = `<script>
  addEventListener('message', function (e) { if (e.data === 'tk-pwned') window.__tkPwned = 1; });
  document.querySelectorAll('.tk-lone').forEach(function (el) { el.textContent = 'lone \\uD800 high, lone \\uDFFF low, pair \\uD83D\\uDE00'; });
</script>`;
/** Real markup in the page (not text): what Gmail's own rendering of an HTML email can contain, minus script. */
const RAW_HTML =
  '<span>refs &#xD800; &#xDFFF; &#x202E;reversed</span><style>/*tkhostile*/ .a3s { color: red }</style>' +
  '<a href="javascript:void(0)">a javascript: link</a><span style="/*tkhostile*/ font-weight:bold">styled</span>' +
  '<span class="tk-lone"></span>';

const GMAIL_ID = 'FMfcgzHostileThread';
const GMAIL_URL = `https://mail.google.com/mail/u/0/#inbox/${GMAIL_ID}`;
function gmailHostilePage(): string {
  const at = (hoursAgo: number) => new Date(now.getTime() - hoursAgo * 3_600_000);
  const thread = {
    id: GMAIL_ID,
    legacy: '19a0c0ffee00bad0',
    subject: SUBJECT,
    messages: [
      { legacyId: '19a0c0ffee00bad1', from: MALLORY, to: [ME], cc: [], at: at(50), text: `${CORPUS_TEXT}\nRAWSLOT` },
      { legacyId: '19a0c0ffee00bad2', from: ME, to: [MALLORY], cc: [], at: at(40), text: 'Got it, thanks.' },
      { legacyId: '19a0c0ffee00bad3', from: MALLORY, to: [ME], cc: [], at: at(30), text: 'W'.repeat(ONE_MIB) },
      { legacyId: '19a0c0ffee00bad4', from: MALLORY, to: [ME], cc: [], at: at(20), text: `${CORPUS.script}\n${CORPUS.emoji}` },
    ],
  };
  const markup = gmailThreadMarkup(thread, timeZone).replace('RAWSLOT', RAW_HTML);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile - ${ME.email} - Gmail</title></head>
<body><header><a aria-label="Google Account: ${ME.name} (${ME.email})" href="https://accounts.google.com/SignOutOptions">S</a></header>
<div class="nH"><div role="main" class="nH">${markup}</div></div>${PAGE_SCRIPT}</body></html>`;
}

const LINKEDIN_CONVERSATION = {
  conversationId: 'bad0bad0-7d1e-4b8a-9c55-0e2f4d6a8b11_100',
  with: MALLORY,
  events: [
    { from: MALLORY, at: new Date(now.getTime() - 30 * 3_600_000), text: CORPUS_TEXT },
    { from: ME, at: new Date(now.getTime() - 29 * 3_600_000), text: 'Hello Mallory' },
    { from: MALLORY, at: new Date(now.getTime() - 28 * 3_600_000), text: `${CORPUS.svg} ${CORPUS.zeroWidth}` },
  ],
};
const LINKEDIN_URL = `https://www.linkedin.com${linkedinThreadPath(LINKEDIN_CONVERSATION)}`;
function linkedinHostilePage(): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Messaging | LinkedIn</title></head>
<body><header><a class="global-nav__me" href="https://www.linkedin.com/in/${ME.profile}/">Me</a></header>
<main class="scaffold-layout__main" role="main">${linkedinConversationMarkup(LINKEDIN_CONVERSATION, now, timeZone)}</main>${PAGE_SCRIPT}</body></html>`;
}

// ── the session ──────────────────────────────────────────────────────────────
let session: Session;
const dialogs: string[] = [];
const cspViolations: string[] = [];
/** Every console line of the extension's own pages and frames during the run. */
const extensionLogs: string[] = [];

beforeAll(async () => {
  session = await startSession({ clock });
  session.context.on('dialog', (dialog) => {
    dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  session.context.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) cspViolations.push(message.text());
    // From the extension's own code (its script URL), or from anything running in one of its pages.
    const sources = [message.location().url, message.page()?.url() ?? '', message.worker()?.url() ?? ''];
    if (sources.some((url) => url.startsWith('chrome-extension://'))) extensionLogs.push(message.text());
  });
});
afterAll(async () => {
  session?.assertNoExtensionRequests();
  await session?.close();
});

async function openHostile(url: string, body: string): Promise<Page> {
  const page = await session.context.newPage();
  await page.route(/^https:\/\/(mail\.google|www\.linkedin)\.com\//, (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body })
      : route.abort(),
  );
  await page.goto(url);
  return page;
}

/** Anything in an extension page that could run or restyle: must be none. */
async function activeContent(target: Page | Frame): Promise<string[]> {
  return target.evaluate(() => {
    const found: string[] = [];
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attribute of Array.from(el.attributes)) {
        if (/^on/i.test(attribute.name)) found.push(`${el.tagName} ${attribute.name}`);
        if (attribute.value.includes('tkhostile')) found.push(`${el.tagName} ${attribute.name} from the page`);
      }
      const tag = el.tagName.toLowerCase();
      if (tag === 'script' && !(el as HTMLScriptElement).src) found.push('inline script');
      if (['iframe', 'object', 'embed', 'frame'].includes(tag)) found.push(tag);
      if (tag === 'style' && el.textContent?.includes('tkhostile')) found.push('style from the page');
      if (el.namespaceURI === 'http://www.w3.org/2000/svg' && el.textContent?.includes('tk-pwned')) found.push('svg');
      const href = el.getAttribute('href') ?? el.getAttribute('xlink:href');
      if (href && /^\s*(javascript|data|vbscript):/i.test(href)) found.push(`${tag} href=${href.slice(0, 20)}`);
      if (tag === 'img' && !/^(chrome-extension|data):/.test((el as HTMLImageElement).src)) found.push(`img ${(el as HTMLImageElement).src}`);
    }
    return found;
  });
}

async function noHorizontalOverflow(target: Frame | Page): Promise<void> {
  const overflow = await target.evaluate(() => {
    const out: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) out.push(`html ${root.scrollWidth} > ${root.clientWidth}`);
    if (document.body.scrollWidth > document.body.clientWidth + 1) out.push(`body ${document.body.scrollWidth} > ${document.body.clientWidth}`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('[data-testid]'))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0) continue;
      if (box.right > innerWidth + 1) out.push(`${el.dataset.testid} ends at ${Math.round(box.right)} > ${innerWidth}`);
      if (getComputedStyle(el).overflowX === 'visible' && el.scrollWidth > el.clientWidth + 1)
        out.push(`${el.dataset.testid} content ${el.scrollWidth} > ${el.clientWidth}`);
    }
    return out;
  });
  expect(overflow).toEqual([]);
}

/**
 * Direction overrides from page text that reach Turnkeeper's own words. A U+202E in a name must stay inside that
 * name: its text must sit in an isolating element (<bdi>, [dir], unicode-bidi: isolate/plaintext) whose text, from
 * the unterminated override on, is page text only. Otherwise "Mallory wrote yesterday" displays as
 * "Mallory yadretsey etorw" (the words after the name reversed).
 */
async function bidiSpills(target: Page | Frame, pageTexts: string[]): Promise<string[]> {
  return target.evaluate((texts) => {
    const squash = (s: string) => s.replace(/\s+/g, ' ').replace(/…$/, '').trim();
    const known = texts.map(squash);
    const isolating = (el: Element) =>
      el.tagName === 'BDI' || ['isolate', 'isolate-override', 'plaintext'].includes(getComputedStyle(el).unicodeBidi);
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode() as Text | null; node; node = walker.nextNode() as Text | null) {
      const text = node.data;
      // Unicode's rules, simplified: PDF closes the innermost embedding or override; PDI closes the innermost
      // isolate and everything opened inside it.
      const open: Array<{ at: number; isolate: boolean }> = [];
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c >= 0x202a && c <= 0x202e && c !== 0x202c) open.push({ at: i, isolate: false });
        else if (c >= 0x2066 && c <= 0x2068) open.push({ at: i, isolate: true });
        else if (c === 0x202c && open.length && !open.at(-1)!.isolate) open.pop();
        else if (c === 0x2069 && open.some((o) => o.isolate)) while (!open.pop()!.isolate);
      }
      if (!open.length) continue;
      let iso: Element | null = node.parentElement;
      while (iso && !isolating(iso)) iso = iso.parentElement;
      const where = `${node.parentElement?.tagName.toLowerCase()}.${node.parentElement?.className}`;
      if (!iso) {
        out.push(`${where}: not isolated`);
        continue;
      }
      const full = iso.textContent ?? '';
      const tail = squash(full.slice(full.indexOf(text) + open[0]!.at));
      if (!known.some((k) => k.includes(tail))) out.push(`${where}: spills into ${JSON.stringify(tail.slice(-40))}`);
    }
    return out;
  }, pageTexts);
}

async function assertNothingRan(pages: Array<Page | Frame>): Promise<void> {
  for (const target of pages) expect(await activeContent(target)).toEqual([]);
  for (const page of session.context.pages()) {
    expect(await page.evaluate(() => (window as unknown as { __tkPwned?: number }).__tkPwned ?? 0)).toBe(0);
  }
  expect(dialogs).toEqual([]);
  expect(cspViolations).toEqual([]);
}

interface MessageRow {
  conversationId: string;
  text: string;
  partial: boolean;
}
const conversationWithSubject = async (subject: string) =>
  eventually(async () => {
    const rows = await session.table<{ id: string; subject?: string }>('conversations');
    const found = rows.find((row) => row.subject === subject);
    if (!found) throw new Error('not recorded yet');
    return found.id;
  }, 20_000);

describe('a hostile Gmail thread', () => {
  let page: Page;
  let sidebar: Frame;
  beforeAll(async () => {
    page = await openHostile(GMAIL_URL, gmailHostilePage());
    sidebar = await sidebarFrame(page);
  });

  it('is recorded whole: every message, the 1 MiB body cut at the limit and marked partial, nothing refused', async () => {
    const id = await conversationWithSubject(SUBJECT);
    const messages = await eventually(async () => {
      const rows = (await session.table<MessageRow>('messages')).filter((m) => m.conversationId === id);
      expect(rows).toHaveLength(4);
      return rows;
    }, 20_000);
    const big = messages.find((m) => m.text.startsWith('WWWW'))!;
    expect(big.text.length).toBe(1_000_000);
    expect(big.partial).toBe(true);
    const first = messages.find((m) => m.text.includes('invoice_'))!;
    expect(first.text).toContain(CORPUS.script);
    expect(first.text).toContain('\u202E');
    expect(first.text).toContain('lone '); // the slot the page filled with lone surrogates
  });

  it('shows the payloads in the sidebar as text, and nothing of them runs there', async () => {
    await expect.poll(() => sidebar.getByTestId('subject').textContent(), { timeout: 15_000 }).toContain('<script>');
    expect(await sidebar.getByTestId('subject').textContent()).toContain('<img src=x onerror=');
    await expect.poll(() => sidebar.getByTestId('message').count(), { timeout: 15_000 }).toBe(4);
    const text = await sidebar.locator('body').textContent();
    expect(text).toContain(`<script>${PWN}</script>`);
    expect(text).toContain('Mallory');
    await assertNothingRan([sidebar]);
  });

  it('keeps its layout: no horizontal overflow from the 1 MiB word or the long subject', async () => {
    await expect.poll(() => sidebar.getByTestId('message').count(), { timeout: 15_000 }).toBe(4);
    await noHorizontalOverflow(sidebar);
  });

  it('the dashboard lists the subject as text, finds it by search, runs nothing', async () => {
    const dashboard = await session.context.newPage();
    await dashboard.goto(session.extensionUrl('src/ui/dashboard/index.html'));
    const row = dashboard.getByTestId('row').filter({ hasText: 'Re: pricing' });
    await expect.poll(() => row.count(), { timeout: 15_000 }).toBe(1);
    expect(await row.textContent()).toContain('<script>');
    await noHorizontalOverflow(dashboard);

    await dashboard.getByTestId('search').fill('pricing');
    const hit = dashboard.getByTestId('search-hit').filter({ hasText: 'Re: pricing' });
    await expect.poll(() => hit.count(), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await hit.first().textContent()).toContain('<img src=x onerror=');
    await dashboard.getByTestId('search').fill('onerror');
    await expect
      .poll(() => dashboard.getByTestId('search-results').textContent(), { timeout: 10_000 })
      .toContain('onerror');
    await assertNothingRan([dashboard, sidebar]);
    await dashboard.close();
  });
});

// The turn sentence ("Your turn: $NAME$ wrote $WHEN$") is one string with the page's name substituted in: a U+202E
// in the name must not reverse Turnkeeper's own words after it (src/ui/i18n.ts isolates every substitution).
describe('right-to-left overrides in page text', () => {
  it('stay inside that text, in the sidebar and the dashboard', async () => {
    const page = await openHostile(GMAIL_URL, gmailHostilePage());
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('message').count(), { timeout: 15_000 }).toBe(4);
    const dashboard = await session.context.newPage();
    await dashboard.goto(session.extensionUrl('src/ui/dashboard/index.html'));
    await expect.poll(() => dashboard.getByTestId('row').filter({ hasText: 'Re: pricing' }).count()).toBe(1);
    const spills = [...(await bidiSpills(sidebar, PAGE_TEXTS)), ...(await bidiSpills(dashboard, PAGE_TEXTS))];
    await dashboard.close();
    await page.close();
    expect(spills).toEqual([]);
  });
});

describe('a hostile LinkedIn conversation', () => {
  it('is recorded and shown as text in the sidebar; nothing runs', async () => {
    const page = await openHostile(LINKEDIN_URL, linkedinHostilePage());
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('message').count(), { timeout: 15_000 }).toBe(3);
    const text = await sidebar.locator('body').textContent();
    expect(text).toContain('<img src=x onerror=');
    expect(text).toContain('<svg/onload=');
    expect(text).toContain('Mallory');
    await noHorizontalOverflow(sidebar);
    await assertNothingRan([sidebar]);
    await page.close();
  });
});

describe('logs', () => {
  it('no console line of an extension page carries page text', async () => {
    // The capture itself works: a line logged by an extension page is seen.
    const page = await session.open(session.extensionUrl('src/ui/dashboard/index.html'));
    await page.evaluate(() => console.info('turnkeeper log capture probe'));
    await expect.poll(() => extensionLogs.includes('turnkeeper log capture probe')).toBe(true);
    await page.close();
    expect(extensionLogs.filter((line) => /Mallory|tk-pwned|invoice_|pricing|WWWW|tkhostile/.test(line))).toEqual([]);
  });
});

// The text sinks that leave the extension's pages: notifications (shown by the OS) and exports (opened elsewhere).
describe('plain-text sinks, over the same corpus', () => {
  const inputs = [...Object.values(CORPUS), SUBJECT, MALLORY.name, 'W'.repeat(ONE_MIB), 'lone \uD800 and \uDFFF'];

  it('notification text: no markup, no direction or invisible characters, well-formed, bounded', () => {
    for (const input of inputs) {
      for (const max of [1, 40, 120]) {
        const out = notificationText(input, max);
        expect(out).not.toMatch(/[<>&]/);
        expect(out).not.toMatch(/[\u202A-\u202E\u2066-\u2069\u200B-\u200F\u2060\uFEFF\u0000-\u001F]/);
        expect(out).not.toMatch(LONE_SURROGATE);
        expect(Array.from(out).length).toBeLessThanOrEqual(max);
      }
    }
  });

  it('exports: Markdown escapes every markup character, CSV cells cannot start a formula, ICS text is escaped', () => {
    for (const input of inputs) {
      const md = escapeBlock(input);
      // Every <, [, `, * in the Markdown is escaped (preceded by a backslash).
      expect(md).not.toMatch(/(^|[^\\])[<[`*]/m);
      expect(escapeInline(input)).not.toMatch(/(^|[^\\])[<[`*]/);
      expect(neutraliseCell(`=${input}`).startsWith("'")).toBe(true);
      expect(escapeText(input)).not.toMatch(/(^|[^\\])[;,\n]/);
    }
  });
});
