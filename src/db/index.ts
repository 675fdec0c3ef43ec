// The database layer's one entry point: the only code that touches IndexedDB. Nothing outside src/db imports a
// module of src/db other than this one, or Dexie. Callers hold a TurnkeeperDatabase (openDatabase) only to hand it
// back to these functions.
//
// - opening: the database, its schema, waiting for it to open;
// - records: the rows' shapes (also the export format's);
// - reads: named queries (src/db/queries/), each usable in a live read (liveRead, src/db/live.ts);
// - writes: named actions (actions.ts, settings, page notes, backup times) and ingest;
// - transfer: bulk reads and writes for export and import (transfer.ts, import-index.ts).
export {
  DATABASE_NAME,
  DatabaseBlockedError,
  openDatabase,
  OPEN_BLOCKED_TIMEOUT_MS,
  SCHEMA_VERSIONS,
  TurnkeeperDatabase,
  whenOpen,
} from './database';
export * from './records';
export { liveRead, type LiveRead, type LiveSubscription } from './live';

// ── reads ────────────────────────────────────────────────────────────────────
export * from './queries';
export {
  countConversations,
  hasConversations,
  getConversation,
  getConversations,
  getMyPerson,
  getPeople,
  newestConversationOf,
} from './queries/lookups';
export { overdueConversationRows } from './queries/lists';
export {
  listStates,
  type GmailListEvidence,
  type LinkedInListEvidence,
  type ListEvidence,
} from './queries/list-states';
export { duePinsOf, unnotifiedDuePins } from './queries/pins';
export { conversationTitles, firstWords } from './conversation-titles';
export { loadPageNotes, pageConversationId, pageKey } from './page-notes';
export { readBackupState } from './backup-state';

// ── writes ───────────────────────────────────────────────────────────────────
export { conversationIdOf, ingestSnapshot, ingestSnapshots, type IngestContext, type IngestResult } from './ingest';
export { importThreads, type ImportedConversationState, type ImportThreadsResult } from './import-threads';
export {
  addNote,
  addPin,
  completePin,
  deleteNote,
  deletePin,
  dismissSuggestion,
  markPinNotified,
  mergePeople,
  refreshTurns,
  restConversation,
  restoreNote,
  restorePin,
  restoreSuggestion,
  saveSettings,
  snoozePin,
  unmergePeople,
  unrestConversation,
  updateNote,
  type NewNote,
  type NewPin,
  type NotePatch,
  type TurnChange,
} from './actions';
export { ensurePageConversation } from './page-notes';
export { rememberConfirmedMe, type ConfirmedMe } from './remember-me';
export { learnFromList, LINKEDIN_OWN_PREFIXES_KEY, type ListLearning } from './list-evidence';
export {
  LAST_BACKUP_KEY,
  LAST_BACKUP_REMINDER_KEY,
  RECORDING_SINCE_KEY,
  recordBackup,
  recordBackupReminder,
  startRecordingClock,
} from './backup-state';

// ── transfer: export and import ─────────────────────────────────────────────
export {
  countRows,
  getRows,
  getSettingRows,
  inSnapshot,
  inWriteTransaction,
  keepTransactionOpen,
  primaryKeysOf,
  putRows,
  putSettingRows,
  readConversationRecords,
  readOpenReminders,
  readRowsInKeyOrder,
  readSettingRows,
  rowKey,
  tableInfos,
  transactionValue,
  type ConversationRecords,
  type KeyPath,
  type Row,
  type TableInfo,
} from './transfer';
export { addIndexRows, deleteIndexRows, nextIndexSeq, SearchIndexUpdate } from './import-index';
