// @vitest-environment happy-dom
// Both sites change their markup several times a year, and roll changes out unevenly. Thousands of randomly drifted
// versions of the fixtures (attributes dropped, classes renamed, nodes reordered, removed or truncated) must never
// make an adapter throw, and never make it report a message whose text is not on the page.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../src/sites/gmail';
import { linkedin } from '../../../src/sites/linkedin';
import { describeAttachment } from '../../../src/sites/attachment';
import type { Attachment, SiteAdapter } from '../../../src/sites/types';

const NOW = new Date(2026, 10, 24, 12, 0);
const fixtures = resolve(import.meta.dirname, '../../fixtures');

function load(site: string) {
  return readdirSync(join(fixtures, site))
    .filter((name) => name.endsWith('.html'))
    .map((name) => ({ name, html: readFileSync(join(fixtures, site, name), 'utf8') }));
}

/** Letters and digits only: how "the text is on the page" is compared, whatever whitespace the adapter keeps. */
const squash = (text: string) => text.replace(/[^\p{L}\p{N}]+/gu, '').toLowerCase();

// A message with no words of its own is recorded with the English description of what it carries ("Photo", "File:
// x.pdf"): those words are not on the page, but the details they name (file name, post author, first words) must be.
const detailsOnPage = (attachment: Attachment) =>
  [...(attachment.name?.split(', ') ?? []), attachment.author, attachment.title?.replace(/…$/, ''), attachment.duration].filter(
    (s): s is string => !!s,
  );

const decoded = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
};

type Mutation =
  | { kind: 'drop-attribute'; pick: number; attribute: number }
  | { kind: 'rename-class'; pick: number; to: string }
  | { kind: 'reorder'; pick: number }
  | { kind: 'remove'; pick: number }
  | { kind: 'truncate'; pick: number; keep: number };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('drop-attribute' as const), pick: fc.nat(), attribute: fc.nat() }),
  fc.record({ kind: fc.constant('rename-class' as const), pick: fc.nat(), to: fc.stringMatching(/^[a-zA-Z]{3,9}$/) }),
  fc.record({ kind: fc.constant('reorder' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('truncate' as const), pick: fc.nat(), keep: fc.nat({ max: 3 }) }),
);

function drift(doc: Document, mutations: Mutation[]): void {
  for (const change of mutations) {
    const elements = doc.body.querySelectorAll('*');
    if (elements.length === 0) return;
    const element = elements[change.pick % elements.length]!;
    switch (change.kind) {
      case 'drop-attribute': {
        const attributes = [...element.attributes];
        if (attributes.length) element.removeAttribute(attributes[change.attribute % attributes.length]!.name);
        break;
      }
      case 'rename-class': {
        const classes = [...element.classList];
        if (classes.length) element.classList.replace(classes[change.pick % classes.length]!, change.to);
        break;
      }
      case 'reorder': {
        const parent = element.parentElement;
        if (parent) parent.prepend(element);
        break;
      }
      case 'remove':
        element.remove();
        break;
      case 'truncate':
        while (element.childNodes.length > change.keep) element.lastChild!.remove();
        break;
    }
  }
}

function checkAdapter(adapter: SiteAdapter, site: string, urlFor: (name: string) => string, runs: number) {
  const pages = load(site);
  it(`${site}: never throws and never invents a message (${runs} drifted pages)`, () => {
    const parser = new DOMParser();
    fc.assert(
      fc.property(fc.nat({ max: pages.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 12 }), (index, mutations) => {
        const page = pages[index]!;
        const doc = parser.parseFromString(page.html, 'text/html');
        drift(doc, mutations);
        // What the page shows: the text of scripts and styles (which neither adapter reads) would otherwise sit
        // between two shown words and hide that they are adjacent once the drift has moved things around.
        const shown = doc.documentElement.cloneNode(true) as Element;
        for (const el of Array.from(shown.querySelectorAll('script, style, noscript, template'))) el.remove();
        const pageText = squash(shown.textContent ?? '');
        const pageMarkup = squash(decoded(doc.documentElement.outerHTML)); // file names, link hosts in attributes
        const result = adapter.readThreads(doc, new URL(urlFor(page.name)), NOW);
        expect(Array.isArray(result.problems)).toBe(true);
        for (const thread of result.threads) {
          for (const message of thread.messages) {
            const described = message.attachment && message.text === describeAttachment(message.attachment);
            if (!described) expect(pageText).toContain(squash(message.text));
            if (message.attachment) for (const detail of detailsOnPage(message.attachment)) expect(pageMarkup).toContain(squash(detail));
          }
        }
      }),
      { numRuns: runs, seed: 20261124 },
    );
  }, 240_000);
}

describe('DOM drift', () => {
  checkAdapter(gmail, 'gmail', () => 'https://mail.google.com/mail/u/0/#inbox/FMfcgzGGtWxyzabc', 1000);
  checkAdapter(
    linkedin,
    'linkedin',
    (name) =>
      name.includes('profile')
        ? 'https://www.linkedin.com/in/dana-whitfield/'
        : name.includes('overlay')
          ? 'https://www.linkedin.com/feed/'
          : 'https://www.linkedin.com/messaging/thread/2-M2Y2YzJhMTAtN2QxZS00YjhhLTljNTUtMGUyZjRkNmE4YjExXzEwMA==/',
    1000,
  );
});
