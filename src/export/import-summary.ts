// The one-sentence summaries of an import: what it would do (the plan) and what it did (the result). The words are
// in public/_locales/en/messages.json like every other string; IMPORT_SUMMARY_EN holds the same English with
// $1-style substitutions (as src/core/relative-time.ts's EN_MESSAGES) for callers without the browser's i18n, such
// as tests. The UI passes its own translate (ImportOptions.translate).
import type { Translate } from '../core/relative-time';
import type { TableCounts } from './import-types';

export const IMPORT_SUMMARY_EN = {
  importCountPeopleOne: '$1 person',
  importCountPeopleMany: '$1 people',
  importCountConversationsOne: '$1 conversation',
  importCountConversationsMany: '$1 conversations',
  importCountMessagesOne: '$1 message',
  importCountMessagesMany: '$1 messages',
  importCountNotesOne: '$1 note',
  importCountNotesMany: '$1 notes',
  importCountPinsOne: '$1 pin',
  importCountPinsMany: '$1 pins',
  importCountSettingsOne: '$1 setting',
  importCountSettingsMany: '$1 settings',
  importCountRowsOne: '$1 row of $2',
  importCountRowsMany: '$1 rows of $2',
  importListAnd: '$1 and $2',
  importSummaryParts: '$1; $2',
  importSummarySentence: '$1.',
  importPlanNothing: 'Nothing to import: everything in the file is already here.',
  importPlanEmpty: 'The file holds no records.',
  importPlanAdds: 'Adds $1',
  importPlanAddsNothing: 'Adds nothing new',
  importPlanPresent: '$1 already present',
  importPlanPresentEnrichedOne: '$1 already present ($2 gets details from the file)',
  importPlanPresentEnrichedMany: '$1 already present ($2 get details from the file)',
  importResultNothing: 'Nothing changed: everything in the file was already here.',
  importResultAdded: 'Added $1',
  importResultUpdated: 'Updated $1',
  importResultAlsoUpdated: 'updated $1',
} as const;

export const englishImportTranslate: Translate = (key, subs) => {
  const text = (IMPORT_SUMMARY_EN as Record<string, string>)[key] ?? key;
  return text.replace(/\$(\d)/g, (whole, n: string) => subs[Number(n) - 1] ?? whole);
};

/** The tables with a noun of their own: the rest are counted as "rows of <table>". */
const NOUN_KEYS: Record<string, string> = {
  people: 'importCountPeople',
  conversations: 'importCountConversations',
  messages: 'importCountMessages',
  notes: 'importCountNotes',
  pins: 'importCountPins',
  settings: 'importCountSettings',
};

/** "3 people", or for a table without a noun of its own "3 rows of links". */
function countOf(t: Translate, n: number, table: string): string {
  const count = n.toLocaleString('en');
  const base = NOUN_KEYS[table];
  if (base) return t(`${base}${n === 1 ? 'One' : 'Many'}`, [count]);
  return t(n === 1 ? 'importCountRowsOne' : 'importCountRowsMany', [count, table]);
}

function listJoin(t: Translate, items: string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return t('importListAnd', [items.slice(0, -1).join(', '), items[items.length - 1]!]);
}

const sentence = (t: Translate, parts: string[]) =>
  t('importSummarySentence', [parts.reduce((a, b) => t('importSummaryParts', [a, b]))]);

/** "Adds 12 conversations and 340 messages; 3 conversations already present (1 gets details from the file)." */
export function planSummary(tables: TableCounts[], t: Translate = englishImportTranslate): string {
  const adds = tables.filter((c) => c.add).map((c) => countOf(t, c.add, c.table));
  const present = tables.filter((c) => c.update + c.unchanged && c.table !== 'settings');
  if (!adds.length && !tables.some((c) => c.update)) {
    return tables.some((c) => c.inFile) ? t('importPlanNothing', []) : t('importPlanEmpty', []);
  }
  const parts: string[] = [adds.length ? t('importPlanAdds', [listJoin(t, adds)]) : t('importPlanAddsNothing', [])];
  if (present.length) {
    const updated = present.reduce((n, c) => n + c.update, 0);
    const items = listJoin(t, present.map((c) => countOf(t, c.update + c.unchanged, c.table)));
    parts.push(
      updated
        ? t(updated === 1 ? 'importPlanPresentEnrichedOne' : 'importPlanPresentEnrichedMany', [items, updated.toLocaleString('en')])
        : t('importPlanPresent', [items]),
    );
  }
  return sentence(t, parts);
}

/** "Added 12 conversations and 340 messages; updated 1 conversation." */
export function resultSummary(tables: TableCounts[], t: Translate = englishImportTranslate): string {
  const adds = tables.filter((c) => c.add).map((c) => countOf(t, c.add, c.table));
  const ups = tables.filter((c) => c.update).map((c) => countOf(t, c.update, c.table));
  if (!adds.length && !ups.length) return t('importResultNothing', []);
  const parts: string[] = [];
  if (adds.length) parts.push(t('importResultAdded', [listJoin(t, adds)]));
  if (ups.length) parts.push(t(adds.length ? 'importResultAlsoUpdated' : 'importResultUpdated', [listJoin(t, ups)]));
  return sentence(t, parts);
}
