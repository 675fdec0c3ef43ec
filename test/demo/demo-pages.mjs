// The offline demo: a small Gmail and a small LinkedIn, with one sample buyer (Dana Whitfield of Acme) and two other
// contacts, served at the real sites' URLs so the built extension runs on them exactly as on the real sites.
// Markup follows docs/sites.md (2026 layouts). Times are computed from `now` so the turn states read naturally
// ("Dana wrote yesterday") whenever the demo runs. Messages more than a day old are placed on a local calendar day at
// a wall-clock time ("yesterday at 10:15", "4 days ago at 11:30"), never a fixed number of hours back, so their words
// read the same at any time of day (26 hours back is "yesterday" at 03:00 but "2 days ago" at 01:00). The reply the
// sidebar counts "no answer for 6 days" from, in whole days elapsed, is at midnight, so that count agrees with the
// calendar's "6 days ago" whatever the hour. `timeZone` (an IANA name; the machine's zone when left out) is the zone
// the browser runs in: dates are written in it, as the real sites write them. Like the real sites, each is a
// single-page app: the page's own script swaps the open thread on navigation, without reloading.
//
// Used by `npm start` (test/demo/run-demo.mjs), the end-to-end tests and the benchmark.

import { gmailInboxListMarkup, linkedinListMarkup } from './demo-lists.mjs';

export const ME = { name: 'Sam Carter', email: 'sam@northwind.example', profile: 'sam-carter-northwind' };
export const DANA = { name: 'Dana Whitfield', email: 'dana@acme.example', member: 'ACoAABdanaW1', slug: 'dana-whitfield' };
const PRIYA = { name: 'Priya Raman', email: 'priya@globex.example' };
const MARCO = { name: 'Marco Rossi', member: 'ACoAACmarcoR2', slug: 'marco-rossi' };

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** The wall clock of `date` in `timeZone`: { year, month (1-12), day, hour, minute }. */
export function wallClock(date, timeZone) {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric',
  }).formatToParts(date);
  const part = (type) => Number(parts.find((p) => p.type === type).value);
  return { year: part('year'), month: part('month'), day: part('day'), hour: part('hour'), minute: part('minute') };
}

/** The instant at which the wall clock in `timeZone` reads the given day (overflowing days roll over) and time. */
function atWallClock({ year, month, day, hour, minute }, timeZone) {
  const asIfUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetAt = (t) => {
    const w = wallClock(new Date(t), timeZone);
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) - Math.floor(t / 60_000) * 60_000;
  };
  // Twice: the zone's offset at the first guess may differ from the offset at the answer (a daylight-saving change).
  const guess = asIfUtc - offsetAt(asIfUtc);
  return new Date(asIfUtc - offsetAt(guess));
}

/** Times of the demo relative to `now`: `ago(ms)` for the last hours, `daysAgoAt(n, '9:30')` for earlier days. */
function demoTimes(now, timeZone) {
  const today = wallClock(now, timeZone);
  return {
    ago: (msAgo) => new Date(now.getTime() - msAgo),
    daysAgoAt: (days, time) => {
      const [hour, minute] = time.split(':').map(Number);
      return atWallClock({ ...today, day: today.day - days, hour, minute }, timeZone);
    },
  };
}

const localeString = (date, options, timeZone) => date.toLocaleString('en-US', { ...options, timeZone });

function gmailTitleDate(date, timeZone) {
  // Gmail's English title format: "Nov 21, 2026, 3:04 PM"
  const month = localeString(date, { month: 'short' }, timeZone);
  const time = localeString(date, { hour: 'numeric', minute: '2-digit', hour12: true }, timeZone);
  const { day, year } = wallClock(date, timeZone);
  return `${month} ${day}, ${year}, ${time}`;
}

