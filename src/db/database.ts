import Dexie, { type EntityTable } from 'dexie';
import type {
  ConversationRecord,
  MessageRecord,
  NoteRecord,
  PersonRecord,
  PinRecord,
  SettingRecord,
} from './records';

export const DATABASE_NAME = 'turnkeeper';

/**
 * The one database class. Every released schema version stays declared below, oldest first; data changes go in
 * `.upgrade()`. Only code under src/db touches IndexedDB.
 */
export class TurnkeeperDatabase extends Dexie {
  people!: EntityTable<PersonRecord, 'id'>;
  conversations!: EntityTable<ConversationRecord, 'id'>;
  messages!: EntityTable<MessageRecord, 'id'>;
  notes!: EntityTable<NoteRecord, 'id'>;
  pins!: EntityTable<PinRecord, 'id'>;
  settings!: EntityTable<SettingRecord, 'key'>;

  constructor(name = DATABASE_NAME, options?: ConstructorParameters<typeof Dexie>[1]) {
    super(name, options);
    this.version(1).stores({
      people: 'id, *emails, *linkedin, name, mergedInto',
      conversations: 'id, site, threadId, turn, lastMessageAt, *personIds, updatedAt',
      messages: 'id, conversationId, personId, sentAt, [conversationId+sentAt]',
      notes: 'id, conversationId, personId, createdAt',
      pins: 'id, conversationId, dueAt, done',
      settings: 'key',
    });
  }
}

let shared: TurnkeeperDatabase | undefined;
/** The database of this extension context (background, sidebar, dashboard). */
export function openDatabase(): TurnkeeperDatabase {
  shared ??= new TurnkeeperDatabase();
  return shared;
}
