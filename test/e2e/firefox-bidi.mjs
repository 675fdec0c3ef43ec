// A small WebDriver BiDi client for Firefox: starts firefox-esr headless with a fresh profile on a free port, speaks
// BiDi over a minimal WebSocket client (Node 20 has no global WebSocket and the project has no `ws` dependency of its
// own), and closes everything it started. Used by firefox.e2e.ts.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const FIREFOX_CANDIDATES = ['/usr/bin/firefox-esr', '/usr/bin/firefox'];
export const FIREFOX_INSTALL_HINT =
  'Firefox is not installed: run `sudo apt-get install -y firefox-esr`, or set TURNKEEPER_FIREFOX to a Firefox binary.';

export function findFirefox() {
  const candidates = process.env.TURNKEEPER_FIREFOX ? [process.env.TURNKEEPER_FIREFOX] : FIREFOX_CANDIDATES;
  return candidates.find((path) => existsSync(path));
}

export const DIST_FIREFOX = resolve(import.meta.dirname, '../..', process.env.TURNKEEPER_OUT ?? 'dist', 'firefox');

// Profile prefs. Firefox already applies its "recommended" automation prefs when the remote agent is on; these keep a
// headless test run quiet and offline. Host permissions: since Firefox 127 the host_permissions and content-script
// matches of an MV3 extension are granted at install (shown in the install prompt) while
// `extensions.originControls.grantByDefault` is true, its default; with it false they are opt-in and the content
// script never runs. It is set explicitly here so a changed default shows up as a failing test, not a mystery.
const PREFS = {
  'extensions.originControls.grantByDefault': true,
  'xpinstall.signatures.required': false,
  'extensions.autoDisableScopes': 0,
  'extensions.update.enabled': false,
  'remote.active-protocols': 1, // WebDriver BiDi only
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.aboutwelcome.enabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'toolkit.telemetry.enabled': false,
  'app.update.enabled': false,
  'app.update.auto': false,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.dns.disablePrefetch': true,
  'network.http.speculative-parallel-limit': 0,
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.blocklist.enabled': false,
  'services.settings.server': 'http://127.0.0.1:9/',
  'browser.region.network.url': '',
  'browser.search.update': false,
};

/**
 * Starts Firefox and opens a BiDi session. `close()` ends the session, kills Firefox and removes the profile.
 * @param {{ executable?: string, timeout?: number, prefs?: Record<string, string | number | boolean> }} [options]
 */
export async function launchFirefox({ executable = findFirefox(), timeout = 15_000, prefs = {} } = {}) {
  if (!executable) throw new Error(FIREFOX_INSTALL_HINT);
  const profile = mkdtempSync(join(tmpdir(), 'turnkeeper-firefox-'));
  writeFileSync(
    join(profile, 'user.js'),
    Object.entries({ ...PREFS, ...prefs })
      .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
      .join('\n'),
  );
  // Port 0: Firefox picks a free port and prints the address it listens on.
  const child = spawn(
    executable,
    ['--headless', '--no-remote', '--profile', profile, '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1' } },
  );
  let output = '';
  // If the test process dies first, Firefox must not outlive it.
  const killOnExit = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const cleanup = () => {
    killOnExit();
    process.off('exit', killOnExit);
    rmSync(profile, { recursive: true, force: true });
  };
  let address;
  try {
    address = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`Firefox did not start BiDi in ${timeout} ms:\n${output}`)), timeout);
      const onData = (chunk) => {
        output += chunk;
        const match = /WebDriver BiDi listening on (ws:\/\/[^\s]+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`Firefox exited (${code}) before BiDi started:\n${output}`));
      });
      child.on('error', reject);
    });
  } catch (error) {
    cleanup();
    throw error;
  }
  const exited = new Promise((resolve) => child.once('exit', resolve));
  let bidi;
  try {
    bidi = await connectBiDi(`${address.replace(/\/$/, '')}/session`);
    await bidi.send('session.new', { capabilities: {} });
  } catch (error) {
    cleanup();
    throw error;
  }
  return {
    bidi,
    pid: child.pid,
    async close() {
      try {
        await Promise.race([bidi.send('browser.close', {}), new Promise((r) => setTimeout(r, 2_000))]);
      } catch {
        // Already gone.
      }
      bidi.close();
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      cleanup();
    },
  };
}

