// The database layer's public API: the only code that touches IndexedDB. See each module for details.
export { DATABASE_NAME, openDatabase, SCHEMA_VERSIONS, TurnkeeperDatabase } from './database';
export * from './records';
export { conversationIdOf, ingestSnapshot, ingestSnapshots, type IngestContext, type IngestResult } from './ingest';
export * from './queries';
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
  snoozePin,
  unmergePeople,
  unrestConversation,
  updateNote,
  type NewNote,
  type NewPin,
  type NotePatch,
  type TurnChange,
} from './actions';
