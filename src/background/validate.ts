// Shapes of the messages the background accepts. Content scripts run inside pages we do not control, so what they
// send is validated like any untrusted input: exact types, bounded sizes, no extra trust in anything.
import * as v from 'valibot';
import type { ToBackground } from '../messages';

import {
  MAX_IDENTITIES,
  MAX_MESSAGES,
  MAX_PEOPLE,
  MAX_PROBLEMS,
  MAX_SHORT,
  MAX_TEXT,
  MAX_THREADS,
} from './message-limits';

const shortText = v.pipe(v.string(), v.maxLength(MAX_SHORT));
const httpsUrl = v.pipe(
  v.string(),
  v.maxLength(MAX_SHORT),
  v.check((value) => {
    try {
      return new URL(value).protocol === 'https:';
    } catch {
      return false;
    }
  }, 'must be an https URL'),
);
const site = v.picklist(['gmail', 'linkedin']);

const person = v.strictObject({
  name: shortText,
  email: v.optional(shortText),
  profileUrl: v.optional(httpsUrl),
  isMe: v.boolean(),
});

const capturedMessage = v.strictObject({
  id: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SHORT)),
  from: person,
  sentAt: v.nullable(v.pipe(v.string(), v.isoTimestamp())),
  sentAtText: shortText,
  text: v.pipe(v.string(), v.maxLength(MAX_TEXT)),
  partial: v.boolean(),
});

const threadSnapshot = v.strictObject({
  site,
  threadId: v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_SHORT)),
  url: httpsUrl,
  subject: v.optional(shortText),
  participants: v.pipe(v.array(person), v.maxLength(MAX_PEOPLE)),
  messages: v.pipe(v.array(capturedMessage), v.maxLength(MAX_MESSAGES)),
});

const readResult = v.strictObject({
  threads: v.pipe(v.array(threadSnapshot), v.maxLength(MAX_THREADS)),
  profile: v.optional(
    v.strictObject({ site, name: shortText, profileUrl: httpsUrl, headline: v.optional(shortText) }),
  ),
  problems: v.pipe(v.array(shortText), v.maxLength(MAX_PROBLEMS)),
  me: v.optional(
    v.strictObject({
      emails: v.pipe(v.array(shortText), v.maxLength(MAX_IDENTITIES)),
      profileUrls: v.pipe(v.array(httpsUrl), v.maxLength(MAX_IDENTITIES)),
    }),
  ),
});

const toBackground = v.variant('type', [
  v.strictObject({
    type: v.literal('page/read'),
    site,
    url: httpsUrl,
    result: readResult,
    theme: v.optional(v.picklist(['light', 'dark'])),
  }),
  v.strictObject({ type: v.literal('sidebar/set-open'), open: v.boolean() }),
  v.strictObject({ type: v.literal('sidebar/hello') }),
  v.strictObject({ type: v.literal('record/changed') }),
  v.strictObject({ type: v.literal('conversation/open'), url: httpsUrl }),
]);

export type Validated = { ok: true; message: ToBackground } | { ok: false; error: string };

/** Checks a message's shape. The error names the path that failed, never the values (they may be page text). */
export function validateMessage(input: unknown): Validated {
  const parsed = v.safeParse(toBackground, input);
  if (parsed.success) return { ok: true, message: parsed.output as ToBackground };
  const issue = parsed.issues[0];
  const path = issue?.path?.map((item) => String(item.key)).join('.') || '(message)';
  const expected = issue && 'expected' in issue && issue.expected ? `expected ${issue.expected}` : 'wrong shape';
  return { ok: false, error: `invalid message at ${path}: ${expected}` };
}
