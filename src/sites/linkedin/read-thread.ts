// Reads every LinkedIn conversation open in a document: the full-page thread (/messaging/thread/…) and each overlay
// bubble, including bubbles inside open shadow roots. Pure, one pass per conversation, no layout reads, never
// throws; problems name the part that failed (never page text).
import type { CapturedMessage, ConversationKind, Person, ThreadSnapshot } from '../types';
import { fnv1a, fold, inside, line, pick, text } from './dom';
import { contentText, readContent } from './read-content';
import { parseTimeOfDay, resolveDayTime } from './resolve-day';
import * as S from './selectors';
import { canonicalProfileUrl, decodeMessageUrn, threadIdFromUrl, threadUrl } from './urn';

type Root = Document | ShadowRoot;

/** Who the user is, as far as the settings and the page tell. */
export interface Me {
  /** Lower-cased canonical profile URLs (settings + page). */
  urls: Set<string>;
  /** Name on the global nav photo, as shown ('' when absent). */
  name: string;
  /** The user's profile URL from the page's nav, if shown. */
  url: string | null;
  /** The user's profile URLs found on the page (nav, own messages): reported in `ReadResult.me`. */
  found: string[];
}

interface Group {
  name: string;
  url: string | null;
  time: string;
  other: boolean | null;
}

interface Part {
  el: Element;
  bubble: boolean;
  items: Element[];
}

/** Not the sender's: shared content, players, reactions, quotes, receipts, the body. */
const NOT_SENDER = `${S.MEDIA}, ${S.NOT_CONTENT}, ${S.BODY[0]}, ${S.BODY[1]}`;

/** The message URN of an item (on it, else inside it), whichever attribute the rendering uses. */
function urnOf(item: Element): string | null {
  for (const a of S.URN_ATTRS) {
    const v = item.getAttribute(a);
    if (v?.startsWith('urn:li:msg')) return v;
  }
  for (const a of S.URN_ATTRS) {
    const v = item.querySelector(`[${a}^="urn:li:msg"]`)?.getAttribute(a);
    if (v) return v;
  }
  return null;
}

/**
 * The document, the open shadow roots that may host bubbles (known hosts and body's children, 3 levels), and the
 * documents of same-origin frames (and their shadow roots). A frame that says it holds messaging but cannot be read
 * (cross-origin) is reported: a rendering not read is said, never half-read.
 */
export function collectRoots(doc: Document, problems: string[] = []): Root[] {
  const roots: Root[] = [];
  const visit = (el: Element, depth: number): void => {
    const sr = el.shadowRoot;
    if (!sr || roots.includes(sr)) return;
    roots.push(sr);
    if (depth < 3) {
      for (const h of [...sr.querySelectorAll(S.SHADOW_HOSTS), ...sr.children]) visit(h, depth + 1);
    }
  };
  const addDocument = (d: Document, depth: number): void => {
    roots.push(d);
    for (const h of d.querySelectorAll(S.SHADOW_HOSTS)) visit(h, 0);
    for (const h of d.body?.children ?? []) visit(h, 0);
    if (depth > 0) return;
    const frames = d.querySelectorAll(S.FRAME);
    for (let i = 0; i < frames.length && i < S.MAX_FRAMES; i++) {
      const frame = frames[i] as HTMLIFrameElement;
      let inner: Document | null = null;
      try {
        inner = frame.contentDocument;
      } catch {
        inner = null;
      }
      if (inner && inner !== d && !roots.includes(inner)) addDocument(inner, depth + 1);
      else if (!inner && frame.matches(S.MESSAGING_FRAME)) problems.push(`frame ${i + 1}: messaging in a frame that cannot be read (other origin)`);
    }
  };
  addDocument(doc, 0);
  return roots;
}

/** The user's identities: settings (`myIdentities`) and the global nav. */
export function findMe(doc: Document, myIdentities: readonly unknown[]): Me {
  const urls = new Set<string>();
  for (const id of myIdentities) {
    if (typeof id === 'string' && id) urls.add((canonicalProfileUrl(id) ?? id).toLowerCase());
  }
  const url = canonicalProfileUrl(pick(doc, S.ME_LINK)?.getAttribute('href'));
  if (url) urls.add(url.toLowerCase());
  const name = (pick(doc, S.ME_PHOTO)?.getAttribute('alt') ?? '').replace(/\s+/g, ' ').trim();
  return { urls, name, url, found: url ? [url] : [] };
}

