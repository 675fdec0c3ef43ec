// Every LinkedIn selector the adapter uses, in one place. Lists are tried in order: first what real captures showed
// (docs/sites.md, "LinkedIn messaging": 2023–2026 msg-s-* markup, the 2026 zh capture), then structural fallbacks for the
// hashed-class rollouts of 2026 (data-* attributes, roles, `time` elements, position). Entries marked "assumed"
// were not seen in a capture; they cost nothing when absent. Nothing here depends on visible text.

/**
 * One message (not the `li` around it, which also holds the day heading).
 * `.msg-s-event-listitem` 2023–2026 (carries `data-event-urn` and the `--other` modifier); `[data-event-urn]` alone
 * (survives class hashing); `[data-view-name="message-list-item"]` 2026 hashed rollouts. When one match wraps
 * another, the inner one is the message. The mid-2026 lighter render: see {@link URN_ATTRS}.
 */
export const MESSAGE =
  '.msg-s-event-listitem, [data-event-urn], [data-view-name="message-list-item"], [data-message-urn], ' +
  'li[data-urn^="urn:li:msg_message"]';
/**
 * Where a message's URN sits: `data-event-urn` (2023–2026); the lighter render reported in mid-2026 (an `ol` of
 * message items, one URN per item) is assumed to use `data-message-urn` or `data-urn`.
 */
export const URN_ATTRS = ['data-event-urn', 'data-message-urn', 'data-urn'] as const;
/** Modifier of a received message, 2023–2026. On classic markup ({@link CLASSIC}) its absence means "mine". */
export const OTHER_CLASS = 'msg-s-event-listitem--other';
export const CLASSIC = 'msg-s-event-listitem';

/**
 * Day headings ("Today", "viernes", "3月24日"): `time.msg-s-message-list__time-heading`, 2023–2026, beside the
 * message in its `li`. Fallback: any `time` in the message list that is not inside a message (2026 hashed).
 */
export const DAY_HEADING = '.msg-s-message-list__time-heading, time';
/** The message list (`ul.msg-s-message-list-content` 2023–2026; then structural), where headings are looked for. */
export const MESSAGE_LIST = '.msg-s-message-list-content, ul, ol, [role="list"]';

/**
 * First message of a group of one sender's consecutive messages: `.msg-s-message-group__meta`, 2023–2026. The
 * following ones have no meta and no avatar. Hashed markup: a `time`, a profile link or an avatar placed before the
 * message's content starts a group (read-thread.ts).
 */
export const GROUP_META = '.msg-s-message-group__meta';
/** Sender name: `.msg-s-message-group__name` 2023–2026 (often also `__profile-link`). */
export const GROUP_NAME = ['.msg-s-message-group__name', '.msg-s-message-group__profile-link'];
/** Group time ("2:13 PM", "14:44", "下午2:13"), text only: `.msg-s-message-group__timestamp` 2023–2026; any `time`. */
export const GROUP_TIME = ['.msg-s-message-group__timestamp', 'time'];
/** Hidden localised "X sent the following messages at 2:13 PM" (2023–2026): only its time pattern is used. */
export const GROUP_A11Y = '.msg-s-event-listitem--group-a11y-heading';
/**
 * Sender link (opaque member id `/in/ACoAA…`): `a.msg-s-event-listitem__link` 2023–2026; then any `/in/` link before
 * the content (2026 hashed links carry `data-test-app-aware-link`, not needed to find them).
 */
export const SENDER_LINK = ['a.msg-s-event-listitem__link[href*="/in/"]', 'a[href*="/in/"]'];
/** Sender avatar, `alt` = name: `img.msg-s-event-listitem__profile-picture` 2023–2026; then any `img[alt]` before content. */
export const SENDER_IMG = ['img.msg-s-event-listitem__profile-picture[alt]', 'img[alt]'];

/** Text: `.msg-s-event-listitem__body` (a `p`, 2023–2026); `.msg-s-event__content` (2019–2023); then a `p` (hashed). */
export const BODY = ['.msg-s-event-listitem__body', '.msg-s-event__content', 'p'];
/**
 * Shared post / link / image / attachment: `…__content-preview-container` 2023–2026 (prefix varies, hence the
 * substring), attachment (`.msg-s-event-listitem__attachment-item`, `.ui-attachment`), image and link-preview
 * wrappers 2021–2026.
 */
export const PREVIEW =
  '[class*="content-preview-container"], [class*="attachment"], [class*="image-container"], [class*="link-preview"]';
/**
 * Inside a message but neither its content nor its sender (2023–2026): seen receipts, reaction pills below the
 * bubble, the quote of the message replied to above it, hover toolbars ("Reply to this message", emoji bar, an
 * options label repeating the text). Substrings, so hashed suffixes and BEM variants still match; quote and toolbar
 * names assumed from the 2025–2026 reply feature, `blockquote` as the structural fallback.
 */
