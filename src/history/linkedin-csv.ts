// LinkedIn's messages.csv → conversations. Columns are found by header name (exports have had 9, 10, 11 and 13
// columns); rows come newest first, grouped by conversation. There is no "me" column: the owner is the profile that
// takes part in the most conversations, unless the caller names it. Files are small (≤ a few MB), so the whole text
// is parsed at once.
import Papa from 'papaparse';
import { MAX_TEXT } from '../protocol/limits';
import { fnv1a, fold } from '../sites/linkedin/dom';
import { canonicalProfileUrl, normalizeConversationId, threadUrl } from '../sites/linkedin/urn';
import type { Person } from '../sites/types';
import { HistoryError } from './errors';
import { htmlToText } from './html-text';
import { bumpDay } from './last-days';
import { repairDoubleUtf8 } from './mojibake';
import type { HistoryOptions, ImportedThread, LeftOutReason, LinkedInPlan } from './types';

const REQUIRED = ['CONVERSATION ID', 'FROM', 'DATE', 'CONTENT'] as const;
const OPTIONAL = ['CONVERSATION TITLE', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'SUBJECT', 'FOLDER',
  'ATTACHMENTS', 'IS MESSAGE DRAFT', 'IS CONVERSATION DRAFT'] as const;
type Column = (typeof REQUIRED)[number] | (typeof OPTIONAL)[number];

/** One row of the file, read and cleaned; what a plan keeps so that the run does not read the text again. */
export interface Row {
  conversation: string;
  title: string;
  from: string;
  senderUrl: string | null;
  to: string;
  recipientUrls: string[];
  date: string;
  time: number;
  subject: string;
  content: string;
  folder: string;
  draft: boolean;
  conversationDraft: boolean;
  order: number;
}

export interface LinkedInParse {
  plan: LinkedInPlan;
  threads: ImportedThread[];
}

