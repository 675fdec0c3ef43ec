// Older format versions are upgraded through the registry, step by step, before validation.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { FORMAT_VERSION, OLDEST_READABLE_VERSION, UPGRADES, upgradeDocument } from '../../../src/export/format';
import { applyImport, parseImportFile } from '../../../src/export/json-import';
import { openTestDb } from './helpers';

const dir = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const db = openTestDb();
afterEach(async () => {
  for (const t of db.tables) await t.clear();
});

describe('format upgrades', () => {
  it('the registry has one step for every version below the current one', () => {
    for (let v = OLDEST_READABLE_VERSION; v < FORMAT_VERSION; v++) {
      expect(UPGRADES.filter((u) => u.from === v), `upgrade from ${v}`).toHaveLength(1);
    }
    expect(OLDEST_READABLE_VERSION).toBe(0);
  });

  it('upgrades a version-0 document to version 1', () => {
    const v0 = JSON.parse(readFileSync(dir + 'valid-v0.json', 'utf8'));
    const { doc, steps } = upgradeDocument(v0, 0);
    expect(steps).toHaveLength(1);
    expect(doc.version).toBe(1);
    expect((doc.people as object[])[1]).toEqual({ id: 'p-ana', name: 'Ana Díaz', isMe: false, emails: ['ana@buyer.example'], linkedin: ['https://www.linkedin.com/in/ana-diaz/'] });
    expect((doc.conversations as { turn: string; turnSince: string }[])[0]).toMatchObject({ turn: 'mine', turnSince: '2024-10-30T09:00:00.000Z' });
    expect((doc.messages as object[])[0]).toMatchObject({ text: 'Can you send pricing?', partial: true });
    expect((doc.messages as object[])[0]).not.toHaveProperty('body');
    expect(doc.settings).toEqual({ waitDays: 4 });
  });

  it('imports a version-0 file, saying it was upgraded', async () => {
    const r = await parseImportFile(db, new Blob([readFileSync(dir + 'valid-v0.json')]));
    if (!r.ok) throw new Error(r.error.message);
    expect(r.file.version).toBe(0);
    expect(r.file.warnings.map((w) => w.code)).toEqual(['upgraded']); // the "__proto__" settings row is dropped by the upgrade
    expect(r.file.warnings[0]!.message).toMatch(/^The file is in format version 0; it was upgraded to version 1 \(version 0 \(prototype\)/);
    await applyImport(db, r.file);
    expect((await db.people.get('me'))!.emails).toEqual(['sam@seller.example']); // lower-cased on import
    expect((await db.messages.get('gmail:t1|m1'))!).toMatchObject({ text: 'Can you send pricing?', partial: true, sentAtText: '', seenAt: '2024-10-30T09:00:00.000Z' });
    expect((await db.conversations.get('gmail:t1'))!).toMatchObject({ turn: 'mine', lastFromMe: null, firstSeenAt: '2024-11-01T08:00:00.000Z' });
    expect((await db.settings.get('waitDays'))!.value).toBe(4);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('an upgrade leaves what it does not recognise for validation to report, with the current field names', async () => {
    const v0 = JSON.parse(readFileSync(dir + 'valid-v0.json', 'utf8'));
    v0.messages[0].body = 42;
    const r = await parseImportFile(db, JSON.stringify(v0));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.message).toBe('The file is not a valid Turnkeeper export: messages[0].text must be a string.');
  });
});