export const NOT_CONTENT =
  '[class*="seen-receipt"], [class*="reaction"], [class*="quoted"], [class*="reply-preview"], [class*="replied-to"], ' +
  'blockquote, [role="toolbar"], [class*="hover-actions"], [class*="message-options"]';
/** The content bubble (2023–2026): an item with a bubble but no readable content is reported. */
export const MESSAGE_BUBBLE = '[class*="message-bubble"]';

// What a message carries instead of (or besides) words. Tried in this order by read-content.ts; each list is
// "known class (2023–2026) → substring → element type". Assumed entries are marked.
/** Voice message: an audio player (`.msg-s-event-listitem__audio-message` assumed; `audio` element; `voice`). */
export const VOICE = ['[class*="audio-message"]', '[class*="voice"]', 'audio', '[class*="audio-player"]'];
/** Length shown in a player or a call notice ("1:00"): a duration element, a `time`, else its m:ss text. */
export const DURATION = ['[class*="duration"]', 'time'];
/** Call notice ("Video call, 12:04"; Teams/Zoom meeting cards): assumed class names. */
export const CALL = ['[class*="video-meeting"]', '[class*="call-event"]', '[class*="call-notice"]', '[class*="video-call"]'];
/** Event card: a link to `/events/` (any year). */
export const EVENT = ['a[href*="/events/"]', '[class*="event-card"]'];
/** A shared post: a link to a feed update or post (any year), feed mini-update cards (2021–2026). */
export const POST = ['a[href*="/feed/update/"]', 'a[href*="/posts/"]', '[class*="mini-update"]'];
/** A shared article (LinkedIn Pulse, newsletters): `/pulse/` links, article cards. */
export const ARTICLE = ['a[href*="/pulse/"]', 'a[href*="/newsletters/"]', '[class*="article-card"]'];
/** Post or article author: feed actor name (`.update-components-actor__name` 2022–2026, `.feed-shared-actor__name`
 * older), article author line (assumed), then the first `/in/` link. */
export const POST_AUTHOR = ['[class*="actor__name"]', '[class*="author"]', 'a[href*="/in/"]'];
/** A post's own words (`.feed-mini-update-commentary` 2021–2026, `update-components-text`), an article's or event's
 * title (`[class*="title"]`), then the first heading. Only the first words are kept. */
export const POST_WORDS = ['[class*="commentary"]', '[class*="update-components-text"]', '[class*="title"]', 'h3', 'h2', 'p'];
export const CARD_TITLE = ['[class*="title"]', 'h3', 'h2', 'strong'];
/** Sticker (2020–2026 sticker picker), GIF (Tenor/GIPHY picker, 2019–2026). */
export const STICKER = ['[class*="sticker"]'];
export const GIF = ['[class*="gif"]', 'img[src*="giphy"]', 'img[src*="tenor"]'];
/** File name: `.ui-attachment__filename` 2021–2026, assumed `[class*="file-name"]`; then `a[download]`'s value. */
export const FILE_NAME = ['[class*="filename"]', '[class*="file-name"]', 'a[download]'];
/** A file card without a readable name. */
export const FILE = '.ui-attachment, [class*="attachment-item"], a[download]';

/** Every region of a message that is media or a card, not its words: the body is never looked for inside them. */
export const MEDIA = [PREVIEW, ...VOICE, ...CALL, ...EVENT, ...POST, ...ARTICLE, ...STICKER, '[class*="gif"]', 'video'].join(', ');

/**
 * Overlay conversation bubbles, on every page: `.msg-overlay-conversation-bubble` 2019–2026; assumed
 * `[data-view-name*="conversation-bubble"]`; `role=dialog` (bubbles are dialogs), used only for elements that
 * hold messages.
 */
export const BUBBLE_KNOWN = '.msg-overlay-conversation-bubble, [data-view-name*="conversation-bubble"]';
export const BUBBLE = `${BUBBLE_KNOWN}, [role="dialog"]`;
/** Minimised bubbles show a header only and are not reported as unreadable (2019–2026). */
export const MINIMISED = '[class*="minimized"]';
/** The full-page conversation pane: `.msg-thread`/`.msg-convo-wrapper` 2023–2026, `.scaffold-layout__detail`. */
export const PAGE_PANE = '.msg-thread, .msg-convo-wrapper, .scaffold-layout__detail';
/** ... and for hashed markup, the page's `main`. */
export const PAGE_MAIN = 'main';

