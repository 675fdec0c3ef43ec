// Test helpers: load a fixture page, and build small Gmail-like pages (2026 layout) in code, so one thread can be
// shown in several states (a message collapsed, then expanded).
import { readFileSync } from 'node:fs';
import path from 'node:path';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/gmail');

export function load(name: string): Document {
  return parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

export function parse(html: string): Document {
  return new DOMParser().parseFromString(html, 'text/html');
}

export const url = (hash = '#inbox/FMfcgzQfBGfsVHzgNPZvccFHwCmhpvCQ', account = 0) =>
  new URL(`https://mail.google.com/mail/u/${account}/${hash}`);

export const NOW = new Date(2026, 10, 10, 12, 0);

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

export interface Msg {
  name: string;
  email: string;
  title: string;
  /** Body HTML when expanded. */
  body: string;
  /** Snippet when collapsed. */
  snippet: string;
  expanded: boolean;
  /** data-message-id without '#', e.g. "msg-f:123". */
  mid?: string;
  legacy?: string;
  to?: [string, string][];
}

export function message(m: Msg): string {
  const ids = (m.mid ? ` data-message-id="#${m.mid}"` : '') + (m.legacy ? ` data-legacy-message-id="${m.legacy}"` : '');
  const sender =
    `<h3 class="iw"><span class="qu" role="gridcell" data-hovercard-id="${esc(m.email)}">` +
    `<span email="${esc(m.email)}" name="${esc(m.name)}" data-hovercard-id="${esc(m.email)}" class="gD"><span>${esc(m.name)}</span></span> ` +
    `<span class="go"><span aria-hidden="true">&lt;</span>${esc(m.email)}<span aria-hidden="true">&gt;</span></span></span></h3>`;
  const time = `<td class="gH"><div class="gK"><span class="g3" title="${esc(m.title)}" alt="${esc(m.title)}" role="gridcell">short</span></div></td>`;
  const avatar = `<div class="aju"><img class="ajn ajo" jid="${esc(m.email)}" data-name="${esc(m.name)}"></div>`;
  if (m.expanded) {
    const to = (m.to || [])
      .map(([n, e]) => `<span email="${esc(e)}" name="${esc(n)}" class="g2">${esc(n)}</span>`)
      .join(', ');
    return (
      `<div role="listitem" class="h7" aria-expanded="true"><div class="Bk"><div class="G3 G2"><div>` +
      `<div class="adn ads"${ids}>${avatar}<div class="gs"><div class="gE iv gt"><table class="cf gJ"><tbody>` +
      `<tr class="acZ"><td class="gF gK">${sender}</td>${time}</tr>` +
      `<tr class="acZ xD"><td colspan="3"><div class="iw ajw"><span class="hb">to ${to}</span></div></td></tr>` +
      `</tbody></table></div><div><div class="ii gt"><div class="a3s aiL">${m.body}</div></div></div></div></div>` +
      `</div></div></div></div>`
    );
  }
  return (
    `<div role="listitem" class="kv" aria-expanded="false"><div class="Bk"><div class="G3"><div>` +
    `<div class="adf ads"${ids}>${avatar}<div class="gs"><div class="gE hI"><table class="cf gJ"><tbody>` +
    `<tr class="acZ"><td class="gF gK">${sender}</td>${time}</tr>` +
    `<tr><td colspan="3"><div class="iA g6"><span>${esc(m.snippet)}</span></div></td></tr>` +
    `</tbody></table></div></div></div></div></div></div></div>`
  );
}

export interface PageOptions {
  account?: string;
  subject?: string;
  threadAttrs?: string;
  messages: Msg[];
  /** Raw HTML inserted before the messages (e.g. the "older messages" bar). */
  before?: string;
}

export function page(o: PageOptions): string {
  const account = o.account ?? 'me@example.com';
  const subject = o.subject ?? 'Subject line';
  const attrs = o.threadAttrs ?? ' data-thread-perm-id="thread-f:1847537872269332995" data-legacy-thread-id="19a3c5e7f9b1d203"';
  return (
    `<!DOCTYPE html><html><head><title>${esc(subject)} - ${account} - Gmail</title></head><body>` +
    `<header role="banner"><a aria-label="Google Account: Me&#10;(${account})" href="https://accounts.google.com/SignOutOptions"></a></header>` +
    `<div role="main"><div class="nH"><div class="ha"><h2 class="hP"${attrs}>${esc(subject)}</h2></div>` +
    `<div role="list">${o.before ?? ''}${o.messages.map(message).join('')}</div></div></div></body></html>`
  );
}

/** A realistic body of roughly `n` paragraphs. */
export function longBody(i: number, n = 4): string {
  let s = `<div dir="ltr">`;
  for (let p = 0; p < n; p++) {
    s += `<div>Paragraph ${p + 1} of message ${i}: thanks for the update, here are the numbers we discussed on the call.</div><div><br></div>`;
  }
  return (
    s +
    `</div><div class="gmail_quote"><div class="gmail_attr">On Mon, Nov 2, 2026 someone wrote:</div><blockquote class="gmail_quote">` +
    `Earlier text ${i}<br>More earlier text</blockquote></div>`
  );
}
