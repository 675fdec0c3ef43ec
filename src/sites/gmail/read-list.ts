// Reads Gmail's thread lists (Inbox, Sent, labels, search) into rows: evidence the background weighs against the
// record, and the elements the list chips decorate. Pure: reads only the given root; no layout reads. Never throws:
// each row is read on its own, and what cannot be read is said in `problems` in structural words only (never a name,
// subject or snippet). It learns nothing and decides nothing: that is the background's work.

import { hexId, syncId } from './ids';
import { parseTitleDate } from './parse-title-date';
import * as S from './selectors';
import { flat } from './text';

export interface GmailListPerson {
  name: string;
  /** Lower-cased; the user shows as a localised "me" with the real address here. */
  email: string;
}

export interface GmailListRow {
  /** The same id the thread adapter gives this thread (ids.ts): lower-case hex, or `thread-a:r…`. */
  threadId: string;
  /** `data-legacy-last-message-id` as canonical hex, when present. */
  lastMessageId?: string;
  unread: boolean;
  /** The newest message's time, ISO 8601 UTC; null when the title is missing or not understood. */
  newestAt: string | null;
  /** The full localised date from the title (else the short visible date), verbatim. */
  newestAtText: string;
  subject: string;
  snippet: string;
  /** In page order. Gmail shortens long lists and may show one person twice: not a reliable "last sender". */
  people: GmailListPerson[];
  /** True when the people cell starts with a word before the first person (a localised "To:" in Sent and labels):
   * the people are recipients, not senders. */
  recipients: boolean;
  /** The row (the first `tr` of the thread) and where its chip goes. */
  element: Element;
  chipPlace: Element;
}

export interface GmailListResult {
  rows: GmailListRow[];
  problems: string[];
}

const attr = (el: Element | null | undefined, name: string) => (el && el.getAttribute(name)?.trim()) || '';
const errName = (e: unknown) => (e instanceof Error ? e.name : 'error');

/** Every thread row under `root` (a document, or the list container), in page order. */
export function readGmailList(root: ParentNode): GmailListResult {
  const rows: GmailListRow[] = [];
  const problems: string[] = [];
  const seen = new Set<string>();
  let lostIds = 0;
  let n = 0;
  let all: NodeListOf<Element>;
  try {
    all = root.querySelectorAll(S.LIST_ROW);
  } catch (e) {
    return { rows, problems: ['thread list: unreadable (' + errName(e) + ')'] };
  }
  for (const tr of all) {
    n++;
    try {
      if (isContinuation(tr) || isAd(tr)) continue;
      const parts = rowParts(tr);
      const row = readRow(tr, parts, n, problems);
      if (!row) {
        // Other extensions inject rows of their own: only a row with Gmail's cells but no id is Gmail's and lost.
        if (parts.some((p) => p.querySelector(S.LIST_GMAIL_CELL))) lostIds++;
        continue;
      }
      if (seen.has(row.threadId)) continue;
      seen.add(row.threadId);
      rows.push(row);
    } catch (e) {
      problems.push('row ' + n + ': unreadable (' + errName(e) + ')');
    }
  }
  if (lostIds) problems.push(lostIds + ' list row(s) without a thread id (span[data-thread-id]) ignored');
  return { rows, problems };
}

/** A reading-pane continuation row (`tr.apw`) belongs to the `tr.apv` before it. */
const isContinuation = (tr: Element) => tr.classList.contains(S.LIST_PANE_MORE) && !tr.classList.contains(S.LIST_PANE_FIRST);
const isAd = (tr: Element) => tr.matches(S.LIST_AD) || !!tr.querySelector(S.LIST_AD);

/** The first `tr` of every thread under `root`, in page order (ad rows included: {@link readGmailRow} skips them).
 * With {@link readGmailRow} and {@link gmailRowOf}, a list can be read again one changed row at a time. */
export function gmailRowElements(root: ParentNode): Element[] {
  return [...root.querySelectorAll(S.LIST_ROW)].filter((tr) => !isContinuation(tr));
}

