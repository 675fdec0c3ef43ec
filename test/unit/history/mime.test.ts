// Message bodies: MIME structure, transfer encodings, charsets, HTML, quoted history (hand-written messages
// following the encodings seen in Takeout mail, December 2026).
import { describe, expect, it } from 'vitest';
import { parseHeaders } from '../../../src/history/headers';
import { htmlToText } from '../../../src/history/html-text';
import { binaryBytes } from '../../../src/history/charset';
import { bodyText, unflow } from '../../../src/history/mime';
import { trimQuoted } from '../../../src/history/quote-trim';
import { base64Lines, CHARSET_SAMPLES, hexToBinary, quotedPrintable, utf8Binary } from './generators/takeout';

/** `body`: one char per byte (the generators' binary strings), handed over as the bytes the reader would. */
const read = (headers: string, body: string) => bodyText(parseHeaders(headers), binaryBytes(body));

describe('message bodies (hand-written MIME)', () => {
  it('decodes base64 and quoted-printable text in UTF-8', () => {
    const text = 'Grüße aus Köln — 10 €\nSecond line with = sign';
    expect(read('Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64', base64Lines(utf8Binary(text))).text).toBe(text);
    expect(read('Content-Type: text/plain; charset="UTF-8"\nContent-Transfer-Encoding: quoted-printable', quotedPrintable(utf8Binary(text + ' ' + 'x'.repeat(100)))).text).toBe(text + ' ' + 'x'.repeat(100));
  });

  it('reads every legacy charset listed, in 8bit, base64 and quoted-printable', () => {
    for (const s of CHARSET_SAMPLES) {
      const bin = hexToBinary(s.hex);
      const ct = `Content-Type: text/plain; charset=${s.charset}`;
      for (const [cte, body] of [['8bit', bin], ['base64', base64Lines(bin)], ['quoted-printable', quotedPrintable(bin)]]) {
        const r = read(`${ct}\nContent-Transfer-Encoding: ${cte}`, body!);
        expect(r.text, `${s.charset} ${cte}`).toBe(s.text);
        expect(r.charsetFallback).toBe(false);
      }
    }
  });

  it('reads an unknown charset as windows-1252 and flags it, keeping the text', () => {
    const r = read('Content-Type: text/plain; charset=x-mac-klingon', hexToBinary('436166e9'));
    expect(r.text).toBe('Café');
    expect(r.charsetFallback).toBe(true);
    expect(read('Content-Type: text/plain; charset=utf-7', 'Hi +AKM-1').charsetFallback).toBe(true);
  });

  it('joins format=flowed lines, with and without delsp', () => {
    expect(unflow('This is a long \nparagraph that \nflows.\n-- \nSig', false)).toBe('This is a long paragraph that flows.\n-- \nSig');
    expect(unflow('Japa \nnese', true)).toBe('Japanese');
    const r = read('Content-Type: text/plain; charset=utf-8; format=flowed\nContent-Transfer-Encoding: base64', base64Lines('One \ntwo\n'));
    expect(r.text).toBe('One two');
  });

  it('prefers text/plain in nested multiparts, lists attachment names without decoding them', () => {
    const body = [
      '--outer',
      'Content-Type: multipart/alternative; boundary="inner"',
      '',
      '--inner',
      'Content-Type: text/plain; charset=utf-8',
      '',
      'Plain words',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      '',
      '<p>HTML words</p>',
      '--inner--',
      '--outer',
      'Content-Type: application/pdf; name="=?UTF-8?Q?Devis_n=C2=B01.pdf?="',
      'Content-Disposition: attachment; filename*=UTF-8\'\'Devis%20n%C2%B01.pdf',
      'Content-Transfer-Encoding: base64',
      '',
      '!!!not base64 at all, never decoded!!!',
      '--outer--',
      '',
    ].join('\r\n');
    const r = read('Content-Type: multipart/mixed; boundary=outer', body);
    expect(r.text).toBe('Plain words');
    expect(r.attachment).toEqual({ kind: 'file', name: 'Devis n°1.pdf' });
    expect(r.broken).toBe(false);
  });

  it('falls back to the HTML part: entities decoded, blocks as lines, scripts and styles dropped, gmail_quote cut', () => {
    const html =
      '<html><head><style>p{color:red}</style></head><body><div dir="ltr">Bonjour&nbsp;Dana,<br>Voici le devis &amp; le plan&hellip; &#8364;5 &#x263A;</div>' +
      '<script>alert(1)</script><ul><li>un</li><li>deux</li></ul>' +
      '<div class="gmail_quote"><div class="gmail_attr">Le lun. 3 mars, Dana a écrit :</div><blockquote>old text</blockquote></div></body></html>';
    const r = read('Content-Type: multipart/alternative; boundary=b', `--b\nContent-Type: text/html; charset=utf-8\nContent-Transfer-Encoding: quoted-printable\n\n${quotedPrintable(utf8Binary(html))}\n--b--\n`);
    expect(r.text).toBe('Bonjour Dana,\nVoici le devis & le plan… €5 ☺\n\n• un\n• deux');
    expect(r.text).not.toContain('alert');
    expect(r.text).not.toContain('old text');
  });

  it('reads broken MIME as well as it can and says so: no boundary, or a multipart cut before its end', () => {
    const noBoundary = read('Content-Type: multipart/mixed', 'Just text');
    expect(noBoundary).toMatchObject({ text: 'Just text', broken: true });
    const cut = read('Content-Type: multipart/mixed; boundary=zz', '--zz\nContent-Type: text/plain\n\nThe beginning of a message whose end was lo');
    expect(cut).toMatchObject({ text: 'The beginning of a message whose end was lo', broken: true });
  });
});

