// What the background answers to each message it accepts. Any message may be refused (a shape error, the wrong
// sender, a failure while handling it): the refusal is an ErrorReply, whose text names what failed, never page text.
// The map below is the contract between the senders (src/content/extension-api.ts, src/ui/components/background.ts)
// and the background's handlers (src/background/router.ts): a handler that answers the wrong shape does not compile.
import * as v from 'valibot';
import { listChipSchema, sidebarApplySchema, storageErrorSchema, tabContextSchema } from './schemas';
import type { ToBackground } from './types';

export const errorReplySchema = v.strictObject({ ok: v.literal(false), error: v.string() });
const doneReplySchema = v.strictObject({ ok: v.literal(true) });

const pageReadReplySchema = v.strictObject({
  ok: v.literal(true),
  sidebar: sidebarApplySchema,
  /** The read was received but not stored (see TabContext.storageError). */
  storageError: v.optional(storageErrorSchema),
});

const listStatesReplySchema = v.strictObject({
  ok: v.literal(true),
  generation: v.number(),
  /** Only rows that get a chip: resting and unknown conversations are absent, and all are when chips are off. */
  chips: v.array(listChipSchema),
});

const sidebarHelloReplySchema = v.strictObject({
  ok: v.literal(true),
  /** The sender's tab; null when it is in none (then there is no page for it to be about). */
  tabId: v.nullable(v.number()),
  context: v.nullable(tabContextSchema),
});

const orError = <Schema extends v.GenericSchema>(schema: Schema) => v.union([schema, errorReplySchema]);

export const replySchemas = {
  'page/read': orError(pageReadReplySchema),
  'list/states': orError(listStatesReplySchema),
  'sidebar/set-open': orError(doneReplySchema),
  'sidebar/hello': orError(sidebarHelloReplySchema),
  'record/changed': orError(doneReplySchema),
  'conversation/open': orError(doneReplySchema),
} satisfies { [Type in ToBackground['type']]: v.GenericSchema };
