// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import { decodeUrlToken } from '../../../../src/sites/gmail/ids';
import { load, type Msg, NOW, page, parse, url } from './helpers';

const read = (html: string | Document, hash?: string) =>
  gmail.readThreads(typeof html === 'string' ? parse(html) : html, url(hash), NOW, []);

const FULL =
  '<div dir="ltr"><div>Hi Alex,</div><div><br></div><div>Thanks for the demo yesterday. Could you send the pricing ' +
  'for 25&nbsp;seats?</div><div>We would start in January, with a pilot in the Lyon office.</div><div><br></div>' +
  '<div>Best,</div><div>Maria</div></div>';
const SNIPPET = 'Hi Alex, Thanks for the demo yesterday. Could you send the pricing for 25 seats? We would start in January, with a';

const maria = (over: Partial<Msg> = {}): Msg => ({
  name: 'Maria Lopez',
  email: 'maria@acme.example',
  title: 'Nov 3, 2026, 9:12 AM',
  body: FULL,
  snippet: SNIPPET,
  expanded: false,
  ...over,
});
const reply = (over: Partial<Msg> = {}): Msg => ({
  name: 'Me',
  email: 'me@example.com',
  title: 'Nov 3, 2026, 10:00 AM',
  body: '<div>Sure, sending it today.</div>',
  snippet: 'Sure, sending it today.',
  expanded: true,
  ...over,
});

/** Encodes `text` as a Gmail URL token (the inverse of decodeUrlToken), to open a known thread from the hash. */
function token(text: string): string {
  const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const R = 'BCDFGHJKLMNPQRSTVWXZbcdfghjklmnpqrstvwxz';
  let n = 0n;
  for (const c of btoa(text).replace(/=+$/, '')) n = n * 64n + BigInt(B64.indexOf(c));
  let s = '';
  for (; n > 0n; n /= 40n) s = R[Number(n % 40n)] + s;
  return s;
}

describe('message ids', () => {
  it('are the same when a thread is read twice', () => {
    const a = read(load('2026-11-thread-long-mixed-en.html'));
    const b = read(load('2026-11-thread-long-mixed-en.html'));
    expect(b).toEqual(a);
  });

  it('survive a message going from collapsed to expanded (no page ids: derived from sender, time, text)', () => {
    const collapsed = read(page({ messages: [maria(), reply()] })).threads[0]!;
    const expanded = read(page({ messages: [maria({ expanded: true }), reply()] })).threads[0]!;
    expect(collapsed.messages[0]!.partial).toBe(true);
    expect(collapsed.messages[0]!.text).toBe(SNIPPET);
    expect(expanded.messages[0]!.partial).toBe(false);
    expect(expanded.messages[0]!.text).toContain('Hi Alex,\n\nThanks for the demo yesterday. Could you send the pricing for 25 seats?\nWe would start');
    expect(collapsed.messages[0]!.id).toMatch(/^d:/);
    expect(expanded.messages.map((m) => m.id)).toEqual(collapsed.messages.map((m) => m.id));
  });

  it('survive a message going from collapsed to expanded (page ids on both forms)', () => {
    const ids = { mid: 'msg-f:1847537872269332995', legacy: '19a3c5e7f9b1d203' };
    const collapsed = read(page({ messages: [maria(ids), reply()] })).threads[0]!;
    const expanded = read(page({ messages: [maria({ ...ids, expanded: true }), reply()] })).threads[0]!;
    expect(collapsed.messages[0]!.id).toBe('19a3c5e7f9b1d203');
    expect(expanded.messages[0]!.id).toBe('19a3c5e7f9b1d203');
  });

  it('agree whichever of Gmail\'s ids is present: msg-f:<decimal>, the legacy hex, or the body class', () => {
    const onlySync = read(page({ messages: [maria({ expanded: true, mid: 'msg-f:1847537872269332995' })] }));
    const onlyLegacy = read(page({ messages: [maria({ expanded: true, legacy: '19A3C5E7F9B1D203' })] }));
    const bodyClass = read(
      page({ messages: [maria({ expanded: true })] }).replace('class="ii gt"', 'class="ii gt m19a3c5e7f9b1d203 adP adO"'),
    );
    for (const r of [onlySync, onlyLegacy, bodyClass]) expect(r.threads[0]!.messages[0]!.id).toBe('19a3c5e7f9b1d203');
  });

  it('keep a sent message\'s msg-a id before and after Gmail adds its legacy id', () => {
    const fresh = read(page({ messages: [reply({ mid: 'msg-a:r-123456789' })] }));
    const synced = read(page({ messages: [reply({ mid: 'msg-a:r-123456789', legacy: '19a3c5e7f9b1d2ff' })] }));
    expect(fresh.threads[0]!.messages[0]!.id).toBe('msg-a:r-123456789');
    expect(synced.threads[0]!.messages[0]!.id).toBe('msg-a:r-123456789');
  });

  it('keep two messages from one sender in the same minute apart', () => {
    const same = { title: 'Nov 3, 2026, 9:12 AM', expanded: true };
    const two = read(
      page({
        messages: [
          maria({ ...same, body: '<div>Here is the contract.</div>', snippet: 'Here is the contract.' }),
          maria({ ...same, body: '<div>Sorry, wrong file. This one.</div>', snippet: 'Sorry, wrong file. This one.' }),
        ],
      }),
    ).threads[0]!;
    expect(two.messages).toHaveLength(2);
    expect(two.messages[0]!.id).not.toBe(two.messages[1]!.id);
  });

  it('keep even identical same-minute messages apart, numbered stably in page order', () => {
    const ok = maria({ expanded: true, body: '<div>OK</div>', snippet: 'OK' });
    const html = page({ messages: [ok, ok] });
    const first = read(html).threads[0]!;
    const again = read(html).threads[0]!;
    expect(first.messages).toHaveLength(2);
    expect(first.messages[1]!.id).toBe(first.messages[0]!.id + '~2');
    expect(again.messages.map((m) => m.id)).toEqual(first.messages.map((m) => m.id));
  });

  it('change when the sender, the time or the text start differs', () => {
    const id = (m: Msg) => read(page({ messages: [m] })).threads[0]!.messages[0]!.id;
    const base = id(maria());
    expect(id(maria({ email: 'other@acme.example' }))).not.toBe(base);
    expect(id(maria({ title: 'Nov 3, 2026, 9:13 AM' }))).not.toBe(base);
    expect(id(maria({ snippet: 'Hi Alex, thanks for nothing.' }))).not.toBe(base);
  });
});

