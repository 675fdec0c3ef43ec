// Words for a message that carries no words of its own (a voice note, a photo, a file, a shared post), shared by
// both adapters so that the same kind of content reads the same on both sites.
import type { Attachment } from './types';

/** Longest `title` kept for a shared post (the card's own text is never copied whole). */
export const ATTACHMENT_TITLE_MAX = 60;

/** Longest detail kept (a file name, an author): far under any limit of the protocol, so one absurd name never
 * gets a whole page read refused. */
export const ATTACHMENT_DETAIL_MAX = 200;

/** An attachment as recorded: empty details left out, long ones cut with "…". */
export function attachmentOf(a: Attachment): Attachment {
  const out: Attachment = { kind: a.kind };
  for (const k of ['duration', 'name', 'author', 'title'] as const) {
    const v = a[k]?.trim();
    if (v) out[k] = v.length > ATTACHMENT_DETAIL_MAX ? `${v.slice(0, ATTACHMENT_DETAIL_MAX - 1)}…` : v;
  }
  return out;
}

/** A post's or article's first words, on one line, cut at a word with "…" past {@link ATTACHMENT_TITLE_MAX}. */
export function shortTitle(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= ATTACHMENT_TITLE_MAX) return one;
  const cut = one.slice(0, ATTACHMENT_TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

// The words for each kind, and the detail that follows them (after ", " for a length, ": " for a name or title).
const WORDS: Record<Attachment['kind'], string> = {
  voice: 'Voice message',
  image: 'Photo',
  gif: 'GIF',
  sticker: 'Sticker',
  video: 'Video',
  file: 'File',
  post: 'Shared a post',
  article: 'Shared an article',
  link: 'Shared a link',
  event: 'Event',
  call: 'Call',
  other: 'Shared content',
};

/**
 * The English description of an attachment ("Voice message, 1:00", "Photo", "File: proposal.pdf", "Shared a post
 * by Alen Malkoč: “A week in…”"): the text of a message that has no words of its own, for search, export and
 * records read before the UI knew attachments. The sidebar shows its own localised words.
 */
export function describeAttachment(a: Attachment): string {
  const words = WORDS[a.kind] ?? WORDS.other;
  if (a.kind === 'post' || a.kind === 'article') {
    return words + (a.author ? ` by ${a.author}` : '') + (a.title ? `: “${a.title}”` : '');
  }
  if (a.duration) return `${words}, ${a.duration}`;
  const detail = a.name ?? a.title;
  return detail ? `${words}: ${detail}` : words;
}
