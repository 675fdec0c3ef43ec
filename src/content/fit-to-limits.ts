// Fits what an adapter read into the limits the background accepts (src/protocol/limits.ts). Without this,
// one oversized field from a hostile or merely huge email (a 3 MB body, a 5,000-character subject or name) gets the
// whole read refused by validation, and the conversation is never recorded. Text is cut, never dropped: a cut message
// is marked `partial` (the record says it is incomplete), and identities too long to be real are left out.
import {
  MAX_IDENTITIES,
  MAX_MESSAGES,
  MAX_PEOPLE,
  MAX_PROBLEMS,
  MAX_SHORT,
  MAX_TEXT,
  MAX_THREADS,
} from '../protocol/limits';
import type { CapturedMessage, Person, ReadResult, ThreadSnapshot } from '../sites/types';

/** `text` cut to `max` UTF-16 units, never between the two halves of a surrogate pair. */
export function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\uD800-\uDBFF]/.test(text[max - 1] ?? '') ? max - 1 : max;
  return text.slice(0, end);
}

const fits = (value: string | undefined) => value === undefined || value.length <= MAX_SHORT;

function fitPerson(person: Person): Person {
  const out: Person = { name: cut(person.name, MAX_SHORT), isMe: person.isMe };
  if (person.email !== undefined && fits(person.email)) out.email = person.email;
  if (person.profileUrl !== undefined && fits(person.profileUrl)) out.profileUrl = person.profileUrl;
  return out;
}

function fitMessage(message: CapturedMessage): CapturedMessage {
  const long = message.text.length > MAX_TEXT;
  return {
    ...message,
    id: cut(message.id, MAX_SHORT),
    from: fitPerson(message.from),
    sentAtText: cut(message.sentAtText, MAX_SHORT),
    text: cut(message.text, MAX_TEXT),
    partial: message.partial || long,
  };
}

function fitThread(thread: ThreadSnapshot, problems: string[]): ThreadSnapshot {
  if (thread.messages.length > MAX_MESSAGES) {
    problems.push(`only the newest ${MAX_MESSAGES} of ${thread.messages.length} messages are recorded`);
  }
  const out: ThreadSnapshot = {
    ...thread,
    threadId: cut(thread.threadId, MAX_SHORT),
    url: fits(thread.url) ? thread.url : new URL(thread.url).origin + '/',
    participants: thread.participants.slice(0, MAX_PEOPLE).map(fitPerson),
    messages: thread.messages.slice(-MAX_MESSAGES).map(fitMessage),
  };
  if (thread.subject !== undefined) out.subject = cut(thread.subject, MAX_SHORT);
  return out;
}

export function fitToLimits(result: ReadResult): ReadResult {
  const problems: string[] = [];
  const threads = result.threads.slice(0, MAX_THREADS).map((thread) => fitThread(thread, problems));
  const out: ReadResult = {
    threads,
    problems: [...result.problems, ...problems].slice(0, MAX_PROBLEMS).map((p) => cut(p, MAX_SHORT)),
  };
  const { profile, me } = result;
  if (profile && fits(profile.profileUrl)) {
    out.profile = { ...profile, name: cut(profile.name, MAX_SHORT) };
    if (profile.headline !== undefined) out.profile.headline = cut(profile.headline, MAX_SHORT);
  }
  if (me) {
    out.me = {
      emails: me.emails.filter(fits).slice(0, MAX_IDENTITIES),
      profileUrls: me.profileUrls.filter(fits).slice(0, MAX_IDENTITIES),
    };
  }
  return out;
}
