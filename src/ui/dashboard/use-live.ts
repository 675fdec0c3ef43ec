import { useEffect, useRef, useState } from 'preact/hooks';
import { liveRead } from '../../db';
import { REFRESH_WHILE_IMPORTING_MS, useImportRunning } from './import-running';

/**
 * Like useLiveQuery (../components/use-live-query.ts), but keeps showing the previous result while a query with new
 * deps (the minute ticking, another filter) runs, so lists never blink empty. `undefined` only before the first
 * result. While a history import runs (import-running.ts) it reads when the deps change and every few seconds, instead
 * of at every write.
 */
export function useLive<T>(query: () => Promise<T>, deps: unknown[]): T | undefined {
  const [value, setValue] = useState<T | undefined>(undefined);
  const latest = useRef(query);
  latest.current = query;
  const importing = useImportRunning();
  useEffect(() => {
    let stale = false;
    if (importing) {
      const read = () =>
        latest.current().then(
          (result) => {
            if (!stale) setValue(() => result);
          },
          (error: unknown) =>
            console.error('[Turnkeeper] dashboard query failed:', error instanceof Error ? error.name : typeof error),
        );
      // Read at once too: new deps are the seller asking for something else (a section opened, another site), which
      // must not wait for the next tick.
      void read();
      const timer = setInterval(read, REFRESH_WHILE_IMPORTING_MS);
      return () => {
        stale = true;
        clearInterval(timer);
      };
    }
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
  }, [...deps, importing]);
  return value;
}
