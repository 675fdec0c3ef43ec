// Every Gmail selector the adapter uses, in one place. Each says where and when it was seen (see
// docs/sites.md, "Gmail, thread view", and the capture in ../shared/real-pages/). Lists are fallbacks in order:
// the first that matches wins. Rules: never select on hashed classes (the 2026 `<button>` classes, `gb_*`), never
// on visible text (the UI is localised), prefer attributes that carry data (`email`, `title`, `data-*`).

/** The thread's subject. `h2.hP`: 2014–2026 captures; carries `data-legacy-thread-id` and (since ~2018)
 * `data-thread-perm-id`. */
export const SUBJECT = 'h2.hP';

/** The view that holds the open thread: `[role=main]`, 2016–2026 captures. Used only to scope queries. */
export const MAIN = '[role="main"]';

/**
 * One message, in page order. Expanded: `div.adn.ads` (2014–2026). Collapsed: `div.adf.ads` inside
 * `div.kv[role=listitem]` (2016–2026). `.kv` / `.h7` (the list items; InboxSDK: `.h7` expanded, `.kv`/`.ky`
 * collapsed) are listed last as fallbacks for markup where the inner `.ads` block is missing; a list item that
 * holds an `.adn`/`.adf` is skipped in favour of that inner block.
 */
export const MESSAGE = '.adn,.adf,.kv,.ky,.h7';
/** The inner message blocks; a list item containing one of these is a wrapper, not a message. */
export const MESSAGE_BLOCK = '.adn,.adf';
/** Marks an expanded message (`.adn` block or `.h7` list item), 2014–2026. Anything else is collapsed. */
export const EXPANDED = '.adn,.h7';

/**
 * Sender address, in order:
 * 1. `span.gD[email]` (attributes `email`, `name`) — 2014–2026 captures; in 2026 inside `h3.iw > span.qu[role=gridcell]`.
 * 2. `.gD[data-hovercard-id]` — 2024–2026, same address.
 * 3. `h3.iw [email]`, `td.gF [email]` — the sender cell (InboxSDK reads `td.gF span[email]`), 2016–2026.
 * 4. `span.qu[data-hovercard-id]` — 2026 gridcell around the sender.
 * 5. `span.go` — "<a@b.c>" beside the name, 2016–2026 (text; parsed for an address only).
 * 6. `img.ajn[jid]` — the avatar, 2016–2026.
 */
export const SENDER: readonly string[] = [
  'span.gD[email]',
  '.gD[data-hovercard-id]',
  'h3.iw [email]',
  'td.gF [email]',
  'span.qu[data-hovercard-id]',
  'span.go',
  'img.ajn[jid]',
];
/** Sender's name: `span.gD` (its `name`, else its text), even when it has lost its `email`. */
export const SENDER_NAME = 'span.gD';
/** Sender's display name when `span.gD` has none: the avatar's `data-name` (2026). */
export const AVATAR_NAME = 'img.ajn[data-name]';

/** Recipients (To/Cc) of an expanded message: `span.g2[email][name]` inside `.hb`, 2014–2026; InboxSDK reads
 * `.hb span[email]`. The user appears with a localised name ("me", "saya", "我"): compare addresses only. */
export const RECIPIENTS = 'span.g2[email],.hb [email]';

/**
 * Send time, in order: `span.g3[title]` (full localised date; 2014–2026), `.g3[alt]` (2026, same string), then a
 * `[title]` in the date cell (`td.gH`, `.gK`, 2016–2026) that contains a digit. The visible text of `.g3` is short
 * or relative ("8 days ago") and used only as the last resort for `sentAtText`.
 */
export const TIME: readonly (readonly [sel: string, attr: string])[] = [
  ['span.g3[title]', 'title'],
  ['.g3[alt]', 'alt'],
  ['.gK [title]', 'title'],
  ['td.gH [title]', 'title'],
];
export const TIME_TEXT = '.g3';

/** Body of an expanded message: `.a3s` (inside `.ii.gt`), 2014–2026. The classes beside it (`aiL`, `adP`, `adO`)
 * came and went; `.ii.gt` alone is the fallback (InboxSDK), then `.adP` (older). */
