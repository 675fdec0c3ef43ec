// What a Gmail message carries besides its words: attached files, a calendar invitation, or a body that is only an
// inline image. Read from Gmail's own markup around the body (the attachment strip, the invitation card), never
// from the email's HTML, which can hold any class.
import type { Attachment } from '../types';
import * as S from './selectors';
import { flat } from './text';

/** Elements matching `sel` in `block` that are Gmail's, not the email's own HTML. */
function outsideBody(block: Element, sel: string, max = 20): Element[] {
  const out: Element[] = [];
  for (const el of block.querySelectorAll(sel)) {
    if (el.closest(S.BODY_AREA)) continue;
    out.push(el);
    if (out.length >= max) break;
  }
  return out;
}

/** A file card's name: its name element, else the name part of `download_url` ("mime:name:url"). */
function fileName(card: Element): string {
  const shown = flat(card.querySelector(S.ATTACHMENT_NAME));
  if (shown) return shown;
  const m = /^[^:]*:([^:]+):/.exec(card.getAttribute('download_url') || '');
  return m ? m[1]!.trim() : '';
}

/**
 * The attachment of an expanded message (`block` = its `.adn`), or undefined. `bodyText` is the body's plain text:
 * a body with no words but an image is an inline photo.
 */
export function readAttachment(block: Element, body: Element | null, bodyText: string): Attachment | undefined {
  const names = outsideBody(block, S.ATTACHMENT_CARD).map(fileName).filter(Boolean);
  const card = outsideBody(block, S.CALENDAR_CARD, 1)[0];
  if (card || names.some((n) => /\.ics$/i.test(n))) {
    const title = flat(card?.querySelector(S.CALENDAR_TITLE));
    return title ? { kind: 'event', title } : { kind: 'event' };
  }
  if (names.length) return { kind: 'file', name: names.join(', ') };
  if (!bodyText && body?.querySelector('img')) return { kind: 'image' };
  return undefined;
}

/** Whether Gmail clipped the message ("[Message clipped] View entire message"): only its start is on the page. */
export function isClipped(block: Element): boolean {
  for (const el of block.querySelectorAll(S.CLIPPED)) if (!el.closest('.a3s')) return true;
  return false;
}
