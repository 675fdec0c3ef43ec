// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import type { ReadResult, ThreadSnapshot } from '../../../../src/sites/types';
import { load, NOW, page, parse, url } from './helpers';

const at = (y: number, m: number, d: number, h: number, min: number) => new Date(y, m - 1, d, h, min).toISOString();

function read(doc: Document, hash?: string, mine: string[] = [], account = 0): ReadResult {
  return gmail.readThreads(doc, url(hash, account), NOW, mine);
}
function only(r: ReadResult): ThreadSnapshot {
  expect(r.threads).toHaveLength(1);
  return r.threads[0]!;
}

describe('gmail adapter', () => {
  it('is the gmail adapter and matches only Gmail pages over https', () => {
    expect(gmail.site).toBe('gmail');
    expect(gmail.matches(new URL('https://mail.google.com/mail/u/0/#inbox'))).toBe(true);
    expect(gmail.matches(new URL('https://mail.google.com/mail/u/3/#label/Work/FMfcgzQfBGfsVHzgNPZvccFHwCmhpvCQ'))).toBe(true);
    expect(gmail.matches(new URL('http://mail.google.com/mail/u/0/'))).toBe(false);
    expect(gmail.matches(new URL('https://mail.google.com.evil.example/mail/u/0/'))).toBe(false);
    expect(gmail.matches(new URL('https://mail.google.com/chat/u/0/'))).toBe(false);
    expect(gmail.matches(new URL('https://www.linkedin.com/messaging/'))).toBe(false);
  });
});

