// Keeping the search index (table `wordIndex`, derived data owned by src/db) in step with imported rows, the way
// ingest does: the row builders of src/db/search-index.ts before and after each write. Runs inside the import's
// transaction. If src/db grows a public "reindex these rows" call, this file is the one place to switch to it.
import type { TurnkeeperDatabase } from '../db/database';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord, SearchRecord } from '../db/records';
import {
  messageSearchRow,
  noteSearchRow,
  personSearchRow,
  SearchChanges,
  sortedSearchRows,
  subjectSearchRow,
} from '../db/search-index';
import type { Row } from './merge';

const BUILDERS: Record<string, (row: Row) => SearchRecord | null> = {
  messages: (r) => messageSearchRow(r as unknown as MessageRecord),
  notes: (r) => noteSearchRow(r as unknown as NoteRecord),
  people: (r) => personSearchRow(r as unknown as PersonRecord),
  conversations: (r) => subjectSearchRow(r as unknown as ConversationRecord),
};

export class SearchIndexUpdate {
  private changes = new SearchChanges();
  readonly active: boolean;
  constructor(private readonly db: TurnkeeperDatabase) {
    this.active = db.tables.some((t) => t.name === 'wordIndex');
  }

  /** A row of `table` was written: `before` is the database's row (undefined when new). */
  written(table: string, before: Row | undefined, after: Row): void {
    const build = BUILDERS[table];
    if (!build || !this.active) return;
    this.changes.change(before ? build(before) : null, build(after));
  }

  /** Changes collected since the last call: the keys whose rows go, and the rows to add, oldest key first. */
  take(): { deletes: string[]; puts: SearchRecord[] } {
    const changes = this.changes;
    this.changes = new SearchChanges();
    if (!this.active || changes.empty) return { deletes: [], puts: [] };
    return { deletes: [...changes.deletes], puts: sortedSearchRows(changes.puts.values()) };
  }
}
