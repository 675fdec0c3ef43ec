// The background's check of every message it receives, against the protocol's schemas (src/protocol/schemas.ts).
import * as v from 'valibot';
import { toBackgroundSchema } from '../protocol/schemas';
import type { ToBackground } from '../protocol/types';

export type Validated = { ok: true; message: ToBackground } | { ok: false; error: string };

/** Checks a message's shape. The error names the path that failed, never the values (they may be page text). */
export function validateMessage(input: unknown): Validated {
  const parsed = v.safeParse(toBackgroundSchema, input);
  if (parsed.success) return { ok: true, message: parsed.output };
  const issue = parsed.issues[0];
  const path = issue?.path?.map((item) => String(item.key)).join('.') || '(message)';
  const expected = issue && 'expected' in issue && issue.expected ? `expected ${issue.expected}` : 'wrong shape';
  return { ok: false, error: `invalid message at ${path}: ${expected}` };
}