/** Reads all open conversations: the full page first, then the bubbles in page order. */
export function readConversations(doc: Document, url: URL, now: Date, me: Me, problems: string[]): ThreadSnapshot[] {
  const messaging = url.pathname.startsWith('/messaging');
  const parts = new Map<Element, Part>();
  const add = (el: Element, bubble: boolean): Part => {
    let part = parts.get(el);
    if (!part) parts.set(el, (part = { el, bubble, items: [] }));
    return part;
  };

  for (const root of collectRoots(doc, problems)) {
    for (const b of root.querySelectorAll(S.BUBBLE_KNOWN)) add(b, true);
    const all = root.querySelectorAll(S.MESSAGE);
    const byList = new Map<Element, Part>(); // messages of one list share their conversation: look it up once
    for (let i = 0; i < all.length; i++) {
      const item = all[i]!;
      if (all[i + 1] && item.contains(all[i + 1]!)) continue; // a wrapper of the real message element
      const list = item.closest(S.MESSAGE_LIST) ?? item.parentElement!;
      let part = byList.get(list);
      if (!part) {
        const bubble = item.closest(S.BUBBLE);
        const el = bubble ?? item.closest(S.PAGE_PANE) ?? item.closest(S.PAGE_MAIN) ?? list.parentElement ?? list;
        byList.set(list, (part = add(el, !!bubble || root !== doc || !messaging)));
      }
      part.items.push(item);
    }
  }

  const threads: ThreadSnapshot[] = [];
  let bubbles = 0;
  let pages = 0;
  for (const part of [...parts.values()].sort((a, b) => +a.bubble - +b.bubble)) {
    const label = part.bubble ? `bubble ${++bubbles}` : pages++ ? `full page ${pages}` : 'full page';
    try {
      if (part.items.length) {
        const thread = readPart(part, label, url, now, me, problems);
        if (thread) threads.push(thread);
      } else if (!part.el.matches(S.MINIMISED)) problems.push(`${label}: no messages found`);
    } catch (e) {
      problems.push(`${label}: unreadable (${(e as Error)?.name})`);
    }
  }

  if (messaging && !pages) {
    problems.push(
      doc.querySelector(S.PAGE_PANE)
        ? 'full page: no messages found'
        : threadIdFromUrl(url)
          ? 'full page: no conversation pane found'
          : 'full page: no conversation open',
    );
  }
  return threads;
}

