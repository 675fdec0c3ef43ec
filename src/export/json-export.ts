// The complete, restorable JSON export (docs/export-format.md). Built as string parts, one per chunk, into a Blob:
// no giant object, no single JSON.stringify over the whole history.
import type { TurnkeeperDatabase } from '../db';
import { FORMAT_NAME, FORMAT_VERSION } from './format';
import type { ProgressCallback } from './progress';
import { dateStamp, inSnapshot, openSource, type ReadOptions } from './read';
import { recordBackup } from './persistence';

export interface JsonExportOptions extends ReadOptions {
  onProgress?: ProgressCallback;
  /** The export time (tests). */
  now?: Date;
}

export interface ExportFile {
  blob: Blob;
  /** A suggested file name, for downloadBlob. */
  filename: string;
  exportedAt: string;
  /** Rows written per table (settings: number of keys). */
  counts: Record<string, number>;
}

/**
 * Export everything (or one conversation, with `conversationId`) as one JSON file. A full export is a backup: once
 * the file is built, the settings row `lastBackupAt` is set to its `exportedAt`.
 */
export async function exportJson(db: TurnkeeperDatabase, options: JsonExportOptions = {}): Promise<ExportFile> {
  const now = options.now ?? new Date();
  const exportedAt = now.toISOString();
  const full = options.conversationId === undefined;
  const onProgress = options.onProgress;

  const { parts, counts } = await inSnapshot(db, async () => {
    const source = await openSource(db, options);
    const total = source.tables.reduce((n, t) => n + t.count, 0);
    let done = 0;
    onProgress?.({ done, total, phase: 'read' });
    const parts: BlobPart[] = [
      `{"format":${JSON.stringify(FORMAT_NAME)},"version":${FORMAT_VERSION},"exportedAt":${JSON.stringify(exportedAt)},` +
        `"scope":${JSON.stringify(full ? 'all' : 'conversation')}`,
    ];
    const counts: Record<string, number> = {};
    for (const { name } of source.tables) {
      parts.push(`,\n${JSON.stringify(name)}:[`);
      let n = 0;
      await source.forEachChunk(name, (rows) => {
        let s = '';
        for (const row of rows) s += (n++ === 0 ? '\n' : ',\n') + JSON.stringify(row);
        // Encode each chunk now: the final Blob then only joins blobs, and the strings can be collected early.
        parts.push(new Blob([s]));
        done += rows.length;
        onProgress?.({ done, total, phase: 'read', table: name });
      });
      parts.push(n ? '\n]' : ']');
      counts[name] = n;
    }
    // Settings: one object, key → value. A full export carries its own time as lastBackupAt, so a restored
    // database knows this backup exists.
    const entries = source.settings.filter((r) => typeof r.key === 'string' && r.key !== 'lastBackupAt');
    const settingParts = entries.map((r) => `${JSON.stringify(r.key)}:${JSON.stringify(r.value) ?? 'null'}`);
    if (full) settingParts.push(`"lastBackupAt":${JSON.stringify(exportedAt)}`);
    parts.push(`,\n"settings":{${settingParts.join(',\n')}}\n}\n`);
    counts.settings = settingParts.length;
    return { parts, counts };
  });

  const blob = new Blob(parts, { type: 'application/json' });
  if (full) await recordBackup(db, exportedAt);
  onProgress?.({ done: 1, total: 1, phase: 'done' });
  const filename = full
    ? `turnkeeper-backup-${dateStamp(now)}.json`
    : `turnkeeper-conversation-${dateStamp(now)}.json`;
  return { blob, filename, exportedAt, counts };
}
