// `npm start`: the offline demo. Opens Chromium with the built extension and the bundled demo pages served at real
// Gmail and LinkedIn URLs, so Turnkeeper can be seen working without an account or a network.
//   npm start                                   a window with a demo Gmail thread and a LinkedIn conversation
//   npm start -- --headless --screenshot out.png  no window; saves the sidebar next to a demo thread
import { resolve } from 'node:path';
import { DEMO_URLS, gmailThreads, linkedinConversations, routeDemoPages } from './demo-pages.mjs';
import { launchWithExtension } from '../e2e/browser.mjs';

const args = process.argv.slice(2);
const headless = args.includes('--headless');
const screenshotAt = args.indexOf('--screenshot');
const screenshot = screenshotAt >= 0 ? args[screenshotAt + 1] : undefined;
if (screenshotAt >= 0 && !screenshot) {
  console.error('--screenshot needs a file name, e.g. --screenshot out.png');
  process.exit(2);
}
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error('No display found. Run `npm start -- --headless --screenshot out.png` to see the demo as a picture.');
  process.exit(2);
}

const now = new Date();
const browser = await launchWithExtension({ headless, viewport: { width: 1366, height: 820 } });
await routeDemoPages(browser.context, now);

// The LinkedIn conversation is read first so the Gmail sidebar can show the record across both sites.
const linkedin = await browser.context.newPage();
await linkedin.goto(DEMO_URLS.linkedinThread(linkedinConversations(now)[0]));
const gmail = await browser.context.newPage();
await gmail.goto(DEMO_URLS.gmailThread(gmailThreads(now)[0].id));

const sidebarShowsRecord = async () => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const frame = gmail.frames().find((f) => f.url().includes('/sidebar/'));
    if (frame && (await frame.locator('[data-testid="subject"]').count().catch(() => 0)) > 0) return true;
    await gmail.waitForTimeout(100);
  }
  return false;
};
const ready = await sidebarShowsRecord();

if (screenshot) {
  await gmail.waitForTimeout(300);
  await gmail.screenshot({ path: resolve(screenshot) });
  console.log(`saved ${resolve(screenshot)}${ready ? '' : ' (the sidebar had not shown the record yet)'}`);
}
if (headless) {
  await browser.close();
  process.exit(ready ? 0 : 1);
}
console.log('Turnkeeper demo running: a Gmail thread and a LinkedIn conversation are open. Close the window to stop.');
await gmail.bringToFront();
await new Promise((resolvePromise) => browser.context.on('close', resolvePromise));
await browser.close().catch(() => undefined);