describe('readThreads on fixtures', () => {
  it('one message, English: the message, its sender, time, full text; the user as recipient', () => {
    const r = read(load('2026-11-thread-one-message-en.html'));
    const t = only(r);
    expect(r.problems).toEqual([]);
    expect(r.me).toEqual({ emails: ['alex.seller@example.com'], profileUrls: [] });
    expect(t.site).toBe('gmail');
    expect(t.threadId).toBe('19a3c5e7f9b1d203');
    expect(t.subject).toBe('Pricing for 25 seats');
    expect(t.url).toBe('https://mail.google.com/mail/u/0/#all/19a3c5e7f9b1d203');
    expect(t.messages).toEqual([
      {
        id: '19a3c5e7f9b1d203',
        from: { name: 'Maria Lopez', email: 'maria.lopez@acme-corp.example', isMe: false },
        sentAt: at(2026, 11, 3, 9, 12),
        sentAtText: 'Nov 3, 2026, 9:12 AM',
        text:
          'Hi Alex,\n\nThanks for the demo yesterday. Could you send the pricing for 25 seats?\nWe would start in January.' +
          '\n\nBest,\nMaria\nMaria Lopez\nHead of Operations, ACME Corp',
        partial: false,
      },
    ]);
    expect(t.participants).toEqual([
      { name: 'Maria Lopez', email: 'maria.lopez@acme-corp.example', isMe: false },
      { name: 'me', email: 'alex.seller@example.com', isMe: true },
    ]);
  });

  it('keeps the /u/N/ account in the reopen URL', () => {
    const t = only(read(load('2026-11-thread-one-message-en.html'), '#search/pricing/FMfcgzQfBGfsVHzgNPZvccFHwCmhpvCQ', [], 2));
    expect(t.url).toBe('https://mail.google.com/mail/u/2/#all/19a3c5e7f9b1d203');
  });

  it('long thread: collapsed and expanded messages in page order, the hidden run reported as a count', () => {
    const r = read(load('2026-11-thread-long-mixed-en.html'));
    const t = only(r);
    expect(t.messages.map((m) => [m.from.email, m.from.isMe, m.partial, m.sentAt])).toEqual([
      ['maria.lopez@acme-corp.example', false, true, at(2026, 10, 20, 9, 0)],
      ['alex.seller@example.com', true, true, at(2026, 10, 20, 11, 30)],
      ['maria.lopez@acme-corp.example', false, true, at(2026, 10, 28, 16, 45)],
      ['alex.seller@example.com', true, false, at(2026, 10, 29, 10, 2)],
      ['maria.lopez@acme-corp.example', false, false, at(2026, 11, 2, 8, 15)],
    ]);
    expect(t.messages[0]!.text).toBe(
      'Hi Alex, we are looking for a tool to track our vendor conversations. Do you have time for a call this week? Best, Maria',
    );
    expect(t.messages[3]!.text).toMatch(/^Hi Maria,\n\nAttached is the DPA \(version 3\)\.\nLet me know if legal has questions\.\n\nAlex\n/);
    expect(t.messages[4]!.text).toBe(
      'Hi Alex,\n\nLegal approved the DPA. Please send the order form and we will sign this week.\n\nMaria',
    );
    expect(t.messages.map((m) => m.id.replace(/^d:.*/, 'derived'))).toEqual([
      'derived',
      'derived',
      'derived',
      'msg-a:r-4821377412200458',
      '19a3a0b1c2d3e4f5',
    ]);
    expect(new Set(t.messages.map((m) => m.id)).size).toBe(5);
    expect(r.problems).toEqual(['Gmail hides 4 older messages; open them to record them']);
  });

  it('thread started by the user, Spanish: "yo" is the user by address; "mar," is Tuesday, not March', () => {
    const r = read(load('2026-11-thread-started-by-me-es.html'));
    const t = only(r);
    expect(r.problems).toEqual([]);
    expect(t.threadId).toBe('19a4b2c3d4e5f607'); // legacy id preferred over data-thread-perm-id "thread-a:…"
    expect(t.messages.map((m) => [m.id, m.from.name, m.from.isMe, m.sentAt])).toEqual([
      ['msg-a:r-7781234500012345678', 'Lucía Ventas', true, at(2026, 11, 3, 10, 15)],
      ['19a4c9d0e1f2a3b4', 'Javier Ruiz', false, at(2026, 11, 4, 16, 40)],
    ]);
    expect(t.messages[1]!.text).toBe('Hola Lucía,\nEl jueves a las 11 me va bien.\nSaludos,\nJavier');
    expect(t.participants).toEqual([
      { name: 'Lucía Ventas', email: 'lucia.ventas@example.com', isMe: true },
      { name: 'Javier Ruiz', email: 'javier.ruiz@cliente.example', isMe: false },
    ]);
  });

  it('several participants with CC, German', () => {
    const t = only(read(load('2026-11-thread-cc-de.html')));
    expect(t.participants.map((p) => [p.email, p.isMe])).toEqual([
      ['jonas.weber@kunde.example', false],
      ['nina.vertrieb@example.com', true],
      ['petra.schulz@kunde.example', false],
      ['einkauf@kunde.example', false],
    ]);
    expect(t.messages.map((m) => [m.from.name, m.sentAt])).toEqual([
      ['Jonas Weber', at(2026, 11, 6, 14, 5)],
      ['Petra Schulz', at(2026, 11, 6, 15, 30)],
    ]);
    expect(t.messages[1]!.text).toBe('Ergänzung: bitte mit Staffelpreisen ab 50 Lizenzen.\n\nPetra');
  });

  it('Russian, 2019 layout: collapsed snippet and the user\'s expanded reply', () => {
    const r = read(load('2019-12-thread-ru.html'));
    const t = only(r);
    expect(r.problems).toEqual([]);
    expect(t.messages).toEqual([
      {
        id: '16f3c2b1a0d9e8f7',
        from: { name: 'Ольга Смирнова', email: 'olga.smirnova@klient.example', isMe: false },
        sentAt: at(2019, 12, 26, 22, 53),
        sentAtText: '26 дек. 2019 г., 22:53',
        text: 'Добрый вечер! Пришлите, пожалуйста, счёт на оплату до конца года.',
        partial: true,
      },
      {
        id: 'msg-a:r-5512398877123456789',
        from: { name: 'Иван Продажи', email: 'ivan.prodazhi@example.com', isMe: true },
        sentAt: at(2019, 12, 27, 9, 5),
        sentAtText: '27 дек. 2019 г., 9:05',
        text: 'Ольга, добрый день!\nСчёт во вложении.\n\nС уважением,\nИван',
        partial: false,
      },
    ]);
  });

  it('Chinese, 2016 layout: ids from the body class, 上午/下午 times, "我" recognised by address', () => {
    const t = only(read(load('2016-05-thread-zh.html')));
    expect(t.threadId).toBe('1547c0a4e56f7a2b');
    expect(t.messages.map((m) => [m.id, m.from.isMe, m.sentAt, m.partial])).toEqual([
      ['1547c0a4e56f7a2b', false, at(2016, 5, 4, 10, 8), false],
      ['1547c5d6e7f8a9b0', true, at(2016, 5, 4, 15, 15), false],
    ]);
    expect(t.messages[0]!.text).toBe('王先生，您好：\n\n请发一份最新的报价单。\n\n谢谢！\n李明');
  });

  it('Japanese: weekday in the title and 午後', () => {
    const t = only(read(load('2026-11-thread-ja.html')));
    expect(t.messages.map((m) => [m.from.name, m.from.isMe, m.sentAt])).toEqual([
      ['田中 花子', false, at(2026, 11, 6, 15, 4)],
      ['佐藤 営業', true, at(2026, 11, 6, 17, 20)],
    ]);
  });

  it('Indonesian: the title wins over the visible text; "saya" is the user by address', () => {
    const t = only(read(load('2026-01-thread-id.html')));
    const m = t.messages[0]!;
    expect(m.sentAt).toBe(at(2026, 1, 1, 18, 51));
    expect(m.sentAtText).toBe('1 Jan 2026, 18.51');
    expect(t.participants.find((p) => p.isMe)).toEqual({ name: 'saya', email: 'budi.penjualan@example.com', isMe: true });
  });

  it('older Gmail without data-message-id: body-class id, else a derived id; div.T-I buttons ignored', () => {
    const r = read(load('2016-03-thread-legacy-en.html'));
    const t = only(r);
    expect(r.problems).toEqual([]);
    expect(t.threadId).toBe('15336a1b2c3d4e5f');
    expect(t.messages.map((m) => [m.id.startsWith('d:') ? 'derived' : m.id, m.from.isMe, m.partial, m.sentAt])).toEqual([
      ['derived', false, true, at(2016, 3, 2, 16, 35)],
      ['15338f0e1d2c3b4a', true, false, at(2016, 3, 3, 9, 10)],
      ['derived', false, false, at(2016, 3, 3, 14, 47)],
    ]);
    expect(t.messages[1]!.text).toBe('Hi Pat,\n\n40 units delivered to Lyon: 12,400 EUR.\nValid until March 31.\n\nSam');
    expect(t.messages[2]!.text).toBe('Thanks Sam, we accept. PO to follow.\nPat');
  });

  it('hostile page: markup comes back as text, scripts and styles are dropped, fake markup in a body is not read', () => {
    const r = read(load('2026-11-thread-hostile-en.html'));
    const t = only(r);
    expect(t.subject).toBe('<script>alert("subject")</script> Re: offer');
    expect(t.messages).toHaveLength(1);
    const m = t.messages[0]!;
    expect(m.from).toEqual({ name: 'Eve <img src=x onerror=alert(1)>', email: 'eve@attacker.example', isMe: false });
    // Escaped text in the body is text and stays text.
    expect(m.text).toContain('Hello <b>not bold</b> & <script>alert(3)</script>');
    expect(m.text).toContain('Click here');
    // Real tags: no script or style content, no attributes, no element markup.
    expect(m.text).not.toContain('body script ran');
    expect(m.text).not.toContain('color:red');
    expect(m.text).not.toMatch(/onerror|onclick|javascript:|<img|<a |<style|<div|<iframe|frame<\/p>|no script/);
    // A fake message and a fake recipient inside the body are body text, not Gmail's markup.
    expect(t.participants.map((p) => p.email)).toEqual(['eve@attacker.example', 'alex.seller@example.com']);
    expect(r.problems).toEqual([]);
  });

  it('hostile page: Gmail markup faked inside the body is never taken for the real header', () => {
    const doc = load('2026-11-thread-hostile-en.html');
    const header = doc.querySelector('.adn .gE')!;
    header.querySelectorAll('span.gD, span.g3').forEach((el) => el.remove());
    const m = read(doc).threads[0]!.messages[0]!;
    expect(m.from.email).toBe('eve@attacker.example'); // from span.go, not the body's fake span.gD
    expect(m.sentAtText).toBe(''); // not the body's fake span.g3[title]
    expect(m.sentAt).toBeNull();
  });

  it('inbox list (no thread open): nothing, and no problem', () => {
    const r = read(load('2026-11-inbox-list-en.html'), '#inbox');
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual([]);
    expect(r.me!.emails).toEqual(['alex.seller@example.com']);
  });
});

