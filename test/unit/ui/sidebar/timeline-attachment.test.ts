// @vitest-environment happy-dom
// The sidebar's timeline shows a message that has no words of its own (a voice note, a file, a shared post) by what
// it carries, in the UI language (English strings from _locales, as the browser would give them); its words, when
// it has some, below. Records made before attachments were known still show their text.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { h, render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TimelineMessage } from '../../../../src/db/queries';
import type { Attachment } from '../../../../src/sites/types';

const locale = JSON.parse(
  readFileSync(resolve(import.meta.dirname, '../../../../public/_locales/en/messages.json'), 'utf8'),
) as Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;

/** chrome.i18n.getMessage for English: named placeholders → $n, then substituted. */
function getMessage(key: string, subs: string[] = []): string {
  const entry = locale[key];
  if (!entry) return '';
  return entry.message
    .replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => entry.placeholders?.[name.toLowerCase()]?.content ?? whole)
    .replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
}

vi.mock('webextension-polyfill', () => ({ default: { i18n: { getMessage } } }));

const { Timeline } = await import('../../../../src/ui/sidebar/Timeline');
const { describeAttachment } = await import('../../../../src/sites/attachment');

const NOW = new Date(2026, 10, 12, 15, 0);
let n = 0;
function message(text: string, attachment?: Attachment): TimelineMessage {
  const m: TimelineMessage = {
    id: `c|m${++n}`,
    conversationId: 'linkedin:c',
    personId: 'p1',
    fromMe: false,
    sentAt: new Date(2026, 10, 12, 9, n).toISOString(),
    sentAtText: '',
    text,
    partial: false,
    seenAt: NOW.toISOString(),
    site: 'linkedin',
    senderId: 'p1',
    senderName: 'Jane Doe',
    inThisConversation: true,
  };
  if (attachment) m.attachment = attachment;
  return m;
}

function show(messages: TimelineMessage[]): HTMLElement {
  const root = document.createElement('div');
  document.body.append(root);
  render(h(Timeline, { scrollKey: 'c', messages, notes: [], pins: [], now: NOW, label: 'Timeline' }), root);
  return root;
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('timeline: messages without words', () => {
  it('shows what each message carries, and no duplicated English description', () => {
    const kinds: Attachment[] = [
      { kind: 'voice', duration: '1:00' },
      { kind: 'image' },
      { kind: 'file', name: 'proposal.pdf' },
      { kind: 'post', author: 'Alen Malkoč', title: 'A week in at Campus Founders…' },
      { kind: 'call' },
    ];
    const root = show(kinds.map((a) => message(describeAttachment(a), a)));
    const items = [...root.querySelectorAll('[data-testid="message"]')];
    expect(items.map((li) => li.querySelector('[data-testid="message-attachment"]')?.textContent)).toEqual([
      'Voice message, 1:00',
      'Photo',
      'File: proposal.pdf',
      'Shared a post by Alen Malkoč: “A week in at Campus Founders…”',
      'Call',
    ]);
    for (const li of items) expect(li.querySelector('.entry__text')).toBeNull();
  });

  it('a message with words and a link card shows both', () => {
    const root = show([message("Here's the deck: https://www.example.com/deck", { kind: 'link', name: 'example.com' })]);
    expect(root.querySelector('[data-testid="message-attachment"]')?.textContent).toBe('Shared a link: example.com');
    expect(root.querySelector('.entry__text')?.textContent).toBe("Here's the deck: https://www.example.com/deck");
  });

  it('an old record without attachment shows its text as before; a plain message shows no description', () => {
    const root = show([message('Sent an attachment: deck.pdf'), message('Thanks!')]);
    expect(root.querySelector('[data-testid="message-attachment"]')).toBeNull();
    expect([...root.querySelectorAll('.entry__text')].map((e) => e.textContent)).toEqual(['Sent an attachment: deck.pdf', 'Thanks!']);
  });

  it('page text in a detail stays text, never markup', () => {
    const root = show([message('File: <img src=x onerror=alert(1)>.pdf', { kind: 'file', name: '<img src=x onerror=alert(1)>.pdf' })]);
    expect(root.querySelector('[data-testid="message-attachment"]')?.textContent).toBe('File: <img src=x onerror=alert(1)>.pdf');
    expect(root.querySelector('img')).toBeNull();
  });
});
