// The privacy and permission shape of the built extension, checked in the browser: what it asks for, what a page can
// probe, and what a compromised page speaking through the content script can make the background do.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS, gmailThreads } from '../demo/demo-pages.mjs';
import { DIST_CHROME } from './browser.mjs';
import { eventually, type Session, sidebarFrame, startSession } from './harness';
import { fileClock } from './local-time';

const clock = fileClock();
const { now, timeZone } = clock;
const [pilot] = gmailThreads(now, timeZone);
const SITES = ['https://mail.google.com/*', 'https://www.linkedin.com/*'];

let session: Session;
beforeAll(async () => {
  session = await startSession({ clock });
});
afterAll(async () => {
  await session?.close();
});

const manifest = (browser: 'chrome' | 'firefox') =>
  JSON.parse(readFileSync(join(DIST_CHROME, '..', browser, 'manifest.json'), 'utf8'));

describe('built manifests', () => {
  it.each(['chrome', 'firefox'] as const)('%s asks for exactly the expected permissions and hosts', (browser) => {
    const built = manifest(browser);
    expect([...built.permissions].sort()).toEqual(['alarms', 'notifications', 'storage', 'unlimitedStorage']);
    expect(built.host_permissions).toEqual(SITES);
    expect(built.optional_permissions ?? []).toEqual([]);
    expect(built.content_scripts.flatMap((script: { matches: string[] }) => script.matches)).toEqual(SITES);
    expect(JSON.stringify(built)).not.toContain('<all_urls>');
    expect(built.content_security_policy.extension_pages).toContain("connect-src 'none'");
    expect(built.content_security_policy.extension_pages).toContain("script-src 'self'");
  });

  it('exposes only the sidebar page to the sites, through a per-session URL on Chrome', () => {
    const built = manifest('chrome');
    expect(built.web_accessible_resources).toHaveLength(1);
    for (const entry of built.web_accessible_resources) {
      expect(entry.use_dynamic_url).toBe(true);
      expect(entry.matches).toEqual(SITES);
      expect(entry.resources).toEqual(['src/ui/sidebar/index.html']);
    }
    expect(manifest('firefox').browser_specific_settings.gecko.data_collection_permissions).toEqual({ required: ['none'] });
  });
});

describe('what a page can see', () => {
  it('cannot reach the sidebar page by its plain address; the extension reaches it by its per-session one', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    await sidebarFrame(page);
    // The extension is given a dynamic address for its sidebar: a per-session id, not the extension's, which a page
    // cannot guess.
    const dynamicUrl = String(await inContentScriptWorld(page, `chrome.runtime.getURL('src/ui/sidebar/index.html')`));
    expect(dynamicUrl).toMatch(/^chrome-extension:\/\/[a-z0-9-]+\/src\/ui\/sidebar\/index\.html$/);
    expect(new URL(dynamicUrl).host).not.toBe(session.extensionId);
    const fetchScript = (url: string) => `(async () => {
      try {
        const response = await fetch(${JSON.stringify(url)});
        return response.ok && (await response.text()).includes('<html') ? 'readable' : 'status ' + response.status;
      } catch {
        return 'blocked';
      }
    })()`;
    const plainUrl = `chrome-extension://${session.extensionId}/src/ui/sidebar/index.html`;
    // The page's own scripts, by the plain address: refused (it would be readable without use_dynamic_url).
    expect(await page.evaluate(fetchScript(plainUrl))).toBe('blocked');
    // The extension itself, by the address it was given for this session: the same probe reads the page.
    expect(await inContentScriptWorld(page, fetchScript(dynamicUrl))).toBe('readable');
    await page.close();
  });
});

