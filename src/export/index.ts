// The export module's public API: JSON backup and restore, CSV, ICS, Markdown, download, persistence.
export { exportJson, type ExportFile, type JsonExportOptions } from './json-export';
export {
  parseImportFile,
  planImport,
  applyImport,
  importJson,
  type ImportError,
  type ImportErrorCode,
  type ImportWarning,
  type ImportFile,
  type ImportPlan,
  type ImportResult,
  type ImportOptions,
  type ParseResult,
  type TableCounts,
} from './json-import';
export { exportCsv, exportCsvZip, toCsv, neutraliseCell, CSV_TABLES, type CsvTable, type CsvExportOptions } from './csv';
export { exportIcs, buildIcs, type IcsOptions, type IcsLabels, type IcsInput } from './ics';
export {
  exportConversationMarkdown,
  conversationToMarkdown,
  type MarkdownOptions,
  type MarkdownLabels,
  type TranscriptInput,
} from './markdown';
export { downloadBlob, safeFilename } from './download';
export {
  requestPersistence,
  persistenceStatus,
  backupReminderDue,
  readBackupState,
  recordBackup,
  recordBackupReminder,
  LAST_BACKUP_KEY,
  LAST_BACKUP_REMINDER_KEY,
  type PersistenceStatus,
} from './persistence';
export { FORMAT_NAME, FORMAT_VERSION, LIMITS } from './format';
export type { Progress, ProgressCallback, ProgressPhase } from './progress';
