import { useLayoutEffect, useState } from 'preact/hooks';
import { liveRead } from '../../db';

/**
 * Subscribes a component to a read of src/db (liveRead): it re-renders whenever the rows the query read change,
 * whichever context (background, another tab's sidebar, the dashboard) changed them. `undefined` while the first
 * result is pending.
 *
 * The read starts in a layout effect, right after the render, not in an effect: Preact runs effects after the next
 * frame, and a frame that is still hidden (the sidebar preloads hidden) gets no frame, only Preact's 35 ms fallback.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useLayoutEffect(() => {
    setValue(undefined);
    const subscription = liveRead(query).subscribe({
      next: (result) => setValue(() => result),
      error: (error: unknown) => console.error('[Turnkeeper] live query failed:', error instanceof Error ? error.name : typeof error),
    });
    return () => subscription.unsubscribe();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
