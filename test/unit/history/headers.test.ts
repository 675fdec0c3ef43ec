// Header decoding on hand-written header blocks (Takeout layout of December 2026, see docs/imports.md).
import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, header, parseAddresses, parseHeaders, parseLabels } from '../../../src/history/headers';
import { CHARSET_SAMPLES, encodedWord, hexToBinary } from './generators/takeout';

describe('mail headers (hand-written)', () => {
  it('unfolds folded headers, CRLF or LF, and keeps repeated headers in order', () => {
    const h = parseHeaders('Subject: a long\r\n subject line\r\nReceived: one\nReceived: two\n\tcontinued\nX-Empty:');
    expect(header(h, 'subject')).toBe('a long subject line');
    expect(h.get('received')).toEqual(['one', 'two\tcontinued']);
    expect(header(h, 'x-empty')).toBe('');
  });

  it('decodes RFC 2047 Q and B words in any charset, joining adjacent words and split characters', () => {
    expect(decodeEncodedWords(encodedWord('Réunion à 10h', 'Q'))).toBe('Réunion à 10h');
    expect(decodeEncodedWords(encodedWord('Réunion à 10h', 'B'))).toBe('Réunion à 10h');
    // a UTF-8 character split across two B words, separated by folding white space
    const bytes = new TextEncoder().encode('日本');
    const w1 = `=?UTF-8?B?${btoa(String.fromCharCode(...bytes.subarray(0, 4)))}?=`;
    const w2 = `=?UTF-8?B?${btoa(String.fromCharCode(...bytes.subarray(4)))}?=`;
    expect(decodeEncodedWords(`${w1}\r\n ${w2} end`)).toBe('日本 end');
    for (const s of CHARSET_SAMPLES) {
      expect(decodeEncodedWords('Re: ' + encodedWord('', 'B', s.charset, hexToBinary(s.hex))), s.charset).toBe('Re: ' + s.text);
      expect(decodeEncodedWords(encodedWord('', 'Q', s.charset, hexToBinary(s.hex))), s.charset).toBe(s.text);
    }
    expect(decodeEncodedWords('=?x-unknown?Q?caf=E9?=')).toBe('café'); // unknown charset: windows-1252
  });

  it('reads address lists: quoted names with commas, encoded names, groups, comments, bare addresses', () => {
    expect(
      parseAddresses(
        `"Lee, Dana" <Dana@Buyer.TEST>, ${encodedWord('José Núñez', 'Q')} <jose@x.test>, team: a@x.test, "B" <b@x.test>;, c@x.test (Carl), <d@x.test>`,
      ),
    ).toEqual([
      { name: 'Lee, Dana', address: 'dana@buyer.test' },
      { name: 'José Núñez', address: 'jose@x.test' },
      { name: '', address: 'a@x.test' },
      { name: 'B', address: 'b@x.test' },
      { name: 'Carl', address: 'c@x.test' },
      { name: '', address: 'd@x.test' },
    ]);
    expect(parseAddresses('undisclosed-recipients:;')).toEqual([]);
  });

  it('reads X-Gmail-Labels: quoted labels with commas, encoded and folded labels, case as written', () => {
    const h = parseHeaders(
      `X-Gmail-Labels: Inbox,"Clients, 2024",Category updates,\r\n ${encodedWord('Messages envoyés', 'Q')},Ouvert\r\n`,
    );
    expect(parseLabels(header(h, 'x-gmail-labels'))).toEqual(['Inbox', 'Clients, 2024', 'Category updates', 'Messages envoyés', 'Ouvert']);
  });
});
