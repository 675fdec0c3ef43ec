// The background's front door: what it accepts, from whom, and what it logs.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { mayHandle, isOwnExtensionPage } from '../../../src/background/sender';
import { reportError, scrubbed } from '../../../src/background/report-error';
import { MAX_PROBLEMS, MAX_SHORT, MAX_THREADS } from '../../../src/protocol/limits';
import { validateMessage } from '../../../src/background/validate';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';

const goodRead = () => ({
  type: 'page/read',
  site: 'gmail',
  url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1',
  result: {
    threads: [
      {
        site: 'gmail',
        threadId: '19a0c0ffee000001',
        url: 'https://mail.google.com/mail/u/0/#inbox/FMfcgz1',
        subject: 'Pilot pricing',
        participants: [{ name: 'Dana', email: 'dana@acme.example', isMe: false }],
        messages: [
          {
            id: 'msg-f:1',
            from: { name: 'Dana', email: 'dana@acme.example', isMe: false },
            sentAt: '2026-11-20T14:04:00.000Z',
            sentAtText: 'Nov 20, 2026, 3:04 PM',
            text: 'Hello',
            partial: false,
          },
        ],
      },
    ],
    problems: [],
  },
});

// ── generators for the fuzz: well-formed messages, and changes to a good page read that keep it valid or break it ──

const short = fc.string({ maxLength: 40 });
const nonEmpty = fc.string({ minLength: 1, maxLength: 40 });
const httpsUrl = fc.webUrl({ validSchemes: ['https'] }).filter((url) => url.length <= MAX_SHORT);
const isoTime = fc
  .date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T23:59:59Z'), noInvalidDate: true })
  .map((date) => date.toISOString());
const site = fc.constantFrom('gmail', 'linkedin');
const person = fc.record(
  { name: short, email: short, profileUrl: httpsUrl, isMe: fc.boolean() },
  { requiredKeys: ['name', 'isMe'] },
);
const capturedMessage = fc.record({
  id: nonEmpty,
  from: person,
  sentAt: fc.option(isoTime, { nil: null }),
  sentAtText: short,
  text: fc.string({ maxLength: 300 }),
  partial: fc.boolean(),
});
const thread = fc.record(
  {
    site,
    threadId: nonEmpty,
    url: httpsUrl,
    subject: short,
    participants: fc.array(person, { maxLength: 4 }),
    messages: fc.array(capturedMessage, { maxLength: 4 }),
  },
  { requiredKeys: ['site', 'threadId', 'url', 'participants', 'messages'] },
);
const readResult = fc.record(
  {
    threads: fc.array(thread, { maxLength: 3 }),
    profile: fc.record({ site, name: short, profileUrl: httpsUrl, headline: short }, { requiredKeys: ['site', 'name', 'profileUrl'] }),
    problems: fc.array(short, { maxLength: 3 }),
    me: fc.record({ emails: fc.array(short, { maxLength: 3 }), profileUrls: fc.array(httpsUrl, { maxLength: 3 }) }),
  },
  { requiredKeys: ['threads', 'problems'] },
);
const validMessage = fc.oneof(
  fc.record(
    { type: fc.constant('page/read'), site, url: httpsUrl, result: readResult, theme: fc.constantFrom('light', 'dark') },
    { requiredKeys: ['type', 'site', 'url', 'result'] },
  ),
  fc.record({ type: fc.constant('sidebar/set-open'), open: fc.boolean() }),
  fc.constant({ type: 'sidebar/hello' }),
  fc.constant({ type: 'record/changed' }),
  fc.record({ type: fc.constant('conversation/open'), url: httpsUrl }),
);

const notA = (kind: 'string' | 'boolean' | 'array') =>
  fc.anything({ maxDepth: 2 }).filter((value) =>
    kind === 'array' ? !Array.isArray(value) : typeof value !== kind && value !== undefined,
  );
