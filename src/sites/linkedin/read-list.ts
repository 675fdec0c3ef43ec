// Reads LinkedIn's conversation cards (the messaging page's list and the overlay's list bubble): evidence the
// background weighs against known conversations, and the elements the list chips decorate. Pure, no layout reads,
// never throws; problems are said in structural words only (never a name or snippet). It learns nothing: whether a
// snippet's prefix means "You" is decided by the background from conversations whose last sender is known.

import { line } from './dom';
import * as S from './selectors';
import { threadIdFromUrl } from './urn';

export interface LinkedInListCard {
  /** The same id the thread adapter gives the conversation (urn.ts), or null when the card has no usable link. */
  threadId: string | null;
  /** As shown, split on commas; a group's "and 3 others" stays in the last name. */
  participantNames: string[];
  /** The snippet's text before its first colon ("You", "你", "Tú", "Eliyas"), verbatim; '' when there is none. */
  snippetPrefix: string;
  /** The snippet after the prefix and colon (all of it when there is no prefix), without the label. */
  snippetText: string;
  /** Short or relative, as shown ("2h", "Tue", "3月19日"); '' when absent. */
  timeText: string;
  unread: boolean;
  /** A label before the snippet ("Sponsored", "InMail", "发自领英"), as shown. */
  sponsoredLabel?: string;
  /** The list item (full page) or the card (overlay), and where its chip goes. */
  element: Element;
  chipPlace: Element;
}

export interface LinkedInListResult {
  cards: LinkedInListCard[];
  problems: string[];
}

const errName = (e: unknown) => (e instanceof Error ? e.name : 'error');
/** A prefix is a name or a short word: longer text before a colon is the message itself ("Agenda for Tuesday: …"). */
const PREFIX_MAX = 40;

function first(root: Element, sels: readonly string[]): Element | null {
  for (const sel of sels) {
    const hit = root.querySelector(sel);
    if (hit) return hit;
  }
  return null;
}

/** Every card under `root` (a document, or a list), in page order; occluded slots are skipped. */
export function readLinkedInList(root: ParentNode): LinkedInListResult {
  const cards: LinkedInListCard[] = [];
  const problems: string[] = [];
  let found: Element[];
  try {
    found = findCards(root);
  } catch (e) {
    return { cards, problems: ['conversation list: unreadable (' + errName(e) + ')'] };
  }
  found.forEach((el, i) => {
    try {
      if (isEmptySlot(el)) return;
      const card = readCard(el, i + 1, problems);
      if (card) cards.push(card);
    } catch (e) {
      problems.push('card ' + (i + 1) + ': unreadable (' + errName(e) + ')');
    }
  });
  return { cards, problems };
}

const isEmptySlot = (el: Element) => el.matches(S.CARD_OCCLUDED) || !el.firstElementChild;

/** The card elements under `root` (a list), in page order, occluded slots included ({@link readLinkedInCard} skips
 * them): with it, a list can be read again one changed card at a time. */
export const linkedInCardElements = (root: ParentNode): Element[] => findCards(root);

/** One card, as {@link readLinkedInList} reads it; null for an occluded slot or a card with nothing readable. */
export function readLinkedInCard(el: Element): LinkedInListCard | null {
  return isEmptySlot(el) ? null : readCard(el, 0, []);
}

/** Whether an element {@link linkedInCardElements} found is still a card's element (the site may have re-rendered its
 * inside): a card by class, else a list item in a list of cards or holding a card. Not whether it shows a conversation
 * ({@link readLinkedInCard} says that). */
export function isLinkedInCardElement(el: Element): boolean {
  if (el.matches(S.CARD)) return true;
  const list = el.parentElement;
  return !!list && el.matches(S.CARD_ITEM) && (list.matches(S.CARD_LIST) || list.matches(S.CARD_LIST_HASHED) || !!el.querySelector(S.CARD));
}

/**
 * A cheap reading of what a card shows, for the list chips to tell a card that reads as before without reading it: two
 * cards with the same fingerprint read the same ({@link readLinkedInCard}), but for their elements and chip places.
 * Built from everything the reading weighs: the card's text (names, time, label, snippet, unread count), and the
 * classes, links and names of the card and of every link, avatar and unread mark in it. Null for an empty slot (read
 * in full: it is cheap).
 */
export function linkedInCardFingerprint(el: Element): string | null {
  // An occluded slot's class is part of the fingerprint, and it reads as nothing whatever it holds.
  if (!el.firstElementChild) return null;
  let fp = el.getAttribute('class') + '\n' + el.getAttribute('href');
  for (const m of el.querySelectorAll(S.CARD_WEIGHED)) {
    fp += '\n' + m.localName + ' ' + m.getAttribute('class') + ' ' + m.getAttribute('href') + ' ' + m.getAttribute('alt');
  }
  return fp + '\n' + el.textContent;
}

/** Where a card's chip goes: its body row, else the snippet's parent, else the card. */
export function linkedInChipPlace(el: Element): Element {
  return el.querySelector(S.CARD_CHIP_PLACE) || first(el, S.CARD_SNIPPET)?.parentElement || el;
}

/** The lists matching `selector` in `root`, and `root` itself when it is one (the list chips read the list they found). */
const listsIn = (root: ParentNode, selector: string): Element[] => [
  ...(root instanceof Element && root.matches(selector) ? [root] : []),
  ...root.querySelectorAll(selector),
];

/** Cards by class, then by structure (an `li` of a known list holding a `time`; in a labelled list, a `time` and a
 * heading but no message); outermost element of each. */