/** Whether `el` is still one of {@link gmailRowElements}' rows (its classes may have changed since it was found). */
export const isGmailRowElement = (el: Element): boolean => el.matches(S.LIST_ROW) && !isContinuation(el);

/** What the list chips send of a row (the protocol's fields) and draw with: a row without its people and subject,
 * which the background does not weigh (read, they cost most of a row's reading: a walk of the people cell). */
export type GmailListEvidence = Omit<GmailListRow, 'subject' | 'people' | 'recipients'>;

/** One thread's row as {@link readGmailList} reads it, without its people and subject; null for an ad row or a row
 * without a thread id. */
export function readGmailRow(tr: Element): GmailListEvidence | null {
  return isAd(tr) ? null : readEvidence(tr, rowParts(tr), 0, []);
}

/** The first `tr` of the thread whose reading `node` is part of (its continuation rows included); null outside rows. */
export function gmailRowOf(node: Node): Element | null {
  const el = node.nodeType === 1 ? (node as Element) : node.parentElement;
  // The first thread's continuation rows may lack `zA`.
  let tr = el?.closest(S.LIST_ROW + ',tr.' + S.LIST_PANE_MORE) ?? null;
  while (tr && isContinuation(tr)) tr = tr.previousElementSibling;
  return tr && tr.matches(S.LIST_ROW) ? tr : null;
}

/**
 * A cheap reading of what a row shows, for the list chips to tell a row that reads as before without reading it: two
 * rows with the same fingerprint read the same ({@link readGmailRow}), but for their elements and chip places. Built
 * from what the reading weighs: the row's classes (read state) and the id carrier's ids. A row that names its newest
 * message (`data-legacy-last-message-id`) shows that message's snippet and time, so they are not read: Gmail changes
 * them only with a new message, which has a new id. Otherwise the newest time's title and the row's text (snippet,
 * short time) are part of it. Null when the row needs a full read to be sure (reading-pane rows span several `tr`; no
 * time title in the usual place, or neither read-state class).
 */
export function gmailRowFingerprint(tr: Element): string | null {
  const cls = tr.className;
  if (tr.classList.contains(S.LIST_PANE_FIRST) || !(tr.classList.contains(S.LIST_UNREAD) || tr.classList.contains(S.LIST_READ))) return null;
  const carrier = carrierIn([tr]);
  // Both ids, as they are: the reading takes the legacy one when it is one (ids.ts), else `data-thread-id`; both cost
  // less than telling which.
  const ids = cls + '\n' + attr(carrier, 'data-legacy-thread-id') + '\n' + attr(carrier, 'data-thread-id') + '\n';
  const last = attr(carrier, 'data-legacy-last-message-id');
  if (last) return ids + last;
  const title = attr(tr.querySelector(S.LIST_TIME[0]!), 'title');
  if (!title) return null;
  return ids + '\n' + title + '\n' + tr.textContent;
}

/** Where a row's chip goes: the subject line, else the cell of its id (or the id carrier, or the row itself). */
export function gmailChipPlace(tr: Element): Element {
  const parts = rowParts(tr);
  const carrier = carrierIn(parts);
  return find(parts, S.LIST_CHIP_PLACE) || (carrier && carrier.closest(S.LIST_CELL)) || carrier || tr;
}

/** The `tr` elements of one thread: the row itself, plus its `tr.apw` continuations in reading-pane layouts. */
function rowParts(tr: Element): Element[] {
  const parts = [tr];
  if (!tr.classList.contains(S.LIST_PANE_FIRST)) return parts;
  for (let next = tr.nextElementSibling; next && parts.length < 3; next = next.nextElementSibling) {
    if (!next.classList.contains(S.LIST_PANE_MORE) || next.classList.contains(S.LIST_PANE_FIRST)) break;
    parts.push(next);
  }
  return parts;
}

/** The id carrier: the usual span, else any element with either id. */
const carrierIn = (parts: Element[]) => find(parts, S.LIST_ID_SPAN) || find(parts, S.LIST_ID);