function readPart(part: Part, label: string, url: URL, now: Date, me: Me, problems: string[]): ThreadSnapshot | null {
  const { el: container, items } = part;
  const say = (s: string) => problems.push(`${label}: ${s}`);

  // Header: in a one-to-one conversation, the other person with a vanity profile link; else the conversation title.
  const header = container.querySelector(S.HEADER);
  const headerName = line(pick(header, S.HEADER_TITLE));
  const headerUrl = canonicalProfileUrl(header?.querySelector('a[href*="/in/"]')?.getAttribute('href'));
  const headerFold = fold(headerName);

  // One document-order walk over the messages and the day headings of the message list.
  const last = items[items.length - 1]!;
  let list = items[0]!.closest(S.MESSAGE_LIST);
  if (!list || !container.contains(list) || !list.contains(last)) list = container;
  const itemSet = new Set(items);
  const nodes = list.querySelectorAll(`${S.MESSAGE}, ${S.DAY_HEADING}`);

  // Every message URN of the mailbox starts with the viewer's own member id (urn:li:fsd_profile:<viewer>), whoever
  // sent the message: the user is known even when no message of theirs is on screen (docs/sites.md).
  const viewer = decodeMessageUrn(urnOf(items[0]!) ?? urnOf(last))?.member;
  const viewerUrl = viewer ? canonicalProfileUrl(`/in/${viewer}/`) : null;
  const myUrls = new Set(me.urls);
  if (viewerUrl) myUrls.add(viewerUrl.toLowerCase());

  const messages: CapturedMessage[] = [];
  const convIds = new Set<string>();
  const ids = new Map<string, number>();
  const senders: Person[] = [];
  let heading = '';
  let current: Element | null = null;
  let group: Group | null = null;
  let n = 0;

  for (let i = 0; i < nodes.length; i++) {
    const item = nodes[i]!;
    if (!itemSet.has(item)) {
      if (!current?.contains(item) && !item.matches(S.MESSAGE)) heading = line(item);
      continue;
    }
    current = item;
    n++;
    const note = (s: string) => say(`message ${n}: ${s}`);

    const urnAttr = urnOf(item);
    const urn = decodeMessageUrn(urnAttr);
    if (urn?.conversationId) convIds.add(urn.conversationId);
    if (urnAttr && !urn?.sentAt) note('id carries no time');

    const cls = item.classList;
    let other: boolean | null = cls.contains(S.OTHER_CLASS) ? true : cls.contains(S.CLASSIC) ? false : null;

    // Content: the words, and what the message carries (voice note, photo, file, shared post…).
    const content = readContent(item);
    const body = content.body;

    // A group starts with its meta, or (hashed markup) a time, profile link or avatar placed before the content —
    // which keeps links and images inside a message out. Other messages carry the group's sender and time over.
    const start = firstOf(content.bodyEl, content.mediaEl) ?? item.querySelector(S.MESSAGE_BUBBLE);
    const before = (el: Element) => !start || !!(start.compareDocumentPosition(el) & 2);
    const timeEl = pick(item, S.GROUP_TIME, NOT_SENDER, before);
    const link = pick(item, S.SENDER_LINK, NOT_SENDER, before);
    const img = pick(item, S.SENDER_IMG, NOT_SENDER, before);
    if (item.querySelector(S.GROUP_META) || timeEl || link || img) {
      group = {
        name: line(pick(item, S.GROUP_NAME)) || img?.getAttribute('alt')?.trim() || line(link),
        url: canonicalProfileUrl(link?.getAttribute('href')),
        time: line(timeEl) || parseTimeOfDay(text(item.querySelector(S.GROUP_A11Y)))?.text || '',
        other,
      };
    } else if (!group) {
      // The group's first message is not loaded (yet): without a URN neither sender nor time is known, and a derived
      // id would change once it loads. Skip it until then.
      note('group start not loaded');
      if (!urnAttr) continue;
      group = { name: '', url: null, time: '', other };
    } else if (other !== null && group.other !== null && other !== group.other) {
      note('direction differs from its group');
      group = { name: '', url: null, time: '', other };
    }
    const g = group;

    // Direction: the class on classic markup; else who the sender is.
    const isMine = (!!g.url && myUrls.has(g.url.toLowerCase())) || (!!me.name && fold(g.name) === fold(me.name));
    other ??= g.other;
    if (other === null) {
      if (isMine) other = false;
      else if ((g.url && g.url === headerUrl) || (headerFold && fold(g.name) === headerFold)) other = true;
      // A header linking one profile means a one-to-one conversation: a named sender who is not that person is the user.
      else if (headerUrl && g.name) other = false;
      else note('direction unknown');
    }
    const isMe = other === false || isMine;

    const msgText = contentText(content);
    if (!msgText) {
      if (item.querySelector(S.MESSAGE_BUBBLE) || urnAttr) note('content not recognised');
      continue;
    }

    let sentAt = urn?.sentAt ?? null;
    if (!sentAt && !heading) {
      // Same reason as above: the day heading is not loaded, and the id would change once it is.
      note('no day heading');
      continue;
    }
    if (!sentAt) sentAt = resolveDayTime(heading, g.time, now)?.toISOString() ?? null;
    if (!sentAt) note('no time');
    const sentAtText = [heading, g.time].filter(Boolean).join(' ');

    const from: Person = { name: g.name || (isMe ? me.name : other ? headerName : ''), isMe };
    const profileUrl = g.url ?? (isMe ? (me.url ?? viewerUrl) : other && !g.name ? headerUrl : null);
    if (profileUrl) from.profileUrl = profileUrl;
    if (isMe && g.url && !me.found.includes(g.url)) me.found.push(g.url);

    // Id: the URN; else a hash of sender + resolved time (stable across days, unlike "Today") + text.
    let id =
      urnAttr ||
      `li-${fnv1a(`${isMe ? 'me' : profileUrl || fold(from.name)}|${sentAt ?? sentAtText}|${fold(msgText).slice(0, 40)}`)}`;
    const seen = ids.get(id) ?? 0;
    ids.set(id, seen + 1);
    if (seen) {
      if (urnAttr) continue; // the same message rendered twice
      id += `-${seen + 1}`; // the same words twice in one minute
    }
    const message: CapturedMessage = { id, from, sentAt, sentAtText, text: msgText, partial: false };
    if (content.attachment) message.attachment = content.attachment;
    messages.push(message);
    senders.push(from);
  }

  if (!messages.length) {
    say('no messages read');
    return null;
  }

  // Thread id: the conversation id of the URNs; else that of the page URL / a link to the full page.
  if (convIds.size > 1) say('messages name more than one conversation');
  let threadId: string | null = [...convIds][0] ?? null;
  const linked = part.bubble
    ? threadIdFromUrl(container.querySelector(S.THREAD_LINK)?.getAttribute('href') ?? '')
    : threadIdFromUrl(url);
  if (threadId && linked && linked !== threadId && !part.bubble) say('URL and messages name different conversations');
  threadId ??= linked;

  // Participants: the header person (vanity URL), the senders, the user. Post authors never.
  const people: Person[] = [];
  const addPerson = (p: Person): void => {
    const key = p.profileUrl?.toLowerCase();
    const f = fold(p.name);
    const same = people.find((q) => (key && q.profileUrl?.toLowerCase() === key) || (f && fold(q.name) === f));
    if (!same) people.push({ ...p });
    else {
      same.isMe ||= p.isMe;
      same.name ||= p.name;
      if (!same.profileUrl && p.profileUrl) same.profileUrl = p.profileUrl;
    }
  };
  const headerPerson: Person = { name: headerName, isMe: !!headerUrl && me.urls.has(headerUrl.toLowerCase()) };
  if (headerUrl) headerPerson.profileUrl = headerUrl;
  if (headerName && headerUrl) addPerson(headerPerson);
  for (const p of senders) if (p.name || p.profileUrl) addPerson(p);
  if (headerName && !headerUrl && !people.some((p) => !p.isMe)) addPerson(headerPerson);
  const myUrl = me.url ?? viewerUrl;
  if (me.name || myUrl) addPerson(myUrl ? { name: me.name, isMe: true, profileUrl: myUrl } : { name: me.name, isMe: true });
  if (viewerUrl && !me.found.includes(viewerUrl)) me.found.push(viewerUrl);

  const kind = conversationKind(container, items, part.bubble);
  // InMail shows a subject above its first message.
  const subject = line(pick(container, [S.INMAIL_SUBJECT], `${S.MEDIA}, ${S.NOT_CONTENT}`));

  if (!threadId) {
    say('no conversation id; derived one from the participants');
    const key = people
      .filter((p) => !p.isMe)
      .map((p) => p.profileUrl ?? fold(p.name))
      .sort()
      .join('|');
    threadId = `derived-${fnv1a(key || headerFold)}`;
  }

  return {
    site: 'linkedin',
    threadId,
    url: !threadId.startsWith('derived-')
      ? threadUrl(threadId)
      : part.bubble
        ? 'https://www.linkedin.com/messaging/'
        : url.href,
    participants: people,
    messages,
    ...(subject ? { subject } : {}),
    ...(kind ? { kind } : {}),
  };
}

