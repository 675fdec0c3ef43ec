// @vitest-environment happy-dom
// Reads the real 2026 Gmail capture in ../shared/real-pages (beside the checkout in CI). A plain clone of the project
// does not have that folder: the test then skips, and says so in its name.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { gmail } from '../../../../src/sites/gmail';
import { NOW, parse } from './helpers';

// test/unit/sites/gmail → repository root (4 up) → its parent holds shared/real-pages.
const REAL = path.resolve(__dirname, '../../../../../shared/real-pages/gmail-2026-message-expanded-id.html');
const exists = existsSync(REAL);
const why = exists ? '' : ' (SKIPPED: ../shared/real-pages/gmail-2026-message-expanded-id.html not found beside the checkout)';

// The capture is one `div.adn.ads`: wrap it in a minimal page (title with the account, [role=main], list item).
const wrap = (adn: string, subject = true) =>
  '<!DOCTYPE html><html><head><title>Contoh - me@example.com - Gmail</title></head><body><div role="main">' +
  (subject ? '<h2 class="hP" data-legacy-thread-id="1a1019ad5b49f8a9">Contoh</h2>' : '') +
  `<div role="list"><div role="listitem" class="h7">${adn}</div></div></div></body></html>`;

describe('real capture: Gmail 2026, Indonesian, one expanded message', () => {
  it.skipIf(!exists)(`reads sender, id, title time and plain text${why}`, () => {
    const r = gmail.readThreads(parse(wrap(readFileSync(REAL, 'utf8'))), new URL('https://mail.google.com/mail/u/0/#inbox'), NOW, []);
    expect(r.problems).toEqual([]);
    const t = r.threads[0]!;
    expect(t.messages).toHaveLength(1);
    const m = t.messages[0]!;
    expect(m.from).toEqual({ name: 'Contoh News', email: 'daily@contoh-news.example', isMe: false });
    // data-legacy-message-id; it is also the jslog's #msg-f:1878029276965107881 in hex. (The capture's
    // data-message-id "#msg-f:1" was anonymised by its author and disagrees with both.)
    expect(m.id).toBe('1a1019ad5b49f8a9');
    // The title "1 Jan 2026, 18.51", not the visible "Sen, 1 Jan 2024, 09.00 (1 hari yang lalu)".
    expect(m.sentAt).toBe(new Date(2026, 0, 1, 18, 51).toISOString());
    expect(m.sentAtText).toBe('1 Jan 2026, 18.51');
    expect(m.text).toBe('Isi pesan contoh.');
    expect(m.text).not.toMatch(/[<>]/);
    expect(m.partial).toBe(false);
    expect(t.participants).toEqual([
      { name: 'Contoh News', email: 'daily@contoh-news.example', isMe: false },
      { name: 'saya', email: 'me@example.com', isMe: true },
    ]);
  });

  it.skipIf(!exists)(`takes the thread id from jslog when the subject is missing${why}`, () => {
    const r = gmail.readThreads(parse(wrap(readFileSync(REAL, 'utf8'), false)), new URL('https://mail.google.com/mail/u/0/#inbox'), NOW, []);
    expect(r.threads[0]!.threadId).toBe('1a1019ad5b49f8a9'); // #thread-f:1878029276965107881
    expect(r.problems).toEqual(['no subject (h2.hP)']);
  });
});
