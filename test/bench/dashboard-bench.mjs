// The dashboard at scale: first render with a large history, and search keystroke → results.
//
// `measureDashboard(session, { people, conversations, messages })` fills the extension's database in the browser
// (raw IndexedDB puts, from the dashboard page, of generated rows shaped like src/db/records.ts, with the word-index
// rows src/db/search-index.ts builds for them), then:
// - firstRenderMs: navigation start → the dashboard's first render with its lists (the page marks
//   `turnkeeper:first-render` once the lists are on screen); median of 5 loads after one warm-up load;
// - searchP95Ms: typing queries one character at a time into the search box, each keystroke's input event → the
//   results for that exact text in the DOM; 95th percentile over every keystroke that searches (the dashboard
//   starts searching at the second letter of a spaced script, so a first letter costs nothing).
// Used by test/bench/run-bench.mjs (`npm run bench`); runnable alone:
//   TURNKEEPER_OUT=/tmp/out node test/bench/dashboard-bench.mjs [messages]

import { pageBundle } from './page-bundle.mjs';

const DASHBOARD = 'src/ui/dashboard/index.html';


/** Runs in the dashboard page: writes the generated record straight into IndexedDB. Self-contained but for
 * globalThis.turnkeeperSearchRowsFor (test/bench/search-rows-in-page.ts, evaluated in the page first). */
