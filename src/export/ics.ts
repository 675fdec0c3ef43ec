// Open pins and follow-ups as an iCalendar file (RFC 5545), written by hand rather than with the `ics` package:
// - `ics` folds long lines every 75 *characters*; RFC 5545 §3.1 says 75 *octets*, so non-Latin text overflows;
// - its text escaping handles "\n" and "\r\n" but not a lone "\r" or other control characters, which page-derived
//   text may hold and which could break the line structure;
// - it validates with `yup` at run time, a large dependency for the extension bundle, for ~80 lines of output code.
import {
  getSettings,
  readOpenReminders,
  type ConversationRecord,
  type PersonRecord,
  type PinRecord,
  type TurnkeeperDatabase,
} from '../db';
import { followUpDueAt } from '../core/turn';
import type { ExportFile } from './json-export';
import { dateStamp } from './read';

const CRLF = '\r\n';
const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_FOLLOW_UP_DAYS = 3;

export interface IcsLabels {
  pinSummary: (title: string) => string;
  followUpSummary: (title: string) => string;
  /** Title of a conversation without subject or known people. */
  untitled: (site: string) => string;
  people: string;
}
export const DEFAULT_ICS_LABELS: IcsLabels = {
  pinSummary: (t) => `Your turn: ${t}`,
  followUpSummary: (t) => `Follow up: ${t}`,
  untitled: (site) => `Conversation on ${site === 'gmail' ? 'Gmail' : site === 'linkedin' ? 'LinkedIn' : site}`,
  people: 'With',
};

export interface IcsOptions {
  /** DTSTAMP. */
  now?: Date;
  /** When a conversation waiting on them is due for a follow-up. Default in exportIcs: core/turn followUpDueAt with
   * the user's waiting period and working days; in buildIcs: lastMessageAt + 3 days. Return null for no event. */
  followUpAt?: (conversation: ConversationRecord) => string | null;
  /** Event length in minutes (default 15). */
  durationMinutes?: number;
  labels?: Partial<IcsLabels>;
}

export interface IcsInput {
  pins: readonly PinRecord[];
  conversations: readonly ConversationRecord[];
  people: readonly PersonRecord[];
}

/** Replace lone surrogates, which have no UTF-8 form. */
function wellFormed(s: string): string {
  return s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

/** RFC 5545 §3.3.11 TEXT: backslash, semicolon, comma and newlines escaped; other control characters dropped. */
export function escapeText(s: string): string {
  return wellFormed(s)
    .replace(/\r\n?/g, '\n')
    .replace(/[\u0000-\u0008\u000B-\u001F\u007F]/g, '')
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\n/g, '\\n');
}

const utf8Length = (cp: number) => (cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4);

/** RFC 5545 §3.1: lines of at most 75 octets, continued with CRLF + space; never splits a character. */
export function foldLine(line: string): string {
  let out = '';
  let octets = 0;
  for (const ch of line) {
    const len = utf8Length(ch.codePointAt(0)!);
    if (octets + len > 75) {
      out += CRLF + ' ';
      octets = 1;
    }
    out += ch;
    octets += len;
  }
  return out + CRLF;
}

/** 2025-03-05T09:00:00.000Z → 20250305T090000Z (UTC form, RFC 5545 §3.3.5). */
export function icsDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

/** UID: a stable, safe token built from the record id. */
function uid(kind: string, id: string): string {
  return `${kind}-${encodeURIComponent(id).replace(/[!'()*~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}@turnkeeper`;
}

function httpUrl(url: string | undefined): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : null;
  } catch {
    return null;
  }
}

const defaultFollowUpAt = (c: ConversationRecord): string | null => {
  if (!c.lastMessageAt) return null;
  const t = Date.parse(c.lastMessageAt);
  return Number.isNaN(t) ? null : new Date(t + DEFAULT_FOLLOW_UP_DAYS * DAY_MS).toISOString();
};

/** The calendar text. Pins not done, at their due time; conversations waiting on them (turn `theirs` or
 * `follow-up`), at their follow-up time. */
export function buildIcs(input: IcsInput, options: IcsOptions = {}): string {
  return build(input, options).text;
}