/** Sponsored (or a LinkedIn Offer) when its header, its messages or its list card carry the marker; system when every
 * message is a notice from LinkedIn. Only those parts are looked at: on hashed markup the container can be the whole
 * `main`, list of other conversations included. Markers inside shared content (a promoted post shared in a message)
 * do not count. */
function conversationKind(container: Element, items: readonly Element[], bubble: boolean): ConversationKind | undefined {
  const marked = (root: Element | null | undefined, sel: string) =>
    !!root && (root.matches(sel) || !!pick(root, [sel], undefined, (el) => !inside(el, root, S.MEDIA)));
  if (marked(container.querySelector(S.HEADER), S.SPONSORED) || items.some((i) => marked(i, S.SPONSORED))) return 'sponsored';
  if (!bubble) {
    const card = container.ownerDocument.querySelector(S.ACTIVE_CARD);
    if (marked(card?.closest(S.CARD) ?? card?.closest(S.CARD_ITEM) ?? card, S.SPONSORED)) return 'sponsored';
  }
  if (items.length && items.every((i) => marked(i, S.SYSTEM))) return 'system';
  return undefined;
}

/** Whichever of two elements comes first in the document. */
function firstOf(a: Element | null, b: Element | null): Element | null {
  if (!a || !b) return a ?? b;
  return a.compareDocumentPosition(b) & 2 ? b : a;
}
