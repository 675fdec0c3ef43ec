// Live reads: a read of src/db re-run whenever the rows it read change, whichever context (background, another
// tab's sidebar, the dashboard) changed them. The UI's hooks subscribe through this, so only src/db knows Dexie.
import { liveQuery } from 'dexie';

export interface LiveSubscription {
  unsubscribe(): void;
}

export interface LiveRead<T> {
  subscribe(observer: { next: (value: T) => void; error: (error: unknown) => void }): LiveSubscription;
}

/**
 * `read` (any composition of src/db's queries) as a live read. The read is wrapped in an `async` function on
 * purpose: Dexie tracks the reads of a querier across native `await`s only when the querier itself is an async
 * function. `liveQuery(() => getTimeline(db, id, now))` (a plain arrow returning a promise) loses track after the
 * first few awaits, and the sidebar would miss a new note or pin.
 */
export function liveRead<T>(read: () => Promise<T> | T): LiveRead<T> {
  return liveQuery(async () => await read());
}
