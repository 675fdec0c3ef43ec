// @vitest-environment happy-dom
// The list rows' fingerprints (the list chips skip reading a row whose fingerprint was read before), on the
// hand-written list fixtures of both sites (test/fixtures/*/lists/, written 2026-12-02 from docs/sites.md): a row that
// reads differently never keeps its fingerprint, so a chip never stays on a row that now shows something else.
import { readFileSync, readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { gmailChipPlace, gmailRowElements, gmailRowFingerprint, readGmailRow } from '../../../src/sites/gmail/read-list';
import {
  linkedInCardElements,
  linkedInCardFingerprint,
  linkedInChipPlace,
  readLinkedInCard,
} from '../../../src/sites/linkedin/read-list';
import { CARD_AVATARS, CARD_LINK, CARD_UNREAD, CARD_WEIGHED } from '../../../src/sites/linkedin/selectors';

const FIXTURES = resolve(import.meta.dirname, '../../fixtures');
const fixtures = (site: string) => readdirSync(resolve(FIXTURES, site, 'lists')).filter((f) => f.endsWith('.html'));
const parse = (site: string, name: string) =>
  new DOMParser().parseFromString(readFileSync(resolve(FIXTURES, site, 'lists', name), 'utf8'), 'text/html');
/** What a row reads, without its elements. */
const plain = (row: object | null) => row && JSON.stringify({ ...row, element: undefined, chipPlace: undefined });

interface Site {
  elements: (doc: Document) => Element[];
  read: (el: Element) => object | null;
  fingerprint: (el: Element) => string | null;
  place: (el: Element) => Element;
  /** Changes a user would notice, each made on a copy of a row. */
  changes: [string, (el: Element) => void][];
}

const setText = (sel: string, text: string) => (el: Element) => {
  const hit = el.querySelector(sel);
  if (hit) hit.textContent = text;
};
/** A new newest message's id, on a row that names its newest message. */
const newMessageId = (el: Element) => {
  const carrier = el.querySelector('[data-legacy-last-message-id]');
  carrier?.setAttribute('data-legacy-last-message-id', carrier.getAttribute('data-legacy-last-message-id') + '1');
};
const SITES: Record<'gmail' | 'linkedin', Site> = {
  gmail: {
    elements: (doc) => gmailRowElements(doc),
    read: readGmailRow,
    fingerprint: gmailRowFingerprint,
    place: gmailChipPlace,
    // Gmail shows a new snippet or newest time only with a new message, whose id the row carries when it names its
    // newest message (`data-legacy-last-message-id`): the changes make both, as the site does.
    changes: [
      ['snippet', (el) => (setText('span.y2', ' - A new message in the same place')(el), newMessageId(el))],
      ['read state', (el) => (el.classList.toggle('zE'), el.classList.toggle('yO'))],
      ['thread id', (el) => el.querySelector('[data-legacy-thread-id]')?.setAttribute('data-legacy-thread-id', '19a0000000000abc')],
      ['newest message id', (el) => el.querySelector('[data-legacy-thread-id]')?.setAttribute('data-legacy-last-message-id', '19a0000000000def')],
      ['newest time', (el) => (el.querySelector('td.xW > span[title]')?.setAttribute('title', 'Wed, Nov 4, 2026, 8:00 AM'), newMessageId(el))],
    ],
  },
  linkedin: {
    elements: (doc) => linkedInCardElements(doc),
    read: readLinkedInCard,
    fingerprint: linkedInCardFingerprint,
    place: linkedInChipPlace,
    changes: [
      ['snippet', setText('p, [class*="message-snippet"]', 'You: a new message')],
      ['names', setText('h3', 'Someone Else')],
      ['time', setText('time', '9:41')],
      ['unread', (el) => (el.querySelector('[class*="--unread"]') ? el.querySelector('[class*="--unread"]')!.setAttribute('class', 'x') : el.firstElementChild?.classList.add('msg-conversation-card--unread'))],
      ['link', (el) => el.querySelector('a[href*="/messaging/thread/"]')?.setAttribute('href', '/messaging/thread/2-ZmFrZQ==/')],
      ['avatar name', (el) => el.querySelector('img[alt]')?.setAttribute('alt', 'Someone Else')],
      ['unread mark deep inside', (el) => el.querySelector('a, h3, p')?.classList.add('msg-conversation-card__convo-item--unread')],
    ],
  },
};

describe.each(['gmail', 'linkedin'] as const)('%s row fingerprints', (site) => {
  const s = SITES[site];
  test.each(fixtures(site))('%s: rows with the same fingerprint read the same, and the chip goes where a full read puts it', (name) => {
    const doc = parse(site, name);
    const byFingerprint = new Map<string, string | null>();
    let fingerprinted = 0;
    for (const el of s.elements(doc)) {
      const fp = s.fingerprint(el);
      const row = s.read(el);
      if (fp === null) continue;
      fingerprinted++;
      if (byFingerprint.has(fp)) expect(plain(row)).toBe(byFingerprint.get(fp));
      byFingerprint.set(fp, plain(row));
      // A copy of the row (the site re-rendering it) has the same fingerprint and reads the same.
      const copy = el.cloneNode(true) as Element;
      el.after(copy);
      expect(s.fingerprint(copy)).toBe(fp);
      expect(plain(s.read(copy))).toBe(plain(row));
      if (row) expect(s.place(copy)).toBe((s.read(copy) as { chipPlace: Element }).chipPlace);
      copy.remove();
    }
    // Reading-pane rows span several `tr` and are read in full; every other fixture's rows are fingerprinted.
    if (name.includes('reading-pane')) expect(fingerprinted).toBe(0);
    else expect(fingerprinted).toBeGreaterThan(0);
  });

  test.each(fixtures(site))('%s: a row changed in what it shows gets another fingerprint', (name) => {
    const doc = parse(site, name);
    let changed = 0;
    for (const el of s.elements(doc)) {
      const fp = s.fingerprint(el);
      if (fp === null) continue;
      for (const [, change] of s.changes) {
        const copy = el.cloneNode(true) as Element;
        el.after(copy);
        change(copy);
        if (plain(s.read(copy)) !== plain(s.read(el))) {
          changed++;
          expect(s.fingerprint(copy)).not.toBe(fp);
        }
        copy.remove();
      }
    }
    expect(changed > 0).toBe(!name.includes('reading-pane'));
  });
});

describe('what a LinkedIn card fingerprint weighs', () => {
  test.each(fixtures('linkedin'))('%s: every link, avatar and unread mark the reading finds is in the fingerprint\'s net', (name) => {
    const doc = parse('linkedin', name);
    const read = [...doc.querySelectorAll([CARD_LINK, CARD_AVATARS, CARD_UNREAD].join(','))];
    expect(read.length).toBeGreaterThan(0);
    expect(read.filter((el) => !el.matches(CARD_WEIGHED))).toEqual([]);
  });
});
