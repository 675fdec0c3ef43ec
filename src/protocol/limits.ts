// The size limits of what a content script may send. The background's schemas (schemas.ts) refuse anything over them;
// the content script fits what it read into them before sending (src/content/fit-to-limits.ts), so that one oversized
// field (a 3 MB email, a 5,000-character subject) does not get the whole read refused. Plain constants, no validation
// library: the content script bundles this file, and everything in it runs inside Gmail and LinkedIn.
export const MAX_TEXT = 1_000_000;
export const MAX_SHORT = 2_000;
export const MAX_MESSAGES = 5_000;
export const MAX_PEOPLE = 500;
export const MAX_THREADS = 20;
export const MAX_PROBLEMS = 100;
export const MAX_IDENTITIES = 50;
/** A list change is sent as one message about the rows shown (list/states): at most this many rows... */
export const MAX_LIST_ROWS = 200;
/** ...each with a snippet cut to this length (only its start is ever shown or stored as a partial message)... */
export const MAX_LIST_SNIPPET = 300;
/** ...and at most this many participant names (a group card's "and 3 others" stays in the last). */
export const MAX_LIST_NAMES = 20;