/**
 * Conversation header. Full page: `#thread-detail-jump-target` (an `h2` in 2023, the whole title bar in the 2026
 * zh capture), `.msg-title-bar`; overlay: `.msg-overlay-bubble-header` 2019–2026; then `header`.
 */
export const HEADER = '#thread-detail-jump-target, .msg-title-bar, .msg-overlay-bubble-header, header';
/** Title inside it (the other person in a one-to-one conversation): lockup title, bubble title, first heading. */
export const HEADER_TITLE = ['.msg-entity-lockup__entity-title', '.msg-overlay-bubble-header__title', 'h2', 'h3'];
/** A link to the conversation's full page (in some bubble headers). */
export const THREAD_LINK = 'a[href*="/messaging/thread/"]';

/**
 * The signed-in user: global nav "Me" (`.global-nav__me`, photo `img.global-nav__me-photo` whose `alt` is the user's
 * name, 2019–2026; its menu links to the user's profile), the feed identity card (`.feed-identity-module`,
 * 2020–2025). Nothing broader: a wrong "me" link would turn the other person into the user.
 */
export const ME_LINK = ['.global-nav__me a[href*="/in/"]', '.feed-identity-module a[href*="/in/"]'];
export const ME_PHOTO = ['img.global-nav__me-photo[alt]', '.global-nav__me img[alt]'];

/**
 * A sponsored conversation or a LinkedIn Offer, never a visible word: `sponsored`/`promoted` class names and
 * `data-view-name`s (2019–2026 sponsored InMail, assumed for hashed markup), and the sender shown as a
 * `button.msg-s-message-group__name` instead of a profile link (docs/sites.md: sponsored conversations reuse thread
 * classes that way). Looked for in the conversation's own header and messages, and on its active list card.
 */
export const SPONSORED =
  '[class*="sponsored"], [class*="promoted"], [data-view-name*="sponsored"], [class*="linkedin-offer"], ' +
  '[class*="inmail-offer"], button.msg-s-message-group__name';
/** A notice from LinkedIn itself rather than a person (assumed class names, 2024–2026). */
export const SYSTEM = '[class*="system-message"], [data-view-name*="system-message"], [class*="system-event"]';
/** The open conversation's card in the list (full page, 2023–2026), where the "Sponsored" label also sits. */
export const ACTIVE_CARD = '[class*="convo-item-link--active"], [aria-current="page"][href*="/messaging/"]';
/** InMail subject above the body (`.msg-s-event-listitem__subject`, 2020–2026). */
export const INMAIL_SUBJECT = '[class*="__subject"]';

/**
 * Frames that may hold the overlay (2026 rollouts put it in an iframe): any same-origin frame is read from the top
 * frame (the content script runs with `all_frames: false`, so there is one sidebar per tab); a frame that cannot be
 * read (cross-origin) is reported when its address or name says messaging. At most {@link MAX_FRAMES} are tried.
 */
export const FRAME = 'iframe';
export const MESSAGING_FRAME = 'iframe[src*="messaging"], iframe[name*="messaging"], iframe[id*="messaging"], iframe[data-view-name*="messaging"]';
export const MAX_FRAMES = 8;

/** Open shadow roots that may hold bubbles: `#interop-outlet` (2025–2026, `data-testid="interop-shadowdom"`). */
export const SHADOW_HOSTS = '#interop-outlet, [data-testid="interop-shadowdom"]';

/**
 * Profile name: 2026 server-driven `h2` in `section[componentkey$="Topcard"]`; classic 2020–2025
 * `h1.text-heading-xlarge`, `.pv-text-details__left-panel h1`; public logged-out `h1.top-card-layout__title`.
 */
export const TOPCARD = '[componentkey$="Topcard"]';
export const PROFILE_NAME = [
  `${TOPCARD} h2`,
  `${TOPCARD} h1`,
  'h1.text-heading-xlarge',
  '.pv-text-details__left-panel h1',
  'h1.top-card-layout__title',
];
/** Headline: classic `.text-body-medium.break-words`; public `.top-card-layout__headline`; 2026: see read-profile.ts. */
export const PROFILE_HEADLINE = ['.text-body-medium.break-words', '.top-card-layout__headline'];
/** JSON-LD (public page): a `Person`, alone or in `@graph`. */
export const JSON_LD = 'script[type="application/ld+json"]';
/** The page's own address, when the address bar shows a member id. */
export const CANONICAL = 'link[rel="canonical"], meta[property="og:url"]';

// ── thread list ──
// Conversation cards of the messaging page's list and of the overlay's list bubble (docs/sites.md, "LinkedIn messaging";
// the 2026 zh capture in shared/real-pages). Read by read-list.ts only. Hashed 2026 markup: cards found by structure
// (a list item holding a `time`), never by visible text.

