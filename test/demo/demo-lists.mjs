// The demo's lists: Gmail's inbox thread list (shown at https://mail.google.com/mail/u/0/#inbox when no thread is
// open) and LinkedIn's conversation list (beside every LinkedIn page, https://www.linkedin.com/messaging/ among
// them), holding rows of the demo's conversations and one row of a conversation Turnkeeper never saw. Markup follows
// SITES.md (2026 thread-list rows, 2024–2026 conversation cards) as the hand-written fixtures under
// test/fixtures/*/lists/ do. Times come from the demo's `now`, written in the demo's `timeZone` (the browser's; the
// machine's when left out) as demo-pages.mjs writes them; the conversations come from demo-pages.mjs.

const escapeHtml = (text) =>
  String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const localeString = (date, options, timeZone) => date.toLocaleString('en-US', { ...options, timeZone });
/** The calendar day of `date` in `timeZone`, as a whole number of days (for "today", "this week"). */
const dayNumber = (date, timeZone) => {
  const [month, day, year] = localeString(date, { year: 'numeric', month: 'numeric', day: 'numeric' }, timeZone).split('/').map(Number);
  return Date.UTC(year, month - 1, day) / DAY;
};
const clock = (date, timeZone) => localeString(date, { hour: 'numeric', minute: '2-digit', hour12: true }, timeZone);

/** Gmail's title on a row's date: "Tue, Nov 3, 2026, 9:12 AM". */
export function gmailRowTitle(date, timeZone) {
  const day = localeString(date, { weekday: 'short', month: 'short', day: 'numeric' }, timeZone);
  return `${day}, ${localeString(date, { year: 'numeric' }, timeZone)}, ${clock(date, timeZone)}`;
}
/** What a row shows: the time today, else "Nov 3". */
const gmailRowShort = (date, now, timeZone) =>
  dayNumber(date, timeZone) === dayNumber(now, timeZone)
    ? clock(date, timeZone)
    : localeString(date, { month: 'short', day: 'numeric' }, timeZone);

function gmailListPerson(person, me, unread) {
  const label = person.email === me.email ? 'me' : person.name;
  return `<span class="bA4"><span translate="no" class="${unread ? 'zF' : 'yP'}" email="${escapeHtml(person.email)}" name="${escapeHtml(label)}" data-hovercard-id="${escapeHtml(person.email)}">${escapeHtml(label)}</span></span>`;
}

/**
 * One inbox row. `row`: { id (the hash id), legacy, lastLegacy, subject, snippet, people, at, unread }.
 * The subject links to the thread, as Gmail's row opens it on a click.
 */
export function gmailListRow(row, now, me, timeZone) {
  const snippet = row.snippet.replace(/\s+/g, ' ').slice(0, 110);
  return `<tr class="zA ${row.unread ? 'zE' : 'yO'}" role="row" tabindex="-1"><td class="PF xY PE"></td>
<td class="yX xY" role="gridcell"><div class="afn">${escapeHtml(row.people.map((p) => p.name).join(', '))}, ${escapeHtml(row.subject)}</div><div class="yW">${row.people.map((p) => gmailListPerson(p, me, row.unread)).join(', ')}</div></td>
<td class="xY a4W" role="gridcell"><div class="xS"><div class="xT"><div class="y6"><span class="bog"><a href="#inbox/${escapeHtml(row.id)}"><span data-thread-id="#thread-f:${BigInt('0x' + row.legacy)}" data-legacy-thread-id="${row.legacy}" data-legacy-last-message-id="${row.lastLegacy}">${escapeHtml(row.subject)}</span></a></span></div><span class="y2"> - ${escapeHtml(snippet)}</span></div></div></td>
<td class="xW xY" role="gridcell"><span title="${escapeHtml(gmailRowTitle(row.at, timeZone))}" aria-label="${escapeHtml(gmailRowShort(row.at, now, timeZone))}"><span>${escapeHtml(gmailRowShort(row.at, now, timeZone))}</span></span></td></tr>`;
}

/** The rows of the demo's Gmail threads (newest first, read: the demo shows them opened) and an unknown one. */
export function gmailInboxRows(threads, now, me) {
  const rows = threads.map((t) => {
    const last = t.messages.at(-1);
    const people = [...new Map(t.messages.map((m) => [m.from.email, m.from])).values()];
    return { id: t.id, legacy: t.legacy, lastLegacy: last.legacyId, subject: t.subject, snippet: last.text, people, at: last.at, unread: false };
  });
  rows.push({
    id: 'FMfcgzDemoItNotice',
    legacy: '19a0c0ffee000009',
    lastLegacy: '19a0c0ffee0000d1',
    subject: 'Your password expires in 5 days',
    snippet: 'Northwind IT: choose a new password before it expires.',
    people: [{ name: 'Northwind IT', email: 'it@northwind.example' }],
    at: new Date(now.getTime() - 3 * HOUR),
    unread: false,
  });
  return rows.sort((a, b) => b.at - a.at);
}

