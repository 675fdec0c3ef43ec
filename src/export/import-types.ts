// The shapes of an import (src/export/json-import.ts): why a file was refused, what is worth saying about it, the
// checked file, the plan and the result; and the warnings' tally, shared by checking and planning.
import type { Translate } from '../core/relative-time';
import type { KeyPath, Row } from '../db';
import type { ProgressCallback } from './progress';

export type ImportErrorCode =
  | 'empty'
  | 'too-large'
  | 'not-json'
  | 'syntax'
  | 'not-turnkeeper'
  | 'bad-version'
  | 'future-version'
  | 'shape'
  | 'duplicate-id'
  | 'too-deep'
  | 'too-long';

/** Why a file was refused. `message` is one English sentence for the user. */
export interface ImportError {
  code: ImportErrorCode;
  message: string;
  /** Where in the data, e.g. `messages[12].sentAt`. */
  path?: string;
  /** Where in the text (JSON syntax errors), 1-based. */
  line?: number;
  column?: number;
  /** Every shape problem found (up to LIMITS.maxIssuesListed), for a details list. */
  issues?: { path: string; message: string }[];
}

/** Something neutralised or worth saying, grouped: one entry per kind, with how often it happened. */
export interface ImportWarning {
  code:
    | 'upgraded'
    | 'forbidden-key'
    | 'text-truncated'
    | 'unknown-table'
    | 'unknown-field'
    | 'missing-reference'
    | 'settings-kept';
  message: string;
  count: number;
  /** The first place it happened. */
  path?: string;
}

export interface TableData {
  name: string;
  keyPath: KeyPath;
  rows: Row[];
}

/** A checked file, ready to plan and apply. Opaque to the UI apart from the fields below. */
export interface ImportFile {
  /** The version written in the file, before any upgrade. */
  version: number;
  exportedAt: string;
  scope: 'all' | 'conversation' | null;
  warnings: ImportWarning[];
  /** @internal */ readonly tables: TableData[];
  /** @internal */ readonly settings: [string, unknown][];
}

export type ParseResult = { ok: true; file: ImportFile } | { ok: false; error: ImportError };

export interface TableCounts {
  table: string;
  inFile: number;
  /** New rows. */
  add: number;
  /** Rows already present that the file enriches. */
  update: number;
  /** Rows already present, nothing to change. */
  unchanged: number;
}

export interface ImportPlan {
  tables: TableCounts[];
  warnings: ImportWarning[];
  /** "Adds 12 conversations and 340 messages; 3 conversations already present (1 gets details from the file)." */
  summary: string;
  /** Rows that applying would add or change; 0 means applying does nothing. */
  changes: number;
}

export interface ImportResult {
  tables: TableCounts[];
  /** "Added 12 conversations and 340 messages; updated 1 conversation." */
  summary: string;
  changes: number;
}

export interface ImportOptions {
  onProgress?: ProgressCallback;
  signal?: AbortSignal;
  /** Rows per step (default IMPORT_CHUNK_SIZE). */
  chunkSize?: number;
  /** Words for the plan's and the result's summary (default: English, IMPORT_SUMMARY_EN). */
  translate?: Translate;
  /** @internal Read back every row of the file, even from a table known to be empty (tests compare both ways). */
  lookUpEveryRow?: boolean;
}

export class Warnings {
  private byKey = new Map<string, ImportWarning>();
  /** Warnings with the same code and group are counted together; the first one's message is kept. */
  add(code: ImportWarning['code'], message: string | (() => string), path?: string, group = ''): void {
    const key = `${code}|${group}`;
    const w = this.byKey.get(key);
    if (w) w.count++;
    else this.byKey.set(key, { code, message: typeof message === 'string' ? message : message(), count: 1, ...(path ? { path } : {}) });
  }
  list(): ImportWarning[] {
    return [...this.byKey.values()].map((w) => ({
      ...w,
      message: w.count > 1 && w.path ? `${w.message} (${w.count.toLocaleString('en')} cases in all)` : w.message,
    }));
  }
}
