// What the background answers is what its senders read: every message type gets the reply the protocol gives that
// type (src/protocol/replies.ts), checked against the reply schemas on real handlers over a fake-indexeddb record.
// A content script that got another shape would read `reply.sidebar` as undefined and never open its sidebar.
import 'fake-indexeddb/auto';
import * as v from 'valibot';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import type { Handlers } from '../../../src/background/router';
import { replySchemas } from '../../../src/protocol/replies';
import type { MessageType } from '../../../src/protocol/types';
import { at, DANA, gmail, makeDb, ME, msg } from '../db/helpers';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE_URL = 'https://mail.google.com/mail/u/0/#inbox/T-router';

const calls = vi.hoisted(() => ({
  toTabs: [] as { tabId: number; message: unknown }[],
  broadcasts: [] as unknown[],
  opened: [] as string[],
  local: {} as Record<string, unknown>,
  session: {} as Record<string, unknown>,
}));
const state = vi.hoisted(() => ({ db: null as unknown }));

vi.mock('webextension-polyfill', () => {
  const area = (store: Record<string, unknown>) => ({
    get: async (keys: string | string[] | null) => {
      if (keys === null) return { ...store };
      const names = typeof keys === 'string' ? [keys] : keys;
      return Object.fromEntries(names.filter((k) => k in store).map((k) => [k, store[k]]));
    },
    set: async (values: Record<string, unknown>) => void Object.assign(store, values),
    remove: async (name: string) => void delete store[name],
  });
  return {
    default: {
      i18n: { getMessage: () => '' },
      runtime: {
        id: 'abcdefghijklmnopabcdefghijklmnop',
        getURL: (p: string) => `chrome-extension://abcdefghijklmnopabcdefghijklmnop/${p}`,
        sendMessage: async (message: unknown) => void calls.broadcasts.push(message),
      },
      tabs: {
        sendMessage: async (tabId: number, message: unknown) => void calls.toTabs.push({ tabId, message }),
        query: async () => [],
        create: async ({ url }: { url: string }) => void calls.opened.push(url),
        update: async () => undefined,
      },
      windows: { update: async () => undefined },
      action: {
        setBadgeText: async () => undefined,
        setBadgeBackgroundColor: async () => undefined,
        setTitle: async () => undefined,
      },
      notifications: { create: async (id: string) => id, clear: async () => true },
      alarms: { create: async () => undefined, clear: async () => true, get: async () => undefined },
      storage: { local: area(calls.local), session: area(calls.session) },
    },
  };
});
vi.mock('../../../src/db/database', async (original) => ({
  ...(await original<typeof import('../../../src/db/database')>()),
  openDatabase: () => state.db,
}));

const { handleMessage } = await import('../../../src/background/router');

const fromContentScript = { id: OWN_ID, url: PAGE_URL, tab: { id: 7 }, frameId: 0 } as never;
const fromSidebarPage = {
  id: OWN_ID,
  url: `chrome-extension://${OWN_ID}/src/ui/sidebar/index.html`,
  tab: { id: 7 },
  frameId: 1,
} as never;

const pageRead = {
  type: 'page/read',
  site: 'gmail',
  url: PAGE_URL,
  result: {
    threads: [gmail('T-router', [msg('m1', ME, at(8), 'Pricing attached.'), msg('m2', DANA, at(9), 'Can we talk Monday?')])],
    problems: [],
  },
};

/** The reply parses as the protocol's reply to `type`, and is not a refusal. */
function expectAnswer(type: MessageType, reply: unknown) {
  const parsed = v.safeParse(replySchemas[type], reply);
  expect(parsed.issues?.map((issue) => issue.message) ?? []).toEqual([]);
  expect(reply).toMatchObject({ ok: true });
}

let db: TurnkeeperDatabase;
beforeEach(() => {
  db = makeDb();
  state.db = db;
  calls.toTabs.length = 0;
  calls.broadcasts.length = 0;
  calls.opened.length = 0;
});

