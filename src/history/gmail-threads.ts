// Gmail threads across one or more mbox files: the small per-thread facts gathered by the plan, the decision of
// which threads become conversations, and the assembling of those threads' messages in the run.
//
// Memory: the plan keeps per thread a few numbers and its distinct sender addresses (capped), plus the set of message
// ids seen (to count duplicates when the same message is in two label mboxes): bounded by the number of threads and
// messages, not by the file size. The run keeps, per imported thread still missing messages, the messages already
// read as compact text; a thread leaves memory as soon as its last expected message is read.
import { MAX_TEXT } from '../protocol/limits';
import { describeAttachment } from '../sites/attachment';
import type { Attachment, Person } from '../sites/types';
import type { MailHead } from './gmail-message';
import type { Address } from './headers';
import { bumpDay } from './last-days';
import type { GmailPlan, HistoryOptions, ImportedMessage, ImportedThread, LeftOutReason } from './types';

const MAX_SENDERS = 50;

export interface GmailThreadFacts {
  /** Messages not dropped (spam, trash, drafts, chats) and not duplicates. */
  kept: number;
  /** A kept message is labelled Sent. */
  sent: boolean;
  senders: string[];
  /** Senders of kept messages with no bulk signal. */
  personSenders: string[];
  first: number;
  last: number;
  dropped: Partial<Record<LeftOutReason, number>>;
}

export interface GmailDecision {
  import: boolean;
  inbound: boolean;
  /** Kept messages the plan counted: the thread is complete once the run has read them all. */
  expected: number;
  reason?: LeftOutReason;
}

function bump<K extends string>(rec: Partial<Record<K, number>>, k: K, n = 1): void {
  rec[k] = (rec[k] ?? 0) + n;
}

export class GmailPlanner {
  readonly threads = new Map<string, GmailThreadFacts>();
  private readonly seen = new Set<string>();
  readonly sentFrom = new Map<string, number>();
  duplicates = 0;

  add(m: MailHead): void {
    let t = this.threads.get(m.threadId);
    if (!t) {
      t = { kept: 0, sent: false, senders: [], personSenders: [], first: Infinity, last: -Infinity, dropped: {} };
      this.threads.set(m.threadId, t);
    }
    if (m.drop) {
      bump(t.dropped, m.drop);
      return;
    }
    if (this.seen.has(m.messageId)) {
      this.duplicates++;
      return;
    }
    this.seen.add(m.messageId);
    t.kept++;
    const from = m.from?.address ?? '';
    if (m.sent) {
      t.sent = true;
      if (from) this.sentFrom.set(from, (this.sentFrom.get(from) ?? 0) + 1);
    }
    if (from && !t.senders.includes(from) && t.senders.length < MAX_SENDERS) t.senders.push(from);
    if (from && !m.bulk && !t.personSenders.includes(from) && t.personSenders.length < MAX_SENDERS) t.personSenders.push(from);
    if (!Number.isNaN(m.time)) {
      t.first = Math.min(t.first, m.time);
      t.last = Math.max(t.last, m.time);
    }
  }

  /** "Me": the caller's addresses plus every sender of mail labelled Sent. */
  me(options: HistoryOptions): Set<string> {
    const me = new Set((options.myAddresses ?? []).map((a) => a.trim().toLowerCase()).filter(Boolean));
    for (const a of this.sentFrom.keys()) me.add(a);
    return me;
  }

  decide(t: GmailThreadFacts, me: Set<string>, options: HistoryOptions): GmailDecision {
    const no = (reason: LeftOutReason): GmailDecision => ({ import: false, inbound: false, expected: t.kept, reason });
    if (!t.kept) {
      const worst = (Object.entries(t.dropped) as [LeftOutReason, number][]).sort((a, b) => b[1] - a[1])[0];
      return no(worst?.[0] ?? 'bulk');
    }
    const mine = t.sent || t.senders.some((s) => me.has(s));
    const person = !mine && t.personSenders.some((s) => !me.has(s));
    if (!mine && !person) return no('bulk');
    if (person && options.includeInbound === false) return no('inbound');
    if (options.since && t.last < Date.parse(options.since)) return no('older');
    return { import: true, inbound: person, expected: t.kept };
  }