/**
 * Lists of cards: full page `ul.msg-conversations-container__conversations-list` (2023–2026, zh capture), overlay
 * `.msg-overlay-list-bubble__conversations-list` (2021–2026); assumed for hashed rollouts:
 * `[data-view-name*="conversation-list"]`. Then the structural fallback: the `ul` around a card.
 */
export const CARD_LIST =
  '.msg-conversations-container__conversations-list, .msg-overlay-list-bubble__conversations-list, [data-view-name*="conversation-list"]';
/** Hashed 2026 lists: a labelled `ul` (the zh capture's list has `aria-label="对话列表"`) whose items hold a `time`
 * and a heading, and no message ({@link MESSAGE}): fragile, hence the stricter test in read-list.ts. */
export const CARD_LIST_HASHED = 'ul[aria-label]';
/** Which list a container is: the overlay's list bubble (`.msg-overlay-list-bubble` 2021–2026, `#msg-overlay`), else
 * the messaging page's. */
export const OVERLAY_LIST = '.msg-overlay-list-bubble, #msg-overlay';
export const CARD_HEADING = 'h3, h2';
/**
 * One card: `.msg-conversation-card` (2021–2026, list and overlay; zh capture). Fragile (hashed in 2026 rollouts):
 * `li.msg-conversation-listitem` (full page, 2021–2026) and assumed `[data-view-name*="conversation-list-item"]`;
 * last, any `li` of a {@link CARD_LIST} that holds a `time` (structure only).
 */
export const CARD = '.msg-conversation-card, li.msg-conversation-listitem, [data-view-name*="conversation-list-item"]';
export const CARD_STRUCTURAL = 'li';
/** The element a card's chip follows when it is recycled: the list item (full page), else the card (overlay). */
export const CARD_ITEM = 'li';
/** Off-screen slots of the virtualised list: `--occluded` modifier (2024–2026), or an `li` with no content. */
export const CARD_OCCLUDED = '[class*="--occluded"]';
/**
 * Participant names: `h3.msg-conversation-listitem__participant-names` (2021–2026; zh capture), the card's own
 * `__participant-names`; hashed: the first `h3`, `h2`. Then the avatars' `alt` (facepile, zh capture).
 */
export const CARD_NAMES = ['.msg-conversation-listitem__participant-names', '[class*="participant-names"]', 'h3', 'h2'];
export const CARD_AVATARS = 'img[alt]';
/**
 * Snippet: `p.msg-conversation-card__message-snippet` (2023–2026; zh capture), older `…__message-snippet-body`
 * (2019–2023); hashed: `[class*="message-snippet"]`, then the first `p`.
 */
export const CARD_SNIPPET = ['.msg-conversation-card__message-snippet', '[class*="message-snippet"]', 'p'];
/** A label inside the snippet before its text ("Sponsored", "InMail", "发自领英"): `.msg-conversation-card__pill`
 * (zh capture, 2026), assumed `[class*="__pill"]`, `[class*="label"]` for hashed or older markup. */
export const CARD_LABEL = '.msg-conversation-card__pill, [class*="__pill"], [class*="snippet-label"]';
/** Time ("2h", "Tue", "3月19日"): `time.msg-conversation-listitem__time-stamp` (2021–2026; zh capture), any `time`,
 * then `[class*="time-stamp"]`. */
export const CARD_TIME = ['time', '[class*="time-stamp"]'];
/** Unread: `--unread` modifiers on the card, the list item or the snippet (2019–2026), and the count badge
 * `.msg-conversation-card__unread-count[aria-label]` (2021–2026), assumed `[class*="unread-count"]` when hashed. */
export const CARD_UNREAD = '[class*="--unread"], [class*="unread-count"]';
/** The conversation link, when the card has one (classic `a.msg-conversation-listitem__link`; none in the zh capture
 * nor in hashed 2026 cards). Placeholder links (`/messaging/thread/2-mailbox/undefined/`) count as none. */
export const CARD_LINK = 'a[href*="/messaging/thread/"]';
/** What a card's fingerprint weighs besides its text, found in one walk of the card: a wider net than
 * {@link CARD_LINK}, {@link CARD_AVATARS} and {@link CARD_UNREAD} (every link and image, every class naming "unread"),
 * with one class test per element instead of two. It must hold every element those three find (a unit test checks it
 * on every list fixture); weighing more never makes two cards that read differently look the same. */
export const CARD_WEIGHED = 'a,img,[class*="unread"]';
/** Where a card's chip goes: the snippet row `.msg-conversation-card__body-row` (2023–2026; inside the clickable
 * part, so a click on the chip is a click on the card), else the snippet's parent. */
export const CARD_CHIP_PLACE = '.msg-conversation-card__body-row';
