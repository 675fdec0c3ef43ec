// Reads for the sidebar, the dashboard and the background. Every function only reads through Dexie (no writes, no
// other side effects), so each can run inside liveQuery (src/db/live.ts). Turns are computed from the record and
// the `now` given, never taken from the cached `turn` alone, so results are right even when the cache is stale;
// re-run with a new `now` as time passes (liveQuery re-runs only when the data changes).
export { getSettings, DEFAULT_SETTINGS, type Settings, type SettingsPatch } from '../settings';
export { conversationViews, type ConversationView, type PersonSummary, type PersonView } from './views';
export { getTimeline, type Timeline, type TimelineMessage } from './timeline';
export {
  findPersonByEmail,
  findPersonByProfile,
  getPersonDetails,
  listSuggestions,
  type PersonDetails,
  type SuggestionView,
} from './people';
export {
  followUpDue,
  goneQuiet,
  myTurn,
  resting,
  sectionCounts,
  waitingOnThem,
  type ListOptions,
  type SectionCounts,
} from './lists';
export { badgeCounts, nextDueAt, pinnedPage, type BadgeCounts, type PinnedRow } from './pins';
export { search, searchWithRecords, type SearchHit, type SearchHitKind, type SearchRecords } from './search';
export { findConversation } from './lookups';