const tooLong = (max: number) => fc.integer({ min: 1, max: 50 }).map((extra) => 'x'.repeat(max + extra));
const FIRST_MESSAGE = 'result.threads.0.messages.0';

/** A change to one place of a good page read: a value that keeps it valid, or one that must be refused there. */
const change = (path: string, valid: fc.Arbitrary<unknown> | undefined, invalid: fc.Arbitrary<unknown>) =>
  fc.oneof(
    ...(valid ? [valid.map((value) => ({ path, value, valid: true }))] : []),
    invalid.map((value) => ({ path, value, valid: false })),
  );
const mutation = fc.oneof(
  change('type', undefined, fc.string().filter((type) => !['page/read', 'sidebar/set-open', 'sidebar/hello', 'record/changed', 'conversation/open'].includes(type))),
  change('site', site, fc.oneof(fc.string().filter((s) => s !== 'gmail' && s !== 'linkedin'), notA('string'))),
  change('url', httpsUrl, fc.oneof(fc.webUrl({ validSchemes: ['http', 'ftp', 'file'] }), fc.constant('javascript:alert(1)'), tooLong(MAX_SHORT).map((x) => `https://mail.google.com/${x}`), notA('string'))),
  change('theme', fc.constantFrom('light', 'dark'), fc.oneof(fc.string().filter((t) => t !== 'light' && t !== 'dark'), notA('string'))),
  change('result.threads', fc.array(thread, { maxLength: 3 }), fc.oneof(fc.array(thread, { minLength: MAX_THREADS + 1, maxLength: MAX_THREADS + 3 }), notA('array'))),
  change('result.problems', fc.array(short, { maxLength: 5 }), fc.oneof(fc.array(short, { minLength: MAX_PROBLEMS + 1, maxLength: MAX_PROBLEMS + 3 }), notA('array'))),
  change('result.threads.0.subject', fc.string({ maxLength: MAX_SHORT }), fc.oneof(tooLong(MAX_SHORT), notA('string'))),
  change('result.threads.0.url', httpsUrl, fc.oneof(fc.constant('http://mail.google.com/'), fc.string().filter((u) => !URL.canParse(u) || new URL(u).protocol !== 'https:'))),
  change('result.threads.0.participants', fc.array(person, { maxLength: 5 }), notA('array')),
  change('result.threads.0.evil', undefined, fc.anything({ maxDepth: 1 }).filter((value) => value !== undefined)),
  change(`${FIRST_MESSAGE}.sentAt`, fc.option(isoTime, { nil: null }), fc.oneof(fc.string().filter((t) => !/^\d{4}-\d{2}-\d{2}T/.test(t)), fc.integer())),
  change(`${FIRST_MESSAGE}.text`, fc.string({ maxLength: 2_000 }), notA('string')),
  change(`${FIRST_MESSAGE}.id`, nonEmpty, fc.oneof(fc.constant(''), tooLong(MAX_SHORT), notA('string'))),
  change(`${FIRST_MESSAGE}.from`, person, fc.record({ name: short, isMe: notA('boolean') })),
  change(`${FIRST_MESSAGE}.from.isMe`, fc.boolean(), notA('boolean')),
  change(`${FIRST_MESSAGE}.from.profileUrl`, httpsUrl, fc.oneof(fc.constant('javascript:alert(1)'), fc.constant('http://evil.example/'))),
  change(`${FIRST_MESSAGE}.partial`, fc.boolean(), notA('boolean')),
);

/** `message` with `value` at the dotted `path` (array indexes included). */
function withValueAt<T extends object>(message: T, path: string, value: unknown): T {
  const keys = path.split('.');
  let target = message as Record<string, unknown>;
  for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
  target[keys.at(-1)!] = value;
  return message;
}

