// The hostile-file corpus (test/fixtures/import/): each file is refused with a clear message, and the database is
// left exactly as it was; the few that are neutralised (forbidden keys) import cleanly without polluting anything.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { TurnkeeperDatabase } from '../../../src/db/database';
import { applyImport, importJson, parseImportFile } from '../../../src/export/json-import';
import { LIMITS } from '../../../src/export/format';
import { openTestDb, seed, snapshot } from './helpers';

const dir = fileURLToPath(new URL('../../fixtures/import/', import.meta.url));
const fixture = (name: string) => new Blob([readFileSync(dir + name)]);
const valid = () => JSON.parse(readFileSync(dir + 'valid-v1.json', 'utf8'));

let db: TurnkeeperDatabase;
beforeEach(async () => {
  db = openTestDb();
  await seed(db);
});
afterEach(() => db.delete());

/** file → [error code, message fragment, path?, line?, column?] */
const REFUSED: Record<string, [string, string | RegExp, string?, number?, number?]> = {
  'empty.json': ['empty', 'The file is empty.'],
  'not-json.txt': ['syntax', 'The file is not valid JSON: unexpected "H" where a value was expected at line 1, column 1.', undefined, 1, 1],
  'truncated.json': ['syntax', /^The file ends too early, at line \d+, column \d+: it looks truncated/],
  'trailing-comma.json': ['syntax', 'expected a property name in double quotes, found "}" (a trailing comma?) at line 96, column 3.', undefined, 96, 3],
  'bad-escape.json': ['syntax', '"\\x" is not a valid escape at line 5, column 22.', undefined, 5, 22],
  'raw-newline-in-string.json': ['syntax', 'the control character U+000A must be escaped inside a string at line 5, column 43.', undefined, 5, 43],
  'csv-export.zip': ['not-json', 'This is a zip file (perhaps the CSV export), not a Turnkeeper JSON backup.'],
  'top-level-array.json': ['not-turnkeeper', 'This is JSON, but not a Turnkeeper export'],
  'no-format.json': ['not-turnkeeper', 'it has no "format" field', 'format'],
  'wrong-format.json': ['not-turnkeeper', 'This is not a Turnkeeper export: its "format" is "evernote", not "turnkeeper".', 'format'],
  'future-version.json': ['future-version', 'This file was made by a newer Turnkeeper (format version 2); this one reads versions up to 1. Update Turnkeeper, then import again.', 'version'],
  'version-string.json': ['bad-version', `The file's "version" must be a whole number; it is "1".`, 'version'],
  'negative-version.json': ['bad-version', 'Format version -1 is not one Turnkeeper ever wrote.', 'version'],
  'bad-exported-at.json': ['shape', 'exportedAt must be an ISO 8601 date-time', 'exportedAt'],
  'wrong-types.json': ['shape', 'messages[1].sentAt must be an ISO 8601 date-time with a zone', 'messages[1].sentAt'],
  'bad-date.json': ['shape', 'messages[0].sentAt must be an ISO 8601 date-time', 'messages[0].sentAt'],
  'missing-field.json': ['shape', 'The file is not a valid Turnkeeper export: people[1].name is missing.', 'people[1].name'],
  'bad-enum.json': ['shape', 'conversations[0].turn must be one of mine, theirs, follow-up, resting', 'conversations[0].turn'],
  'several-problems.json': ['shape', 'people[0].emails must be a list of strings (and 1 more problem).', 'people[0].emails'],
  'duplicate-ids.json': ['duplicate-id', 'messages[1] has the same id "gmail:t1|m1" as messages[0]; ids must be unique.', 'messages[1]'],
  'table-not-list.json': ['shape', 'messages must be a list (an array).', 'messages'],
  'settings-array.json': ['shape', 'settings must be an object (setting name → value).', 'settings'],
  'long-id.json': ['shape', 'people[1].id must be at most 4096 characters', 'people[1].id'],
  'deep-nesting.json': ['too-deep', /^The data is nested too deeply at settings\.deep(\[0\])+ \(more than 32 levels\)\.$/],
};

