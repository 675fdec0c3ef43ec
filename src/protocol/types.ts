// The protocol's TypeScript types, every one inferred from its schema (schemas.ts, replies.ts): there is no second
// declaration to drift from the checks. Type-only: importing it adds nothing to a bundle, which is how the content
// script gets these types without valibot.
import type * as v from 'valibot';
import type { CapturedMessage, Person, ProfileSnapshot, ReadResult, ThreadSnapshot } from '../sites/types';
import type { replySchemas } from './replies';
import type {
  capturedMessageSchema,
  contentToBackgroundSchema,
  gmailListRowSchema,
  linkedinListRowSchema,
  listChipSchema,
  pageToBackgroundSchema,
  personSchema,
  profileSnapshotSchema,
  readResultSchema,
  sidebarApplySchema,
  storageErrorSchema,
  tabContextMessageSchema,
  tabContextSchema,
  threadSnapshotSchema,
  toBackgroundSchema,
} from './schemas';

export type ToBackground = v.InferOutput<typeof toBackgroundSchema>;
export type ContentToBackground = v.InferOutput<typeof contentToBackgroundSchema>;
export type PageToBackground = v.InferOutput<typeof pageToBackgroundSchema>;
export type MessageType = ToBackground['type'];
/** The message of one type. */
export type MessageOf<Type extends MessageType> = Extract<ToBackground, { type: Type }>;
export type PageReadMessage = MessageOf<'page/read'>;
export type ListStatesMessage = MessageOf<'list/states'>;
export type GmailListRowMessage = v.InferOutput<typeof gmailListRowSchema>;
export type LinkedInListRowMessage = v.InferOutput<typeof linkedinListRowSchema>;
export type ListChipMessage = v.InferOutput<typeof listChipSchema>;

export type SidebarApplyMessage = v.InferOutput<typeof sidebarApplySchema>;
export type BackgroundToContent = SidebarApplyMessage;
export type StorageError = v.InferOutput<typeof storageErrorSchema>;
export type TabContext = v.InferOutput<typeof tabContextSchema>;
export type TabContextMessage = v.InferOutput<typeof tabContextMessageSchema>;
export type BackgroundToPages = TabContextMessage;

/** What the background answers to a message of this type (its own reply, or an ErrorReply). */
export type ReplyTo<Type extends MessageType> = v.InferOutput<(typeof replySchemas)[Type]>;
export type ErrorReply = Extract<ReplyTo<MessageType>, { ok: false }>;
export type PageReadReply = Extract<ReplyTo<'page/read'>, { ok: true }>;
export type ListStatesReply = Extract<ReplyTo<'list/states'>, { ok: true }>;
export type SidebarHelloReply = Extract<ReplyTo<'sidebar/hello'>, { ok: true }>;

// The adapter contract (src/sites/types.ts) is declared by the sites layer, which must not depend on the protocol.
// The schemas must accept exactly what adapters produce: a field added to one and not the other fails to compile
// here, rather than every read being refused by a strict schema at run time.
// Same keys and mutually assignable: an optional field missing on one side is caught too.
type Same<A, B> = [A, keyof A] extends [B, keyof B] ? ([B, keyof B] extends [A, keyof A] ? true : false) : false;
type Assert<Condition extends true> = Condition;
type Output<Schema extends v.GenericSchema> = v.InferOutput<Schema>;
export type AdapterContractMatchesSchemas = [
  Assert<Same<Output<typeof readResultSchema>, ReadResult>>,
  Assert<Same<NonNullable<Output<typeof readResultSchema>['me']>, NonNullable<ReadResult['me']>>>,
  Assert<Same<Output<typeof threadSnapshotSchema>, ThreadSnapshot>>,
  Assert<Same<Output<typeof capturedMessageSchema>, CapturedMessage>>,
  Assert<Same<Output<typeof personSchema>, Person>>,
  Assert<Same<Output<typeof profileSnapshotSchema>, ProfileSnapshot>>,
];
