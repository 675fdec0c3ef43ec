import { liveQuery } from 'dexie';
import { useEffect, useState } from 'preact/hooks';

/**
 * Subscribes a component to a Dexie query: it re-renders whenever the rows the query read change, whichever context
 * (background, another tab's sidebar, the dashboard) changed them. `undefined` while the first result is pending.
 *
 * The query is wrapped in an `async` function on purpose: Dexie tracks the reads of a querier across native `await`s
 * only when the querier itself is an async function. `liveQuery(() => getTimeline(db, id, now))` (a plain arrow
 * returning a promise) loses track after the first few awaits, and the sidebar would miss a new note or pin.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
    setValue(undefined);
    const subscription = liveQuery(async () => await query()).subscribe({
      next: (result) => setValue(() => result),
      error: (error: unknown) => console.error('[Turnkeeper] live query failed:', error instanceof Error ? error.name : typeof error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
