// Text folding, word tokens and snippets for matching names and for full-text search. Pure.
//
// Folding: lower case (locale-independent), NFKD, combining marks stripped after Latin, Greek and Cyrillic letters
// (so "José" → "jose", "Ёлка" → "елка"; marks that carry meaning in other scripts, e.g. Japanese voicing marks,
// are kept), then NFC; plus a few letters that do not decompose (ß→ss, ł→l, ø→o, đ→d, æ→ae, œ→oe, ı→i).
//
// Tokens: runs of letters, digits and marks. Scripts written without spaces (Han, Hiragana, Katakana, Thai, Lao,
// Khmer, Myanmar) are cut into overlapping bigrams plus the run's last character, so any substring of two or more
// characters is found and every character starts a token (a one-character query prefix-matches). Tokens are cut at
// MAX_TOKEN_LENGTH code units; queries are cut the same way, so prefix matching still holds.

export const MAX_TOKEN_LENGTH = 32;
/** Words kept per searchable text; the rest of a very long text is not indexed. */
export const MAX_TOKENS_PER_TEXT = 1000;

const STRIP_MARKS = /([\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}])\p{M}+/gu;
const EXTRA: Record<string, string> = { ß: 'ss', ł: 'l', ø: 'o', đ: 'd', æ: 'ae', œ: 'oe', ı: 'i', ŧ: 't', ħ: 'h' };
const EXTRA_RE = /[ßłøđæœıŧħ]/g;

const ASCII = /^[\x00-\x7f]*$/;

export function foldText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(STRIP_MARKS, '$1')
    .normalize('NFC')
    .replace(EXTRA_RE, (c) => EXTRA[c] ?? c);
}

/** The key two names are compared by: folded case and accents, whitespace collapsed, trimmed. */
export function nameKey(name: string): string {
  return foldText(name).replace(/\s+/gu, ' ').trim();
}

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;
const ASCII_SEPARATORS = /[^a-z0-9]+/;
const WHITE_SPACE = /\s+/u;
const UNSPACED = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u30FC\\u3005\\p{Script=Thai}\\p{Script=Lao}\\p{Script=Khmer}\\p{Script=Myanmar}';
const SPLIT_RE = new RegExp(`([${UNSPACED}]+)|([^${UNSPACED}]+)`, 'gu');
const UNSPACED_CHAR = new RegExp(`^[${UNSPACED}]`, 'u');

function cut(token: string): string {
  return token.length > MAX_TOKEN_LENGTH ? token.slice(0, MAX_TOKEN_LENGTH) : token;
}

function pushWordTokens(word: string, out: Set<string>): void {
  for (const m of word.matchAll(SPLIT_RE)) {
    if (m[2]) {
      out.add(cut(m[2]));
      continue;
    }
    const chars = Array.from(m[1] ?? '');
    if (chars.length === 0) continue;
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
    out.add(chars[chars.length - 1]!);
  }
}

// Folding a word (two Unicode normalisations) costs ten times cutting it out, and the words of a history repeat:
// the tokens of recent non-ASCII words are kept, a few thousand at most.
const FOLDED_CACHE_SIZE = 4096;
let foldedCache = new Map<string, readonly string[]>();

function foldedWordTokens(word: string): readonly string[] {
  let tokens = foldedCache.get(word);
  if (tokens) return tokens;
  const out = new Set<string>();
  for (const f of foldText(word).matchAll(WORD_RE)) pushWordTokens(f[0], out);
  tokens = Array.from(out);
  if (foldedCache.size >= FOLDED_CACHE_SIZE) foldedCache = new Map();
  foldedCache.set(word, tokens);
  return tokens;
}

/** The distinct folded words of `text`, in order of first appearance, at most `max`. Words are cut out first and
 * only those with non-ASCII characters are folded (most words of most texts need no more than lower case). */
export function tokenize(text: string, max = MAX_TOKENS_PER_TEXT): string[] {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  if (ASCII.test(lower)) {
    addAsciiWords(lower, out, max);
    return Array.from(out);
  }
  // Words never span white space: most pieces of a mixed text are plain ASCII and are cut without the (slower)
  // Unicode word pattern.
  for (const piece of lower.split(WHITE_SPACE)) {
    if (!piece) continue;
    if (ASCII.test(piece)) {
      if (addAsciiWords(piece, out, max)) break;
      continue;
    }
    let full = false;
    for (const m of piece.matchAll(WORD_RE)) {
      const word = m[0];
      if (ASCII.test(word)) out.add(cut(word));
      else for (const t of foldedWordTokens(word)) out.add(t);
      if ((full = out.size >= max)) break;
    }
    if (full) break;
  }
  return out.size > max ? Array.from(out).slice(0, max) : Array.from(out);
}

/** Adds the words of an ASCII text; true once `out` holds `max`. */
function addAsciiWords(text: string, out: Set<string>, max: number): boolean {
  for (const word of text.split(ASCII_SEPARATORS)) {
    if (!word) continue;
    out.add(cut(word));
    if (out.size >= max) return true;
  }
  return false;
}