describe('each message gets its own reply', () => {
  it('page/read from a content script: the sidebar state of its tab (their message last: my turn), and it is recorded', async () => {
    const reply = await handleMessage(pageRead, fromContentScript);
    expectAnswer('page/read', reply);
    // The collapsed tab's name comes worded with its badge (the stand-in i18n has no messages: the key is the name).
    expect(reply).toMatchObject({ ok: true, sidebar: { type: 'sidebar/apply', open: true, badge: 'mine', tabLabel: 'sidebarOpenTab_mine' } });
    expect(await db.conversations.count()).toBe(1);
  });

  it('sidebar/hello from the sidebar page: its tab and what that tab shows', async () => {
    await handleMessage(pageRead, fromContentScript);
    const reply = await handleMessage({ type: 'sidebar/hello' }, fromSidebarPage);
    expectAnswer('sidebar/hello', reply);
    expect(reply).toMatchObject({ ok: true, tabId: 7, context: { site: 'gmail', conversationIds: ['gmail:T-router'] } });
  });

  it('page/read: a thread the record holds is announced to the sidebars while it is stored again, a new one once stored', async () => {
    const announced = () => calls.broadcasts.filter((m) => (m as { type?: string }).type === 'tab/context');
    await handleMessage(pageRead, fromContentScript);
    // New: one announcement, made after the ingest (an earlier one would show "no record yet").
    expect(announced()).toEqual([
      { type: 'tab/context', tabId: 7, context: expect.objectContaining({ conversationIds: ['gmail:T-router'] }) },
    ]);
    calls.broadcasts.length = 0;
    const again = structuredClone(pageRead);
    again.result.threads[0]!.messages.push(msg('m3', ME, at(10), 'Monday works.'));
    expectAnswer('page/read', await handleMessage(again, fromContentScript));
    // Known: announced at once and again once stored, the same context both times (the sidebar ignores the second).
    const [early, stored] = announced();
    expect(announced()).toHaveLength(2);
    expect(early).toEqual(stored);
    expect(early).toMatchObject({ tabId: 7, context: { conversationIds: ['gmail:T-router'] } });
    expect(await db.messages.count()).toBe(3);
  });

  it('sidebar/set-open: done, and the tab is told to close its sidebar', async () => {
    await handleMessage(pageRead, fromContentScript);
    const reply = await handleMessage({ type: 'sidebar/set-open', open: false }, fromContentScript);
    expectAnswer('sidebar/set-open', reply);
    expect(calls.toTabs.at(-1)).toMatchObject({ tabId: 7, message: { type: 'sidebar/apply', open: false } });
  });

  it('list/states from a content script: the chips of the known rows only, worded (English fallback), nothing on unknown ones', async () => {
    await handleMessage(pageRead, fromContentScript);
    const rows = [
      { threadId: 'T-router', unread: false, newestAt: at(9), newestAtText: 'Jan 9', snippet: 'Can we talk Monday?' },
      { threadId: 'T-unknown', unread: true, newestAt: at(9), newestAtText: 'Jan 9', snippet: 'Newsletter' },
    ];
    const reply = await handleMessage({ type: 'list/states', site: 'gmail', url: PAGE_URL, generation: 4, rows }, fromContentScript);
    expectAnswer('list/states', reply);
    expect(reply).toMatchObject({ ok: true, generation: 4, chips: [{ threadId: 'T-router', state: 'mine' }] });
    // The record is dated January 2024: years ago, in the chip's short form and the reason's words.
    const [chip] = (reply as { chips: { label: string; reason: string }[] }).chips;
    expect(chip!.label).toMatch(/^Your turn · \d+y$/);
    expect(chip!.reason).toMatch(/^Dana wrote \d+ years? ago$/);
    // The unknown row created nothing.
    expect(await db.conversations.count()).toBe(1);
  });

  it('list/states is refused from a sub-frame and for another site than the sender', async () => {
    const message = { type: 'list/states', site: 'gmail', url: PAGE_URL, generation: 1, rows: [] };
    const fromFrame = { id: OWN_ID, url: PAGE_URL, tab: { id: 7 }, frameId: 3 } as never;
    expect(await handleMessage(message, fromFrame)).toEqual({
      ok: false,
      error: 'list/states is accepted only from a content script in a top frame',
    });
    const linkedinRows = { ...message, site: 'linkedin', url: 'https://www.linkedin.com/messaging/' };
    const refused = await handleMessage(linkedinRows, fromContentScript);
    expect(refused).toEqual({ ok: false, error: 'list/states names a page other than the one it came from' });
    expect(v.is(replySchemas['list/states'], refused)).toBe(true);
  });

  it('record/changed and conversation/open from a page: done', async () => {
    expectAnswer('record/changed', await handleMessage({ type: 'record/changed' }, fromSidebarPage));
    const url = 'https://mail.google.com/mail/u/0/#inbox/T-other';
    expectAnswer('conversation/open', await handleMessage({ type: 'conversation/open', url }, fromSidebarPage));
    expect(calls.opened).toEqual([url]);
  });

  it('a refusal is a reply of the same contract: ok false and a reason, for every type', async () => {
    const refused = await handleMessage({ type: 'record/changed' }, fromContentScript);
    expect(refused).toEqual({ ok: false, error: "record/changed is accepted only from Turnkeeper's own pages" });
    expect(v.is(replySchemas['record/changed'], refused)).toBe(true);
    const malformed = await handleMessage({ type: 'page/read', site: 'gmail' }, fromContentScript);
    expect(malformed).toMatchObject({ ok: false });
    expect(v.is(replySchemas['page/read'], malformed)).toBe(true);
  });
});

// Checked by `npm run typecheck`: if a handler with the wrong reply compiled, the directives below would be unused,
// which tsc reports as an error.
export const wrongReplies: Partial<Handlers> = {
  // @ts-expect-error: the sidebar needs its tab and context, a bare "done" is not its reply
  'sidebar/hello': async () => ({ ok: true }),
  // @ts-expect-error: a content script reads `sidebar` from the reply to its read
  'page/read': async () => ({ ok: true }),
  // @ts-expect-error: a refusal says why
  'record/changed': async () => ({ ok: false }),
};
