import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { buildIcs, escapeText, exportIcs, foldLine } from '../../../src/export/ics';
import { openTestDb, sampleConversations, samplePeople, samplePins, seed } from './helpers';

interface Component {
  name: string;
  props: { name: string; params: string; value: string }[];
  children: Component[];
}

/** A small RFC 5545 reader: checks line length and endings, unfolds, and checks BEGIN/END balance. */
function parseIcs(text: string): Component {
  expect(text.endsWith('\r\n')).toBe(true);
  const physical = text.slice(0, -2).split('\r\n');
  for (const line of physical) {
    expect(new TextEncoder().encode(line).length, line).toBeLessThanOrEqual(75);
    expect(line).not.toMatch(/[\r\n]/);
  }
  const lines: string[] = [];
  for (const line of physical) {
    if (line.startsWith(' ') || line.startsWith('\t')) lines[lines.length - 1] += line.slice(1);
    else lines.push(line);
  }
  const root: Component = { name: '', props: [], children: [] };
  const stack = [root];
  for (const line of lines) {
    const m = /^([A-Za-z0-9-]+)((?:;[^:]*)?):(.*)$/.exec(line);
    expect(m, line).not.toBeNull();
    const [, name, params, value] = m!;
    const top = stack[stack.length - 1]!;
    if (name === 'BEGIN') {
      const c: Component = { name: value!, props: [], children: [] };
      top.children.push(c);
      stack.push(c);
    } else if (name === 'END') {
      expect(top.name).toBe(value);
      stack.pop();
    } else top.props.push({ name: name!, params: params!, value: value! });
  }
  expect(stack).toHaveLength(1);
  expect(root.children).toHaveLength(1);
  return root.children[0]!;
}

/** TEXT values: every `;` and `,` escaped; decode `\\`, `\;`, `\,`, `\n`. */
function unescapeText(v: string): string {
  expect(v.replace(/\\[\\;,nN]/g, '')).not.toMatch(/[;,\\]/);
  return v.replace(/\\([\\;,nN])/g, (_, c: string) => (c === 'n' || c === 'N' ? '\n' : c));
}
const prop = (c: Component, name: string) => c.props.find((p) => p.name === name)?.value;

let db: TurnkeeperDatabase;
beforeEach(async () => {
  db = openTestDb();
  await seed(db);
});
afterEach(() => db.delete());

const NOW = new Date('2025-03-10T12:00:00.000Z');