/**
 * Gmail's inbox thread list, default density, no reading pane. `listRows` (the benchmark's 100-row list) replaces
 * the demo's rows ({@link gmailInboxRows}) when given.
 */
export function gmailInboxListMarkup(threads, now, me, timeZone, listRows = gmailInboxRows(threads, now, me)) {
  const rows = listRows.map((row) => gmailListRow(row, now, me, timeZone)).join('\n');
  // Gmail's look, roughly: one line per thread, the accessibility summary (.afn) visually hidden.
  const style = `<style>.afn{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
table.F{width:100%;max-width:880px}tr.zA td{padding:8px;border-bottom:1px solid #e5e5e5;white-space:nowrap}tr.yO{background:#f2f6fc}
tr.zE{font-weight:bold}td.yX{width:170px;overflow:hidden;text-overflow:ellipsis;max-width:170px}.xT{display:flex;align-items:center;gap:4px;overflow:hidden}
.y6{display:flex;align-items:center}.bog a{color:#202124;text-decoration:none}.y2{color:#5f6368;font-weight:normal;overflow:hidden;text-overflow:ellipsis;max-width:360px}td.xW{text-align:right;font-size:12px}</style>`;
  return `${style}<div class="ae4 UI" gh="tl"><div class="Cp"><table cellpadding="0" class="F cf zt" role="grid"><tbody>
${rows}
</tbody></table></div></div>`;
}

// ── LinkedIn ──────────────────────────────────────────────────────────────────

/** What a card shows for its time: the time today, the weekday this week, else "Nov 21". */
function cardTime(date, now, timeZone) {
  const days = dayNumber(now, timeZone) - dayNumber(date, timeZone);
  if (days === 0) return clock(date, timeZone);
  if (days < 7) return localeString(date, { weekday: 'short' }, timeZone);
  return localeString(date, { month: 'short', day: 'numeric' }, timeZone);
}

/** One conversation card. `card`: { href, names, prefix, text, at, unread }. */
export function linkedinCard(card, now, timeZone) {
  const snippet = `${card.prefix ? `${escapeHtml(card.prefix)}: ` : ''}${escapeHtml(card.text)}`;
  return `<li class="msg-conversation-listitem msg-conversations-container__convo-item"><div class="msg-conversation-card${card.unread ? ' msg-conversation-card--unread' : ''}"><a href="${card.href}" class="msg-conversation-listitem__link"><div class="msg-conversation-card__content--selectable"><div class="msg-conversation-card__rows">
<div class="msg-conversation-card__row msg-conversation-card__title-row"><h3 class="msg-conversation-listitem__participant-names">${escapeHtml(card.names.join(', '))}</h3><time class="msg-conversation-listitem__time-stamp">${escapeHtml(cardTime(card.at, now, timeZone))}</time></div>
<div class="msg-conversation-card__row msg-conversation-card__body-row"><div class="msg-conversation-card__message-snippet-container"><p class="msg-conversation-card__message-snippet">${snippet}</p></div></div>
</div></div></a></div></li>`;
}

/** The cards of the demo's LinkedIn conversations (newest first) and one of a conversation Turnkeeper never saw. */
export function linkedinCards(conversations, now, me, threadPath) {
  const cards = conversations.map((c) => {
    const last = c.events.at(-1);
    const mine = last.from === me;
    return {
      href: threadPath(c),
      names: [c.with.name],
      prefix: mine ? 'You' : c.with.name.split(' ')[0],
      text: last.shared ? `${last.shared.author} shared a post` : last.text,
      at: last.at,
      unread: false,
    };
  });
  cards.push({
    href: threadPath({ conversationId: '5e8a3b11-0f2c-4d7e-a1b9-7c3d2e1f0a99_100' }),
    names: ['Lena Novak'],
    prefix: 'Lena',
    text: 'Thanks for the article, very useful!',
    at: new Date(now.getTime() - 6 * HOUR),
    unread: false,
  });
  return cards.sort((a, b) => b.at - a.at);
}

/** LinkedIn's conversation list (the messaging page's left column). */
export function linkedinListMarkup(conversations, now, me, threadPath, timeZone) {
  const cards = linkedinCards(conversations, now, me, threadPath).map((card) => linkedinCard(card, now, timeZone)).join('\n');
  // LinkedIn's look, roughly: name and time on one line, then the snippet (the chip goes before it).
  const style = `<style>.msg-conversation-card__title-row{display:flex;justify-content:space-between;align-items:baseline;gap:8px}
.msg-conversation-listitem__participant-names{font-size:14px;margin:0}.msg-conversation-listitem__time-stamp{font-size:12px;color:#666}
.msg-conversation-card__body-row{display:flex;align-items:center;margin-top:4px}.msg-conversation-card__message-snippet{margin:0;font-size:13px;color:#555;
overflow:hidden;text-overflow:ellipsis;white-space:nowrap;max-width:200px}</style>`;
  return `${style}<ul class="list-style-none msg-conversations-container__conversations-list" aria-label="Conversation List">
${cards}
</ul>`;
}
