// The dashboard's search as the query is typed: every keystroke runs it; an answer that arrives after a newer
// query (or site) was asked is dropped.
import { useEffect, useState } from 'preact/hooks';
import type { TurnkeeperDatabase } from '../../db';
import type { SiteFilter } from './data';
import { runSearch, searchable, type SearchResult } from './search-data';

export interface Searched {
  query: string;
  results: SearchResult[];
}

/** The latest answer for `trimmed` on `site`; null while the query is too short to search. */
export function useSearch(db: TurnkeeperDatabase, trimmed: string, site: SiteFilter): Searched | null {
  const [searched, setSearched] = useState<Searched | null>(null);
  useEffect(() => {
    if (!searchable(trimmed)) {
      setSearched(null);
      return;
    }
    let stale = false;
    runSearch(db, trimmed, site).then(
      (results) => {
        if (!stale) setSearched({ query: trimmed, results });
      },
      (error: unknown) => console.error('[Turnkeeper] search failed:', error instanceof Error ? error.name : typeof error),
    );
    return () => {
      stale = true;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [trimmed, site]);
  return searched;
}
