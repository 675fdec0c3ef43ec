// The Firefox build, end to end, in real Firefox ESR driven over WebDriver BiDi (Playwright cannot drive stock
// Firefox): the extension installs temporarily from the build folder, its content script injects into a routed Gmail
// thread, the moz-extension:// sidebar frame loads, the background stores the thread in its database, and a hash
// navigation to another thread stores that one too.
//
// Host permissions: Firefox MV3 treats host permissions as opt-in, but since Firefox 127 the host_permissions and
// content-script matches are granted at install while the pref `extensions.originControls.grantByDefault` is true
// (its default on 153 ESR, browser/omni.ja firefox.js). This holds for `webExtension.install` too: with the pref set to
// false the content script never runs and the "injects" test fails. firefox-bidi.mjs sets it to true explicitly.
//
// Nothing reaches the network: every request of a page is intercepted; Gmail documents get the demo page, the rest is
// refused.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS, gmailDemoPage, gmailThreads } from '../demo/demo-pages.mjs';
import { DIST_FIREFOX, FIREFOX_INSTALL_HINT, findFirefox, launchFirefox } from './firefox-bidi.mjs';
import { eventually } from './harness';

type BiDi = Awaited<ReturnType<typeof launchFirefox>>['bidi'];
type TreeNode = { context: string; url: string; children: TreeNode[] | null };

const EXTENSION_ID = 'turnkeeper@turnkeeper.invalid';
const now = new Date();
const [pilot, security] = gmailThreads(now);

let firefox: Awaited<ReturnType<typeof launchFirefox>> | undefined;
let bidi: BiDi;
let installed: { extension: string } | undefined;
const refused: string[] = [];

beforeAll(async () => {
  // Fails (never skips) when Firefox or the build is missing: a browser test that did not run has proven nothing.
  if (!findFirefox()) throw new Error(FIREFOX_INSTALL_HINT);
  if (!existsSync(join(DIST_FIREFOX, 'manifest.json'))) {
    throw new Error(`No built Firefox extension at ${DIST_FIREFOX}: run \`npm run build\` first.`);
  }
  firefox = await launchFirefox();
  bidi = firefox.bidi;
  const gmail = gmailDemoPage(now);
  bidi.on('network.beforeRequestSent', (params: BeforeRequestSent) => {
    if (!params.isBlocked) return;
    const { request, url, destination } = params.request;
    const isGmailDocument =
      url.startsWith('https://mail.google.com/') && (destination === undefined || destination === 'document');
    if (!isGmailDocument) refused.push(url);
    const reply = isGmailDocument
      ? bidi.send('network.provideResponse', {
          request,
          statusCode: 200,
          reasonPhrase: 'OK',
          headers: [{ name: 'content-type', value: { type: 'string', value: 'text/html; charset=utf-8' } }],
          body: { type: 'string', value: gmail },
        })
      : bidi.send('network.failRequest', { request });
    reply.catch(() => {}); // The tab may be gone by then.
  });
  await bidi.send('session.subscribe', { events: ['network.beforeRequestSent'] });
  // No urlPatterns: every request of every page stops here, so nothing can slip through to the network.
  await bidi.send('network.addIntercept', { phases: ['beforeRequestSent'] });
  installed = (await bidi.send('webExtension.install', {
    extensionData: { type: 'path', path: DIST_FIREFOX },
  })) as { extension: string };
});

afterAll(async () => {
  await firefox?.close();
});

type BeforeRequestSent = { isBlocked: boolean; request: { request: string; url: string; destination?: string } };

async function evaluate<T>(context: string, expression: string): Promise<T> {
  const result = (await bidi.send('script.evaluate', { target: { context }, expression, awaitPromise: true })) as {
    type: 'success' | 'exception';
    result?: { value?: unknown };
    exceptionDetails?: { text: string };
  };
  if (result.type !== 'success') throw new Error(`evaluate failed: ${result.exceptionDetails?.text}`);
  return result.result?.value as T;
}

/** Opens `url` in a new tab (its requests answered by the intercept above) and returns the tab's context id. */
async function openTab(url: string): Promise<string> {
  const { context } = (await bidi.send('browsingContext.create', { type: 'tab' })) as { context: string };
  await bidi.send('browsingContext.navigate', { context, url, wait: 'complete' });
  return context;
}

/** The frames inside `tab` whose document is an extension page (the sidebar sits in a closed shadow root). */
async function extensionFrames(tab: string): Promise<TreeNode[]> {
  const { contexts } = (await bidi.send('browsingContext.getTree', { root: tab })) as { contexts: TreeNode[] };
  const found: TreeNode[] = [];
  const walk = (node: TreeNode) => {
    if (node.url.startsWith('moz-extension://')) found.push(node);
    node.children?.forEach(walk);
  };
  contexts.forEach(walk);
  return found;
}

async function sidebarContext(tab: string): Promise<TreeNode> {
  return eventually(async () => {
    const frames = await extensionFrames(tab);
    expect(frames.map((frame) => new URL(frame.url).pathname)).toEqual(['/src/ui/sidebar/index.html']);
    return frames[0]!;
  });
}