  summary(options: HistoryOptions): { plan: GmailPlan; decisions: Map<string, GmailDecision> } {
    const me = this.me(options);
    const plan: GmailPlan = {
      conversations: 0,
      messages: 0,
      from: null,
      to: null,
      leftOut: {},
      leftOutMessages: {},
      lastMessageDays: {},
      inboundConversations: 0,
      me: [...me],
      ownerCandidates: [...this.sentFrom].sort((a, b) => b[1] - a[1]).map(([address, sent]) => ({ address, sent })),
      charsetFallbacks: 0,
    };
    if (this.duplicates) plan.leftOutMessages.duplicate = this.duplicates;
    let from = Infinity;
    let to = -Infinity;
    const decisions = new Map<string, GmailDecision>();
    for (const [id, t] of this.threads) {
      const d = this.decide(t, me, options);
      decisions.set(id, d);
      if (!d.import) {
        bump(plan.leftOut, d.reason!);
        continue;
      }
      plan.conversations++;
      if (d.inbound) plan.inboundConversations++;
      plan.messages += t.kept;
      if (t.last !== -Infinity) bumpDay(plan.lastMessageDays, t.last);
      for (const [r, n] of Object.entries(t.dropped) as [LeftOutReason, number][]) bump(plan.leftOutMessages, r, n);
      from = Math.min(from, t.first);
      to = Math.max(to, t.last);
    }
    if (from !== Infinity) plan.from = new Date(from).toISOString();
    if (to !== -Infinity) plan.to = new Date(to).toISOString();
    return { plan, decisions };
  }
}

interface OpenThread {
  /** The subject of the oldest message read so far (Takeout's order is not the thread's). */
  subject: string;
  subjectAt: number;
  messages: { at: number; offset: number; m: ImportedMessage }[];
  people: Map<string, Person>;
  inbound: boolean;
  expected: number;
}

function person(a: Address, me: Set<string>): Person {
  const p: Person = { name: a.name || a.address, isMe: !!a.address && me.has(a.address) };
  if (a.address) p.email = a.address;
  return p;
}

/** Collects the imported threads' messages during the run and hands each thread over once it is complete. */
export class GmailAssembler {
  private readonly open = new Map<string, OpenThread>();
  private readonly seen = new Set<string>();
  charsetFallbacks = 0;

  constructor(
    private readonly decisions: Map<string, GmailDecision>,
    private readonly me: Set<string>,
  ) {}

  /** Whether this message's body is wanted (its thread is imported, it is not dropped, not seen before). */
  wants(h: MailHead): boolean {
    return !h.drop && !this.seen.has(h.messageId) && !!this.decisions.get(h.threadId)?.import;
  }

  /** Adds a wanted message; returns its thread when that thread is now complete. */
  add(h: MailHead, offset: number, text: string, attachment: Attachment | undefined, charsetFallback: boolean): ImportedThread | null {
    this.seen.add(h.messageId);
    const d = this.decisions.get(h.threadId)!;
    let t = this.open.get(h.threadId);
    if (!t) {
      t = { subject: '', subjectAt: Infinity, messages: [], people: new Map(), inbound: d.inbound, expected: d.expected };
      this.open.set(h.threadId, t);
    }
    const from = h.from ? person(h.from, this.me) : { name: '', isMe: h.sent };
    if (h.sent) from.isMe = true;
    const named = h.from ? [h.from] : [];
    for (const a of h.to) named.push(a);
    for (const a of named) {
      const key = a.address || 'name:' + a.name;
      const known = t.people.get(key);
      if (!known) t.people.set(key, a === h.from ? { ...from } : person(a, this.me));
      else if (a === h.from && a.name && known.name === known.email) known.name = a.name; // a sender's own name wins
    }
    // A message with no words of its own reads as the page describes it ("File: proposal.pdf"), never empty.
    if (!text && attachment) text = describeAttachment(attachment);
    const cut = text.length > MAX_TEXT;
    const m: ImportedMessage = {
      id: h.messageId,
      from,
      sentAt: Number.isNaN(h.time) ? null : new Date(h.time).toISOString(),
      sentAtText: h.dateText.slice(0, 200),
      text: cut ? text.slice(0, MAX_TEXT) : text,
      partial: cut,
    };
    if (attachment) m.attachment = attachment;
    if (charsetFallback) {
      m.charsetFallback = true;
      this.charsetFallbacks++;
    }
    const at = Number.isNaN(h.time) ? Infinity : h.time;
    if (h.subject && (at < t.subjectAt || !t.subject)) {
      t.subject = h.subject;
      t.subjectAt = at;
    }
    t.messages.push({ at, offset, m });
    if (t.messages.length >= t.expected) {
      this.open.delete(h.threadId);
      return this.snapshot(h.threadId, t);
    }
    return null;
  }

  /** Threads still open when every file is read (a file changed since the plan, or a part is missing). */
  rest(): ImportedThread[] {
    const out = [...this.open].map(([id, t]) => this.snapshot(id, t));
    this.open.clear();
    return out;
  }

  private snapshot(threadId: string, t: OpenThread): ImportedThread {
    t.messages.sort((a, b) => a.at - b.at || a.offset - b.offset);
    const thread: ImportedThread = {
      site: 'gmail',
      threadId,
      url: 'https://mail.google.com/mail/u/0/#all/' + threadId,
      participants: [...t.people.values()],
      messages: t.messages.map((x) => x.m),
    };
    if (t.subject) thread.subject = t.subject;
    if (t.inbound) thread.inbound = true;
    return thread;
  }
}