/** The header line looks like LinkedIn's messages.csv (used to recognise the file). */
export function looksLikeMessagesCsv(firstLine: string): boolean {
  const names = firstLine.toUpperCase().replace(/"/g, '');
  return names.includes('CONVERSATION ID') && names.includes('FROM') && names.includes('DATE');
}

const TRUE = /^(?:yes|true|1)$/i;
const DATE = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?(?:\s*UTC|Z)?$/;
const SPONSORED = /^sponsored conversation$/i;
const PLACEHOLDER = /%(?:FIRSTNAME|LASTNAME|FULLNAME|COMPANYNAME)%/;

/** The rows of a whole messages.csv. Throws a HistoryError when the text is not one (a required column missing). */
export function readRows(text: string, file: string): Row[] {
  const parsed = Papa.parse<string[]>(text.replace(/^\ufeff/, ''), { skipEmptyLines: 'greedy' });
  const data = parsed.data;
  if (!data.length) throw new HistoryError('historyCsvBroken', file, 'no rows');
  const head = data[0]!.map((h) => h.trim().toUpperCase());
  const col = new Map<Column, number>();
  for (const name of [...REQUIRED, ...OPTIONAL]) {
    const i = head.indexOf(name);
    if (i >= 0) col.set(name, i);
  }
  for (const name of REQUIRED) if (!col.has(name)) throw new HistoryError('historyCsvMissingColumn', file, name);
  const get = (r: string[], c: Column) => {
    const i = col.get(c);
    return i === undefined ? '' : (r[i] ?? '');
  };
  const rows: Row[] = [];
  for (let k = 1; k < data.length; k++) {
    const r = data[k]!;
    const date = get(r, 'DATE').trim();
    const d = DATE.exec(date);
    const time = d ? Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +d[4]!, +d[5]!, +(d[6] ?? 0)) : Date.parse(date);
    const rawContent = repairDoubleUtf8(get(r, 'CONTENT'));
    rows.push({
      conversation: get(r, 'CONVERSATION ID').trim(),
      title: repairDoubleUtf8(get(r, 'CONVERSATION TITLE').trim()),
      from: repairDoubleUtf8(get(r, 'FROM').trim()),
      senderUrl: canonicalProfileUrl(get(r, 'SENDER PROFILE URL').trim()),
      to: repairDoubleUtf8(get(r, 'TO').trim()),
      recipientUrls: get(r, 'RECIPIENT PROFILE URLS')
        .split(/[;,]/)
        .map((u) => canonicalProfileUrl(u.trim()))
        .filter((u): u is string => !!u),
      date,
      time,
      subject: repairDoubleUtf8(get(r, 'SUBJECT').trim()),
      content: /<[a-z][^>]*>|&[a-z#0-9]+;/i.test(rawContent) ? htmlToText(rawContent, false) : rawContent.replace(/\r\n?/g, '\n').trim(),
      folder: get(r, 'FOLDER').trim().toUpperCase(),
      draft: TRUE.test(get(r, 'IS MESSAGE DRAFT').trim()),
      conversationDraft: TRUE.test(get(r, 'IS CONVERSATION DRAFT').trim()),
      order: k,
    });
  }
  return rows;
}

function bump(rec: Partial<Record<LeftOutReason, number>>, k: LeftOutReason, n = 1): void {
  rec[k] = (rec[k] ?? 0) + n;
}

/** Parses a whole messages.csv (its text, or its rows as readRows gave them). Throws a HistoryError when the text is
 * not one (a required column missing). */
export function parseMessagesCsv(text: string | readonly Row[], file: string, options: HistoryOptions): LinkedInParse {
  const rows = typeof text === 'string' ? readRows(text, file) : text;
  const plan: LinkedInPlan = {
    conversations: 0, messages: 0, from: null, to: null, leftOut: {}, leftOutMessages: {}, lastMessageDays: {}, me: null, ownerCandidates: [],
  };

  // Group by conversation (rows are grouped already, but nothing relies on it).
  const byConversation = new Map<string, Row[]>();
  for (const r of rows) {
    const id = normalizeConversationId(r.conversation) ?? '';
    const list = byConversation.get(id);
    if (list) list.push(r);
    else byConversation.set(id, [r]);
  }

  // Owner: the profile in the most conversations (as sender or recipient).
  const profileConversations = new Map<string, Set<string>>();
  const names = new Map<string, Map<string, number>>();
  for (const [id, list] of byConversation) {
    for (const r of list) {
      for (const u of [r.senderUrl, ...r.recipientUrls]) {
        if (!u) continue;
        let set = profileConversations.get(u);
        if (!set) profileConversations.set(u, (set = new Set()));
        set.add(id);
      }
      if (r.senderUrl && r.from) {
        let n = names.get(r.senderUrl);
        if (!n) names.set(r.senderUrl, (n = new Map()));
        n.set(r.from, (n.get(r.from) ?? 0) + 1);
      }
    }
  }
  const nameOf = (u: string) => [...(names.get(u) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  plan.ownerCandidates = [...profileConversations]
    .sort((a, b) => b[1].size - a[1].size)
    .slice(0, 5)
    .map(([profileUrl, set]) => ({ profileUrl, name: nameOf(profileUrl), conversations: set.size }));
  const ownerUrl = (options.myProfileUrl && canonicalProfileUrl(options.myProfileUrl)) || plan.ownerCandidates[0]?.profileUrl || '';
  if (ownerUrl) plan.me = { profileUrl: ownerUrl, name: nameOf(ownerUrl) };

  const since = options.since ? Date.parse(options.since) : -Infinity;
  const threads: ImportedThread[] = [];
  let from = Infinity;
  let to = -Infinity;
  for (const [threadId, list] of byConversation) {
    if (!threadId) {
      bump(plan.leftOutMessages, 'system', list.length);
      continue;
    }
    if (list.some((r) => SPONSORED.test(r.title) || SPONSORED.test(r.subject) || PLACEHOLDER.test(r.content))) {
      bump(plan.leftOut, 'sponsored');
      bump(plan.leftOutMessages, 'sponsored', list.length);
      continue;
    }
    if (list.some((r) => r.conversationDraft)) {
      bump(plan.leftOut, 'drafts');
      continue;
    }
    const kept: Row[] = [];
    for (const r of list) {
      if (!r.from) bump(plan.leftOutMessages, 'system');
      else if (r.draft) bump(plan.leftOutMessages, 'drafts');
      else if (r.folder === 'SPAM') bump(plan.leftOutMessages, 'spam');
      else kept.push(r);
    }
    if (!kept.length) {
      bump(plan.leftOut, list.every((r) => !r.from) ? 'system' : list.some((r) => r.folder === 'SPAM') ? 'spam' : 'drafts');
      continue;
    }
    kept.sort((a, b) => (a.time || 0) - (b.time || 0) || b.order - a.order); // oldest first; file order is newest first
    const last = kept[kept.length - 1]!.time;
    if (last < since) {
      bump(plan.leftOut, 'older');
      continue;
    }
    threads.push(buildThread(threadId, kept, ownerUrl, plan.me?.name ?? ''));
    plan.conversations++;
    plan.messages += kept.length;
    if (!Number.isNaN(last)) bumpDay(plan.lastMessageDays, last);
    for (const r of kept) {
      if (Number.isNaN(r.time)) continue;
      from = Math.min(from, r.time);
      to = Math.max(to, r.time);
    }
  }
  if (from !== Infinity) plan.from = new Date(from).toISOString();
  if (to !== -Infinity) plan.to = new Date(to).toISOString();
  return { plan, threads };
}

function buildThread(threadId: string, rows: Row[], ownerUrl: string, ownerName: string): ImportedThread {
  const people: Person[] = [];
  const meet = (p: Person) => {
    const k = p.profileUrl?.toLowerCase();
    const f = fold(p.name);
    const same = people.find((q) => (k && q.profileUrl?.toLowerCase() === k) || (!k && !q.profileUrl && f && fold(q.name) === f));
    if (!same) people.push({ ...p });
    else if (!same.name && p.name) same.name = p.name;
  };
  const ids = new Map<string, number>();
  const messages = rows.map((r) => {
    const isMe = !!ownerUrl && r.senderUrl?.toLowerCase() === ownerUrl.toLowerCase();
    const from: Person = { name: r.from, isMe };
    if (r.senderUrl) from.profileUrl = r.senderUrl;
    meet(from);
    const sentAt = Number.isNaN(r.time) ? null : new Date(r.time).toISOString();
    const text = r.content.length > MAX_TEXT ? r.content.slice(0, MAX_TEXT) : r.content;
    // The same id the LinkedIn adapter derives when a message has no URN: sender, time, start of the text.
    let id = `li-${fnv1a(`${isMe ? 'me' : from.profileUrl || fold(from.name)}|${sentAt ?? r.date}|${fold(text).slice(0, 40)}`)}`;
    const seen = ids.get(id) ?? 0;
    ids.set(id, seen + 1);
    if (seen) id += `-${seen + 1}`;
    return { id, from, sentAt, sentAtText: r.date, text, partial: text.length < r.content.length };
  });
  // One recipient: TO is that person's name (a group's TO lists several, matched to no URL).
  for (const r of rows) {
    const single = r.recipientUrls.length === 1 && !!r.to && !r.to.includes(',');
    for (const u of r.recipientUrls) meet({ name: single ? r.to : '', profileUrl: u, isMe: u.toLowerCase() === ownerUrl.toLowerCase() });
  }
  if (ownerUrl) meet({ name: ownerName, profileUrl: ownerUrl, isMe: true });
  // Without recipient URLs (2021 exports) the other side of a conversation I only received is named in TO.
  for (const r of rows) {
    if (!r.to || r.to.includes(',') || people.some((p) => p.name === r.to)) continue;
    const fromMe = !!ownerUrl && r.senderUrl?.toLowerCase() === ownerUrl.toLowerCase();
    if (fromMe) meet({ name: r.to, isMe: false });
  }
  const subject = rows.find((r) => r.subject || r.title);
  const thread: ImportedThread = { site: 'linkedin', threadId, url: threadUrl(threadId), participants: people, messages };
  if (subject) thread.subject = subject.subject || subject.title;
  return thread;
}