describe('quoted history (hand-written replies)', () => {
  it('cuts "On … wrote:" attributions in several languages, wrapped or not, and what follows', () => {
    const cases = [
      'On Mon, Mar 4, 2024 at 10:00 AM Dana Lee <dana@x.test> wrote:',
      'Le lun. 4 mars 2024 à 10:00, Dana Lee <dana@x.test> a écrit :',
      'Am Mo., 4. März 2024 um 10:00 Uhr schrieb Dana Lee <dana@x.test>:',
      'El lun, 4 mar 2024 a las 10:00, Dana Lee (<dana@x.test>) escribió:',
      'Il giorno lun 4 mar 2024 alle ore 10:00 Dana Lee <dana@x.test> ha scritto:',
      'Em seg., 4 de mar. de 2024 às 10:00, Dana Lee <dana@x.test> escreveu:',
      'Op ma 4 mrt 2024 om 10:00 schreef Dana Lee <dana@x.test>:',
      '2024年3月4日(月) 10:00 Dana Lee <dana@x.test>:\nのメッセージ:',
    ];
    for (const a of cases) expect(trimQuoted(`Thanks!\n\n${a}\n> old\n> older`), a).toBe('Thanks!');
    expect(trimQuoted('On Mon, Mar 4, 2024 at 10:00 AM Dana Lee <dana@x.test>\nwrote:\n> old')).toBe(
      'On Mon, Mar 4, 2024 at 10:00 AM Dana Lee <dana@x.test>\nwrote:\n> old',
    ); // nothing above: kept whole
    expect(trimQuoted('Reply text\n\nOn Mon, Mar 4, 2024 at 10:00 AM Dana Lee <dana@x.test>\nwrote:\n> old')).toBe('Reply text');
  });

  it('cuts Outlook headers and a trailing > block, keeps > lines inside the reply', () => {
    expect(trimQuoted('Sure.\n\n-----Original Message-----\nFrom: Dana\nSent: today')).toBe('Sure.');
    expect(trimQuoted('See below\n> a quoted line\nmy answer to it\n\nYou said:\n> more\n> quote\n')).toBe('See below\n> a quoted line\nmy answer to it');
  });

  it('reduces HTML to text without markup even when it is hostile', () => {
    expect(htmlToText('<img src=x onerror=alert(1)>Hi <b>there</b><!-- <script> -->&lt;script&gt;')).toBe('Hi there<script>');
  });
});