function build(input: IcsInput, options: IcsOptions): { text: string; pins: number; followUps: number } {
  let pinCount = 0;
  let followUpCount = 0;
  const labels = { ...DEFAULT_ICS_LABELS, ...options.labels };
  const stamp = icsDateTime(options.now ?? new Date());
  const duration = `PT${Math.max(1, Math.round(options.durationMinutes ?? 15))}M`;
  const followUpAt = options.followUpAt ?? defaultFollowUpAt;
  const people = new Map(input.people.map((p) => [p.id, p]));
  const conversations = new Map(input.conversations.map((c) => [c.id, c]));
  const namesOf = (c: ConversationRecord) =>
    c.personIds.map((id) => people.get(id)?.name).filter((n): n is string => !!n && n.trim() !== '');
  const titleOf = (c: ConversationRecord | undefined) => {
    if (!c) return labels.untitled('');
    if (c.subject && c.subject.trim()) return c.subject.trim();
    const names = namesOf(c);
    return names.length ? names.join(', ') : labels.untitled(c.site);
  };

  let out = '';
  const prop = (name: string, value: string) => (out += foldLine(`${name}:${value}`));
  const text = (name: string, value: string) => prop(name, escapeText(value));
  const event = (e: { uid: string; start: string; summary: string; description: string; url: string | null; category: string }) => {
    out += 'BEGIN:VEVENT' + CRLF;
    prop('UID', e.uid);
    prop('DTSTAMP', stamp);
    prop('DTSTART', icsDateTime(e.start));
    prop('DURATION', duration);
    text('SUMMARY', e.summary);
    if (e.description) text('DESCRIPTION', e.description);
    if (e.url) prop('URL', e.url);
    text('CATEGORIES', e.category);
    out += 'BEGIN:VALARM' + CRLF + 'ACTION:DISPLAY' + CRLF + 'TRIGGER:PT0S' + CRLF;
    text('DESCRIPTION', e.summary);
    out += 'END:VALARM' + CRLF + 'END:VEVENT' + CRLF;
  };
  const describe = (c: ConversationRecord | undefined, first?: string) => {
    const lines: string[] = [];
    if (first && first.trim()) lines.push(first.trim());
    if (c) {
      const names = namesOf(c);
      if (names.length) lines.push(`${labels.people}: ${names.join(', ')}`);
      const url = httpUrl(c.url);
      if (url) lines.push(url);
    }
    return lines.join('\n');
  };

  out += 'BEGIN:VCALENDAR' + CRLF + 'VERSION:2.0' + CRLF;
  prop('PRODID', '-//Turnkeeper//Turnkeeper export//EN');
  out += 'CALSCALE:GREGORIAN' + CRLF + 'METHOD:PUBLISH' + CRLF;
  text('X-WR-CALNAME', 'Turnkeeper');

  const valid = (iso: string | null | undefined): iso is string => !!iso && !Number.isNaN(Date.parse(iso));
  for (const pin of [...input.pins].sort((a, b) => (a.dueAt < b.dueAt ? -1 : 1))) {
    if (pin.done || !valid(pin.dueAt)) continue;
    pinCount++;
    const c = conversations.get(pin.conversationId);
    event({
      uid: uid('pin', pin.id),
      start: pin.dueAt,
      summary: labels.pinSummary(titleOf(c)),
      description: describe(c, pin.note ?? undefined),
      url: httpUrl(c?.url),
      category: 'Turnkeeper',
    });
  }
  for (const c of input.conversations) {
    if (c.turn !== 'theirs' && c.turn !== 'follow-up') continue;
    const at = followUpAt(c);
    if (!valid(at)) continue;
    followUpCount++;
    event({
      uid: uid('follow-up', c.id),
      start: at,
      summary: labels.followUpSummary(titleOf(c)),
      description: describe(c),
      url: httpUrl(c.url),
      category: 'Turnkeeper',
    });
  }
  out += 'END:VCALENDAR' + CRLF;
  return { text: out, pins: pinCount, followUps: followUpCount };
}

/** The calendar file for everything open (or one conversation, with `conversationId`). */
export async function exportIcs(
  db: TurnkeeperDatabase,
  options: IcsOptions & { conversationId?: string } = {},
): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const settings = await getSettings(db);
  const followUpAt =
    options.followUpAt ??
    ((c: ConversationRecord) => (c.lastMessageAt ? followUpDueAt(c.lastMessageAt, settings).toISOString() : null));
  const input = await readOpenReminders(db, options.conversationId);
  const { text, pins, followUps } = build(input, { ...options, now, followUpAt });
  return {
    blob: new Blob([text], { type: 'text/calendar;charset=utf-8' }),
    filename: `turnkeeper-reminders-${dateStamp(now)}.ics`,
    exportedAt: now.toISOString(),
    counts: { pins, followUps },
  };
}