describe('hostile files are refused and nothing is written', () => {
  for (const [name, [code, fragment, path, line, column]] of Object.entries(REFUSED)) {
    it(name, async () => {
      const before = await snapshot(db);
      let asked = false;
      const outcome = await importJson(db, fixture(name), () => (asked = true));
      expect(outcome.status).toBe('refused');
      if (outcome.status !== 'refused') return;
      expect(outcome.error.code).toBe(code);
      if (typeof fragment === 'string') expect(outcome.error.message).toContain(fragment);
      else expect(outcome.error.message).toMatch(fragment);
      if (path !== undefined) expect(outcome.error.path).toBe(path);
      if (line !== undefined) expect([outcome.error.line, outcome.error.column]).toEqual([line, column]);
      expect(asked).toBe(false);
      expect(await snapshot(db)).toStrictEqual(before);
    });
  }

  it('lists several shape problems with their paths', async () => {
    const r = await parseImportFile(db, fixture('several-problems.json'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.issues).toEqual([
      { path: 'people[0].emails', message: 'must be a list of strings' },
      { path: 'pins[0].done', message: 'must be true or false' },
    ]);
  });

  it('the truncated file reports the line and column where it ends', async () => {
    const text = readFileSync(dir + 'truncated.json', 'utf8');
    const r = await parseImportFile(db, text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const lines = text.split('\n');
    expect(r.error.line).toBe(lines.length);
    expect(r.error.column).toBe(lines.at(-1)!.length + 1);
  });

  it('a file larger than the limit is refused before it is read', async () => {
    const big = { size: LIMITS.maxFileBytes + 1 } as Blob;
    const r = await parseImportFile(db, big);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error.code).toBe('too-large');
  });

  it('a giant string outside message text is refused', async () => {
    const doc = valid();
    doc.people[1].name = 'A'.repeat(LIMITS.maxStringLength + 1);
    const r = await parseImportFile(db, JSON.stringify(doc));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('too-long');
      expect(r.error.message).toBe('people[1].name is 1 million characters long; the limit is 1 million characters.');
    }
  });

  it('an enormous message text is cut to the limit, marked partial, and said so', async () => {
    const doc = valid();
    doc.messages[0].id = 'gmail:t1|big';
    doc.messages[0].text = '😀'.repeat(800_000); // 1.6 M UTF-16 units
    const r = await parseImportFile(db, JSON.stringify(doc));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.file.warnings).toContainEqual(
      expect.objectContaining({ code: 'text-truncated', path: 'messages[0].text', message: 'messages[0].text was 1.6 million characters long; the first 1 million characters were kept and the message is marked partial.' }),
    );
    await applyImport(db, r.file);
    const m = await db.messages.get('gmail:t1|big');
    expect(m!.text.length).toBe(LIMITS.maxTextLength);
    expect(m!.text.endsWith('😀')).toBe(true); // never half a surrogate pair
    expect(m!.partial).toBe(true);
    // Importing it again changes nothing.
    const again = await parseImportFile(db, JSON.stringify(doc));
    if (!again.ok) throw new Error(again.error.message);
    expect((await applyImport(db, again.file)).changes).toBe(0);
  });
});

describe('forbidden keys are neutralised', () => {
  it('never pollutes a prototype and drops the keys with a warning', async () => {
    const r = await parseImportFile(db, fixture('proto-pollution.json'));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.file.warnings.find((x) => x.code === 'forbidden-key')!;
    expect(w.message).toBe(
      'Ignored the field "__proto__" at __proto__: names such as __proto__ and constructor are never taken from a file. (7 cases in all)',
    );
    await applyImport(db, r.file);
    const probe = {} as Record<string, unknown>;
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    const p = await db.people.get('p-x');
    expect(Object.keys(p!).sort()).toEqual(['createdAt', 'emails', 'id', 'isMe', 'linkedin', 'name', 'updatedAt']);
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(String(p)).toBe('[object Object]');
    expect((await db.settings.get('nested'))!.value).toEqual({});
    expect((await db.settings.get('waitDays'))!.value).toBe(3); // the database's value is kept
  });
});

describe('reading odd encodings', () => {
  it('reads UTF-8 with a BOM and UTF-16 with a BOM', async () => {
    const text = readFileSync(dir + 'valid-v1.json', 'utf8');
    const bom8 = await parseImportFile(db, new Blob(['\uFEFF' + text]));
    expect(bom8.ok).toBe(true);
    const u16 = new Uint8Array(2 + text.length * 2);
    u16[0] = 0xff;
    u16[1] = 0xfe;
    for (let i = 0; i < text.length; i++) {
      u16[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      u16[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const r = await parseImportFile(db, new Blob([u16]));
    expect(r.ok).toBe(true);
  });
});