/** The Gmail threads of the demo; `id` is the hash id, `legacy` the 16-hex thread id Gmail puts on the subject. */
export function gmailThreads(now, timeZone) {
  const { ago, daysAgoAt } = demoTimes(now, timeZone);
  return [
    {
      id: 'FMfcgzDemoAcmePilot',
      legacy: '19a0c0ffee000001',
      subject: 'Pilot pricing for Acme',
      messages: [
        { legacyId: '19a0c0ffee0000a1', from: ME, to: [DANA], cc: [], at: daysAgoAt(5, '16:40'), collapsed: true,
          text: 'Hi Dana,\nAs promised, here is the pilot proposal: 25 seats for 60 days, onboarding included.\nBest,\nSam' },
        { legacyId: '19a0c0ffee0000a2', from: DANA, to: [ME], cc: [PRIYA], at: daysAgoAt(1, '10:15'),
          text: 'Hi Sam,\nThanks for the proposal. Could you send the pricing for 40 seats, and does the pilot include SSO?\nDana' },
      ],
    },
    {
      id: 'FMfcgzDemoAcmeSecurity',
      legacy: '19a0c0ffee000002',
      subject: 'Security questionnaire',
      messages: [
        { legacyId: '19a0c0ffee0000b1', from: DANA, to: [ME], cc: [], at: daysAgoAt(9, '14:00'),
          text: 'Sam, our security team needs the questionnaire filled in before we sign.' },
        { legacyId: '19a0c0ffee0000b2', from: ME, to: [DANA], cc: [], at: daysAgoAt(6, '0:00'),
          text: 'Done: the completed questionnaire is attached. Let me know if anything is missing.' },
      ],
    },
    {
      id: 'FMfcgzDemoGlobexIntro',
      legacy: '19a0c0ffee000003',
      subject: 'Intro: Northwind <> Globex',
      messages: [
        { legacyId: '19a0c0ffee0000c1', from: ME, to: [PRIYA], cc: [], at: ago(20 * HOUR),
          text: 'Hi Priya, Dana suggested I reach out. Would a 20-minute call next week work?' },
      ],
    },
  ];
}

function gmailPerson(tag, person, label) {
  return `<span class="${tag}" email="${escapeHtml(person.email)}" name="${escapeHtml(label ?? person.name)}" data-hovercard-id="${escapeHtml(person.email)}"><span>${escapeHtml(label ?? person.name)}</span></span>`;
}

function gmailMessage(message, index, timeZone) {
  const me = message.from === ME;
  const title = gmailTitleDate(message.at, timeZone);
  const sender = gmailPerson('gD', message.from, me ? ME.name : undefined);
  if (message.collapsed) {
    return `<div class="kv" role="listitem"><div class="adf ads" data-legacy-message-id="${message.legacyId}">
      <div class="gE hI">${sender}<span class="g3" title="${escapeHtml(title)}">${escapeHtml(title)}</span>
      <div class="iA g6">${escapeHtml(message.text.replace(/\n/g, ' ').slice(0, 120))}</div></div></div></div>`;
  }
  const recipients = [
    ...message.to.map((p) => gmailPerson('g2', p, p === ME ? 'me' : undefined)),
    ...message.cc.map((p) => gmailPerson('g2', p)),
  ].join(', ');
  const body = message.text.split('\n').map((line) => `<div>${escapeHtml(line) || '<br>'}</div>`).join('');
  return `<div class="adn ads" data-message-id="#msg-f:17${String(index).padStart(17, '0')}" data-legacy-message-id="${message.legacyId}">
    <div class="gs"><div class="gE iv gt"><table cellpadding="0" class="cf gJ"><tbody><tr class="acZ">
      <td class="gF gK"><table cellpadding="0" class="cf ix"><tbody><tr><td class="c2"><h3 class="iw">
        <span class="qu" role="gridcell" tabindex="-1">${sender} <span class="go"><span aria-hidden="true">&lt;</span>${escapeHtml(message.from.email)}<span aria-hidden="true">&gt;</span></span></span>
      </h3></td></tr></tbody></table></td>
      <td class="gH"><div class="gK"><span class="g3" title="${escapeHtml(title)}" role="gridcell" tabindex="-1">${escapeHtml(title)}</span></div></td>
    </tr><tr class="acZ xo"><td colspan="2"><div class="iw ajw"><span class="hb">to ${recipients}</span></div></td></tr></tbody></table></div>
    <div class="ii gt"><div class="a3s aiL"><div dir="ltr">${body}</div></div></div></div></div>`;
}

