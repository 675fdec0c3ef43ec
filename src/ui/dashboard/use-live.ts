import { useEffect, useRef, useState } from 'preact/hooks';
import { liveRead } from '../../db';

/**
 * Like useLiveQuery (../components/use-live-query.ts), but keeps showing the previous result while a query with new
 * deps (the minute ticking, another filter) runs, so lists never blink empty. `undefined` only before the first
 * result.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  useEffect(() => {
    let stale = false;
    const subscription = liveRead(() => latest.current()).subscribe({
      next: (result) => {
        if (!stale) setValue(() => result);
      },
      error: (error: unknown) =>
        console.error('[Turnkeeper] dashboard query failed:', error instanceof Error ? error.name : typeof error),
    });
    return () => {
      stale = true;
      subscription.unsubscribe();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  return value;
}
