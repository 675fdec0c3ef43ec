// @vitest-environment happy-dom
import { describe, expect, test } from 'vitest';
import {
  canonicalProfileUrl,
  decodeBase64,
  decodeMessageUrn,
  normalizeConversationId,
  threadIdFromUrl,
  threadUrl,
} from '../../../../src/sites/linkedin/urn';
import { CONV_JANE, urnFor } from './fixtures';

describe('decodeBase64', () => {
  test.each([
    ['MTIz', '123'],
    ['MTIzNA==', '1234'],
    ['MTIzNA', '1234'], // padding missing
    ['MTIzNA=', '1234'],
    ['Pz8_', '???'], // URL-safe alphabet
    ['Pz8/', '???'],
  ])('%s → %s', (input, expected) => {
    expect(decodeBase64(input)).toBe(expected);
  });
  test.each(['', '@@@@', 'MTIzN', 'a b c'])('rejects %j', (input) => {
    expect(decodeBase64(input)).toBeNull();
  });
});

describe('decodeMessageUrn', () => {
  test('send time (UTC, to the millisecond), conversation id and member', () => {
    const urn = urnFor('2026-11-03T15:02:41.512Z', 'a19271-031', CONV_JANE);
    expect(decodeMessageUrn(urn)).toEqual({
      member: 'ACoAAB1xMeAl3xRvr',
      sentAt: '2026-11-03T15:02:41.512Z',
      conversationId: CONV_JANE,
    });
  });

  test('the 2023 shape (suffix with letters and dashes) decodes the same way', () => {
    // "1686236413867b16440-004&f2f649b9-5226-4da8-a35f-458d143355ff_010"
    const urn =
      'urn:li:msg_message:(urn:li:fsd_profile:ACoAAAxyz,2-MTY4NjIzNjQxMzg2N2IxNjQ0MC0wMDQmZjJmNjQ5YjktNTIyNi00ZGE4LWEzNWYtNDU4ZDE0MzM1NWZmXzAxMA==)';
    expect(decodeMessageUrn(urn)).toEqual({
      member: 'ACoAAAxyz',
      sentAt: new Date(1686236413867).toISOString(),
      conversationId: 'f2f649b9-5226-4da8-a35f-458d143355ff_010',
    });
  });

  test('URL-safe base64 without padding', () => {
    const plain = btoa(`${Date.parse('2026-01-02T03:04:05.006Z')}zz&c>>>~~~>>?~`);
    const b64 = plain.replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(b64).toMatch(/[-_]/);
    expect(b64).not.toBe(plain);
    const urn = `urn:li:msg_message:(urn:li:fsd_profile:M,2-${b64})`;
    expect(decodeMessageUrn(urn)).toMatchObject({ sentAt: '2026-01-02T03:04:05.006Z', conversationId: 'c>>>~~~>>?~' });
  });

  test.each([
    ['not a urn', null],
    ['', null],
    [null, null],
  ])('%j → null', (input, expected) => {
    expect(decodeMessageUrn(input)).toBe(expected);
  });

  test.each([
    ['no second part', 'urn:li:msg_message:(urn:li:fsd_profile:M)'],
    ['not base64', 'urn:li:msg_message:(urn:li:fsd_profile:M,2-@@@)'],
    ['no epoch', `urn:li:msg_message:(urn:li:fsd_profile:M,2-${btoa('hello&conv')})`],
    ['no conversation', `urn:li:msg_message:(urn:li:fsd_profile:M,2-${btoa('1794506400000abc')})`],
    ['epoch out of range', `urn:li:msg_message:(urn:li:fsd_profile:M,2-${btoa('0000000000000x&conv-1')})`],
  ])('malformed (%s): no invented time', (_, urn) => {
    const decoded = decodeMessageUrn(urn);
    expect(decoded?.sentAt ?? null).toBeNull();
    expect(decoded?.member).toBe('M');
  });

  test('an out-of-range epoch keeps the conversation id', () => {
    expect(decodeMessageUrn(`urn:li:msg_message:(urn:li:fsd_profile:M,2-${btoa('0000000000000x&conv-1')})`)).toEqual({
      member: 'M',
      sentAt: null,
      conversationId: 'conv-1',
    });
  });
});

