// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import type { ReadResult } from '../../../../src/sites/types';
import { load, NOW, page, parse, url } from './helpers';

const THREAD_HASH = '#inbox/FMfcgzQfBGfsVHzgNPZvccFHwCmhpvCQ';
const read = (doc: Document, hash = THREAD_HASH): ReadResult => gmail.readThreads(doc, url(hash), NOW, []);

const remove = (doc: Document, sel: string) => doc.querySelectorAll(sel).forEach((el) => el.remove());

/** Problems speak of structure only: none of the page's names, addresses, subjects or bodies. */
function expectNoPageText(r: ReadResult, words: string[]) {
  for (const p of r.problems) {
    expect(p).not.toMatch(/@/);
    for (const w of words) expect(p.toLowerCase()).not.toContain(w.toLowerCase());
  }
}
const PAGE_WORDS = ['Maria', 'Lopez', 'Alex', 'Pricing', 'seats', 'DPA', 'Vendor', 'Legal', 'older messages bar'];

describe('bad markup', () => {
  it('a message without any sender is skipped with a problem; the others are still read', () => {
    const doc = load('2026-11-thread-long-mixed-en.html');
    const first = doc.querySelector('.adf')!;
    first.querySelectorAll('.gD, .go, img.ajn, [data-hovercard-id], [email]').forEach((el) => el.remove());
    const r = read(doc);
    expect(r.threads[0]!.messages).toHaveLength(4);
    expect(r.threads[0]!.messages.every((m) => m.from.email)).toBe(true);
    expect(r.problems).toContain('message 1: no sender, skipped');
    expectNoPageText(r, PAGE_WORDS);
  });

  it('a sender with a name but no address is kept, not taken for the user, and reported', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    const gd = doc.querySelector('span.gD')!;
    gd.removeAttribute('email');
    gd.removeAttribute('data-hovercard-id');
    remove(doc, 'span.go, img.ajn');
    doc.querySelector('span.qu')!.removeAttribute('data-hovercard-id');
    const r = read(doc);
    const m = r.threads[0]!.messages[0]!;
    expect(m.from).toEqual({ name: 'Maria Lopez', isMe: false });
    expect(r.problems).toEqual(['message 1: no sender address']);
  });

  it('falls back to the avatar jid and span.go when span.gD is gone', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    remove(doc, 'span.gD');
    doc.querySelector('span.qu')!.removeAttribute('data-hovercard-id');
    const viaGo = read(doc).threads[0]!.messages[0]!;
    expect(viaGo.from.email).toBe('maria.lopez@acme-corp.example');
    expect(viaGo.from.name).toBe('Maria Lopez'); // from the avatar's data-name
    remove(doc, 'span.go');
    expect(read(doc).threads[0]!.messages[0]!.from.email).toBe('maria.lopez@acme-corp.example'); // img.ajn[jid]
  });

  it('without the subject: reported, and the thread id still comes from jslog', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    remove(doc, 'h2.hP');
    const r = read(doc);
    expect(r.threads[0]!.threadId).toBe('19a3c5e7f9b1d203');
    expect(r.threads[0]!.subject).toBeUndefined();
    expect(r.threads[0]!.messages).toHaveLength(1);
    expect(r.problems).toEqual(['no subject (h2.hP)']);
  });

  it('without the subject, jslog and a thread in the URL: no thread, and why', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    remove(doc, 'h2.hP');
    doc.querySelectorAll('[jslog]').forEach((el) => el.removeAttribute('jslog'));
    const r = read(doc, '#inbox');
    expect(r.threads).toEqual([]);
    expect(r.problems).toContain('no thread id (h2.hP, jslog, URL)');
  });

  it('an unreadable time keeps the text and leaves the time unknown; a missing time is reported', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    doc.querySelector('span.g3')!.setAttribute('title', 'sometime last week');
    doc.querySelector('span.g3')!.setAttribute('alt', 'sometime last week');
    let r = read(doc);
    expect(r.threads[0]!.messages[0]!.sentAt).toBeNull();
    expect(r.threads[0]!.messages[0]!.sentAtText).toBe('sometime last week');
    expect(r.problems).toEqual(['message 1: time not understood']);

    remove(doc, 'span.g3');
    r = read(doc);
    expect(r.threads[0]!.messages[0]!.sentAt).toBeNull();
    expect(r.threads[0]!.messages[0]!.sentAtText).toBe('');
    expect(r.problems).toEqual(['message 1: no time']);
  });

  it('an expanded message whose body is missing keeps its snippet-less record as partial', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    remove(doc, '.ii.gt');
    const r = read(doc);
    expect(r.threads[0]!.messages[0]).toMatchObject({ text: '', partial: true, id: '19a3c5e7f9b1d203' });
    expect(r.problems).toEqual(['message 1: no body (.a3s)']);
  });

  it('a thread in the URL but a page with nothing Gmail-like: no thread, a problem, no throw', () => {
    for (const html of ['', 'not html at all', '<div class="nH"><span>loading…</span></div>', '<<<>>>']) {
      const r = read(parse(html));
      expect(r.threads).toEqual([]);
      expect(r.problems).toEqual(['thread in URL, no thread markup (h2.hP, .adn, .adf)']);
    }
  });

  it('garbage message markup never becomes a message', () => {
    const r = read(parse('<div role="main"><h2 class="hP" data-legacy-thread-id="19a3c5e7f9b1d203">x</h2><div class="adn"><<>></div><div class="kv"></div></div>'));
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual(['message 1: no sender, skipped', 'message 2: no sender, skipped', 'no message readable']);
  });

  it('a subject with no messages: no thread, a problem', () => {
    const r = read(parse('<div role="main"><h2 class="hP" data-legacy-thread-id="19a3c5e7f9b1d203">x</h2></div>'));
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual(['no messages (.adn, .adf, .kv)']);
  });

  it('a thread Gmail has hidden (left for the inbox) is not read as the open one', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    doc.querySelector('h2.hP')!.closest('.nH')!.setAttribute('style', 'display: none');
    expect(read(doc, '#inbox')).toEqual({ threads: [], problems: [], me: { emails: ['alex.seller@example.com'], profileUrls: [] } });
  });

  it('reports hidden older messages without a count when the bar has none', () => {
    const doc = load('2026-11-thread-long-mixed-en.html');
    remove(doc, 'span.adx');
    const r = read(doc);
    expect(r.threads[0]!.messages).toHaveLength(5);
    expect(r.problems).toEqual(['Gmail hides older messages; open them to record them']);
  });

  it('one message shown twice with one page id is recorded once, with its full text', () => {
    const m = { name: 'A', email: 'a@x.example', title: 'Jan 6, 2026, 3:04 PM', body: '<p>full text</p>', snippet: 'full', legacy: '19a3c5e7f9b1d2aa' };
    const r = read(parse(page({ messages: [{ ...m, expanded: false }, { ...m, expanded: true }] })));
    expect(r.threads[0]!.messages).toEqual([
      { id: '19a3c5e7f9b1d2aa', from: { name: 'A', email: 'a@x.example', isMe: false }, sentAt: new Date(2026, 0, 6, 15, 4).toISOString(), sentAtText: 'Jan 6, 2026, 3:04 PM', text: 'full text', partial: false },
    ]);
  });

  it('reports a missing signed-in address', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    doc.title = 'Gmail';
    remove(doc, 'header');
    const r = read(doc);
    expect(r.me!.emails).toEqual([]);
    expect(r.threads[0]!.messages[0]!.from.isMe).toBe(false);
    expect(r.problems).toEqual(['no signed-in address (title, account button, settings)']);
  });

  it('never throws, even on a document that throws', () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new TypeError('boom');
        },
      },
    ) as Document;
    let r: ReadResult | undefined;
    expect(() => (r = read(hostile))).not.toThrow();
    expect(r!.threads).toEqual([]);
    expect(r!.problems).toEqual(['signed-in address: unreadable (TypeError)', 'thread: unreadable (TypeError)']);
  });

  it('one message that throws only costs that message', () => {
    const doc = parse(
      page({
        messages: [
          { name: 'A', email: 'a@x.example', title: 'Jan 6, 2026, 3:04 PM', body: 'one', snippet: 'one', expanded: true },
          { name: 'B', email: 'b@x.example', title: 'Jan 6, 2026, 3:05 PM', body: 'two', snippet: 'two', expanded: true },
        ],
      }),
    );
    const bad = doc.querySelectorAll('.adn')[0]!;
    Object.defineProperty(bad, 'querySelectorAll', {
      value: () => {
        throw new RangeError('bad');
      },
    });
    const r = read(doc);
    expect(r.threads[0]!.messages.map((m) => m.text)).toEqual(['two']);
    expect(r.problems).toEqual(['message 1: unreadable (RangeError)']);
  });
});