export const BODY = ['.a3s', '.ii.gt', '.adP'] as const;
/** Anything inside these is the email's own HTML (which can hold any class or attribute): never read as Gmail's
 * markup, only as text. */
export const BODY_AREA = '.a3s,.ii.gt';
/** Snippet of a collapsed message: `.iA.g6`, 2016–2026; then `.g6`, `.iA`. */
export const SNIPPET = ['.iA.g6', '.g6', '.iA'] as const;

/** Elements that carry base64 JSON ids in `jslog` (`1:` thread, `4:` message; 2024–2026): the last-resort id
 * source. Only the segments that hold ids are selected, and at most {@link JSLOG_MAX} elements are decoded. */
export const JSLOG_THREAD = '[jslog*="1:Wy"]';
export const JSLOG_MESSAGE = '[jslog*="4:Wy"]';
export const JSLOG_MAX = 20;

/** The list item around a message block: `.kv`/`.ky` collapsed, `.h7` expanded (2016–2026; InboxSDK). */
export const ITEM = '.kv,.ky,.h7';
/** Collapsed list items, where older markup put the snippet beside the block. */
export const COLLAPSED_ITEM = '.kv,.ky';
/** A message's own id attributes (2018–2026), on the block, its list item, or inside them. */
export const MESSAGE_ID = '[data-message-id],[data-legacy-message-id]';
/** Where the 2014–2017 body-class id (`m<hex>`) sits: `.ii` and `.a3s` (and the first child of `.ii`). */
export const BODY_ID_HOLDERS = ['.ii', '.a3s'] as const;
/** A placeholder list item of a hidden message holds no sender; a real one does. */
export const HAS_SENDER = '[email]';

/**
 * Attachments of an expanded message, outside its body: the attachment strip `.aQH` holding one card `.aZo` per file
 * (2014–2026, InboxSDK's attachment card view), the file name in `.aV3` (2016–2026), else the card's `download_url`
 * attribute ("mime:name:url", 2014–2026). The strip sits beside `.a3s`, never inside it.
 */
export const ATTACHMENT_CARD = '.aQH .aZo, .aZo[download_url]';
export const ATTACHMENT_NAME = '.aV3';
/**
 * A calendar invitation or reply: Gmail's own invitation card above the body (`[data-eventid]`/`[data-event-id]`,
 * assumed from 2024–2026 RSVP cards) or an attached `.ics` file (any year). Its title: the card's heading.
 */
export const CALENDAR_CARD = '[data-eventid], [data-event-id]';
export const CALENDAR_TITLE = '[role="heading"], h2, h3';
/** "[Message clipped] View entire message": Gmail shows only the first ~102 KB of a long message (`.iX`, 2014–2026). */
export const CLIPPED = '.iX';

/**
 * The selected row of the thread list with the reading pane (2026): `tr.aps` inside `[gh=tl]`, carrying
 * `data-legacy-thread-id` itself or on the subject span. The thread id when the thread opens without a URL change
 * and its subject carries none.
 */
export const SELECTED_ROW_ID = '[gh="tl"] tr.aps[data-legacy-thread-id], [gh="tl"] tr.aps [data-legacy-thread-id]';

/**
 * "N older messages": Gmail hides a run of middle messages. The bar is `.kQ.adv` with the count in
 * `span.adx` (2020–2026, its visible digits); each hidden message is a `.kQ` / `.kx` placeholder list item
 * (InboxSDK's HIDDEN view state), holding no message data.
 */
export const HIDDEN_COUNT = 'span.adx';
export const HIDDEN_ITEM = '.kQ,.kx';

/**
 * The signed-in account button (aria-label "Google Account: Name (name@example.com)", localised), 2016–2026:
 * found by its link to accounts.google.com or by being in the page header; never by its `gb_*` class, which rotates.
 */
export const ACCOUNT = 'a[href*="accounts.google.com"][aria-label*="@"],header [aria-label*="@"],[role="banner"] [aria-label*="@"]';

