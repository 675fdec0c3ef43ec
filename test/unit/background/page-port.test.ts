// The content scripts' port (src/background/page-port.ts) is a second door into the background: a message on it must
// meet the same checks as one sent with runtime.sendMessage. A port is connected through a fake onConnect with the
// sender the browser would give it; what the background posts back is what the content script would read.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { PAGE_PORT_NAME } from '../../../src/protocol/port';
import { at, DANA, gmail, makeDb, ME, msg } from '../db/helpers';

const OWN_ID = 'abcdefghijklmnopabcdefghijklmnop';
const PAGE_URL = 'https://mail.google.com/mail/u/0/#inbox/T-port';

const hooks = vi.hoisted(() => ({
  onConnect: [] as ((port: unknown) => void)[],
  store: {} as Record<string, unknown>,
  db: null as unknown,
}));

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
        sendMessage: async () => undefined,
        onConnect: { addListener: (listener: (port: unknown) => void) => void hooks.onConnect.push(listener) },
      },
      tabs: { sendMessage: async () => undefined, query: async () => [] },
      action: { setBadgeText: async () => undefined, setBadgeBackgroundColor: async () => undefined, setTitle: async () => undefined },
      notifications: { create: async (id: string) => id, clear: async () => true },
      alarms: { create: async () => undefined, clear: async () => true, get: async () => undefined, getAll: async () => [] },
      storage: { local: area(hooks.store), session: area({}) },
    },
  };
});
vi.mock('../../../src/db/database', async (original) => ({
  ...(await original<typeof import('../../../src/db/database')>()),
  openDatabase: () => hooks.db,
}));

const { listenOnPorts } = await import('../../../src/background/page-port');
listenOnPorts();

/** Connects a port as the browser would, with `sender`; returns a function that posts a request and waits for the
 * background's answer (null if it posted nothing), and whether the background hung up. */
function connect(sender: object | undefined, name = PAGE_PORT_NAME) {
  const posted: unknown[] = [];
  const onMessage: ((message: unknown) => void)[] = [];
  const state = { disconnected: false };
  const port = {
    name,
    sender,
    postMessage: (message: unknown) => void posted.push(message),
    disconnect: () => void (state.disconnected = true),
    onMessage: { addListener: (listener: (message: unknown) => void) => void onMessage.push(listener) },
    onDisconnect: { addListener: () => undefined },
  };
  for (const listener of hooks.onConnect) listener(port);
  const request = async (body: unknown, waitMs = 2_000) => {
    const before = posted.length;
    for (const listener of onMessage) listener(body);
    await vi.waitFor(() => expect(posted.length).toBeGreaterThan(before), { timeout: waitMs }).catch(() => undefined);
    return posted[before] ?? null;
  };
  return { request, state };
}

const fromContentScript = { id: OWN_ID, url: PAGE_URL, tab: { id: 7 }, frameId: 0 };
const pageRead = {
  type: 'page/read',
  site: 'gmail',
  url: PAGE_URL,
  result: { threads: [gmail('T-port', [msg('m1', DANA, at(9), 'Can we talk Monday?')])], problems: [] },
};

let db: ReturnType<typeof makeDb>;
beforeEach(() => {
  db = makeDb();
  hooks.db = db;
});

describe('the content scripts\' port', () => {
  it('answers a page read from a content script in a top frame with its sidebar state, under the request\'s number, and records it', async () => {
    const { request } = connect(fromContentScript);
    expect(await request({ id: 41, message: pageRead })).toMatchObject({ id: 41, reply: { ok: true, sidebar: { type: 'sidebar/apply' } } });
    expect(await db.conversations.count()).toBe(1);
  });

  it('refuses a page read from a sub-frame, as runtime.sendMessage does, and records nothing', async () => {
    const { request } = connect({ ...fromContentScript, frameId: 2 });
    expect(await request({ id: 1, message: pageRead })).toEqual({
      id: 1,
      reply: { ok: false, error: 'page/read is accepted only from a content script in a top frame' },
    });
    expect(await db.conversations.count()).toBe(0);
  });

  it('refuses a page read naming another page than the one the port came from', async () => {
    const { request } = connect({ ...fromContentScript, url: 'https://www.linkedin.com/messaging/' });
    expect(await request({ id: 2, message: pageRead })).toMatchObject({
      reply: { ok: false, error: 'page/read names a page other than the one it came from' },
    });
    expect(await db.conversations.count()).toBe(0);
  });

  it('refuses every message from another extension, and a privileged message from a content script', async () => {
    const { request } = connect({ ...fromContentScript, id: 'zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz' });
    expect(await request({ id: 3, message: pageRead })).toEqual({
      id: 3,
      reply: { ok: false, error: "page/read is accepted only from Turnkeeper's own pages" },
    });
    const fromPage = connect(fromContentScript);
    expect(await fromPage.request({ id: 4, message: { type: 'record/changed' } })).toEqual({
      id: 4,
      reply: { ok: false, error: "record/changed is accepted only from Turnkeeper's own pages" },
    });
    expect(await db.conversations.count()).toBe(0);
  });

  it('refuses a port without a sender, and a malformed message, with a reason', async () => {
    expect(await connect(undefined).request({ id: 5, message: pageRead })).toEqual({
      id: 5,
      reply: { ok: false, error: 'a port without a sender is not accepted' },
    });
    expect(await connect(fromContentScript).request({ id: 6, message: { type: 'page/read', site: 'gmail' } })).toMatchObject({
      id: 6,
      reply: { ok: false },
    });
  });

  it('ignores a request without a number to answer to, and hangs up on a port of another name', async () => {
    expect(await connect(fromContentScript).request({ message: pageRead }, 300)).toBeNull();
    expect(await db.conversations.count()).toBe(0);
    const other = connect(fromContentScript, 'something-else');
    expect(other.state.disconnected).toBe(true);
  });
});
