// The lists bench's LinkedIn page (issue 15): https://www.linkedin.com/messaging/ with a conversation list of 100
// cards and the page's own script updating it the way lists-bench.mjs's Gmail inbox is updated (the same
// `turnkeeperBenchList` calls). Hand-written markup: the cards are demo-lists.mjs's (which follows the hand-written
// 2024–2026 conversation-card fixtures of test/fixtures/linkedin/lists/ and SITES.md), the conversations demo-pages.mjs's
// thread markup (2026-11 full-page thread). A tenth of the pool's cards are conversations whose threads the bench opens
// first (client-side navigation, as LinkedIn's app does), so the record knows them and chips are drawn on them. The
// list and the open conversation sit in one unlabelled <main class="scaffold-layout__main">, as in the dated fixture
// 2024-05-messaging-list-classic-en.html (the demo page keeps its list outside a role=main pane instead): the page
// watch then sees the list's changes as Gmail's does.
import { DANA, ME, linkedinConversationMarkup, linkedinThreadPath } from '../demo/demo-pages.mjs';
import { linkedinCard } from '../demo/demo-lists.mjs';

const HOUR = 3_600_000;
export const LINKEDIN_MESSAGING = 'https://www.linkedin.com/messaging/';

/** Conversation ids in LinkedIn's form (a UUID and "_100"); `kind` tells known (opened first) from unknown ones. */
const conversationId = (kind, n) => `${kind}0000000-0000-4000-8000-${String(n).padStart(12, '0')}_100`;

/** The known conversation k: six messages, Dana's and mine in turn, the last (mine) five hours ago. */
function knownConversation(k, now) {
  return {
    conversationId: conversationId('a', k),
    with: DANA,
    events: Array.from({ length: 6 }, (_, j) => ({
      from: j % 2 ? ME : DANA,
      at: new Date(now.getTime() - (10 - j) * HOUR),
      text: `Conversation ${k} message ${j}: notes on the pilot, pricing and the security review.`,
    })),
  };
}

function poolCards(known, pool, now) {
  return Array.from({ length: pool }, (_, i) => {
    if (i % 10 === 0) {
      const conversation = known[i / 10];
      const last = conversation.events.at(-1);
      return { href: linkedinThreadPath(conversation), names: [DANA.name], prefix: 'You', text: last.text, at: last.at, unread: false };
    }
    return {
      href: linkedinThreadPath({ conversationId: conversationId('b', i) }),
      names: [`Contact ${i}`],
      prefix: `Contact`,
      text: `Hello, here is the update you asked for, with the figures for region ${i}.`,
      at: new Date(now.getTime() - (i + 1) * HOUR),
      unread: i % 7 === 0,
    };
  });
}

/**
 * The page: the known conversations' threads (shown by path), the list of `shown` cards, every card of the pool
 * for the page's script to recycle cards with, and that script.
 * @returns {{ body: string, knownPaths: string[] }}
 */
export function linkedinListBenchPage(now, knownCount, shown) {
  const known = Array.from({ length: knownCount }, (_, k) => knownConversation(k, now));
  const cards = poolCards(known, knownCount * 10, now).map((card) => linkedinCard(card, now));
  const list = `<ul class="list-style-none msg-conversations-container__conversations-list" aria-label="Conversation List">${cards.slice(0, shown).join('')}</ul>`;
  const threads = known.map((c) => `<template data-path="${linkedinThreadPath(c)}">${linkedinConversationMarkup(c, now)}</template>`).join('\n');
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Messaging | LinkedIn</title>
<style>body{margin:0;font:14px system-ui,sans-serif}.layout{display:flex;margin:16px}.msg-conversations-container{width:280px;height:640px;overflow:auto}
.msg-conversations-container ul{list-style:none;margin:0;padding:0}.msg-conversation-listitem a{display:block;padding:12px;color:inherit;text-decoration:none;border-bottom:1px solid #eee}
.msg-conversation-card__title-row{display:flex;justify-content:space-between}.msg-conversation-card__message-snippet{margin:0;overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:200px}.scaffold-layout__detail{flex:1;padding:12px}</style></head>
<body><header><a class="global-nav__me" href="https://www.linkedin.com/in/${ME.profile}/">Me</a></header>
<main class="scaffold-layout__main"><div class="layout"><aside class="msg-conversations-container">${list}</aside><section class="scaffold-layout__detail"></section></div></main>
${threads}
<template data-list>${list}</template>
<template data-pool><ul>${cards.join('')}</ul></template>
<script>
  // LinkedIn's app, as far as the bench needs it: client-side navigation between conversations, and the list's own
  // updates as virtualised lists do them: cards recycled (the element kept, its content replaced), the list shown
  // anew, the top cards moved to the bottom on scroll.
  function show() {
    var template = document.querySelector('template[data-path="' + location.pathname + '"]');
    document.querySelector('.scaffold-layout__detail').replaceChildren(template ? template.content.cloneNode(true) : '');
  }
  window.turnkeeperBenchOpen = function (path) { history.pushState(null, '', path); show(); };
  (function () {
    var pool = Array.prototype.slice.call(document.querySelector('template[data-pool]').content.querySelectorAll('li'));
    var offset = 0;
    var fill = function (li, i) {
      var source = pool[i % pool.length];
      li.className = source.className;
      li.replaceChildren.apply(li, Array.prototype.slice.call(source.cloneNode(true).childNodes));
    };
    var rows = function (root) { return Array.prototype.slice.call((root || document).querySelectorAll('li.msg-conversation-listitem')); };
    var pane = function () { return document.querySelector('.msg-conversations-container'); };
    window.turnkeeperBenchList = {
      recycle: function (by) { offset += by; rows().forEach(function (li, i) { fill(li, offset + i); }); },
      rerender: function () { rows().forEach(function (li, i) { fill(li, offset + i); }); },
      firstShow: function (by) {
        offset += by;
        var list = document.querySelector('template[data-list]').content.cloneNode(true);
        rows(list).forEach(function (li, i) { fill(li, offset + i); });
        pane().replaceChildren(list);
      },
      scroll: function (by) {
        var ul = pane().querySelector('ul');
        for (var k = 0; k < by; k++) { var li = ul.firstElementChild; fill(li, offset + ${shown} + k); ul.append(li); }
        offset += by;
        pane().scrollTop = (pane().scrollTop + 120) % 1200;
      },
      idle: function () {},
      reset: function () { offset = 0; rows().forEach(function (li, i) { fill(li, i); }); },
    };
  })();
  addEventListener('popstate', show);
  show();
</script></body></html>`;
  return { body, knownPaths: known.map((c) => linkedinThreadPath(c)) };
}