/**
 * The words a text is indexed under: its tokens, less those that add nothing to prefix matching. A word that is a
 * prefix of another word of the same text is left out (any query token matching the start of it matches the longer
 * word too), and so is a one-character word of a spaced script ("a", "5": a one-character query still matches every
 * longer word starting with it; only a text whose sole word starting with that character is that character is
 * missed). One-character tokens of unspaced scripts are kept (they are how a character at the end of a run is
 * found). Sorted, so the result is canonical for a text.
 */
export function indexWords(text: string, max = MAX_TOKENS_PER_TEXT): string[] {
  return withoutPrefixWords(tokenize(text, max));
}

/** Words kept for all the texts of one conversation together. */
export const MAX_TOKENS_PER_CONVERSATION = 5000;

/**
 * The words several texts are indexed under together (a conversation: its subject and messages): each text's tokens
 * (at most MAX_TOKENS_PER_TEXT), in the order of the texts, at most `max` in all, less the words indexWords leaves
 * out. Give the texts that matter most first.
 */
export function indexWordsOfTexts(texts: readonly string[], max = MAX_TOKENS_PER_CONVERSATION): string[] {
  const all = new Set<string>();
  for (const text of texts) {
    for (const token of tokenize(text)) {
      all.add(token);
      if (all.size >= max) return withoutPrefixWords([...all]);
    }
  }
  return withoutPrefixWords([...all]);
}

function withoutPrefixWords(tokens: string[]): string[] {
  const sorted = tokens.sort();
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const w = sorted[i]!;
    // Sorted: a word that some other word starts with is directly followed by one that does.
    const next = sorted[i + 1];
    if (next !== undefined && next.startsWith(w)) continue;
    if (w.length === 1 && !UNSPACED_CHAR.test(w)) continue;
    out.push(w);
  }
  return out;
}

/**
 * The tokens of a search query. A token that is a prefix of another query token is dropped (it adds nothing under
 * "every token must prefix-match some word"); longest first, so the most selective lookup comes first.
 */
export function queryTokens(query: string): string[] {
  const tokens = tokenize(query, 16);
  return tokens
    .filter((t) => !tokens.some((o) => o !== t && o.startsWith(t)))
    .sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
}

/** Whether every query token prefix-matches one of `words`. */
export function matchesAll(words: readonly string[], tokens: readonly string[]): boolean {
  return tokens.every((t) => words.some((w) => w.startsWith(t)));
}

export interface Snippet {
  text: string;
  /** The match inside `text` (UTF-16 offsets), for highlighting; null when no token could be located. */
  match: [number, number] | null;
}

/**
 * A short piece of `text` around the first place a query token matches the start of a word (anywhere, for
 * unspaced scripts), with "…" where it was cut. Falls back to the start of the text.
 */
export function makeSnippet(text: string, tokens: readonly string[], radius = 40): Snippet {
  const source = text.normalize('NFC').replace(/\s+/gu, ' ').trim();
  // Fold code point by code point, remembering where each folded unit came from.
  let folded = '';
  const origin: number[] = [];
  let offset = 0;
  for (const ch of source) {
    const f = foldText(ch);
    for (let i = 0; i < f.length; i++) origin.push(offset);
    folded += f;
    offset += ch.length;
  }
  origin.push(source.length);
  let best: [number, number] | null = null;
  for (const token of tokens) {
    let from = 0;
    while (from <= folded.length) {
      const at = folded.indexOf(token, from);
      if (at < 0) break;
      const before = at === 0 ? '' : folded[at - 1]!;
      const wordStart = at === 0 || !/[\p{L}\p{N}\p{M}]/u.test(before) || UNSPACED_CHAR.test(token);
      if (wordStart) {
        if (!best || at < best[0]) best = [at, at + token.length];
        break;
      }
      from = at + 1;
    }
  }
  if (!best) {
    const cutAt = Math.min(source.length, radius * 2);
    return { text: source.slice(0, cutAt) + (cutAt < source.length ? '…' : ''), match: null };
  }
  const start = origin[best[0]]!;
  const end = origin[Math.min(best[1], origin.length - 1)]!;
  let from = Math.max(0, start - radius);
  let to = Math.min(source.length, end + radius);
  // Do not cut a word or a surrogate pair in half when a space is near.
  const space = source.lastIndexOf(' ', from);
  if (from > 0 && space >= from - 10 && space < start) from = space + 1;
  const spaceAfter = source.indexOf(' ', end);
  if (to < source.length && spaceAfter > 0 && spaceAfter <= to + 10) to = spaceAfter;
  if (from > 0 && /[\uDC00-\uDFFF]/.test(source[from]!)) from--;
  if (to < source.length && /[\uDC00-\uDFFF]/.test(source[to]!)) to++;
  const prefix = from > 0 ? '…' : '';
  const suffix = to < source.length ? '…' : '';
  return {
    text: prefix + source.slice(from, to) + suffix,
    match: [prefix.length + start - from, prefix.length + end - from],
  };
}