/** Body-class legacy id: `m` + 16 hex on `.ii.gt`, `.a3s` or their first child (2014–2017 markup; InboxSDK). */
export const BODY_ID_CLASS = /(?:^|\s)m([0-9a-f]{12,16})(?=\s|$)/;

// ── thread list ──
// Inbox, Sent, labels and search results (docs/sites.md, "Gmail, thread lists"). Read by read-list.ts only.

/** A thread row: `tr.zA` (2014–2026 captures; InboxSDK and gmail.js select on it). */
export const LIST_ROW = 'tr.zA';
/** Row modifiers: `zE` unread, `yO` read (2014–2026). Fragile only in that both could vanish together: the bold
 * sender (`.zF`, {@link LIST_UNREAD_PERSON}) is the fallback. */
export const LIST_UNREAD = 'zE';
export const LIST_READ = 'yO';
/** With a reading pane, one thread spans the `tr.apv` and the one or two `tr.apw` after it (2016–2026). */
export const LIST_PANE_FIRST = 'apv';
export const LIST_PANE_MORE = 'apw';
/** Ad rows (Promotions/Social tabs): `.am0`, `.bvA` on or inside the row (2019–2026; InboxSDK skips them too). */
export const LIST_AD = '.am0,.bvA';
/**
 * The id carrier in the subject cell: `span[data-thread-id="#thread-f:<decimal>"][data-legacy-thread-id="<hex>"]`,
 * often with `data-legacy-last-message-id` (2019 and 2026 captures). Either attribute alone is enough.
 */
export const LIST_ID = '[data-legacy-thread-id],[data-thread-id]';
/** The carrier as the captures show it, looked for first: a selector with a tag is found about three times faster
 * than the list above (measured on the bench's inbox), and every list change looks for it in every row it touched. */
export const LIST_ID_SPAN = 'span[data-thread-id]';
/** Gmail's own cells, used to tell a Gmail row that lost its id from another extension's row: subject `span.bog`,
 * date cell `td.xW`, people cell `td.yX` (2014–2026). */
export const LIST_GMAIL_CELL = 'span.bog,td.xW,td.yX';
/**
 * Newest time, full localised date in `title`: `td.xW > span[title]` (default layout, 2014–2026), then
 * `td.yf.apt > div.apm > span[title]` (reading-pane layouts, 2016–2026). Fallbacks, each less exact: any `[title]`
 * in those cells (the span has been seen wrapped once more), then the `aria-label` of the same span (2026; the short
 * date without a year, kept as text only).
 */
export const LIST_TIME = ['td.xW > span[title]', 'td.yf.apt > div.apm > span[title]', 'td.xW [title]', '.apm [title]'];
export const LIST_TIME_TEXT = 'td.xW span,.apm span';
/** People: `td.yX > div.yW span[email][name]` (2014–2026), `.yP` read / `.zF` unread parts; fallback any `[email]`
 * in `.yW` or in the people cell. */
export const LIST_PEOPLE = ['td.yX > div.yW span[email]', '.yW [email]', 'td.yX [email]'];
export const LIST_PEOPLE_CELL = 'div.yW,td.yX';
/** The row's accessibility summary (sender, subject, time, snippet as one sentence), `div.afn`, 2019–2026. */
export const LIST_SUMMARY = '.afn';
/** Bold (unread) part of the people cell, 2014–2026: the read-state fallback. */
export const LIST_UNREAD_PERSON = '.zF';
/** Subject `span.bog` (inside `div.y6`), snippet `span.y2` (2014–2026). */
export const LIST_SUBJECT = 'span.bog';
export const LIST_SNIPPET = 'span.y2';
/** Where a row's chip goes: the subject line `div.y6` (2014–2026), else the cell (`td`) that holds the id. */
export const LIST_CHIP_PLACE = 'div.y6';
export const LIST_CELL = 'td';
/** The thread list: `[gh="tl"]` (2016–2026), then the row table `table.F` (2014–2026), then `[role=main]`. */
export const LIST_CONTAINER = ['[gh="tl"]', 'table.F', '[role="main"]'];
