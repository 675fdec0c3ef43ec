// The import summaries come from _locales like every other string: the browser's English (messages.json, as
// chrome.i18n would give it) and the built-in English used without a browser say the same sentences.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Translate } from '../../../src/core/relative-time';
import { IMPORT_SUMMARY_EN, planSummary, resultSummary } from '../../../src/export/import-summary';
import type { TableCounts } from '../../../src/export/json-import';

const ROOT = resolve(import.meta.dirname, '../../..');
const locale = JSON.parse(readFileSync(resolve(ROOT, 'public/_locales/en/messages.json'), 'utf8')) as Record<
  string,
  { message: string; placeholders?: Record<string, { content: string }> }
>;

/** chrome.i18n.getMessage, for English: named placeholders resolved to $1…, then substituted; '' when missing. */
const browserEnglish: Translate = (key, subs) => {
  const entry = locale[key];
  if (!entry) return '';
  const text = entry.message.replace(/\$([A-Za-z0-9_]+)\$/g, (whole, name: string) => {
    const content = entry.placeholders?.[name.toLowerCase()]?.content;
    return content ?? whole;
  });
  return text.replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
};

const counts = (table: string, c: Partial<TableCounts>): TableCounts => ({
  table,
  inFile: 0,
  add: 0,
  update: 0,
  unchanged: 0,
  ...c,
});

describe('import summaries', () => {
  it('every summary string is in _locales/en with the same English', () => {
    for (const [key, english] of Object.entries(IMPORT_SUMMARY_EN)) {
      expect(browserEnglish(key, ['$1', '$2']), key).toBe(english);
    }
  });

  it('says the plan and the result through the translate given (the dashboard passes the browser\'s)', () => {
    const tables = [
      counts('people', { inFile: 2, add: 1, unchanged: 1 }),
      counts('conversations', { inFile: 3, add: 2, update: 1 }),
      counts('links', { inFile: 1, add: 1 }),
    ];
    expect(planSummary(tables, browserEnglish)).toBe(
      'Adds 1 person, 2 conversations and 1 row of links; 1 person and 1 conversation already present (1 gets details from the file).',
    );
    expect(resultSummary(tables, browserEnglish)).toBe(
      'Added 1 person, 2 conversations and 1 row of links; updated 1 conversation.',
    );
    expect(planSummary(tables, browserEnglish)).toBe(planSummary(tables));
    expect(resultSummary([counts('notes', { inFile: 4, unchanged: 4 })], browserEnglish)).toBe(
      'Nothing changed: everything in the file was already here.',
    );
  });
});
