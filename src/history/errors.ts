// Errors of the history import. Each carries a message key of public/_locales/en/messages.json and its
// substitutions (the file name first), so the dashboard can show it in the user's language; `message` is the English
// fallback for logs. Never message text from the file: names of files and columns only.

export type HistoryErrorCode =
  | 'historyUnknownKind'
  | 'historyNotBackup'
  | 'historyGzip'
  | 'historyZipEmpty'
  | 'historyZipBroken'
  | 'historyCsvMissingColumn'
  | 'historyCsvBroken'
  | 'historyReadFailed'
  | 'historyCancelled';

const ENGLISH: Record<HistoryErrorCode, (file: string, detail: string) => string> = {
  historyUnknownKind: (f, d) =>
    `${f} is not a Gmail Takeout mbox, a LinkedIn messages.csv, a zip holding one of them, or a Turnkeeper backup (${d}).`,
  historyNotBackup: (f) => `${f} is a JSON file but not a Turnkeeper backup.`,
  historyGzip: (f) => `${f} is a .tgz archive: ask Google Takeout for a .zip instead, or unpack it and choose the .mbox.`,
  historyZipEmpty: (f) => `${f} is a zip, but holds no mbox and no LinkedIn messages.csv.`,
  historyZipBroken: (f, d) => `${f} could not be unpacked (${d}); nothing from it was imported.`,
  historyCsvMissingColumn: (f, d) => `${f} looks like LinkedIn's messages.csv but has no ${d} column.`,
  historyCsvBroken: (f, d) => `${f} could not be read as CSV (${d}).`,
  historyReadFailed: (f, d) => `${f} could not be read (${d}); was it moved or changed while being read?`,
  historyCancelled: (f) => `Reading ${f} was cancelled.`,
};

export class HistoryError extends Error {
  readonly code: HistoryErrorCode;
  readonly file: string;
  readonly detail: string;
  constructor(code: HistoryErrorCode, file: string, detail = '') {
    super(ENGLISH[code](file, detail));
    this.name = 'HistoryError';
    this.code = code;
    this.file = file;
    this.detail = detail;
  }
  /** Substitutions for the message key: file name, then detail. */
  get substitutions(): [string, string] {
    return [this.file, this.detail];
  }
}