describe('the network recorder', () => {
  it('sees a request an extension page makes to the sites or anywhere else, and fails the session for it', async () => {
    // A throwaway browser whose pages ignore their Content-Security-Policy (the extension's own connect-src 'none'
    // would stop these requests before the network), so an extension page can misbehave on purpose.
    const throwaway = await startSession({ clock, bypassCSP: true });
    try {
      const dashboard = await throwaway.open(throwaway.extensionUrl('src/ui/dashboard/index.html'));
      const urls = [
        'https://mail.google.com/mail/u/0/feed/atom',
        'https://www.linkedin.com/voyager/api/me',
        'https://tracker.example/collect',
      ];
      await dashboard.evaluate(async (list) => {
        await Promise.all(list.map((url) => fetch(url).catch(() => undefined)));
      }, urls);
      await expect.poll(() => [...throwaway.extensionRequests].sort()).toEqual([...urls].sort());
      expect(() => throwaway.assertNoExtensionRequests()).toThrow(/extension contexts made network requests/);
      // The demo pages themselves still load for the sites' own tabs.
      const gmail = await throwaway.open(DEMO_URLS.gmailThread(pilot!.id));
      expect(await gmail.title()).toContain('Gmail');
      expect(throwaway.extensionRequests).toHaveLength(3);
    } finally {
      await throwaway.context.close();
    }
  });
});

/** Runs `expression` in the content script's isolated world, as a compromised page speaking through it would. */
async function inContentScriptWorld(page: Page, expression: string): Promise<unknown> {
  const cdp = await page.context().newCDPSession(page);
  const contexts: Array<{ id: number; name: string; auxData?: { type?: string } }> = [];
  cdp.on('Runtime.executionContextCreated', ({ context }) => contexts.push(context));
  await cdp.send('Runtime.enable');
  const world = await eventually(() => {
    const found = contexts.find((context) => context.auxData?.type === 'isolated' && context.name === 'Turnkeeper');
    if (!found) throw new Error('no content-script world yet');
    return found;
  });
  const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', {
    expression,
    contextId: world.id,
    awaitPromise: true,
    returnByValue: true,
  });
  await cdp.detach();
  if (exceptionDetails) throw new Error(exceptionDetails.text);
  return result.value;
}

describe('crafted messages from a content script', () => {
  it('are refused, and leave the database exactly as it was', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('subject').textContent()).toBe('Pilot pricing for Acme');
    await page.waitForTimeout(500);
    const tables = ['people', 'conversations', 'messages', 'notes', 'pins', 'settings'];
    const snapshot = async () => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await session.table(t)])));
    const before = await snapshot();

    const replies = (await inContentScriptWorld(
      page,
      `(async () => {
        const send = (m) => chrome.runtime.sendMessage(m).catch((e) => ({ ok: false, error: String(e) }));
        const crafted = [
          { type: 'record/changed' },
          { type: 'conversation/open', url: 'https://mail.google.com/' },
          { type: 'sidebar/hello' },
          { type: 'db/clear' },
          { type: 'page/read', site: 'gmail', url: 'https://evil.example/', result: { threads: [], problems: [] } },
          { type: 'page/read', site: 'linkedin', url: 'https://www.linkedin.com/feed/', result: { threads: [], problems: [] } },
          { type: 'page/read', site: 'gmail', url: location.href, result: { threads: 'all', problems: [] } },
          JSON.parse('{"type":"page/read","site":"gmail","url":"https://mail.google.com/","result":{"threads":[],"problems":[],"__proto__":{"x":1}}}'),
        ];
        for (let i = 0; i < 300; i++) {
          crafted.push({ type: ['page/read', 'sidebar/set-open', 'record/changed'][i % 3], open: i, result: [i], url: i % 2 ? 5 : 'x' });
        }
        const out = [];
        for (const message of crafted) out.push(await send(message));
        return out;
      })()`,
    )) as Array<{ ok: boolean; error?: string }>;

    expect(replies).toHaveLength(308);
    for (const reply of replies) expect(reply.ok).toBe(false);
    expect(replies[0]!.error).toContain("only from Turnkeeper's own pages");
    expect(replies[4]!.error).toMatch(/https URL|other than the one/);
    expect(replies[5]!.error).toContain('other than the one');

    expect(await snapshot()).toEqual(before);
    await page.close();
  });
});
