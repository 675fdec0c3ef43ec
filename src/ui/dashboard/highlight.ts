// Splitting a snippet into parts around its match, so the match is rendered in <mark> as text (never an HTML string).

export interface TextPart {
  text: string;
  match: boolean;
}

/** `text` cut into plain and matching parts; an out-of-range or empty match gives the text as one plain part. */
export function highlightParts(text: string, match: readonly [number, number] | null | undefined): TextPart[] {
  if (!match) return text ? [{ text, match: false }] : [];
  const start = Math.max(0, Math.min(text.length, match[0]));
  const end = Math.max(start, Math.min(text.length, match[1]));
  if (start === end) return text ? [{ text, match: false }] : [];
  const parts: TextPart[] = [];
  if (start > 0) parts.push({ text: text.slice(0, start), match: false });
  parts.push({ text: text.slice(start, end), match: true });
  if (end < text.length) parts.push({ text: text.slice(end), match: false });
  return parts;
}
