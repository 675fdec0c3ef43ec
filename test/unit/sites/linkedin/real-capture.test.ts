// @vitest-environment happy-dom
// Against a real capture (shared/real-pages, beside the checkout; see its README). Skipped, visibly, when absent.
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, test } from 'vitest';
import { linkedin } from '../../../../src/sites/linkedin';
import { NOW, REAL_PAGES, parse } from './fixtures';

const FILE = resolve(REAL_PAGES, 'linkedin-2026-conversation-list-zh.html');
const present = existsSync(FILE);
const name = present
  ? 'real 2026 zh conversation list (no open message pane)'
  : `real 2026 zh conversation list — SKIPPED: ${FILE} not found (the shared real-pages folder is not beside this checkout)`;

if (!present) console.warn(name);

describe.skipIf(!present)(name, () => {
  const html = present ? readFileSync(FILE, 'utf8') : '';

  test('on a thread URL: no throw, no thread, no invented message; says the pane has no messages', () => {
    const r = linkedin.readThreads(parse(html), new URL('https://www.linkedin.com/messaging/thread/2-MTIz/'), NOW);
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual(['full page: no messages found']);
    expect(r.profile).toBeUndefined();
    expect(r.me).toEqual({ emails: [], profileUrls: [] });
  });

  test('on /messaging/: the same', () => {
    const r = linkedin.readThreads(parse(html), new URL('https://www.linkedin.com/messaging/'), NOW);
    expect(r.threads).toEqual([]);
    expect(r.problems).toEqual(['full page: no messages found']);
  });

  test('conversation cards are not conversations: nothing read elsewhere either, and nothing to report', () => {
    const r = linkedin.readThreads(parse(html), new URL('https://www.linkedin.com/feed/'), NOW);
    expect(r).toEqual({ threads: [], problems: [], me: { emails: [], profileUrls: [] } });
  });
});