export function gmailThreadMarkup(thread, timeZone) {
  return `<div class="nH"><h2 class="hP" data-legacy-thread-id="${thread.legacy}" data-thread-perm-id="thread-f:${BigInt('0x' + thread.legacy)}">${escapeHtml(thread.subject)}</h2>
    <div role="list">${thread.messages.map((message, index) => gmailMessage(message, index, timeZone)).join('\n')}</div></div>`;
}

/**
 * One Gmail document for every mail.google.com URL; its script shows the thread named in the hash.
 * @param {Date} [now]
 * @param {string} [timeZone]
 */
export function gmailDemoPage(now = new Date(), timeZone) {
  const threads = gmailThreads(now, timeZone);
  const templates = threads
    .map((t) => `<template data-thread="${t.id}">${gmailThreadMarkup(t, timeZone)}</template>`)
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Inbox (2) - ${ME.email} - Gmail</title>
<style>body{margin:0;font:14px Arial,sans-serif}header{height:48px;display:flex;align-items:center;justify-content:space-between;padding:0 16px;border-bottom:1px solid #ddd}
[role=main]{padding:16px 24px}.hP{font-size:22px;font-weight:400}.adn,.adf{border-bottom:1px solid #eee;padding:12px 0}.gD{font-weight:bold}.g3{color:#555;font-size:12px}.iA{color:#666}table{border-collapse:collapse}td{padding:2px 8px}</style></head>
<body><header><strong>Gmail (Turnkeeper demo)</strong><a aria-label="Google Account: ${ME.name} (${ME.email})" href="https://accounts.google.com/SignOutOptions">${ME.name[0]}</a></header>
<div class="nH"><div role="navigation"><a href="#inbox">Inbox</a> · <a href="#sent">Sent</a></div><div role="main" class="nH"></div></div>
${templates}
<template data-inbox>${gmailInboxListMarkup(threads, now, ME, timeZone) /* the list: demo-lists.mjs */}</template>
<script>
  // The demo's stand-in for Gmail's own app: render the thread named by the hash, or the inbox.
  function show() {
    var id = location.hash.split('/').pop();
    var main = document.querySelector('[role=main]');
    var template = document.querySelector('template[data-thread="' + id + '"]') || document.querySelector('template[data-inbox]');
    main.replaceChildren(template.content.cloneNode(true));
    var subject = main.querySelector('h2.hP');
    document.title = (subject ? subject.textContent : 'Inbox (2)') + ' - ${ME.email} - Gmail';
  }
  addEventListener('hashchange', show);
  show();
</script></body></html>`;
}

// ── LinkedIn ──────────────────────────────────────────────────────────────────

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64');

export function linkedinConversations(now, timeZone) {
  const { daysAgoAt } = demoTimes(now, timeZone);
  return [
    {
      conversationId: '3f6c2a10-7d1e-4b8a-9c55-0e2f4d6a8b11_100',
      with: DANA,
      events: [
        { from: DANA, at: daysAgoAt(3, '15:10'), text: 'Great to meet you at the SaaS summit, Sam! Let us keep in touch.' },
        { from: ME, at: daysAgoAt(3, '16:05'), text: 'Likewise, Dana. I will send the pilot details by email.' },
        { from: DANA, at: daysAgoAt(2, '9:00'), text: 'Thanks. Sharing this in case it helps your proposal.' },
        { from: DANA, at: daysAgoAt(2, '9:01'), shared: { author: 'Acme Engineering', title: 'How we roll out new tools' } },
      ],
    },
    {
      conversationId: '9b1d7e22-1c3a-4f6e-8d20-5a7c9e0b2d44_100',
      with: MARCO,
      events: [
        { from: ME, at: daysAgoAt(4, '11:30'), text: 'Hi Marco, thanks for connecting. Is pipeline tooling on your roadmap this quarter?' },
      ],
    },
  ];
}

export const linkedinThreadPath = (conversation) => `/messaging/thread/2-${b64(conversation.conversationId)}/`;

function linkedinDayHeading(date, now, timeZone) {
  const dayNumber = (d) => {
    const w = wallClock(d, timeZone);
    return Date.UTC(w.year, w.month - 1, w.day) / DAY;
  };
  const days = dayNumber(now) - dayNumber(date);
  if (days === 0) return 'Today';
  if (days < 7) return localeString(date, { weekday: 'long' }, timeZone);
  return localeString(date, { month: 'short', day: 'numeric' }, timeZone);
}

function linkedinItems(conversation, now, timeZone) {
  let lastHeading = '';
  let lastSender = null;
  const items = conversation.events.map((event, index) => {
    const heading = linkedinDayHeading(event.at, now, timeZone);
    const time = localeString(event.at, { hour: 'numeric', minute: '2-digit', hour12: true }, timeZone);
    const sender = event.from === ME ? { name: ME.name, member: 'ACoAAAsamC0', slug: ME.profile } : event.from;
    const urn = `urn:li:msg_message:(urn:li:fsd_profile:${sender.member},2-${b64(`${event.at.getTime()}${String(index).padStart(3, '0')}&${conversation.conversationId}`)})`;
    const startsGroup = heading !== lastHeading || lastSender !== event.from;
    let html = '';
    if (heading !== lastHeading) html += `<li class="msg-s-message-list__time-heading-container"><time class="msg-s-message-list__time-heading t-12">${heading}</time></li>`;
    lastHeading = heading;
    lastSender = event.from;
    const meta = startsGroup
      ? `<div class="msg-s-message-group__meta"><a class="msg-s-message-group__profile-link" href="https://www.linkedin.com/in/${sender.member}"><span class="msg-s-message-group__name t-14 t-bold">${escapeHtml(sender.name)}</span></a>
         <time class="msg-s-message-group__timestamp">${time}</time></div>
         <a class="msg-s-event-listitem__link" href="https://www.linkedin.com/in/${sender.member}"><img class="msg-s-event-listitem__profile-picture" alt="${escapeHtml(sender.name)}" src="data:image/gif;base64,R0lGODlhAQABAAAAACw="></a>
         <span class="msg-s-event-listitem--group-a11y-heading visually-hidden">${escapeHtml(sender.name)} sent the following messages at ${time}</span>`
      : '';
    const content = event.shared
      ? `<div class="msg-s-event-listitem__content-preview-container"><div class="feed-mini-update-contextual-description"><span class="feed-mini-update-actor__name">${escapeHtml(event.shared.author)}</span></div><p>${escapeHtml(event.shared.title)}</p></div>`
      : `<div class="msg-s-event-listitem__message-bubble"><p class="msg-s-event-listitem__body t-14">${escapeHtml(event.text)}</p></div>`;
    html += `<li class="msg-s-message-list__event">${meta}<div class="msg-s-event-listitem${event.from === ME ? '' : ' msg-s-event-listitem--other'}" data-event-urn="${escapeHtml(urn)}" data-view-name="message-list-item">${content}</div></li>`;
    return html;
  });
  return items.join('\n');
}

export function linkedinConversationMarkup(conversation, now, timeZone) {
  return `<div class="msg-thread"><div class="msg-title-bar"><h2 id="thread-detail-jump-target" class="msg-entity-lockup__entity-title">${escapeHtml(conversation.with.name)}</h2>
      <a class="msg-thread__link-to-profile" href="https://www.linkedin.com/in/${conversation.with.slug}/">Profile</a></div>
    <div class="msg-s-message-list"><ul class="msg-s-message-list-content list-style-none">${linkedinItems(conversation, now, timeZone)}</ul></div>
    <div class="msg-form"><div class="msg-form__contenteditable" contenteditable="true" role="textbox" aria-label="Write a message…"></div></div></div>`;
}

/** The feed with an overlay bubble open on a conversation, as LinkedIn docks them at the bottom of every page. */
function linkedinFeedWithBubble(conversation, now, timeZone) {
  return `<section class="feed"><p>Feed: posts from your network.</p></section>
    <aside class="msg-overlay-container"><div class="msg-overlay-conversation-bubble" role="dialog">
      <header class="msg-overlay-bubble-header"><h2 class="msg-overlay-bubble-header__title"><a href="${linkedinThreadPath(conversation)}">${escapeHtml(conversation.with.name)}</a></h2></header>
      <div class="msg-s-message-list"><ul class="msg-s-message-list-content list-style-none">${linkedinItems(conversation, now, timeZone)}</ul></div>
    </div></aside>`;
}

/**
 * One LinkedIn document for every www.linkedin.com URL; its script shows the conversation named in the path.
 * @param {Date} [now]
 * @param {string} [timeZone]
 */
export function linkedinDemoPage(now = new Date(), timeZone) {
  const conversations = linkedinConversations(now, timeZone);
  const templates = conversations
    .map((c) => `<template data-path="${linkedinThreadPath(c)}">${linkedinConversationMarkup(c, now, timeZone)}</template>`)
    .join('\n') + `<template data-path="/feed/">${linkedinFeedWithBubble(conversations[0], now, timeZone)}</template>`;
  const list = linkedinListMarkup(conversations, now, ME, linkedinThreadPath, timeZone); // the list: demo-lists.mjs
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Messaging | LinkedIn</title>
<style>body{margin:0;font:14px -apple-system,system-ui,sans-serif;background:#f4f2ee}header{height:52px;background:#fff;border-bottom:1px solid #ddd;display:flex;align-items:center;padding:0 24px}
.layout{display:flex;gap:0;margin:16px;background:#fff;border:1px solid #ddd;border-radius:8px;min-height:70vh}.msg-conversations-container{width:280px;border-right:1px solid #ddd}
.msg-conversations-container ul{list-style:none;margin:0;padding:0}.msg-conversation-listitem a{display:block;padding:12px;color:inherit;text-decoration:none;border-bottom:1px solid #eee}
main{flex:1;padding:12px 16px}.list-style-none{list-style:none;padding:0}.msg-s-message-list__time-heading{display:block;text-align:center;color:#666;font-size:12px;margin:8px}
.msg-s-message-group__meta{font-weight:600}.msg-s-message-group__timestamp{color:#666;font-weight:400;margin-left:6px}.visually-hidden{position:absolute;clip:rect(0 0 0 0)}
.msg-s-event-listitem__profile-picture{display:none}.msg-s-event-listitem__body{margin:4px 0}.msg-s-event-listitem__content-preview-container{border:1px solid #ddd;border-radius:6px;padding:8px;margin:4px 0}
.msg-form__contenteditable{border:1px solid #ccc;border-radius:6px;min-height:40px;margin-top:12px;padding:8px}
.msg-overlay-conversation-bubble{position:fixed;bottom:0;right:380px;width:320px;max-height:400px;overflow:auto;background:#fff;border:1px solid #ccc;border-radius:8px 8px 0 0;padding:8px}</style></head>
<body><header><strong>LinkedIn (Turnkeeper demo)</strong>&nbsp;·&nbsp;<a class="global-nav__me" href="https://www.linkedin.com/in/${ME.profile}/">Me</a></header>
<div class="layout"><aside class="msg-conversations-container">${list}</aside><main class="scaffold-layout__main" role="main"></main></div>
${templates}
<script>
  // The demo's stand-in for LinkedIn's own app: client-side navigation between conversations.
  function show() {
    var template = document.querySelector('template[data-path="' + location.pathname + '"]');
    document.querySelector('main').replaceChildren(template ? template.content.cloneNode(true) : '');
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a.msg-conversation-listitem__link');
    if (!link) return;
    event.preventDefault();
    history.pushState(null, '', link.getAttribute('href'));
    show();
  });
  addEventListener('popstate', show);
  show();
</script></body></html>`;
}

/**
 * Serves the demo at the real sites' URLs in a Playwright browser context; nothing goes to the network.
 * @param {any} context
 * @param {Date} [now]
 * @param {string} [timeZone]
 */
export async function routeDemoPages(context, now = new Date(), timeZone) {
  const gmail = gmailDemoPage(now, timeZone);
  const linkedin = linkedinDemoPage(now, timeZone);
  await context.route('https://mail.google.com/**', (route) =>
    route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: gmail }),
  );
  await context.route('https://www.linkedin.com/**', (route) =>
    route.request().resourceType() === 'document'
      ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: linkedin })
      : route.abort(),
  );
}

export const DEMO_URLS = {
  gmailInbox: 'https://mail.google.com/mail/u/0/#inbox',
  gmailThread: (id) => `https://mail.google.com/mail/u/0/#inbox/${id}`,
  linkedinThread: (conversation) => `https://www.linkedin.com${linkedinThreadPath(conversation)}`,
  linkedinFeed: 'https://www.linkedin.com/feed/',
};