describe('thread URLs', () => {
  const b64 = btoa(CONV_JANE);
  test.each([
    [`https://www.linkedin.com/messaging/thread/2-${b64}/`, CONV_JANE],
    [`https://www.linkedin.com/messaging/thread/2-${b64}`, CONV_JANE],
    [`https://www.linkedin.com/messaging/thread/2-${b64.replace(/=/g, '%3D')}/?trk=x`, CONV_JANE],
    [`https://www.linkedin.com/messaging/thread/2-${b64.replace(/=+$/, '')}/`, CONV_JANE],
    ['https://www.linkedin.com/messaging/thread/2-MTIz/', '123'],
    ['https://www.linkedin.com/messaging/thread/6712345678901234567/', '6712345678901234567'],
    ['https://www.linkedin.com/messaging/thread/2-@@notbase64/', '2-@@notbase64'],
    ['/messaging/thread/2-MTIzNDU=/', '12345'],
    ['https://www.linkedin.com/messaging/thread/new/', null],
    ['https://www.linkedin.com/messaging/', null],
    ['https://www.linkedin.com/feed/', null],
  ])('%s → %s', (url, expected) => {
    expect(threadIdFromUrl(url)).toBe(expected);
  });

  test('the URN and the URL of one conversation give the same id', () => {
    const fromUrn = decodeMessageUrn(urnFor('2026-11-03T15:02:41.512Z', 'x', CONV_JANE))?.conversationId;
    expect(fromUrn).toBe(threadIdFromUrl(`https://www.linkedin.com/messaging/thread/2-${b64}/`));
  });

  test('threadUrl round-trips', () => {
    expect(threadUrl(CONV_JANE)).toBe(`https://www.linkedin.com/messaging/thread/2-${b64}/`);
    expect(threadIdFromUrl(threadUrl(CONV_JANE))).toBe(CONV_JANE);
    expect(threadUrl('6712345678901234567')).toBe('https://www.linkedin.com/messaging/thread/6712345678901234567/');
    expect(threadIdFromUrl(threadUrl('6712345678901234567'))).toBe('6712345678901234567');
  });

  test('normalizeConversationId keeps undecodable ids and rejects junk', () => {
    expect(normalizeConversationId('2-MTIz')).toBe('123');
    expect(normalizeConversationId(`2-${btoa('\u0001\u0002\u0003')}`)).toBe(`2-${btoa('\u0001\u0002\u0003')}`);
    expect(normalizeConversationId('a b')).toBeNull();
    expect(normalizeConversationId('')).toBeNull();
  });
});

describe('canonicalProfileUrl', () => {
  test.each([
    ['https://www.linkedin.com/in/jane-doe-4a1b2c/', 'https://www.linkedin.com/in/jane-doe-4a1b2c/'],
    ['/in/jane-doe-4a1b2c', 'https://www.linkedin.com/in/jane-doe-4a1b2c/'],
    ['https://pt.linkedin.com/in/jane-doe-4a1b2c?trk=public', 'https://www.linkedin.com/in/jane-doe-4a1b2c/'],
    ['https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/overlay/contact-info/', 'https://www.linkedin.com/in/ACoAAC9JaNeDoEx1/'],
    ['/in/%E7%8E%8B%E8%8A%B3/', 'https://www.linkedin.com/in/%E7%8E%8B%E8%8A%B3/'],
    ['/in/王芳/', 'https://www.linkedin.com/in/%E7%8E%8B%E8%8A%B3/'],
    ['https://evil.example/in/jane/', null],
    ['javascript:alert(1)//linkedin.com/in/x', null],
    ['/company/northwind/', null],
    ['', null],
    [null, null],
  ])('%j → %j', (href, expected) => {
    expect(canonicalProfileUrl(href)).toBe(expected);
  });
});
