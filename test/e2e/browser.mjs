// Starts Debian's Chromium with the built extension loaded, with the flags docs/architecture.md ("Testing in real browsers") explains. Shared by
// the end-to-end tests, the demo (`npm start`) and the benchmark.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';

export const CHROMIUM_CANDIDATES = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
export const INSTALL_HINT =
  'Chromium is not installed: run `sudo apt-get install -y chromium` (Debian/Ubuntu), or set TURNKEEPER_CHROMIUM to a Chromium binary.';

export function findChromium() {
  const candidates = process.env.TURNKEEPER_CHROMIUM ? [process.env.TURNKEEPER_CHROMIUM] : CHROMIUM_CANDIDATES;
  return candidates.find((path) => existsSync(path));
}

export const DIST_CHROME = resolve(import.meta.dirname, '../..', process.env.TURNKEEPER_OUT ?? 'dist', 'chrome');

// Playwright's default --disable-features list minus ThirdPartyStoragePartitioning: with partitioning off, Chromium
// denies IndexedDB to a chrome-extension:// iframe inside a web page. Real Chrome users have it on.
const DISABLED_FEATURES =
  'AvoidUnnecessaryBeforeUnloadCheckSync,DestroyProfileOnBrowserClose,HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,' +
  'LensOverlay,MediaRouter,PaintHolding,AvoidCorsURLLoaderRestartOnRedirect,OptimizationHints,' +
  'NetworkTimeServiceQuerying,AimEnabled,PreconnectToSearch';

/**
 * @param {{ headless?: boolean, extensionPath?: string, colorScheme?: 'light' | 'dark', viewport?: { width: number, height: number }, timeZone?: string, bypassCSP?: boolean }} [options]
 *   `bypassCSP`: pages (extension pages too) ignore their Content-Security-Policy; only for proving a check can fail.
 *   `timeZone`: the IANA zone of the whole browser (its TZ), service worker included; this machine's zone if left out.
 */
export async function launchWithExtension(options = {}) {
  const extensionPath = options.extensionPath ?? DIST_CHROME;
  if (!existsSync(join(extensionPath, 'manifest.json'))) {
    throw new Error(`No built extension at ${extensionPath}: run \`npm run build\` first.`);
  }
  const { context, profile } = await launchProfile(options, extensionPath);
  const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker', { timeout: 10_000 }));
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    worker,
    extensionId,
    extensionUrl: (path) => `chrome-extension://${extensionId}/${path}`,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The same Chromium, profile kind and flags as {@link launchWithExtension}, with no extension loaded: the benchmark's
 * "without" side, so a with-minus-without difference is the extension's and nothing else's.
 * @param {{ headless?: boolean, colorScheme?: 'light' | 'dark', viewport?: { width: number, height: number } }} [options]
 */
export async function launchWithoutExtension(options = {}) {
  const { context, profile } = await launchProfile(options, null);
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** A persistent profile in Debian's Chromium with this file's flags, and `extensionPath` loaded unless null. */
async function launchProfile(options, extensionPath) {
  const executablePath = findChromium();
  if (!executablePath) throw new Error(INSTALL_HINT);
  const profile = mkdtempSync(join(tmpdir(), 'turnkeeper-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: options.headless ?? true,
    colorScheme: options.colorScheme ?? 'light',
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.timeZone ? { env: { ...process.env, TZ: options.timeZone } } : {}),
    ...(options.bypassCSP ? { bypassCSP: true } : {}),
    ...(extensionPath ? { ignoreDefaultArgs: ['--disable-extensions'] } : {}),
    args: [
      ...(extensionPath ? [`--disable-extensions-except=${extensionPath}`, `--load-extension=${extensionPath}`] : []),
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
      `--disable-features=${DISABLED_FEATURES}`,
    ],
  });
  return { context, profile };
}