function findCards(root: ParentNode): Element[] {
  const hits = new Set<Element>();
  const time = S.CARD_TIME.join(',');
  for (const el of root.querySelectorAll(S.CARD)) hits.add(el.closest(S.CARD_ITEM) || el);
  for (const list of listsIn(root, S.CARD_LIST)) {
    for (const li of list.children) {
      if (li.matches(S.CARD_STRUCTURAL) && (li.querySelector(time) || !li.firstElementChild)) hits.add(li);
    }
  }
  if (!hits.size) for (const list of listsIn(root, S.CARD_LIST_HASHED)) for (const li of hashedItems(list)) hits.add(li);
  // Page order, outermost only (a classic list item holds its card).
  // In page order, an element inside an earlier one is inside the last one kept (all between are its descendants).
  const ordered = [...hits].sort((a, b) => (a.compareDocumentPosition(b) & 4 ? -1 : 1));
  const outermost: Element[] = [];
  for (const el of ordered) if (!outermost.at(-1)?.contains(el)) outermost.push(el);
  return outermost;
}

/** The items of a labelled list whose filled items mostly look like cards (a `time` and a heading, no message): a list
 * of cards, not a list that happens to hold one. Empty slots included. */
function hashedItems(list: Element): Element[] {
  const items = [...list.children].filter((li) => li.matches(S.CARD_STRUCTURAL));
  const time = S.CARD_TIME.join(',');
  const cards = items.filter((li) => li.querySelector(time) && li.querySelector(S.CARD_HEADING) && !li.querySelector(S.MESSAGE));
  const filled = items.filter((li) => li.firstElementChild).length;
  return cards.length && cards.length * 2 >= filled ? items.filter((li) => cards.includes(li) || !li.firstElementChild) : [];
}

function readCard(el: Element, n: number, problems: string[]): LinkedInListCard | null {
  const at = 'card ' + n + ': ';
  const nameEl = first(el, S.CARD_NAMES);
  let participantNames = line(nameEl)
    .split(/\s*[,،、，]\s*/)
    .filter(Boolean);
  if (!participantNames.length) {
    const alts = new Set<string>();
    for (const img of el.querySelectorAll(S.CARD_AVATARS)) {
      const alt = (img.getAttribute('alt') || '').trim();
      if (alt) alts.add(alt);
    }
    participantNames = [...alts];
  }
  const snippetEl = first(el, S.CARD_SNIPPET);
  const timeEl = first(el, S.CARD_TIME);
  if (!participantNames.length && !snippetEl && !timeEl) {
    problems.push(at + 'no names, snippet or time; skipped');
    return null;
  }
  if (!participantNames.length) problems.push(at + 'no participant names (h3)');
  if (!snippetEl) problems.push(at + 'no snippet (.msg-conversation-card__message-snippet)');
  if (!timeEl) problems.push(at + 'no time (time)');

  const labelEl = snippetEl && (snippetEl.querySelector(S.CARD_LABEL) || leadingLabel(snippetEl));
  const label = line(labelEl);
  let snippet = line(snippetEl);
  if (label && snippet.startsWith(label)) snippet = snippet.slice(label.length).trim();
  // The first colon that is not inside a time or number ("10:30").
  const colon = /[:：︰](?!\d)/.exec(snippet);
  const prefix = colon ? snippet.slice(0, colon.index).trim() : '';
  const hasPrefix = !!prefix && prefix.length <= PREFIX_MAX && !/\d$/.test(prefix);

  const unreadEl = el.matches(S.CARD_UNREAD) ? el : el.querySelector(S.CARD_UNREAD);

  const card: LinkedInListCard = {
    threadId: cardThreadId(el),
    participantNames,
    snippetPrefix: hasPrefix ? prefix : '',
    snippetText: hasPrefix ? snippet.slice(colon!.index + 1).trim() : snippet,
    timeText: line(timeEl),
    unread: !!unreadEl,
    element: el,
    chipPlace: el.querySelector(S.CARD_CHIP_PLACE) || (snippetEl && snippetEl.parentElement) || el,
  };
  if (label) card.sponsoredLabel = label;
  return card;
}

/** Hashed markup names no label: an element that opens the snippet, followed by more text, and is not itself a
 * "Name:" prefix, is taken as one ("发自领英" before the text). */
function leadingLabel(snippet: Element): Element | null {
  let node = snippet.firstChild;
  while (node && (node.nodeType === 8 || (node.nodeType === 3 && !node.nodeValue!.trim()))) node = node.nextSibling;
  if (!node || node.nodeType !== 1 || /^svg$/i.test((node as Element).tagName)) return null;
  const own = line(node as Element);
  return own && !/[:：︰]$/.test(own) && line(snippet).length > own.length ? (node as Element) : null;
}

/** The conversation id from the card's link; placeholder links (`/messaging/thread/2-mailbox/undefined/`) give none. */
function cardThreadId(el: Element): string | null {
  const links = el.matches(S.CARD_LINK) ? [el] : [...el.querySelectorAll(S.CARD_LINK)];
  for (const a of links) {
    const href = a.getAttribute('href') || '';
    if (/\/(?:undefined|null|2-mailbox)(?:[/?#]|$)/.test(href)) continue;
    const id = threadIdFromUrl(href);
    if (id) return id;
  }
  return null;
}

/** The list container to observe: the messaging page's list or the overlay's list bubble; null when not shown. */
export function findLinkedInList(doc: Document, place: 'page' | 'overlay'): Element | null {
  const lists = [...doc.querySelectorAll(S.CARD_LIST), ...doc.querySelectorAll(S.CARD_LIST_HASHED)];
  for (const list of lists) {
    if (!!list.closest(S.OVERLAY_LIST) !== (place === 'overlay')) continue;
    if (list.matches(S.CARD_LIST) || hashedItems(list).length) return list;
  }
  return null;
}
