// Recognises a file from its first bytes, never from its name.
import { FORMAT_NAME } from '../export/format';
import { decodeHeaderBytes } from './charset';
import { HistoryError } from './errors';
import { looksLikeMessagesCsv } from './linkedin-csv';
import { SEPARATOR_SHAPE } from './mbox-split';
import type { FileKind } from './types';

/** Bytes looked at to recognise a file: enough for a JSON backup's `format` key and a CSV header. */
export const SNIFF_BYTES = 64 * 1024;

const BACKUP_MARK = new RegExp(`"format"\\s*:\\s*"${FORMAT_NAME}"`);

/** The kind of content starting with `head`, or null when it is none of them. Throws for known-but-wrong kinds. */
export function kindOf(head: Uint8Array, name: string): FileKind | null {
  if (head[0] === 0x50 && head[1] === 0x4b && (head[2] === 3 || head[2] === 5) && (head[3] === 4 || head[3] === 6)) return 'zip';
  if (head[0] === 0x1f && head[1] === 0x8b) throw new HistoryError('historyGzip', name);
  const text = decodeHeaderBytes(head.subarray(0, SNIFF_BYTES)).replace(/^\ufeff/, '');
  const start = text.trimStart();
  if (start.startsWith('{')) {
    if (BACKUP_MARK.test(start)) return 'turnkeeper-json';
    throw new HistoryError('historyNotBackup', name);
  }
  const firstLine = text.split('\n', 1)[0]!;
  if (firstLine.startsWith('From ') && SEPARATOR_SHAPE.test(firstLine)) return 'mbox';
  if (looksLikeMessagesCsv(firstLine)) return 'linkedin-csv';
  return null;
}

/** Reads the start of `file` and says what it is; a clear error naming the file when it is none of the kinds. */
export async function sniffFile(file: Blob, name: string): Promise<FileKind> {
  let head: Uint8Array;
  try {
    head = new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer());
  } catch (e) {
    throw new HistoryError('historyReadFailed', name, e instanceof Error ? e.name : 'read error');
  }
  if (!head.length) throw new HistoryError('historyUnknownKind', name, 'the file is empty');
  const kind = kindOf(head, name);
  if (!kind) throw new HistoryError('historyUnknownKind', name, 'its first bytes match none of these kinds');
  return kind;
}
