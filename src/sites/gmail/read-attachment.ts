// What a Gmail message carries besides its words: attached files, a calendar invitation, or a body that is only an
// inline image. Read from Gmail's own markup around the body (the attachment strip, the invitation card), never
// from the email's HTML, which can hold any class.
import type { Attachment } from '../types';
import * as S from './selectors';
import { flat } from './text';

/** Gmail's own parts of an expanded message besides its header and body, found in one pass over the block: each
 * query walks the whole body, and a read looks for all three in every expanded message. */
export interface MessageParts {
  /** File cards outside the body, at most 20. */
  cards: Element[];
  /** An invitation card outside the body. */
  calendar: Element | undefined;
  /** "[Message clipped] View entire message": Gmail shows only the first ~102 KB of a long message. */
  clipped: boolean;
}

const PARTS = [S.ATTACHMENT_CARD, S.CALENDAR_CARD, S.CLIPPED].join(',');
const MAX_CARDS = 20;

export function messageParts(block: Element): MessageParts {
  const parts: MessageParts = { cards: [], calendar: undefined, clipped: false };
  for (const el of block.querySelectorAll(PARTS)) {
    if (el.matches(S.CLIPPED) && !el.closest('.a3s')) parts.clipped = true;
    // Anything inside the body is the email's own HTML, which can hold any class.
    if (el.closest(S.BODY_AREA)) continue;
    if (parts.cards.length < MAX_CARDS && el.matches(S.ATTACHMENT_CARD)) parts.cards.push(el);
    if (!parts.calendar && el.matches(S.CALENDAR_CARD)) parts.calendar = el;
  }
  return parts;
}

/** A file card's name: its name element, else the name part of `download_url` ("mime:name:url"). */
function fileName(card: Element): string {
  const shown = flat(card.querySelector(S.ATTACHMENT_NAME));
  if (shown) return shown;
  const m = /^[^:]*:([^:]+):/.exec(card.getAttribute('download_url') || '');
  return m ? m[1]!.trim() : '';
}

/**
 * The attachment of an expanded message (`parts` = its block's, from messageParts), or undefined. `bodyText` is the
 * body's plain text: a body with no words but an image is an inline photo.
 */
export function readAttachment(parts: MessageParts, body: Element | null, bodyText: string): Attachment | undefined {
  const names = parts.cards.map(fileName).filter(Boolean);
  const card = parts.calendar;
  if (card || names.some((n) => /\.ics$/i.test(n))) {
    const title = flat(card?.querySelector(S.CALENDAR_TITLE));
    return title ? { kind: 'event', title } : { kind: 'event' };
  }
  if (names.length) return { kind: 'file', name: names.join(', ') };
  if (!bodyText && body?.querySelector('img')) return { kind: 'image' };
  return undefined;
}
