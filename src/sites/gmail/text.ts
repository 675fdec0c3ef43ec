// Plain text of a message body, without layout reads (no innerText): a walk over the nodes that turns block
// elements and <br> into line breaks, so paragraphs survive, and drops what is never text (style, script…).
// Quoted text Gmail hides behind its "…" toggle is kept: it is part of the message as sent.

// Elements whose text is never shown as message text (void elements such as img or input have no text to skip).
const SKIP = /^(STYLE|SCRIPT|NOSCRIPT|TEMPLATE|HEAD|TITLE|IFRAME|OBJECT|SVG|SELECT|TEXTAREA)$/;
// Paragraph-like blocks (a blank line around them) and other blocks (a line break around them), as used in email HTML.
const PARA = /^(P|H[1-6]|BLOCKQUOTE|PRE|TABLE|UL|OL|DL|HR)$/;
const BLOCK = /^(DIV|LI|TR|DD|DT|CENTER|FORM|ADDRESS|ARTICLE|SECTION|HEADER|FOOTER|CAPTION|FIGURE|DETAILS)$/;

export function plainText(root: Node): string {
  let out = '';
  // Character checks by code, not regexes anchored with $: those rescan the whole string and make long bodies slow.
  const trimEnd = () => {
    let i = out.length;
    while (i && out.charCodeAt(i - 1) === 32) i--;
    if (i < out.length) out = out.slice(0, i);
  };
  const nl = (n: number) => {
    if (!out) return;
    trimEnd();
    let have = 0;
    while (have < n && out.charCodeAt(out.length - 1 - have) === 10) have++;
    out += '\n'.repeat(n - have);
  };
  const walk = (node: Node) => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) {
        let t = (c.nodeValue || '').replace(/\s+/g, ' ');
        const end = out.charCodeAt(out.length - 1);
        if (t.charCodeAt(0) === 32 && (!out || end === 10 || end === 32)) t = t.slice(1);
        out += t;
      } else if (c.nodeType === 1) {
        const tag = (c as Element).tagName.toUpperCase();
        if (SKIP.test(tag)) continue;
        if (tag === 'BR') {
          trimEnd();
          out += '\n';
          continue;
        }
        const gap = PARA.test(tag) ? 2 : BLOCK.test(tag) ? 1 : 0;
        if (gap) nl(gap);
        walk(c);
        if (gap) nl(gap);
        else if (tag === 'TD' || tag === 'TH') out += ' ';
      }
    }
  };
  walk(root);
  return out
    .split('\n')
    .map((l) => l.trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Text of a small element (names, snippets, subject): whitespace collapsed, trimmed. */
export function flat(el: Element | null | undefined): string {
  return el ? (el.textContent || '').replace(/[\s\u00a0]+/g, ' ').trim() : '';
}

/** The letters and digits of `s`, lower-cased: what a snippet and the full text of one message have in common. */
export function keyText(s: string, n: number): string {
  return s.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '').slice(0, n);
}
