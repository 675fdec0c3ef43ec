// The same record reads the same just after midnight and just before it. The browser runs in a time zone where it is
// 00:10 (then 23:50) now, the demo is written for that wall clock, and the words the dashboard and the sidebar say
// about the demo conversations are checked exactly. A demo that placed a message a fixed number of hours back (26
// hours reads "yesterday" at 23:50 and "2 days ago" at 00:10) fails here, whatever the hour of the run.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_URLS, gmailThreads, linkedinConversations } from '../demo/demo-pages.mjs';
import { readDemoConversations, type Session, sidebarFrame, startSession } from './harness';
import { clockAt } from './local-time';

const DASHBOARD = 'src/ui/dashboard/index.html';

// The one message of the last hours is 20 hours back: the day before at 00:10, the same day at 23:50.
const MOMENTS = [
  { moment: 'just after midnight', clock: clockAt('00:10'), target: 10, intro: 'You wrote yesterday' },
  { moment: 'just before midnight', clock: clockAt('23:50'), target: 23 * 60 + 50, intro: 'You wrote 20 hours ago' },
];

describe.each(MOMENTS)('$moment: $clock.localTime in $clock.timeZone', ({ clock, target, intro: introWords }) => {
  const [pilot, security, intro] = gmailThreads(clock.now, clock.timeZone);
  const [danaOnLinkedIn] = linkedinConversations(clock.now, clock.timeZone);
  let session: Session;
  let dashboard: Page;

  beforeAll(async () => {
    session = await startSession({ clock });
    await readDemoConversations(session, [pilot!, security!, intro!], danaOnLinkedIn!);
    dashboard = await session.context.newPage();
    await dashboard.goto(session.extensionUrl(DASHBOARD));
    await dashboard.waitForSelector('html[data-ready=true]');
  });
  afterAll(async () => {
    await session?.close();
  });

  it('runs the browser, service worker included, at that time of day', async () => {
    const wallClock = () => {
      const d = new Date();
      return d.getHours() * 60 + d.getMinutes();
    };
    const [hours, minutes] = clock.localTime.split(':').map(Number) as [number, number];
    const expected = hours * 60 + minutes;
    // A minute or two may pass between choosing the zone and asking.
    expect((await dashboard.evaluate(wallClock)) - expected).toBeGreaterThanOrEqual(0);
    expect((await dashboard.evaluate(wallClock)) - expected).toBeLessThan(3);
    expect((await session.currentWorker().evaluate(wallClock)) - expected).toBeLessThan(3);
    expect(Math.abs(expected - target)).toBeLessThanOrEqual(60);
  });

  it('says the same words about every conversation on the dashboard', async () => {
    const why = (text: string) =>
      dashboard.getByTestId('row').filter({ hasText: text }).getByTestId('row-why').textContent();
    await expect.poll(() => dashboard.getByTestId('count-mine').textContent()).toBe('2');
    expect(await dashboard.getByTestId('count-followUp').textContent()).toBe('2');
    expect(await dashboard.getByTestId('count-waiting').textContent()).toBe('1');
    expect(await why('Pilot pricing for Acme')).toBe('Dana Whitfield wrote yesterday');
    expect(await why('Shared a post')).toBe('Dana Whitfield wrote 2 days ago');
    expect(await why('Security questionnaire')).toBe('You wrote 6 days ago, no answer');
    expect(await why('Marco Rossi')).toBe('You wrote 4 days ago, no answer');
    expect(await why('Intro: Northwind')).toBe(introWords);
  });

  it('says it in the sidebar next to the thread too', async () => {
    const page = await session.open(DEMO_URLS.gmailThread(pilot!.id));
    const sidebar = await sidebarFrame(page);
    await expect.poll(() => sidebar.getByTestId('turn').textContent()).toBe('Your turn: Dana wrote yesterday');
    await page.evaluate((id) => (location.hash = `#inbox/${id}`), security!.id);
    await expect.poll(() => sidebar.getByTestId('turn').textContent()).toBe('Follow up: no answer for 6 days');
    await page.close();
  });
});
