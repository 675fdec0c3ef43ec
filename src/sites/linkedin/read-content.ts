// What one LinkedIn message says: its words, and what it carries instead of or besides them (a voice note, a photo,
// a file, a shared post…). Every kind is a message: a voice note with no body element counts as much as a sentence.
// A shared post or article becomes one short line (author and first words), never the card's whole text.
import { attachmentOf, describeAttachment, shortTitle } from '../attachment';
import type { Attachment } from '../types';
import { inside, line, pick, text } from './dom';
import * as S from './selectors';

export interface Content {
  /** The message's own words; '' when it has none. */
  body: string;
  /** The element the words came from (sender detection looks before it). */
  bodyEl: Element | null;
  attachment?: Attachment;
  /** The element the attachment was found in. */
  mediaEl: Element | null;
}

/** Body candidates are never looked for inside these: cards, players, quotes, reactions, the group's meta. */
const NOT_BODY = `${S.MEDIA}, ${S.NOT_CONTENT}, ${S.GROUP_META}, ${S.INMAIL_SUBJECT}`;
const DURATION_TEXT = /\b\d{1,2}:\d{2}(?::\d{2})?\b/;

export function readContent(item: Element): Content {
  const bodyEl = pick(item, S.BODY, NOT_BODY);
  const body = text(bodyEl);
  const found = findAttachment(item, bodyEl);
  const out: Content = { body, bodyEl, mediaEl: found?.el ?? null };
  if (found) out.attachment = attachmentOf(found.attachment);
  return out;
}

/** The text a message is recorded with: its words, else the English description of what it carries. */
export function contentText(c: Content): string {
  return c.body || (c.attachment ? describeAttachment(c.attachment) : '');
}

/** The first match that is neither noise (quotes, reactions) nor inside the message's own words (a pasted post
 * link in a sentence is words, not a shared post). */
function firstIn(item: Element, bodyEl: Element | null) {
  return (root: Element, sels: readonly string[]): Element | null =>
    pick(root, sels, undefined, (el) => !inside(el, item, S.NOT_CONTENT) && !bodyEl?.contains(el));
}

function duration(el: Element): string | undefined {
  const d = line(pick(el, S.DURATION)) || el.getAttribute('aria-label') || line(el);
  return DURATION_TEXT.exec(d)?.[0];
}

/** The first words of a card, not the actor's name or badges. */
function cardWords(card: Element, sels: readonly string[]): string | undefined {
  const el = pick(card, sels, undefined, (e) => !inside(e, card, '[class*="actor"]') && !!line(e));
  const words = el ? shortTitle(text(el).replace(/\n/g, ' ')) : '';
  return words || undefined;
}

function author(card: Element): string | undefined {
  const el = pick(card, S.POST_AUTHOR, undefined, (e) => !!line(e));
  const name = line(el) || card.querySelector('img[alt]')?.getAttribute('alt')?.trim() || '';
  return name || undefined;
}

/** Whichever kind of content the message carries, in an order where the more specific wins (a post card holds an
 * image; a voice note may sit in an attachment wrapper). */
function findAttachment(item: Element, bodyEl: Element | null): { el: Element; attachment: Attachment } | null {
  const first = firstIn(item, bodyEl);
  // The player's length: in the player, else beside it, never in the whole message (whose group time looks alike).
  const lengthOf = (el: Element): string | undefined => {
    const parent = el.parentElement;
    return duration(el) ?? (parent && parent !== item && !parent.querySelector('time, ' + S.GROUP_META) ? duration(parent) : undefined);
  };
  const voice = first(item, S.VOICE);
  if (voice) return { el: voice, attachment: attachmentOf({ kind: 'voice', duration: lengthOf(voice) }) };
  const call = first(item, S.CALL);
  if (call) return { el: call, attachment: attachmentOf({ kind: 'call', duration: lengthOf(call) }) };

  const post = first(item, S.POST);
  if (post) {
    const card = post.closest(S.PREVIEW) ?? post.parentElement ?? post;
    return { el: card, attachment: attachmentOf({ kind: 'post', author: author(card), title: cardWords(card, S.POST_WORDS) }) };
  }
  const article = first(item, S.ARTICLE);
  if (article) {
    const card = article.closest(S.PREVIEW) ?? article;
    return { el: card, attachment: attachmentOf({ kind: 'article', author: author(card), title: cardWords(card, S.CARD_TITLE) }) };
  }
  const event = first(item, S.EVENT);
  if (event) {
    const card = event.closest(S.PREVIEW) ?? event;
    return { el: card, attachment: attachmentOf({ kind: 'event', title: cardWords(card, S.CARD_TITLE) }) };
  }
  const sticker = first(item, S.STICKER);
  if (sticker) return { el: sticker, attachment: { kind: 'sticker' } };
  const gif = first(item, S.GIF);
  if (gif) return { el: gif, attachment: { kind: 'gif' } };

  const fileName = first(item, S.FILE_NAME);
  const file = fileName ?? first(item, [S.FILE]);
  if (file) {
    // A download link's own text also holds the size ("deck.pdf 412 KB"): its `download` value is the name.
    const name = (fileName?.matches('a[download]') && fileName.getAttribute('download')?.trim()) || line(fileName);
    return { el: file, attachment: attachmentOf({ kind: 'file', name: name || undefined }) };
  }
  const preview = first(item, [S.PREVIEW]);
  const video = first(preview ?? item, ['video']);
  if (video) return { el: video, attachment: attachmentOf({ kind: 'video', duration: lengthOf(video) }) };
  if (!preview) return null;
  for (const a of preview.querySelectorAll('a[href]')) {
    const host = externalHost(a.getAttribute('href')!);
    if (host) return { el: preview, attachment: { kind: 'link', name: host } };
  }
  return { el: preview, attachment: { kind: preview.querySelector('img') ? 'image' : 'other' } };
}

/** Host of an external link (LinkedIn's /redir/ links unwrapped); null for LinkedIn's own and non-http links. */
function externalHost(href: string): string | null {
  try {
    let u = new URL(href, 'https://www.linkedin.com');
    if (u.pathname.startsWith('/redir/') && /(^|\.)linkedin\.com$/.test(u.hostname)) u = new URL(u.searchParams.get('url')!);
    return /^https?:$/.test(u.protocol) && !/(^|\.)(linkedin|licdn)\.com$/.test(u.hostname)
      ? u.hostname.replace(/^www\./, '')
      : null;
  } catch {
    return null;
  }
}
