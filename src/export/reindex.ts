// Keeping the search index (table `search`, derived data owned by src/db) in step with imported rows, the way
// ingest does: the row builders of src/db/search-index.ts before and after each write. Runs inside the import's
// transaction. If src/db grows a public "reindex these rows" call, this file is the one place to switch to it.
import type { TurnkeeperDatabase } from '../db/database';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord, SearchRecord } from '../db/records';
import { messageSearchRow, noteSearchRow, personSearchRow, SearchChanges, subjectSearchRow } from '../db/search-index';
import type { Row } from './merge';

const BUILDERS: Record<string, (row: Row) => SearchRecord | null> = {
  messages: (r) => messageSearchRow(r as unknown as MessageRecord),
  notes: (r) => noteSearchRow(r as unknown as NoteRecord),
  people: (r) => personSearchRow(r as unknown as PersonRecord),
  conversations: (r) => subjectSearchRow(r as unknown as ConversationRecord),
};

export class SearchIndexUpdate {
  private changes = new SearchChanges();
  constructor(private readonly db: TurnkeeperDatabase) {}

  get active(): boolean {
    return this.db.tables.some((t) => t.name === 'search');
  }

  /** A row of `table` was written: `before` is the database's row (undefined when new). */
  written(table: string, before: Row | undefined, after: Row): void {
    const build = BUILDERS[table];
    if (!build || !this.active) return;
    this.changes.change(before ? build(before) : null, build(after));
  }

  /** Write what was collected since the last flush (called after each chunk). */
  async flush(): Promise<void> {
    const changes = this.changes;
    if (!this.active || changes.empty) return;
    this.changes = new SearchChanges();
    const search = this.db.table('search');
    if (changes.deletes.size) await search.bulkDelete([...changes.deletes]);
    if (changes.puts.size) await search.bulkPut([...changes.puts.values()]);
  }
}