describe('thread ids', () => {
  const msgs = [maria({ expanded: true })];
  const legacy = '19a3c5e7f9b1d203';
  const hash = '#inbox/' + token('thread-f:1847537872269332995');

  it('decode Gmail URL tokens to the thread-f id', () => {
    expect(decodeUrlToken(token('thread-f:1847537872269332995'))).toBe('thread-f:1847537872269332995');
    expect(decodeUrlToken('#inbox')).toBe('');
  });

  it('are the same thread whether the ids come from h2.hP, its perm-id alone, or only the URL', () => {
    const both = read(page({ messages: msgs }), hash);
    const legacyOnly = read(page({ messages: msgs, threadAttrs: ` data-legacy-thread-id="${legacy}"` }), hash);
    const permOnly = read(page({ messages: msgs, threadAttrs: ' data-thread-perm-id="thread-f:1847537872269332995"' }), hash);
    const urlOnly = read(page({ messages: msgs, threadAttrs: '' }), hash);
    for (const r of [both, legacyOnly, permOnly, urlOnly]) {
      expect(r.threads[0]!.threadId).toBe(legacy);
      expect(r.threads[0]!.url).toBe('https://mail.google.com/mail/u/0/#all/' + legacy);
    }
  });

  it('fall back to the hex id in an old-style URL, and to the raw token when it does not decode', () => {
    expect(read(page({ messages: msgs, threadAttrs: '' }), '#label/Clients/' + legacy).threads[0]!.threadId).toBe(legacy);
    const odd = 'BCDFGHJKLMNPQRSTVWXZbcdf';
    const r = read(page({ messages: msgs, threadAttrs: '' }), '#search/pricing/' + odd);
    expect(r.threads[0]!.threadId).toBe('url:' + odd);
    expect(r.threads[0]!.url).toBe('https://mail.google.com/mail/u/0/#all/' + odd);
  });

  it('reopen a thread known only by a thread-a id through the URL token it was opened with', () => {
    const tok = token('thread-f:1847537872269332995');
    const r = read(page({ messages: msgs, threadAttrs: ' data-thread-perm-id="thread-a:r-555"' }), '#sent/' + tok);
    expect(r.threads[0]!.threadId).toBe('thread-a:r-555');
    expect(r.threads[0]!.url).toBe('https://mail.google.com/mail/u/0/#all/' + tok);
  });
});
