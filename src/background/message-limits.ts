// The size limits of what a content script may send (src/background/validate.ts enforces them). Plain constants, no
// validation library: the content script imports them too, to fit what it read into them before sending, so that
// one oversized field (a 3 MB email, a 5,000-character subject) does not get the whole read refused.
export const MAX_TEXT = 1_000_000;
export const MAX_SHORT = 2_000;
export const MAX_MESSAGES = 5_000;
export const MAX_PEOPLE = 500;
export const MAX_THREADS = 20;
export const MAX_PROBLEMS = 100;
export const MAX_IDENTITIES = 50;
