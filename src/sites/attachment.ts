// Words for a message that carries no words of its own (a voice note, a photo, a file, a shared post), shared by
// both adapters so that the same kind of content reads the same on both sites.
import type { Attachment } from './types';

/** Longest `title` kept for a shared post (the card's own text is never copied whole). */
export const ATTACHMENT_TITLE_MAX = 60;

/** A post's or article's first words, on one line, cut at a word with "…" past {@link ATTACHMENT_TITLE_MAX}. */
export function shortTitle(s: string): string {
  const one = s.replace(/\s+/g, ' ').trim();
  if (one.length <= ATTACHMENT_TITLE_MAX) return one;
  const cut = one.slice(0, ATTACHMENT_TITLE_MAX);
  const space = cut.lastIndexOf(' ');
  return `${(space > 20 ? cut.slice(0, space) : cut).replace(/[\s,.;:!?-]+$/, '')}…`;
}

/**
 * The English description of an attachment ("Voice message, 1:00", "Photo", "File: proposal.pdf", "Shared a post
 * by Alen Malkoč: “A week in…”"): the text of a message that has no words of its own, for search, export and
 * records read before the UI knew attachments. The sidebar shows its own localised words.
 */
export function describeAttachment(a: Attachment): string {
  const quoted = a.title ? `: “${a.title}”` : '';
  switch (a.kind) {
    case 'voice':
      return a.duration ? `Voice message, ${a.duration}` : 'Voice message';
    case 'image':
      return 'Photo';
    case 'gif':
      return 'GIF';
    case 'sticker':
      return 'Sticker';
    case 'video':
      return a.duration ? `Video, ${a.duration}` : 'Video';
    case 'file':
      return a.name ? `File: ${a.name}` : 'File';
    case 'post':
      return (a.author ? `Shared a post by ${a.author}` : 'Shared a post') + quoted;
    case 'article':
      return (a.author ? `Shared an article by ${a.author}` : 'Shared an article') + quoted;
    case 'link':
      return a.name ? `Shared a link: ${a.name}` : 'Shared a link';
    case 'event':
      return a.title ? `Event: ${a.title}` : 'Event';
    case 'call':
      return a.duration ? `Call, ${a.duration}` : 'Call';
    default:
      return 'Shared content';
  }
}
