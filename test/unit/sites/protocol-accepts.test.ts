// @vitest-environment happy-dom
// What the adapters read from every fixture is accepted by the background's protocol schemas (strict: a field the
// adapters add and the schemas lack would get every page read refused). Attachments with absurd details are cut,
// not refused.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { readResultSchema } from '../../../src/protocol/schemas';
import { ATTACHMENT_DETAIL_MAX } from '../../../src/sites/attachment';
import { gmail } from '../../../src/sites/gmail';
import { linkedin } from '../../../src/sites/linkedin';

const fixtures = resolve(import.meta.dirname, '../../fixtures');
const NOW = new Date(2026, 10, 12, 15, 0);
const pages = (site: string) => readdirSync(join(fixtures, site)).filter((n) => n.endsWith('.html'));
const parse = (site: string, name: string) =>
  new DOMParser().parseFromString(readFileSync(join(fixtures, site, name), 'utf8'), 'text/html');

describe('adapter output passes the protocol', () => {
  it.each(pages('gmail'))('gmail %s', (name) => {
    const r = gmail.readThreads(parse('gmail', name), new URL('https://mail.google.com/mail/u/0/#inbox'), NOW, []);
    expect(v.safeParse(readResultSchema, r).issues).toBeUndefined();
  });

  it.each(pages('linkedin'))('linkedin %s', (name) => {
    const url = name.includes('overlay') ? 'https://www.linkedin.com/feed/' : 'https://www.linkedin.com/messaging/';
    const r = linkedin.readThreads(parse('linkedin', name), new URL(url), NOW, []);
    expect(v.safeParse(readResultSchema, r).issues).toBeUndefined();
  });

  it('an attachment with fifty long file names is recorded with its names cut, and accepted', () => {
    const doc = parse('gmail', '2026-11-thread-attachments-calendar-en.html');
    const strip = doc.querySelector('.aQH')!;
    const card = strip.querySelector('.aZo')!;
    for (let i = 0; i < 50; i++) {
      const c = card.cloneNode(true) as Element;
      c.querySelector('.aV3')!.textContent = `${'quarterly-report-'.repeat(20)}${i}.pdf`;
      strip.append(c);
    }
    const r = gmail.readThreads(doc, new URL('https://mail.google.com/mail/u/0/#inbox/19a4000000000001'), NOW, []);
    const att = r.threads[0]!.messages[1]!.attachment!;
    expect(att.kind).toBe('file');
    expect(att.name!.length).toBe(ATTACHMENT_DETAIL_MAX);
    expect(att.name!.startsWith('proposal.pdf, pricing-2027.xlsx, quarterly-report-')).toBe(true);
    expect(v.safeParse(readResultSchema, r).issues).toBeUndefined();
  });
});
