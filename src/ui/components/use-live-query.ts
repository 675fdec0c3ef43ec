import { useEffect, useState } from 'preact/hooks';
import { liveRead } from '../../db';

/**
 * Subscribes a component to a read of src/db (liveRead): it re-renders whenever the rows the query read change,
 * whichever context (background, another tab's sidebar, the dashboard) changed them. `undefined` while the first
 * result is pending.
 */
export function useLiveQuery<T>(query: () => Promise<T> | T, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  useEffect(() => {
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
