// Reads the Gmail thread open in a document into a ThreadSnapshot. Pure: reads only `doc` and `url`; no layout
// reads (no innerText, no getComputedStyle, no offset*); queries are scoped to the thread's container. Never throws:
// each message is read on its own, and what cannot be read is reported in `problems` in structural words only
// (never a name, subject or body).

import type { CapturedMessage, Person, ReadResult, ThreadSnapshot } from '../types';
import { attachmentOf, describeAttachment } from '../attachment';
import { decodeUrlToken, hash, hexId, jslogIds, syncId } from './ids';
import { messageParts, readAttachment } from './read-attachment';
import { parseTitleDate } from './parse-title-date';
import * as S from './selectors';
import { flat, keyText, plainText } from './text';

const EMAIL = /[\w.%+'-]+@[\w-]+(?:\.[\w-]+)+/g;

const attr = (el: Element | null | undefined, name: string) => (el && el.getAttribute(name)?.trim()) || '';
const NO_MARKUP = 'thread in URL, no thread markup (h2.hP, .adn, .adf)';
const errName = (e: unknown) => (e instanceof Error ? e.name : 'error');

/** Whether `el` is inside a message body below `root` (itself outside every body). One native `closest`, which is
 * cheaper than a walk up to `root` in script, then whether that body is below `root`. */
function inBody(el: Element, root: Element): boolean {
  const body = el.closest(S.BODY_AREA);
  return !!body && root.contains(body);
}

/** First match of `sel` under `root` that is not inside a message body: an email's own HTML can hold anything. The
 * header Gmail draws comes before the body, so the first match is almost always it: looked for alone, the search stops
 * there instead of walking the whole body (a long email is most of the message's nodes). */
function q(root: Element, sel: string): Element | null {
  const first = root.querySelector(sel);
  if (!first || !inBody(first, root)) return first;
  for (const el of root.querySelectorAll(sel)) if (!inBody(el, root)) return el;
  return null;
}

/** Hidden by an inline style or the `hidden` attribute on the element or an ancestor: an attribute read, not layout.
 * Gmail keeps the DOM of a thread the user has left; this keeps it from being read as the open one. */
function hidden(el: Element | null): boolean {
  for (; el; el = el.parentElement) {
    if (el.hasAttribute('hidden') || /display:\s*none/i.test(el.getAttribute('style') || '')) return true;
  }
  return false;
}

/** The thread part of the URL hash (`#inbox/FMfcgz…`, `#label/x/<id>`, `#search/q/<id>`, `#sent/<hex>`), or ''. */
function hashToken(url: URL): string {
  const parts = url.hash.replace(/^#/, '').split('?')[0]!.split('/');
  const last = parts.length > 1 ? parts[parts.length - 1]! : '';
  return /^[0-9a-f]{16}$/i.test(last) || decodeUrlToken(last) ? last : '';
}

/** The signed-in account's addresses: the last address in the title ("Subject - me@x.com - Gmail"; a subject can
 * hold addresses too, the account comes after it) and those in the account button's aria-label. */
function pageIdentities(doc: Document): string[] {
  const found = new Set<string>();
  const inTitle = (doc.title || '').match(EMAIL);
  if (inTitle) found.add(inTitle[inTitle.length - 1]!.toLowerCase());
  let n = 0;
  for (const el of doc.querySelectorAll(S.ACCOUNT)) {
    for (const e of attr(el, 'aria-label').match(EMAIL) || []) found.add(e.toLowerCase());
    if (++n >= 4) break;
  }
  return [...found];
}

export function readThreads(doc: Document, url: URL, _now: Date, myIdentities: readonly string[] = []): ReadResult {
  const problems: string[] = [];
  let emails: string[] = [];
  try {
    emails = pageIdentities(doc);
  } catch (e) {
    problems.push('signed-in address: unreadable (' + errName(e) + ')');
  }
  const me = new Set(emails);
  for (const id of myIdentities) if (id && id.includes('@')) me.add(id.trim().toLowerCase());
  const result: ReadResult = { threads: [], problems, me: { emails, profileUrls: [] } };
  try {
    const thread = readThread(doc, url, me, problems);
    if (thread) {
      result.threads.push(thread);
      if (!me.size) problems.push('no signed-in address (title, account button, settings)');
    }
  } catch (e) {
    problems.push('thread: unreadable (' + errName(e) + ')');
  }
  return result;
}

function readThread(doc: Document, url: URL, me: Set<string>, problems: string[]): ThreadSnapshot | null {
  const token = hashToken(url);
  const subjects = doc.querySelectorAll(S.SUBJECT);
  let h2: Element | null = null;
  for (const el of subjects) {
    if (!hidden(el)) {
      h2 = el;
      break;
    }
  }
  // Only a hidden (left) thread on the page: no thread is open.
  if (!h2 && subjects.length) return null;
  const main = (h2 && h2.closest(S.MAIN)) || doc.querySelector(S.MAIN) || doc.body;
  if (!main) {
    if (token) problems.push(NO_MARKUP);
    return null;
  }
  // The thread's own container: the nearest ancestor of the subject that also holds messages.
  let box: Element = main;
  for (let el = h2 && h2.parentElement; el && el !== main; el = el.parentElement) {
    if (el.querySelector(S.MESSAGE)) {
      box = el;
      break;
    }
  }

  const units: Element[] = [];
  for (const el of box.querySelectorAll(S.MESSAGE)) {
    if (el.parentElement && inBody(el.parentElement, box)) continue; // inside a message body
    if (!el.matches(S.MESSAGE_BLOCK) && el.querySelector(S.MESSAGE_BLOCK)) continue; // list item around .adn/.adf
    if (el.matches(S.HIDDEN_ITEM) && !el.querySelector(S.HAS_SENDER)) continue; // placeholder of a hidden message
    const prev = units[units.length - 1];
    if (prev && prev.contains(el)) continue;
    units.push(el);
  }

  if (!h2 && !units.length) {
    if (token) problems.push(NO_MARKUP);
    return null; // the inbox list, settings…: no thread open
  }
  if (!h2) problems.push('no subject (h2.hP)');

  const threadId =
    hexId(attr(h2, 'data-legacy-thread-id')) ||
    syncId(attr(h2, 'data-thread-perm-id'), 'thread') ||
    jslogThread(box) ||
    (token && (hexId(token) || syncId(decodeUrlToken(token), 'thread') || 'url:' + token)) ||
    // The reading pane opens a thread without a URL change: the list's selected row names it.
    hexId(attr(doc.querySelector(S.SELECTED_ROW_ID), 'data-legacy-thread-id'));
  if (!threadId) {
    problems.push('no thread id (h2.hP, jslog, URL)');
    return null;
  }
  if (!units.length) {
    problems.push('no messages (.adn, .adf, .kv)');
    return null;
  }

  const participants = new Map<string, Person>();
  const messages: CapturedMessage[] = [];
  const byId = new Map<string, number>();
  units.forEach((el, i) => {
    try {
      const m = readMessage(el, i + 1, me, participants, problems);
      if (!m) return;
      const at = byId.get(m.id);
      if (at === undefined) {
        byId.set(m.id, messages.push(m) - 1);
      } else if (m.id.startsWith('d:')) {
        // Same sender, time and text start, yet two elements: two messages (a repeated "OK"). Number them in page
        // order, which is stable between reads.
        let k = 2;
        while (byId.has(m.id + '~' + k)) k++;
        m.id += '~' + k;
        byId.set(m.id, messages.push(m) - 1);
      } else if (messages[at]!.partial && !m.partial) {
        messages[at] = m; // the page shows one message twice: keep the fuller one
      }
    } catch (e) {
      problems.push('message ' + (i + 1) + ': unreadable (' + errName(e) + ')');
    }
  });

  if (!messages.length) {
    problems.push('no message readable');
    return null;
  }

  // Messages behind the "N older messages" bar are not in the page: say how many, never count them as read.
  // A thread with nothing hidden (the usual one) is walked once for both marks, not once for each.
  const someHidden = !!box.querySelector(S.HIDDEN_COUNT + ',' + S.HIDDEN_ITEM);
  const count = someHidden && box.querySelector(S.HIDDEN_COUNT);
  const n = count ? parseInt((/\d+/.exec(count.textContent || '') || [''])[0], 10) : NaN;
  let hiddenMessageCount: number | undefined;
  if (n > 0) {
    hiddenMessageCount = n;
    problems.push('Gmail hides ' + n + ' older messages; open them to record them');
  } else if (someHidden && box.querySelector(S.HIDDEN_ITEM)) {
    hiddenMessageCount = 0;
    problems.push('Gmail hides older messages; open them to record them');
  }

  const subject = h2 ? flat(h2) : '';
  if (h2 && !subject) problems.push('empty subject (h2.hP)');
  const base = 'https://mail.google.com' + (url.pathname.startsWith('/mail/') ? url.pathname : '/mail/');
  const open = /^[0-9a-f]+$/.test(threadId) ? threadId : token;

  return {
    site: 'gmail',
    threadId,
    url: open ? base + '#all/' + open : base + url.hash.split('?')[0],
    ...(subject ? { subject } : {}),
    participants: [...participants.values()],
    messages,
    ...(hiddenMessageCount !== undefined ? { hiddenMessageCount } : {}),
  };
}

function jslogThread(box: Element): string {
  let n = 0;
  for (const el of box.querySelectorAll(S.JSLOG_THREAD)) {
    const id = jslogIds(attr(el, 'jslog'), 'thread');
    if (id) return id;
    if (++n >= S.JSLOG_MAX) break;
  }
  return '';
}

function person(email: string, name: string, me: Set<string>): Person {
  const p: Person = { name: name || email, isMe: !!email && me.has(email) };
  if (email) p.email = email;
  return p;
}

/** Adds or completes a participant. A sender's name wins over a recipient label (which may be a localised "me"). */
function meet(all: Map<string, Person>, p: Person, asSender: boolean) {
  const key = p.email || 'name:' + p.name;
  const had = all.get(key);
  if (!had) all.set(key, { ...p });
  else if (asSender && p.name !== p.email) had.name = p.name;
}

function readMessage(
  el: Element,
  n: number,
  me: Set<string>,
  participants: Map<string, Person>,
  problems: string[],
): CapturedMessage | null {
  const at = 'message ' + n + ': ';

  // Sender: the first selector that yields an address (in its email / data-hovercard-id / jid attribute or text).
  let email = '';
  for (let i = 0; !email && i < S.SENDER.length; i++) {
    const hit = q(el, S.SENDER[i]!);
    email = ((attr(hit, 'email') || attr(hit, 'data-hovercard-id') || attr(hit, 'jid') || flat(hit)).match(EMAIL) || [''])[0]!;
  }
  email = email.toLowerCase();
  const named = q(el, S.SENDER_NAME);
  const name = attr(named, 'name') || flat(named) || attr(q(el, S.AVATAR_NAME), 'data-name');
  if (!email && !name) {
    problems.push(at + 'no sender, skipped');
    return null;
  }
  if (!email) problems.push(at + 'no sender address');
  const from = person(email, name, me);
  const expanded = el.matches(S.EXPANDED);
  // An expanded header shows the sender's full name; a collapsed one may show a short or localised label.
  meet(participants, from, expanded);

  // Recipients (To, Cc) of an expanded message.
  for (const r of el.querySelectorAll(S.RECIPIENTS)) {
    const address = attr(r, 'email').toLowerCase();
    if (address && !inBody(r, el)) meet(participants, person(address, attr(r, 'name') || flat(r), me), false);
  }

  // Time: the title (or a fallback attribute that holds a date: it has a digit, unlike "Not starred").
  let title = '';
  for (let i = 0; !title && i < S.TIME.length; i++) {
    const [sel, name] = S.TIME[i]!;
    const v = attr(q(el, sel), name);
    if (i === 0 || /\d/.test(v)) title = v;
  }
  const sentAtText = title || flat(q(el, S.TIME_TEXT));
  const sentAt = parseTitleDate(sentAtText);
  if (!sentAtText) problems.push(at + 'no time');
  else if (!sentAt) problems.push(at + 'time not understood');

  // Text: the full body when expanded, the snippet when collapsed.
  let body: Element | null = null;
  for (const sel of S.BODY) if (!body && expanded) body = el.querySelector(sel);
  let text = body ? plainText(body) : '';
  // A body with no words (an attachment, an invitation, an inline image) is described, never left empty.
  const parts = expanded ? messageParts(el) : undefined;
  const found = parts && readAttachment(parts, body, text);
  const attachment = found && attachmentOf(found);
  if (!text && attachment) text = describeAttachment(attachment);
  if (!body && !attachment) {
    let snip: Element | null = null;
    // The snippet sits in the collapsed block; older markup put it beside it, in the list item.
    const item = el.closest(S.COLLAPSED_ITEM) || el;
    for (const sel of S.SNIPPET) if (!snip) snip = q(item, sel);
    text = flat(snip);
    if (expanded) problems.push(at + 'no body (.a3s)');
    else if (!snip) problems.push(at + 'no snippet (.iA.g6)');
  }

  // Id: see pageMessageId and the note on derived ids below.
  let id = pageMessageId(el);
  if (!id) {
    // Derived id. It must be the same whether the message is seen collapsed (snippet) or expanded (full text), so
    // it is built only from what both forms show: the sender's address, the time from the title (parsed, so a change
    // of UI language does not change it; else the raw string), and the first 40 letters and digits of the text.
    // Spaces, punctuation and line breaks are dropped because the snippet is one line and the body has paragraphs;
    // 40 is far below the ~100–200 characters of a Gmail snippet, so the snippet always covers it. Two messages from
    // one sender in the same minute differ by their text; if even that is equal, they are numbered in page order.
    id = 'd:' + hash((email || name.toLowerCase()) + '|' + (sentAt || sentAtText) + '|' + keyText(text, 40));
  }

  const message: CapturedMessage = { id, from, sentAt, sentAtText, text, partial: !body || !!parts?.clipped };
  if (attachment) message.attachment = attachment;
  return message;
}

/**
 * The page's own id for a message, reduced to one canonical form (see ids.ts), or ''. In order:
 * - `data-message-id="#msg-a:r…"` (sent from this account): kept as `msg-a:r…`. Preferred over the legacy id because
 *   a message just sent gets it at once and its `data-legacy-message-id` only after the server sync (InboxSDK).
 * - `data-legacy-message-id` (16 hex, 2018–2026).
 * - `data-message-id="#msg-f:<decimal>"`: the same number as the legacy id, written in hex.
 * - a body class `m<hex>` on `.ii.gt` / `.a3s` or the first child of `.ii` (2014–2017 markup).
 * - a `#msg-f:` / `#msg-a:` id in a `jslog` attribute (2024–2026).
 * The attributes are looked for on the message block, its list item (`.kv`/`.h7`) and inside them.
 */
function pageMessageId(el: Element): string {
  const item = el.closest(S.ITEM) || el;
  const carrier = item.matches(S.MESSAGE_ID) ? item : q(item, S.MESSAGE_ID);
  const mid = attr(carrier, 'data-message-id').replace(/^#/, '');
  if (/^msg-a:/.test(mid)) return mid;
  const id = hexId(attr(carrier, 'data-legacy-message-id')) || syncId(mid, 'msg') || mid;
  if (id) return id;
  const ii = item.querySelector(S.BODY_ID_HOLDERS[0]);
  for (const e of [ii, item.querySelector(S.BODY_ID_HOLDERS[1]), ii && ii.firstElementChild]) {
    const m = e && S.BODY_ID_CLASS.exec(e.getAttribute('class') || '');
    if (m) return hexId(m[1]);
  }
  let k = 0;
  for (const e of item.querySelectorAll(S.JSLOG_MESSAGE)) {
    if (inBody(e, item)) continue;
    const j = jslogIds(attr(e, 'jslog'), 'msg');
    if (j) return j;
    if (++k >= S.JSLOG_MAX) break;
  }
  return '';
}