function find(parts: Element[], sel: string): Element | null {
  for (const p of parts) {
    const hit = p.querySelector(sel);
    if (hit) return hit;
  }
  return null;
}

function readRow(tr: Element, parts: Element[], n: number, problems: string[]): GmailListRow | null {
  const evidence = readEvidence(tr, parts, n, problems);
  if (!evidence) return null;
  const at = 'row ' + n + ': ';
  const people: GmailListPerson[] = [];
  let found: Element[] = [];
  for (let i = 0; !found.length && i < S.LIST_PEOPLE.length; i++) {
    for (const p of parts) found = found.concat([...p.querySelectorAll(S.LIST_PEOPLE[i]!)]);
  }
  for (const el of found) {
    const email = attr(el, 'email').toLowerCase();
    if (email) people.push({ name: attr(el, 'name') || flat(el) || email, email });
  }
  if (!people.length) problems.push(at + 'no people (td.yX span[email])');
  const first = found[0];
  const cell = first && first.closest(S.LIST_PEOPLE_CELL);
  const recipients = !!cell && wordBefore(cell, first!);

  const subjectEl = find(parts, S.LIST_SUBJECT);
  if (!subjectEl) problems.push(at + 'no subject (span.bog)');
  const { snippet, element, chipPlace, ...rest } = evidence;
  return { ...rest, subject: flat(subjectEl), snippet, people, recipients, element, chipPlace };
}

/** A row without its people and subject: what the list chips send and draw with. */
function readEvidence(tr: Element, parts: Element[], n: number, problems: string[]): GmailListEvidence | null {
  const carrier = carrierIn(parts);
  const threadId =
    hexId(attr(carrier, 'data-legacy-thread-id')) || syncId(attr(carrier, 'data-thread-id'), 'thread');
  if (!threadId) return null;
  const at = 'row ' + n + ': ';

  let unread: boolean;
  if (tr.classList.contains(S.LIST_UNREAD)) unread = true;
  else if (tr.classList.contains(S.LIST_READ)) unread = false;
  else {
    unread = !!find(parts, S.LIST_UNREAD_PERSON);
    problems.push(at + 'no read state (zE/yO); taken from the bold sender');
  }

  let title = '';
  for (let i = 0; !title && i < S.LIST_TIME.length; i++) title = attr(find(parts, S.LIST_TIME[i]!), 'title');
  const newestAtText = title || flat(find(parts, S.LIST_TIME_TEXT));
  const newestAt = title ? parseTitleDate(title) : null;
  if (!newestAtText) problems.push(at + 'no time (td.xW span[title])');
  else if (!newestAt) problems.push(at + 'time not understood');

  const snippet = flat(find(parts, S.LIST_SNIPPET)).replace(/^[-–—]\s*/, '');
  const lastMessageId = hexId(attr(carrier, 'data-legacy-last-message-id'));
  return {
    threadId,
    ...(lastMessageId ? { lastMessageId } : {}),
    unread,
    newestAt,
    newestAtText,
    snippet,
    element: tr,
    chipPlace: find(parts, S.LIST_CHIP_PLACE) || (carrier && carrier.closest(S.LIST_CELL)) || carrier || tr,
  };
}

/** Whether `cell` has a word before `person` (Sent and label views write a localised "To:" there). The
 * accessibility summary (`div.afn`) is not part of it. */
function wordBefore(cell: Element, person: Element): boolean {
  const walker = cell.ownerDocument.createTreeWalker(cell, 4);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (person.contains(node) || person.compareDocumentPosition(node) & 4) return false;
    if (!node.parentElement?.closest(S.LIST_SUMMARY) && /\p{L}/u.test(node.nodeValue || '')) return true;
  }
  return false;
}

/** The list container to observe, or null when no thread list is on the page. */
export function findGmailList(doc: Document): Element | null {
  for (const sel of S.LIST_CONTAINER) {
    const el = doc.querySelector(sel);
    if (el && el.querySelector(S.LIST_ROW)) return el;
  }
  return null;
}
