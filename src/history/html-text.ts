// HTML → readable plain text without a DOM (the import runs in a Worker, where there is none). A tag scanner, not a
// parser: scripts, styles, heads and comments go; block elements become line breaks; entities are decoded; Gmail's
// quoted history (`gmail_quote`) is cut. The result is text, never markup: nothing here is ever rendered as HTML.

const NAMED: Record<string, string> = {
  nbsp: '\u00a0', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", copy: '©', reg: '®', trade: '™', hellip: '…',
  mdash: '—', ndash: '–', lsquo: '‘', rsquo: '’', sbquo: '‚', ldquo: '“', rdquo: '”', bdquo: '„', laquo: '«',
  raquo: '»', lsaquo: '‹', rsaquo: '›', bull: '•', middot: '·', euro: '€', pound: '£', yen: '¥', cent: '¢', sect: '§',
  para: '¶', deg: '°', plusmn: '±', times: '×', divide: '÷', shy: '\u00ad', zwnj: '\u200c', zwj: '\u200d',
  ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', iexcl: '¡', iquest: '¿', ordf: 'ª', ordm: 'º', micro: 'µ',
  frac12: '½', frac14: '¼', frac34: '¾', sup2: '²', sup3: '³', dagger: '†', Dagger: '‡', permil: '‰', larr: '←',
  rarr: '→', uarr: '↑', darr: '↓', szlig: 'ß', aelig: 'æ', AElig: 'Æ', oelig: 'œ', OElig: 'Œ', oslash: 'ø',
  Oslash: 'Ø', aring: 'å', Aring: 'Å', ccedil: 'ç', Ccedil: 'Ç', ntilde: 'ñ', Ntilde: 'Ñ', eth: 'ð', thorn: 'þ',
  yuml: 'ÿ', Scaron: 'Š', scaron: 'š', Zcaron: 'Ž', zcaron: 'ž',
};
const ACCENTS: Record<string, string> = { acute: '\u0301', grave: '\u0300', circ: '\u0302', uml: '\u0308', tilde: '\u0303' };

function entity(whole: string, body: string): string {
  if (body[0] === '#') {
    const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
    if (!(code > 0 && code <= 0x10ffff) || (code >= 0xd800 && code <= 0xdfff)) return '\ufffd';
    return String.fromCodePoint(code);
  }
  const named = NAMED[body];
  if (named) return named;
  const accented = /^([A-Za-z])(acute|grave|circ|uml|tilde)$/.exec(body);
  if (accented) return (accented[1]! + ACCENTS[accented[2]!]).normalize('NFC');
  return whole;
}

export function decodeEntities(s: string): string {
  return s.includes('&') ? s.replace(/&(#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?/g, entity) : s;
}

const DROP = /<(script|style|head|title|template|noscript)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const BLOCK =
  /^(p|div|br|li|ul|ol|tr|table|tbody|thead|h[1-6]|blockquote|pre|hr|section|article|header|footer|address|dd|dt|dl|center)$/i;
/** Gmail, Yahoo, Outlook and Apple Mail mark where the quoted history starts. */
const QUOTE_START =
  /<(?:div|blockquote)\b[^>]*\b(?:class\s*=\s*["']?[^"'>]*\b(?:gmail_quote|yahoo_quoted)\b|id\s*=\s*["']?(?:divRplyFwdMsg|appendonsend)\b|type\s*=\s*["']?cite\b)/i;

export function htmlToText(html: string, trimQuote = true): string {
  let s = html.replace(/<!--[\s\S]*?-->/g, '').replace(DROP, '');
  if (trimQuote) {
    const q = QUOTE_START.exec(s);
    if (q && /\S/.test(tagsOut(s.slice(0, q.index)))) s = s.slice(0, q.index);
  }
  s = s.replace(/[ \t\r\n]+/g, ' '); // source line breaks are spaces; blocks make the lines
  s = s.replace(/<\/?([A-Za-z][A-Za-z0-9]*)\b[^>]*>/g, (tag, name: string) => {
    if (/^li$/i.test(name)) return tag[1] === '/' ? '' : '\n• ';
    if (/^(td|th)$/i.test(name) && tag[1] !== '/') return '\t';
    if (/^br$/i.test(name)) return '\n';
    return BLOCK.test(name) ? '\x01' : '';
  });
  // Where blocks meet (`</p><p>`) there is one line break, not one per tag.
  s = s.replace(/[ \t]*\x01(?:[ \t]*\x01)*[ \t]*/g, '\n');
  s = s.replace(/<[^>]*>/g, ''); // anything tag-like left (broken tags, doctype)
  s = decodeEntities(s);
  return tidy(s.replace(/\u00a0/g, ' ').replace(/\u00ad/g, ''));
}

function tagsOut(s: string): string {
  return decodeEntities(s.replace(/<[^>]*>/g, '')).replace(/\u00a0/g, ' ');
}

/** Trims each line, collapses runs of blank lines to one, and trims the whole. */
export function tidy(s: string): string {
  return s
    .split('\n')
    .map((l) => l.replace(/[ \t]+/g, (w) => (w.includes('\t') ? '\t' : ' ')).trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
