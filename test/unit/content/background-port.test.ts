// The content script's channel to the background (src/content/extension-api.ts): one port for every message, answers
// matched to their requests, and a stopped service worker (which disconnects the port) turned into a failed send the
// caller retries, then a new port. A fake `chrome.runtime` stands in for the browser's.
import { beforeEach, describe, expect, it } from 'vitest';
import { PAGE_PORT_NAME } from '../../../src/protocol/port';

interface FakePort {
  name: string;
  posted: { id: number; message: unknown }[];
  answer(id: number, reply: unknown): void;
  drop(): void;
  disconnected: boolean;
}

const ports: FakePort[] = [];
const stored: Record<string, unknown> = {};
function fakePort(name: string) {
  const onMessage: ((message: unknown) => void)[] = [];
  const onDisconnect: (() => void)[] = [];
  const fake: FakePort = {
    name,
    posted: [],
    disconnected: false,
    answer: (id, reply) => onMessage.forEach((listener) => listener({ id, reply })),
    drop: () => {
      fake.disconnected = true;
      onDisconnect.forEach((listener) => listener());
    },
  };
  ports.push(fake);
  return {
    postMessage(message: { id: number; message: unknown }) {
      if (fake.disconnected) throw new Error('Attempting to use a disconnected port object');
      fake.posted.push(message);
    },
    disconnect: () => void (fake.disconnected = true),
    onMessage: { addListener: (l: (m: unknown) => void) => void onMessage.push(l), removeListener: () => undefined },
    onDisconnect: { addListener: (l: () => void) => void onDisconnect.push(l), removeListener: () => undefined },
  };
}
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: {
    id: 'abcdefghijklmnopabcdefghijklmnop',
    getURL: (path: string) => `chrome-extension://abcdefghijklmnopabcdefghijklmnop/${path}`,
    connect: ({ name }: { name: string }) => fakePort(name),
    onMessage: { addListener: () => undefined, removeListener: () => undefined },
  },
  storage: { local: { get: async (key: string) => (key in stored ? { [key]: stored[key] } : {}) } },
};

const { closeBackgroundPort, sendToBackground, sidebarExpectedOpen } = await import('../../../src/content/extension-api');

const setOpen = { type: 'sidebar/set-open', open: true } as const;

beforeEach(() => {
  closeBackgroundPort();
  ports.length = 0;
});

describe('messages to the background', () => {
  it('go over one port, each answered by its own reply even when answers come back out of order', async () => {
    const first = sendToBackground(setOpen);
    const second = sendToBackground({ type: 'sidebar/set-open', open: false });
    expect(ports).toHaveLength(1);
    expect(ports[0]!.name).toBe(PAGE_PORT_NAME);
    const [a, b] = ports[0]!.posted;
    expect(b!.message).toEqual({ type: 'sidebar/set-open', open: false });
    ports[0]!.answer(b!.id, { ok: false, error: 'second' });
    ports[0]!.answer(a!.id, { ok: true });
    expect(await first).toEqual({ ok: true });
    expect(await second).toEqual({ ok: false, error: 'second' });
  });

  it('fail when the service worker stops before answering (so the read is sent again), and the next one opens a new port', async () => {
    const unanswered = sendToBackground(setOpen);
    ports[0]!.drop();
    await expect(unanswered).rejects.toThrow();
    const again = sendToBackground(setOpen);
    expect(ports).toHaveLength(2);
    ports[1]!.answer(ports[1]!.posted[0]!.id, { ok: true });
    expect(await again).toEqual({ ok: true });
  });

  it('fail at once when the port went without a word yet (posting throws), and the next one reconnects', async () => {
    void sendToBackground(setOpen).catch(() => undefined);
    ports[0]!.disconnected = true; // gone, its disconnect event not yet delivered
    await expect(sendToBackground(setOpen)).rejects.toThrow(/disconnected/);
    const next = sendToBackground(setOpen);
    expect(ports).toHaveLength(2);
    expect(ports[1]!.posted).toHaveLength(1);
    closeBackgroundPort();
    await expect(next).rejects.toThrow(/closed/);
  });

  it('ignore an answer to no request of theirs', async () => {
    const pending = sendToBackground(setOpen);
    ports[0]!.answer(999, { ok: false, error: 'not yours' });
    ports[0]!.answer(ports[0]!.posted[0]!.id, { ok: true });
    expect(await pending).toEqual({ ok: true });
  });
});

describe('whether the sidebar is expected open', () => {
  it('is yes by default, and no on the site where the user collapsed it', async () => {
    expect(await sidebarExpectedOpen('gmail')).toBe(true);
    stored.sidebarOpen = { gmail: false };
    expect(await sidebarExpectedOpen('gmail')).toBe(false);
    expect(await sidebarExpectedOpen('linkedin')).toBe(true);
  });
});
