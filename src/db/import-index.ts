// Keeping the search index (table `wordIndex`, derived data) in step with imported rows, the way ingest does: the
// row builders of search-index.ts before and after each write. Runs inside the import's transaction
// (src/export/import-apply.ts), which writes the rows it collects in steps with the functions below.
import type { TurnkeeperDatabase } from './database';
import type { ConversationRecord, MessageRecord, NoteRecord, PersonRecord, SearchRecord } from './records';
import {
  conversationSearchRow,
  deleteSearchRows,
  nextSearchSeq,
  noteSearchRow,
  numberedSearchRows,
  personSearchRow,
  SearchChanges,
  searchRef,
  sortedSearchRows,
} from './search-index';

type Row = Record<string, unknown>;

const BUILDERS: Record<string, (row: Row) => SearchRecord | null> = {
  notes: (r) => noteSearchRow(r as unknown as NoteRecord),
  people: (r) => personSearchRow(r as unknown as PersonRecord),
};

interface Touched {
  /** The conversation row as written by this import, if it was. */
  written?: ConversationRecord;
  /** Whether the database held the conversation or any of its messages before the import. */
  known: boolean;
  /** The messages this import wrote. */
  messages: MessageRecord[];
}

export class SearchIndexUpdate {
  private changes = new SearchChanges();
  private touched = new Map<string, Touched>();
  readonly active: boolean;
  constructor(private readonly db: TurnkeeperDatabase) {
    this.active = db.tables.some((t) => t.name === 'wordIndex');
  }

  private touch(id: string): Touched {
    let t = this.touched.get(id);
    if (!t) this.touched.set(id, (t = { known: false, messages: [] }));
    return t;
  }

  /** A row of `table` was written: `before` is the database's row (undefined when new). */
  written(table: string, before: Row | undefined, after: Row): void {
    if (!this.active) return;
    if (table === 'conversations') {
      const t = this.touch(String(after.id));
      t.written = after as unknown as ConversationRecord;
      t.known ||= before !== undefined;
      return;
    }
    if (table === 'messages') {
      const m = after as unknown as MessageRecord;
      const t = this.touch(String(m.conversationId));
      t.messages.push(m);
      t.known ||= before !== undefined;
      return;
    }
    const build = BUILDERS[table];
    if (build) this.changes.change(before ? build(before) : null, build(after));
  }

  /**
   * Changes collected since the last call: the refs whose rows go, and the rows to add, oldest key first. A
   * conversation new to the database is indexed from the rows this import wrote; one the database already held is
   * read back whole (its other messages count too). Call it once the import's writes are queued: the reads come
   * after them in the transaction.
   */
  async take(): Promise<{ deletes: string[]; puts: SearchRecord[] }> {
    const changes = this.changes;
    const touched = this.touched;
    this.changes = new SearchChanges();
    this.touched = new Map();
    if (!this.active) return { deletes: [], puts: [] };
    const readBack = [...touched].filter(([, t]) => t.known || !t.written).map(([id]) => id);
    const [convs, messages] = await Promise.all([
      this.db.conversations.bulkGet(readBack),
      Promise.all(readBack.map((id) => this.db.messages.where('conversationId').equals(id).toArray())),
    ]);
    readBack.forEach((id, i) => {
      const conv = convs[i];
      changes.replace(searchRef('conversation', id), conv ? conversationSearchRow(conv, messages[i]!) : null);
    });
    for (const t of touched.values()) {
      if (t.known || !t.written) continue;
      changes.change(null, conversationSearchRow(t.written, t.messages));
    }
    if (changes.empty) return { deletes: [], puts: [] };
    return { deletes: [...changes.deletes], puts: sortedSearchRows(changes.puts.values()) };
  }
}

/** The sequence number the next row appended to the word index takes. */
export function nextIndexSeq(db: TurnkeeperDatabase): Promise<number> {
  return nextSearchSeq(db.wordIndex);
}

/** Removes every word-index row of the records `refs` (as SearchIndexUpdate.take gives them). */
export function deleteIndexRows(db: TurnkeeperDatabase, refs: readonly string[]): Promise<void> {
  return deleteSearchRows(db.wordIndex, refs);
}

/** Appends word-index rows (as SearchIndexUpdate.take gives them), numbered from `first` on. */
export function addIndexRows(db: TurnkeeperDatabase, rows: readonly SearchRecord[], first: number): Promise<unknown> {
  return db.wordIndex.bulkAdd(numberedSearchRows(rows, first));
}