/** A BiDi connection: `send(method, params)` resolves with the result; `on(method, handler)` receives events. */
export async function connectBiDi(url) {
  const socket = await openWebSocket(url);
  let nextId = 1;
  const pending = new Map();
  const handlers = new Map();
  socket.onMessage = (text) => {
    const message = JSON.parse(text);
    if (message.type === 'event') {
      for (const handler of handlers.get(message.method) ?? []) handler(message.params);
      return;
    }
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.type === 'error') {
      waiter.reject(new Error(`${waiter.method}: ${message.error}: ${message.message}`));
    } else {
      waiter.resolve(message.result);
    }
  };
  socket.onClose = () => {
    for (const waiter of pending.values()) waiter.reject(new Error(`${waiter.method}: connection closed`));
    pending.clear();
  };
  return {
    send(method, params = {}) {
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(method, handler) {
      handlers.set(method, [...(handlers.get(method) ?? []), handler]);
    },
    close() {
      socket.close();
    },
  };
}

// ── A minimal WebSocket client (RFC 6455): text frames, masking, fragmentation, ping/pong, close ─────────────────

function openWebSocket(url) {
  const { hostname, port, pathname } = new URL(url);
  const key = randomBytes(16).toString('base64');
  return new Promise((resolve, reject) => {
    const req = request({
      host: hostname,
      port,
      path: pathname,
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': key },
    });
    req.on('error', reject);
    req.on('response', (res) => reject(new Error(`WebSocket upgrade refused: HTTP ${res.statusCode}`)));
    req.on('upgrade', (_res, socket, head) => {
      socket.setNoDelay(true);
      let buffer = head;
      let fragments = [];
      const ws = {
        onMessage: () => {},
        onClose: () => {},
        send(text) {
          writeFrame(socket, 0x1, Buffer.from(text, 'utf8'));
        },
        close() {
          if (!socket.destroyed) {
            try {
              writeFrame(socket, 0x8, Buffer.alloc(0));
            } catch {
              // Ignore.
            }
            socket.end();
            setTimeout(() => socket.destroy(), 500).unref();
          }
        },
      };
      const parse = () => {
        for (;;) {
          if (buffer.length < 2) return;
          const fin = (buffer[0] & 0x80) !== 0;
          const opcode = buffer[0] & 0x0f;
          const masked = (buffer[1] & 0x80) !== 0;
          let length = buffer[1] & 0x7f;
          let offset = 2;
          if (length === 126) {
            if (buffer.length < 4) return;
            length = buffer.readUInt16BE(2);
            offset = 4;
          } else if (length === 127) {
            if (buffer.length < 10) return;
            length = Number(buffer.readBigUInt64BE(2));
            offset = 10;
          }
          const maskOffset = offset;
          if (masked) offset += 4;
          if (buffer.length < offset + length) return;
          let payload = buffer.subarray(offset, offset + length);
          if (masked) {
            const mask = buffer.subarray(maskOffset, maskOffset + 4);
            payload = Buffer.from(payload.map((byte, i) => byte ^ mask[i % 4]));
          }
          buffer = buffer.subarray(offset + length);
          if (opcode === 0x8) {
            ws.close();
            return;
          }
          if (opcode === 0x9) {
            writeFrame(socket, 0xa, payload);
            continue;
          }
          if (opcode === 0xa) continue;
          fragments.push(Buffer.from(payload));
          if (fin) {
            const text = Buffer.concat(fragments).toString('utf8');
            fragments = [];
            ws.onMessage(text);
          }
        }
      };
      socket.on('data', (chunk) => {
        buffer = Buffer.concat([buffer, chunk]);
        parse();
      });
      socket.on('close', () => ws.onClose());
      socket.on('error', () => {});
      resolve(ws);
      parse();
    });
    req.end();
  });
}

function writeFrame(socket, opcode, payload) {
  const mask = randomBytes(4);
  let header;
  if (payload.length < 126) {
    header = Buffer.from([0x80 | opcode, 0x80 | payload.length]);
  } else if (payload.length < 65536) {
    header = Buffer.alloc(4);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 126;
    header.writeUInt16BE(payload.length, 2);
  } else {
    header = Buffer.alloc(10);
    header[0] = 0x80 | opcode;
    header[1] = 0x80 | 127;
    header.writeBigUInt64BE(BigInt(payload.length), 2);
  }
  const masked = Buffer.alloc(payload.length);
  for (let i = 0; i < payload.length; i++) masked[i] = payload[i] ^ mask[i % 4];
  socket.write(Buffer.concat([header, mask, masked]));
}
