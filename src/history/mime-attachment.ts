// What a mail carries besides its words, from its MIME parts, in the shape the Gmail adapter records when it reads the
// same message on the page (src/sites/gmail/read-attachment.ts): an invitation is an `event` (titled when the
// calendar part names it), attached files one `file` whose name lists them all, a body that is only an inline image
// an `image`. The files' bytes are never read: their names come from the part headers.
import { attachmentOf } from '../sites/attachment';
import type { Attachment } from '../sites/types';
import { headerParam } from './headers';

/** What the MIME walk saw, besides text. */
export interface PartsSeen {
  /** Attached files' names, in order. */
  files: string[];
  /** A text/calendar part (an invitation). */
  calendar: boolean;
  calendarTitle: string;
  /** An image shown inside the body (inline, or referenced by its Content-ID). */
  inlineImage: boolean;
}

/** Names longer than this are cut (the record cuts the joined list at 200 characters anyway). */
const MAX_NAME = 255;

/**
 * A part's file name: Content-Disposition `filename` (plain, RFC 2047 encoded, or RFC 2231 `filename*` with its
 * continuations), else Content-Type `name`. Only the last path segment is kept; control characters go.
 */
export function fileNameOf(contentType: string, disposition: string): string {
  const raw = headerParam(disposition, 'filename') || headerParam(contentType, 'name');
  // eslint-disable-next-line no-control-regex
  const name = raw.replace(/[\u0000-\u001f\u007f]+/g, ' ').split(/[\\/]/).pop()!.replace(/\s+/g, ' ').trim();
  return name.slice(0, MAX_NAME);
}

/** The SUMMARY of an iCalendar text (unfolded, escapes undone), or ''. */
export function calendarTitle(ics: string): string {
  const unfolded = ics.replace(/\n[ \t]/g, '');
  const m = /^SUMMARY(?:;[^:\n]*)?:(.*)$/m.exec(unfolded);
  if (!m) return '';
  return m[1]!.replace(/\\([,;\\])/g, '$1').replace(/\\[nN]/g, ' ').replace(/\s+/g, ' ').trim();
}

/** The attachment as recorded for a captured message, or undefined. `hasText`: the body has words of its own. */
export function attachmentOfParts(seen: PartsSeen, hasText: boolean): Attachment | undefined {
  if (seen.calendar || seen.files.some((n) => /\.ics$/i.test(n))) {
    return attachmentOf(seen.calendarTitle ? { kind: 'event', title: seen.calendarTitle } : { kind: 'event' });
  }
  const files = seen.files.filter(Boolean);
  if (files.length) return attachmentOf({ kind: 'file', name: files.join(', ') });
  if (!hasText && seen.inlineImage) return { kind: 'image' };
  return undefined;
}
