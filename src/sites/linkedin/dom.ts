// Small DOM helpers shared by the LinkedIn readers. textContent-style walks only: no layout reads.

const SKIP_TAGS = /^(SCRIPT|STYLE|TEMPLATE|NOSCRIPT|SVG|BUTTON)$/i;
const BLOCK_TAGS = /^(P|DIV|LI|UL|OL|H[1-6]|BLOCKQUOTE|PRE|TR|SECTION|ARTICLE)$/i;

/** Plain text of an element: `<br>` and block boundaries become line breaks, runs of spaces collapse; hidden
 * screen-reader text, scripts, styles and buttons are skipped. */
export function text(el: Element | null | undefined): string {
  if (!el) return '';
  let out = '';
  const walk = (node: Node): void => {
    for (let c = node.firstChild; c; c = c.nextSibling) {
      if (c.nodeType === 3) out += c.nodeValue ?? '';
      else if (c.nodeType === 1) {
        const e = c as Element;
        const tag = e.tagName;
        if (tag === 'BR' || tag === 'br') out += '\n';
        else if (!SKIP_TAGS.test(tag) && !e.classList.contains('visually-hidden')) {
          const block = BLOCK_TAGS.test(tag);
          if (block) out += '\n';
          walk(e);
          if (block) out += '\n';
        }
      }
    }
  };
  walk(el);
  return out
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** {@link text} on one line. */
export function line(el: Element | null | undefined): string {
  return text(el).replace(/\n/g, ' ');
}

/** Whether `el` (or an ancestor of it below `root`) matches `sel`. Walks only up to `root`, unlike `closest`. */
export function inside(el: Element, root: Element, sel: string): boolean {
  for (let e: Element | null = el; e && e !== root; e = e.parentElement) if (e.matches(sel)) return true;
  return false;
}

/** The first match of the first selector that matches, skipping elements inside `skip` regions of `root` and
 * elements `ok` rejects. */
export function pick(
  root: ParentNode | null | undefined,
  sels: readonly string[],
  skip?: string,
  ok?: (el: Element) => boolean,
): Element | null {
  if (!root) return null;
  const scope = (root as Node).nodeType === 1 ? (root as Element) : null;
  const good = (el: Element) => (!skip || !scope || !inside(el, scope, skip)) && (!ok || ok(el));
  for (const sel of sels) {
    const first = root.querySelector(sel);
    if (!first) continue;
    if (good(first)) return first;
    for (const el of root.querySelectorAll(sel)) if (good(el)) return el;
  }
  return null;
}

/** 32-bit FNV-1a as 8 hex digits: stable ids for messages the page gives no id for. */
export function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

/** Lower-cased, diacritics removed, spaces collapsed: for comparing names and reading day names. */
export function fold(s: string): string {
  return s.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').replace(/\s+/g, ' ').trim().toLowerCase();
}
