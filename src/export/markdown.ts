// One conversation as a readable Markdown transcript. Text from the pages is escaped so that it stays text: it cannot
// start a heading, quote, list, table, code block or HTML, make a link or an image (no remote loads when rendered),
// or forge a "**You** · 14:02 —" line.
import {
  readConversationRecords,
  type ConversationRecord,
  type MessageRecord,
  type NoteRecord,
  type PersonRecord,
  type PinRecord,
  type TurnkeeperDatabase,
} from '../db';
import type { ExportFile } from './json-export';
import { dateStamp } from './read';

export interface MarkdownLabels {
  you: string;
  unknownPerson: string;
  people: string;
  notes: string;
  pins: string;
  timeUnknown: string;
  preview: string;
  noText: string;
  promised: string;
  done: string;
  due: string;
  untitled: (site: string) => string;
}
export const DEFAULT_MARKDOWN_LABELS: MarkdownLabels = {
  you: 'You',
  unknownPerson: 'Unknown',
  people: 'People',
  notes: 'Notes',
  pins: 'Pins',
  timeUnknown: 'Time unknown',
  preview: 'preview only',
  noText: 'no text',
  promised: 'promised',
  done: 'done',
  due: 'Due',
  untitled: (site) => `Conversation on ${siteName(site)}`,
};

const siteName = (site: string) => (site === 'gmail' ? 'Gmail' : site === 'linkedin' ? 'LinkedIn' : site);

export interface MarkdownOptions {
  /** BCP 47 locale for dates (default: the runtime's). */
  locale?: string;
  /** IANA time zone (default: the runtime's). */
  timeZone?: string;
  labels?: Partial<MarkdownLabels>;
}

export interface TranscriptInput {
  conversation: ConversationRecord;
  messages: readonly MessageRecord[];
  people: readonly PersonRecord[];
  notes?: readonly NoteRecord[];
  pins?: readonly PinRecord[];
}

/** Escape text inside a line: characters that start emphasis, code, links, images, HTML, tables, strikethrough,
 * entity references. */