export async function fillDatabase({ people, conversations, messages, now }) {
  const DAY = 86_400_000;
  const HOUR = 3_600_000;
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const pick = (list) => list[Math.floor(random() * list.length)];
  const FIRST = ['dana', 'marco', 'priya', 'sam', 'lee', 'kim', 'alex', 'jordan', 'taylor', 'morgan', 'casey', 'riley', 'avery', 'quinn', 'jamie', 'robin'];
  const LAST = ['whitfield', 'rossi', 'raman', 'carter', 'nguyen', 'schmidt', 'garcia', 'okafor', 'tanaka', 'silva', 'novak', 'larsen', 'murphy', 'dubois'];
  const COMPANY = ['acme', 'globex', 'initech', 'umbrella', 'hooli', 'northwind', 'contoso', 'fabrikam', 'wayne', 'stark', 'tyrell', 'cyberdyne'];
  const SUBJECT = ['Pilot pricing', 'Security questionnaire', 'Renewal terms', 'Onboarding plan', 'Intro call', 'Contract redlines', 'Seat expansion', 'Quarterly review', 'Procurement steps', 'Integration questions'];
  const WORDS = ('thanks for the update on the rollout plan here are my notes on pricing and timing could you send the proposal ' +
    'for forty seats does the pilot include sso our security team needs the questionnaire before we sign let me know if ' +
    'anything is missing happy to walk you through the onboarding does thursday work for a call with your team renewal ' +
    'discount procurement legal review invoice budget approval quarter roadmap integration salesforce hubspot webhook').split(' ');
  const cap = (w) => w[0].toUpperCase() + w.slice(1);
  const iso = (t) => new Date(t).toISOString();

  const peopleRows = [];
  const created = iso(now - 400 * DAY);
  peopleRows.push({ id: 'me', name: 'Sam Carter', emails: ['sam@northwind.example'], linkedin: [], isMe: true, createdAt: created, updatedAt: created });
  for (let i = 0; i < people; i++) {
    const first = FIRST[i % FIRST.length];
    const last = LAST[Math.floor(i / FIRST.length) % LAST.length];
    const company = COMPANY[i % COMPANY.length];
    const name = `${cap(first)} ${cap(last)}${i >= FIRST.length * LAST.length ? ` ${i}` : ''}`;
    const email = `${first}.${last}${i}@${company}.example`;
    const row = {
      id: `p${i}`,
      name,
      emails: [email],
      linkedin: i % 2 ? [`https://www.linkedin.com/in/${first}-${last}-${i}/`] : [],
      isMe: false,
      createdAt: created,
      updatedAt: created,
      nameKey: name.toLowerCase(),
    };
    peopleRows.push(row);
  }

  const convRows = [];
  const messageRows = [];
  const pinRows = [];
  const perConversation = Math.max(1, Math.floor(messages / conversations));
  for (let j = 0; j < conversations; j++) {
    const site = j % 3 === 0 ? 'linkedin' : 'gmail';
    const threadId = `bench${j}`;
    const id = `${site}:${threadId}`;
    const personId = `p${j % people}`;
    const ageDays = random() * 365;
    const start = now - ageDays * DAY;
    const count = j === conversations - 1 ? messages - perConversation * (conversations - 1) : perConversation;
    let last = null;
    for (let k = 0; k < count; k++) {
      const fromMe = k === count - 1 ? random() < 0.55 : k % 2 === 1;
      const sentAt = iso(Math.min(now - 60_000, start + k * (2 + random() * 20) * HOUR));
      const length = 8 + Math.floor(random() * 30);
      const text = cap(Array.from({ length }, () => pick(WORDS)).join(' ')) + '.';
      const message = {
        id: `${id}|m${k}`,
        conversationId: id,
        personId: fromMe ? 'me' : personId,
        fromMe,
        sentAt,
        sentAtText: sentAt,
        text,
        partial: false,
        seenAt: sentAt,
        pos: k,
      };
      messageRows.push(message);
      last = message;
    }
    const lastAt = last ? last.sentAt : null;
    let turn = 'resting';
    let turnSince = null;
    if (last && !last.fromMe) {
      turn = 'mine';
      turnSince = lastAt;
    } else if (last) {
      const due = new Date(Date.parse(lastAt));
      due.setDate(due.getDate() + 3);
      if (due.getTime() <= now) {
        turn = 'follow-up';
        turnSince = due.toISOString();
      } else {
        turn = 'theirs';
        turnSince = lastAt;
      }
    }
    const firstSeenAt = messageRows[messageRows.length - count]?.sentAt ?? iso(start);
    const subject = site === 'gmail' ? `${SUBJECT[j % SUBJECT.length]} ${COMPANY[j % COMPANY.length]} ${j}` : undefined;
    convRows.push({
      id,
      site,
      threadId,
      url: site === 'gmail' ? `https://mail.google.com/mail/u/0/#all/${threadId}` : `https://www.linkedin.com/messaging/thread/${threadId}/`,
      ...(subject ? { subject } : {}),
      personIds: [personId],
      turn,
      turnSince,
      lastMessageAt: lastAt,
      lastFromMe: last ? last.fromMe : null,
      restingSince: null,
      firstSeenAt,
      updatedAt: lastAt ?? firstSeenAt,
      lastPersonId: last ? last.personId : null,
    });
    if (j % 25 === 0) {
      const dueAt = iso(now + (random() * 14 - 4) * DAY);
      pinRows.push({ id: `pin${j}`, conversationId: id, dueAt, createdAt: iso(now - 5 * DAY), done: false, doneAt: null, clearOnReply: false, notifiedAt: null, doneReason: null });
    }
  }

  const db = await new Promise((resolve, reject) => {
    const open = indexedDB.open('turnkeeper');
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
  const put = (store, rows) =>
    new Promise((resolve, reject) => {
      const tx = db.transaction(store, 'readwrite');
      const os = tx.objectStore(store);
      for (const row of rows) os.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  const indexRows = globalThis.turnkeeperSearchRowsFor({ messages: messageRows, notes: [], people: peopleRows, conversations: convRows });
  const CHUNK = 20_000;
  for (const [store, rows] of [['people', peopleRows], ['conversations', convRows], ['messages', messageRows], ['pins', pinRows], ['wordIndex', indexRows]]) {
    for (let i = 0; i < rows.length; i += CHUNK) await put(store, rows.slice(i, i + CHUNK));
  }
  db.close();
  return { people: peopleRows.length, conversations: convRows.length, messages: messageRows.length, pins: pinRows.length, wordIndex: indexRows.length };
}

/** Runs in the dashboard page: types each query a character at a time; returns each keystroke's time in ms. */
export async function typeQueries(queries) {
  const input = document.querySelector('[data-testid=search]');
  const times = [];
  const resultsFor = (q) => {
    const el = document.querySelector('[data-testid=search-results]');
    return el && el.getAttribute('data-query') === q;
  };
  const waitFor = (q) =>
    new Promise((resolve) => {
      if (resultsFor(q)) return resolve();
      const observer = new MutationObserver(() => {
        if (resultsFor(q)) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-query'] });
    });
  for (const query of queries) {
    for (let n = 1; n <= query.length; n++) {
      const text = query.slice(0, n);
      if (text.endsWith(' ')) continue;
      const start = performance.now();
      input.value = text;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      // The dashboard searches from the second letter (one letter of a spaced script matches everything).
      if (text.trim().length < 2) continue;
      await waitFor(text.trim());
      times.push(performance.now() - start);
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
    }
    input.value = '';
    input.dispatchEvent(new Event('input', { bubbles: true }));
    await new Promise((r) => setTimeout(r, 50));
  }
  return times;
}

const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};

async function firstRender(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  await page.waitForSelector('html[data-ready=true]', { timeout: 120_000 });
  const ms = await page.evaluate(() => performance.getEntriesByName('turnkeeper:first-render')[0]?.startTime ?? NaN);
  return { page, ms };
}

/**
 * @param {{ context: import('playwright-core').BrowserContext, extensionUrl: (path: string) => string }} session
 * @param {{ people: number, conversations: number, messages: number }} size
 */
export async function measureDashboard(session, { people, conversations, messages }) {
  const url = session.extensionUrl(DASHBOARD);
  // Opening the dashboard once creates the database with its schema.
  const setup = await session.context.newPage();
  await setup.goto(url);
  await setup.waitForSelector('html[data-ready=true]');
  const fillStart = Date.now();
  // A string is evaluated through the DevTools protocol, which the extension page's CSP does not apply to.
  await setup.evaluate(await pageBundle('search-rows-in-page.ts'));
  const filled = await setup.evaluate(fillDatabase, { people, conversations, messages, now: Date.now() });
  const fillMs = Date.now() - fillStart;
  await setup.close();

  // First render: one warm-up load, then the median of five.
  const renders = [];
  let page;
  for (let i = 0; i < 6; i++) {
    const run = await firstRender(session.context, url);
    if (i > 0) renders.push(run.ms);
    if (i < 5) await run.page.close();
    else page = run.page;
  }
  const firstRenderMs = percentile(renders, 50);
  const rowsShown = await page.getByTestId('row').count();

  const queries = ['pricing', 'questionnaire', 'dana whitfield', 'onboarding thursday', 'acme', 'renewal discount', 'hubspot'];
  const times = await page.evaluate(typeQueries, queries);
  await page.close();
  return {
    firstRenderMs,
    firstRenderRunsMs: renders,
    searchP95Ms: percentile(times, 95),
    searchMedianMs: percentile(times, 50),
    searchMaxMs: Math.max(...times),
    keystrokes: times.length,
    rowsShown,
    filled,
    fillMs,
  };
}

// Alone: node test/bench/dashboard-bench.mjs [messages]
if (import.meta.url === `file://${process.argv[1]}`) {
  const { launchWithExtension } = await import('../e2e/browser.mjs');
  const messages = Number(process.argv[2] ?? 100_000);
  const session = await launchWithExtension();
  try {
    const figures = await measureDashboard(session, {
      people: Math.round(messages / 50),
      conversations: Math.round(messages / 10),
      messages,
    });
    console.log(JSON.stringify(figures, null, 2));
  } finally {
    await session.close();
  }
}
