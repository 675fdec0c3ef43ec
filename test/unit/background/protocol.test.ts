// The background's front door: what it accepts, from whom, and what it logs.
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { mayHandle, isOwnExtensionPage } from '../../../src/background/sender';
import { reportError, scrubbed } from '../../../src/background/report-error';
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

  it('never throws and never accepts random shapes (thousands of them)', () => {
    fc.assert(
      fc.property(fc.anything({ withObjectString: true, withNullPrototype: true, maxDepth: 4 }), (input) => {
        const result = validateMessage(input);
        // A random value is almost never a valid message; when it is, it must really be one of ours.
        if (result.ok) expect(['page/read', 'list/states', 'sidebar/set-open', 'sidebar/hello', 'record/changed', 'conversation/open']).toContain(result.message.type);
      }),
      { numRuns: 3000 },
    );
  });

  it('rejects mutated versions of a valid message unless they stay valid', () => {
    const paths = ['type', 'site', 'url', 'result', 'result.threads', 'result.problems'];
    fc.assert(
      fc.property(fc.constantFrom(...paths), fc.anything({ maxDepth: 2 }), (path, value) => {
        const message = goodRead() as Record<string, unknown>;
        const keys = path.split('.');
        let target = message;
        for (const key of keys.slice(0, -1)) target = target[key] as Record<string, unknown>;
        target[keys.at(-1)!] = value;
        const result = validateMessage(message);
        if (result.ok) expect(JSON.parse(JSON.stringify(result.message))).toBeTruthy();
        else expect(result.error).toMatch(/^invalid message at /);
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