// Rows of a store of the extension's database, read in the sidebar frame: an extension page, so the extension's
// origin, where the background keeps its Dexie database. The check on the protocol comes first, in the same script,
// so the frame's initial about:blank document (which has the page's origin) is never asked to open a database.
const readStore = (store: string) => `new Promise((resolve, reject) => {
  if (location.protocol !== 'moz-extension:') return reject(new Error('not yet the extension page: ' + location.href));
  const open = indexedDB.open('turnkeeper');
  open.onerror = () => reject(open.error);
  open.onsuccess = () => {
    const db = open.result;
    if (!db.objectStoreNames.contains(${JSON.stringify(store)})) { db.close(); return resolve('[]'); }
    const request = db.transaction(${JSON.stringify(store)}).objectStore(${JSON.stringify(store)}).getAll();
    request.onsuccess = () => { db.close(); resolve(JSON.stringify(request.result)); };
    request.onerror = () => reject(request.error);
  };
})`;

async function conversations(sidebar: string): Promise<{ subject: string; site: string; threadId?: string }[]> {
  return JSON.parse(await evaluate<string>(sidebar, readStore('conversations')));
}

describe('Firefox build in Firefox ESR', () => {
  it('installs temporarily from the build folder', () => {
    expect(installed).toEqual({ extension: EXTENSION_ID });
  });

  it('injects into a Gmail thread and loads the sidebar from moz-extension://', async () => {
    const tab = await openTab(DEMO_URLS.gmailThread(pilot!.id));
    await eventually(async () =>
      expect(await evaluate<number>(tab, `document.querySelectorAll('turnkeeper-sidebar').length`)).toBe(1),
    );
    const sidebar = await sidebarContext(tab);
    expect(sidebar.url).toMatch(/^moz-extension:\/\/[0-9a-f-]{36}\/src\/ui\/sidebar\/index\.html/);
    // The sidebar rendered the thread it got from the background.
    await eventually(async () =>
      expect(await evaluate<string>(sidebar.context, 'document.body.innerText')).toContain('Pilot pricing for Acme'),
    );
    // The host's style sheet applies inside its closed root: once the dock is shown (it is hidden while the frame
    // preloads), the frame is the sidebar's width and the window's height, not an unstyled frame's 300 by 150.
    await eventually(async () => expect(await evaluate<number>(sidebar.context, 'innerWidth')).toBe(360));
    expect(await evaluate<number>(sidebar.context, 'innerHeight')).toBe(await evaluate<number>(tab, 'innerHeight'));
    // The page sees neither the frame (closed shadow root) nor any database in its own origin.
    expect(await evaluate<number>(tab, `document.querySelectorAll('iframe').length`)).toBe(0);
    expect(
      await evaluate<string>(tab, `indexedDB.databases().then((dbs) => JSON.stringify(dbs.map((db) => db.name)))`),
    ).toBe('[]');
    await bidi.send('browsingContext.close', { context: tab });
  });

  it('stores the thread in the extension database', async () => {
    const tab = await openTab(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarContext(tab);
    const rows = await eventually(async () => {
      const rows = await conversations(sidebar.context);
      expect(rows.map((row) => row.subject)).toContain('Pilot pricing for Acme');
      return rows;
    });
    expect(rows.find((row) => row.subject === 'Pilot pricing for Acme')?.site).toBe('gmail');
    await bidi.send('browsingContext.close', { context: tab });
  });

  it('follows a hash navigation to a second thread and stores it too', async () => {
    const tab = await openTab(DEMO_URLS.gmailThread(pilot!.id));
    let sidebar = await sidebarContext(tab);
    await eventually(async () =>
      expect(await evaluate<string>(sidebar.context, 'document.body.innerText')).toContain('Pilot pricing for Acme'),
    );
    await evaluate(tab, `window.turnkeeperMarker = 1`);

    await evaluate(tab, `location.hash = ${JSON.stringify(`#inbox/${security!.id}`)}`);
    sidebar = await sidebarContext(tab);
    await eventually(async () =>
      expect(await evaluate<string>(sidebar.context, 'document.body.innerText')).toContain('Security questionnaire'),
    );
    const rows = await eventually(async () => {
      const rows = await conversations(sidebar.context);
      expect(rows.map((row) => row.subject)).toEqual(
        expect.arrayContaining(['Pilot pricing for Acme', 'Security questionnaire']),
      );
      return rows;
    });
    expect(rows.filter((row) => row.subject === 'Security questionnaire')).toHaveLength(1);
    // Same document (no reload), one host element, one sidebar frame.
    expect(await evaluate<number>(tab, `window.turnkeeperMarker`)).toBe(1);
    expect(await evaluate<number>(tab, `document.querySelectorAll('turnkeeper-sidebar').length`)).toBe(1);
    expect(await extensionFrames(tab)).toHaveLength(1);
    await bidi.send('browsingContext.close', { context: tab });
  });

  it('let no request of the pages or the sidebar reach the network, only the routed Gmail documents', () => {
    // Everything else was refused by the intercept; only Firefox's own favicon probe is expected among them.
    expect(refused.filter((url) => !/^https:\/\/mail\.google\.com\/favicon\.ico$/.test(url))).toEqual([]);
  });
});