describe('message validation', () => {
  it('accepts a well-formed page read', () => {
    expect(validateMessage(goodRead())).toMatchObject({ ok: true });
  });

  it.each([
    ['unknown type', { type: 'db/delete-everything' }, 'type'],
    ['extra key', { ...goodRead(), evil: true }, 'evil'],
    ['javascript: URL', { ...goodRead(), url: 'javascript:alert(1)' }, 'url'],
    ['non-ISO time', (() => { const m = goodRead(); m.result.threads[0]!.messages[0]!.sentAt = 'yesterday'; return m; })(), 'sentAt'],
    ['text too long', (() => { const m = goodRead(); m.result.threads[0]!.messages[0]!.text = 'x'.repeat(1_000_001); return m; })(), 'text'],
    ['site not ours', { ...goodRead(), site: 'facebook' }, 'site'],
  ])('rejects a message with %s and names where', (_label, message, where) => {
    const result = validateMessage(message);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(where);
  });

  it('never throws, and refuses random shapes with an error that names where (thousands of them)', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 4 }), (input) => {
        const result = validateMessage(input);
        // A random value is almost never a valid message; when it is, it must really be one of ours, passed on as sent.
        if (result.ok) expect(result.message).toEqual(input);
        else expect(result.error).toMatch(/^invalid message at \S+: /);
      }),
      { numRuns: 3000 },
    );
  });

  it('accepts every well-formed message, and the background acts on exactly what was sent', () => {
    fc.assert(
      fc.property(validMessage, (message) => {
        const sent = structuredClone(message);
        const result = validateMessage(message);
        expect(result).toEqual({ ok: true, message: sent });
      }),
      { numRuns: 500 },
    );
  });

  it('accepts a valid message changed into another valid one as changed, and refuses an invalid change naming where', () => {
    fc.assert(
      fc.property(mutation, ({ path, value, valid }) => {
        const message = withValueAt(goodRead(), path, value);
        const result = validateMessage(message);
        if (valid) {
          // What the background acts on is the changed message, unchanged by validation.
          expect(result).toEqual({ ok: true, message: withValueAt(goodRead(), path, value) });
        } else {
          expect(result.ok).toBe(false);
          if (!result.ok) expect(result.error).toContain(`invalid message at ${path}`);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('does not copy page text into its error', () => {
    const message = goodRead();
    (message.result.threads[0]!.messages[0] as Record<string, unknown>).text = 42;
    message.result.threads[0]!.subject = 'Confidential: the merger';
    const result = validateMessage(message);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).not.toContain('merger');
  });
});

describe('list/states validation', () => {
  const gmailRow = () => ({
    threadId: '19a0c0ffee000001',
    lastMessageId: '19a0c0ffee0000a2',
    unread: true,
    newestAt: '2026-11-20T14:04:00.000Z',
    newestAtText: 'Fri, Nov 20, 2026, 3:04 PM',
    snippet: 'Could you send the pricing?',
  });
  const card = () => ({
    key: 'people:Dana Whitfield',
    threadId: null,
    participantNames: ['Dana Whitfield'],
    snippetPrefix: 'Dana',
    snippetText: 'Could we move the call?',
    timeText: '2h',
    unread: false,
  });
  const gmailList = (rows: unknown[] = [gmailRow()]) => ({
    type: 'list/states', site: 'gmail', url: 'https://mail.google.com/mail/u/0/#inbox', generation: 3, rows,
  });
  const linkedinList = (rows: unknown[] = [card()]) => ({
    type: 'list/states', site: 'linkedin', url: 'https://www.linkedin.com/messaging/', generation: 0, rows,
  });

  it('accepts the rows of each site, a card without an id, a Gmail row without a last message id or a time', () => {
    expect(validateMessage(gmailList())).toMatchObject({ ok: true });
    const { lastMessageId: _, ...bare } = gmailRow();
    expect(validateMessage(gmailList([{ ...bare, newestAt: null }]))).toMatchObject({ ok: true });
    expect(validateMessage(linkedinList())).toMatchObject({ ok: true });
    expect(validateMessage(linkedinList([{ ...card(), sponsoredLabel: 'Sponsored' }]))).toMatchObject({ ok: true });
    expect(validateMessage(gmailList([]))).toMatchObject({ ok: true });
  });

  it.each([
    ['Gmail rows under LinkedIn', { ...linkedinList(), rows: [gmailRow()] }, 'rows'],
    ['LinkedIn cards under Gmail', { ...gmailList(), rows: [card()] }, 'rows'],
    ['201 rows', gmailList(Array.from({ length: 201 }, gmailRow)), 'rows'],
    ['a snippet over 300 characters', gmailList([{ ...gmailRow(), snippet: 'x'.repeat(301) }]), 'snippet'],
    ['21 names on a card', linkedinList([{ ...card(), participantNames: Array.from({ length: 21 }, (_, i) => `P${i}`) }]), 'participantNames'],
    ['a row without its id', gmailList([{ ...gmailRow(), threadId: '' }]), 'threadId'],
    ['a non-ISO time', gmailList([{ ...gmailRow(), newestAt: 'yesterday' }]), 'newestAt'],
    ['an element smuggled in a row', gmailList([{ ...gmailRow(), element: {} }]), 'element'],
    ['a negative generation', { ...gmailList(), generation: -1 }, 'generation'],
    ['an http URL', { ...gmailList(), url: 'http://mail.google.com/' }, 'url'],
  ])('refuses %s, naming where', (_label, message, where) => {
    const result = validateMessage(message);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error).toContain(where);
  });

  it('lets a content script send it', () => {
    expect(mayHandle('list/states', { id: OWN_ID, url: 'https://www.linkedin.com/messaging/' }, OWN_ID)).toBe(true);
  });
});

describe('who may send what', () => {
  const contentScript = { id: OWN_ID, url: 'https://mail.google.com/mail/u/0/#inbox' };
  const sidebarPage = { id: OWN_ID, url: `chrome-extension://${OWN_ID}/src/ui/sidebar/index.html` };
  const otherExtension = { id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz', url: 'chrome-extension://zzzz/page.html' };

  it('lets a content script report what it read and open or close its sidebar, nothing more', () => {
    expect(mayHandle('page/read', contentScript, OWN_ID)).toBe(true);
    expect(mayHandle('sidebar/set-open', contentScript, OWN_ID)).toBe(true);
    expect(mayHandle('record/changed', contentScript, OWN_ID)).toBe(false);
    expect(mayHandle('conversation/open', contentScript, OWN_ID)).toBe(false);
    expect(mayHandle('sidebar/hello', contentScript, OWN_ID)).toBe(false);
  });

  it('accepts privileged messages from the extension own pages only', () => {
    expect(isOwnExtensionPage(sidebarPage, OWN_ID)).toBe(true);
    expect(isOwnExtensionPage({ id: OWN_ID, url: `moz-extension://uuid/dashboard.html` }, OWN_ID)).toBe(true);
    expect(mayHandle('conversation/open', sidebarPage, OWN_ID)).toBe(true);
    expect(mayHandle('conversation/open', otherExtension, OWN_ID)).toBe(false);
    expect(mayHandle('page/read', otherExtension, OWN_ID)).toBe(false);
    expect(isOwnExtensionPage({ id: OWN_ID, url: 'not a url' }, OWN_ID)).toBe(false);
    expect(isOwnExtensionPage({ id: OWN_ID, url: undefined }, OWN_ID)).toBe(false);
  });
});

describe('error reports', () => {
  it('cut quoted page text out of what they log', () => {
    const error = new Error('Key "Re: Acme pilot – confidential pricing" not found');
    expect(scrubbed(error)).toBe('Error: Key "…" not found');
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    reportError('ingest', error);
    expect(log.mock.calls[0]?.join(' ')).not.toContain('confidential');
    log.mockRestore();
  });
});