describe('ICS', () => {
  it('writes open pins at their due time and follow-ups at their follow-up time', async () => {
    const { blob, filename, counts } = await exportIcs(db, { now: NOW });
    expect(filename).toMatch(/^turnkeeper-reminders-\d{4}-\d{2}-\d{2}\.ics$/);
    expect(blob.type).toBe('text/calendar;charset=utf-8');
    expect(counts).toEqual({ pins: 1, followUps: 1 });
    const cal = parseIcs(await blob.text());
    expect(cal.name).toBe('VCALENDAR');
    expect(prop(cal, 'VERSION')).toBe('2.0');
    expect(prop(cal, 'PRODID')).toBeTruthy();
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events).toHaveLength(2);
    for (const e of events) {
      for (const p of ['UID', 'DTSTAMP', 'DTSTART', 'SUMMARY']) expect(prop(e, p), p).toBeTruthy();
      expect(prop(e, 'DTSTART')).toMatch(/^\d{8}T\d{6}Z$/);
      expect(prop(e, 'DTSTAMP')).toBe('20250310T120000Z');
      expect(e.children.map((c) => c.name)).toEqual(['VALARM']);
    }
    expect(new Set(events.map((e) => prop(e, 'UID'))).size).toBe(2);
    const pin = events.find((e) => prop(e, 'UID') === 'pin-pin1@turnkeeper')!;
    expect(prop(pin, 'DTSTART')).toBe('20250305T080000Z');
    expect(unescapeText(prop(pin, 'SUMMARY')!)).toBe('Your turn: Bob "Bobby" O\'Neil, Jr.');
    expect(prop(pin, 'SUMMARY')).toBe('Your turn: Bob "Bobby" O\'Neil\\, Jr.');
    expect(unescapeText(prop(pin, 'DESCRIPTION')!)).toBe('Call Bob; ask about budget, timeline\nWith: Bob "Bobby" O\'Neil, Jr.\nhttps://www.linkedin.com/messaging/thread/t2/');
    expect(prop(pin, 'DESCRIPTION')).toContain('Call Bob\\; ask about budget\\, timeline\\nWith');
    const follow = events.find((e) => prop(e, 'UID') === 'follow-up-gmail%3At1@turnkeeper')!;
    // I wrote last at 10:02 on Monday 3 March; the waiting period (3 days, settings) ends Thursday at 10:02.
    expect(prop(follow, 'DTSTART')).toBe('20250306T100200Z');
    expect(unescapeText(prop(follow, 'SUMMARY')!)).toBe('Follow up: Pricing, terms; and "next steps"');
    expect(prop(follow, 'URL')).toBe('https://mail.google.com/mail/u/0/#inbox/t1');
  });

  it('uses the waiting period from the settings', async () => {
    await db.settings.put({ key: 'waitDays', value: 1 });
    const cal = parseIcs(await (await exportIcs(db, { now: NOW })).blob.text());
    const follow = cal.children.find((e) => prop(e, 'UID')?.startsWith('follow-up-'))!;
    expect(prop(follow, 'DTSTART')).toBe('20250304T100200Z');
  });

  it('UIDs are stable from one export to the next', async () => {
    const uids = async () => parseIcs(await (await exportIcs(db, { now: NOW })).blob.text()).children.map((e) => prop(e, 'UID'));
    expect(await uids()).toEqual(await uids());
  });

  it('escapes hostile text and folds long lines by octets without splitting characters', () => {
    const hostile = 'Line 1\r\nLine 2\rLine 3\nEND:VEVENT\r\nBEGIN:VEVENT; x, y \\ z\u0000\u0007\ud800 ' + 'é😀'.repeat(60);
    const text = buildIcs(
      {
        pins: [{ ...samplePins()[0]!, note: hostile }, { ...samplePins()[0]!, id: 'p,2;x', note: 'second' }],
        conversations: [{ ...sampleConversations()[1]!, subject: hostile, url: 'javascript:alert(1)' }],
        people: samplePeople(),
      },
      { now: NOW },
    );
    const cal = parseIcs(text);
    const events = cal.children.filter((c) => c.name === 'VEVENT');
    expect(events).toHaveLength(2);
    const d = unescapeText(prop(events[0]!, 'DESCRIPTION')!);
    expect(d.startsWith('Line 1\nLine 2\nLine 3\nEND:VEVENT\nBEGIN:VEVENT; x, y \\ z\uFFFD é😀')).toBe(true);
    expect(d).not.toMatch(/[\u0000-\u0008\u000B-\u001F]/);
    expect(prop(events[0]!, 'URL')).toBeUndefined(); // not an http(s) address
    expect(new Set(events.map((e) => prop(e, 'UID'))).size).toBe(2);
    expect(prop(events[1]!, 'UID')).toBe('pin-p%2C2%3Bx@turnkeeper');
  });

  it('foldLine and escapeText follow RFC 5545', () => {
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75) + '\r\n');
    expect(foldLine('A'.repeat(76))).toBe('A'.repeat(75) + '\r\n A\r\n');
    const folded = foldLine('X'.repeat(74) + '😀');
    expect(folded).toBe('X'.repeat(74) + '\r\n 😀\r\n');
    expect(escapeText('a\\b;c,d\ne')).toBe('a\\\\b\\;c\\,d\\ne');
  });

  it('exports the reminders of one conversation', async () => {
    const cal = parseIcs(await (await exportIcs(db, { now: NOW, conversationId: 'linkedin:t2' })).blob.text());
    expect(cal.children.map((e) => prop(e, 'UID'))).toEqual(['pin-pin1@turnkeeper']);
  });
});