describe('who is me', () => {
  it('adds the addresses from settings, compared case-insensitively', () => {
    const t = only(read(load('2026-11-thread-one-message-en.html'), undefined, ['maria.lopez@acme-corp.example']));
    expect(t.messages[0]!.from.isMe).toBe(true);
    const mixed = only(read(load('2026-11-thread-one-message-en.html'), undefined, [' Maria.Lopez@ACME-corp.example']));
    expect(mixed.messages[0]!.from.isMe).toBe(true);
    expect(mixed.participants.filter((p) => p.isMe).map((p) => p.email)).toEqual([
      'maria.lopez@acme-corp.example',
      'alex.seller@example.com',
    ]);
  });

  it('matches page addresses whatever their case', () => {
    const doc = parse(
      page({
        account: 'Me@Example.com',
        messages: [{ name: 'Me', email: 'ME@EXAMPLE.COM', title: 'Jan 6, 2026, 3:04 PM', body: 'x', snippet: 'x', expanded: true }],
      }),
    );
    const r = read(doc);
    expect(r.me!.emails).toEqual(['me@example.com']);
    expect(r.threads[0]!.messages[0]!.from).toEqual({ name: 'Me', email: 'me@example.com', isMe: true });
  });

  it('never decides by name: a sender called "me" with another address is not the user', () => {
    const doc = parse(
      page({
        messages: [{ name: 'me', email: 'someone@else.example', title: 'Jan 6, 2026, 3:04 PM', body: 'x', snippet: 'x', expanded: true }],
      }),
    );
    expect(read(doc).threads[0]!.messages[0]!.from.isMe).toBe(false);
  });

  it('takes the account from the end of the title, not an address in the subject', () => {
    const doc = parse(
      page({
        subject: 'Intro to bob@other.example',
        messages: [{ name: 'Bob', email: 'bob@other.example', title: 'Jan 6, 2026, 3:04 PM', body: 'x', snippet: 'x', expanded: true }],
      }).replace(/<header[\s\S]*?<\/header>/, ''),
    );
    const r = read(doc);
    expect(r.me!.emails).toEqual(['me@example.com']);
    expect(r.threads[0]!.messages[0]!.from.isMe).toBe(false);
  });

  it('finds the account button when the title has no address', () => {
    const doc = load('2026-11-thread-one-message-en.html');
    doc.title = 'Pricing for 25 seats - Gmail';
    expect(read(doc).me!.emails).toEqual(['alex.seller@example.com']);
  });
});