export function escapeInline(s: string): string {
  return s
    .replace(/[\\`*[\]<>|~]/g, '\\$&')
    .replace(/&(?=#?[A-Za-z0-9]+;)/g, '\\&')
    .replace(/_/g, (m, at: number, all: string) =>
      /[\p{L}\p{N}]/u.test(all[at - 1] ?? '') && /[\p{L}\p{N}]/u.test(all[at + 1] ?? '') ? m : '\\_',
    );
}

/** Escape one line so that it cannot start a block: heading, quote, list item, setext underline, thematic break,
 * code block (leading spaces dropped). */
export function escapeLine(line: string): string {
  const s = escapeInline(line.replace(/^[ \t\u00A0]+/, '').replace(/[ \t]+$/, ''));
  return s
    .replace(/^([#+=-])/, '\\$1')
    .replace(/^(\d{1,9})([.)])/, '$1\\$2');
}

/** Escape a block of text: each line escaped, blank runs collapsed to one paragraph break, line breaks kept. */
export function escapeBlock(text: string, indent = ''): string {
  const lines = text.replace(/\r\n?/g, '\n').replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '').split('\n').map(escapeLine);
  const out: string[] = [];
  for (const line of lines) {
    if (line === '') {
      if (out.length && out[out.length - 1] !== '') out.push('');
    } else out.push(line);
  }
  while (out.length && out[out.length - 1] === '') out.pop();
  // Hard line breaks (two spaces) inside a paragraph; continuation lines indented for list items.
  return out
    .map((line, k) => (k + 1 < out.length && out[k + 1] !== '' && line !== '' ? `${line}  ` : line))
    .map((line, k) => (k === 0 || line === '' ? line : indent + line))
    .join('\n');
}

/** Text for a heading or a name: one line, `#` escaped too. */
const oneLine = (s: string) => escapeInline(s.replace(/\s+/g, ' ').trim()).replace(/#/g, '\\#');

const safeUrl = (url: string | undefined): string | null => {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
};

export function conversationToMarkdown(input: TranscriptInput, options: MarkdownOptions = {}): string {
  const labels = { ...DEFAULT_MARKDOWN_LABELS, ...options.labels };
  const { conversation: c } = input;
  const zone = options.timeZone ? { timeZone: options.timeZone } : {};
  const dayKey = new Intl.DateTimeFormat('en-CA', { ...zone, year: 'numeric', month: '2-digit', day: '2-digit' });
  const dayTitle = new Intl.DateTimeFormat(options.locale, { ...zone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const clock = new Intl.DateTimeFormat(options.locale, { ...zone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const people = new Map(input.people.map((p) => [p.id, p]));
  const nameOf = (m: MessageRecord) =>
    m.fromMe ? labels.you : people.get(m.personId)?.name?.trim() || labels.unknownPerson;

  const others = c.personIds.map((id) => people.get(id)).filter((p): p is PersonRecord => !!p);
  const title = c.subject?.trim() || others.map((p) => p.name).filter(Boolean).join(', ') || labels.untitled(c.site);
  const out: string[] = [`# ${oneLine(title)}`, ''];
  const url = safeUrl(c.url);
  out.push(`${siteName(c.site)}${url ? ` · <${url}>` : ''}  `);
  if (others.length) {
    const who = others.map((p) => {
      const ids = [...p.emails, ...p.linkedin];
      return `${oneLine(p.name || labels.unknownPerson)}${ids.length ? ` (${ids.map(oneLine).join(', ')})` : ''}`;
    });
    out.push(`${labels.people}: ${who.join(', ')}`);
  }

  const known = input.messages.filter((m) => m.sentAt && !Number.isNaN(Date.parse(m.sentAt)));
  const unknown = input.messages.filter((m) => !known.includes(m));
  known.sort((a, b) => Date.parse(a.sentAt!) - Date.parse(b.sentAt!) || (a.seenAt < b.seenAt ? -1 : 1));
  unknown.sort((a, b) => (a.seenAt < b.seenAt ? -1 : a.seenAt > b.seenAt ? 1 : 0));
  const messageBlock = (m: MessageRecord, when: string) => {
    const body = m.text.trim() ? escapeBlock(m.text) : `*(${labels.noText})*`;
    const partial = m.partial ? ` *(${labels.preview})*` : '';
    return `**${oneLine(nameOf(m))}** · ${when} — ${body}${partial}`;
  };
  let day = '';
  for (const m of known) {
    const d = new Date(m.sentAt!);
    const k = dayKey.format(d);
    if (k !== day) {
      day = k;
      out.push('', `## ${oneLine(dayTitle.format(d))}`);
    }
    out.push('', messageBlock(m, clock.format(d)));
  }
  if (unknown.length) {
    out.push('', `## ${oneLine(labels.timeUnknown)}`);
    for (const m of unknown) out.push('', messageBlock(m, m.sentAtText.trim() ? `“${oneLine(m.sentAtText)}”` : '?'));
  }

  const notes = [...(input.notes ?? [])].sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1));
  if (notes.length) {
    out.push('', `## ${oneLine(labels.notes)}`, '');
    for (const n of notes) {
      const flags = [n.promised ? labels.promised : '', n.done ? labels.done : ''].filter(Boolean);
      out.push(`- ${escapeBlock(n.text, '  ') || `*(${labels.noText})*`}${flags.length ? ` *(${flags.join(', ')})*` : ''}`);
    }
  }
  const pins = [...(input.pins ?? [])].sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1));
  if (pins.length) {
    out.push('', `## ${oneLine(labels.pins)}`, '');
    for (const p of pins) {
      const due = new Date(p.dueAt);
      const when = Number.isNaN(due.getTime()) ? oneLine(p.dueAt) : `${dayTitle.format(due)} ${clock.format(due)}`;
      const note = p.note?.trim() ? ` — ${escapeBlock(p.note, '  ')}` : '';
      out.push(`- ${labels.due} ${when}${note}${p.done ? ` *(${labels.done})*` : ''}`);
    }
  }
  return out.join('\n') + '\n';
}

function slug(s: string): string {
  return (
    s
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[^\p{L}\p{N}]+/gu, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .replace(/-+$/, '') || 'conversation'
  );
}

/** One conversation, with its messages, notes and pins, as a Markdown file. */
export async function exportConversationMarkdown(
  db: TurnkeeperDatabase,
  conversationId: string,
  options: MarkdownOptions & { now?: Date } = {},
): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const records = await readConversationRecords(db, conversationId);
  if (!records) throw new Error(`There is no conversation "${conversationId}".`);
  const { conversation, messages, people, notes, pins } = records;
  const input = { conversation, messages, people, notes, pins };
  const text = conversationToMarkdown(input, options);
  const title = input.conversation.subject || input.people.filter((p) => !p.isMe).map((p) => p.name).join(' ') || 'conversation';
  return {
    blob: new Blob([text], { type: 'text/markdown;charset=utf-8' }),
    filename: `turnkeeper-${slug(title)}-${dateStamp(now)}.md`,
    exportedAt: now.toISOString(),
    counts: { messages: input.messages.length, notes: input.notes.length, pins: input.pins.length },
  };
}
