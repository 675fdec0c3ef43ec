// Search results: where each hit is (who, site, conversation), the snippet with the match in <mark>, and opening
// the conversation.
import type { Ref } from 'preact';
import { formatFull } from '../components/format-date';
import { highlightParts } from './highlight';
import type { SearchResult } from './search-data';
import { ago, plural, siteName, t } from './text';

const KIND_LABEL = {
  message: 'dashboardHitMessage',
  note: 'dashboardHitNote',
  person: 'dashboardHitPerson',
  subject: 'dashboardHitSubject',
} as const;

export function Highlighted({ text, match }: { text: string; match: readonly [number, number] | null }) {
  return (
    <>
      {highlightParts(text, match).map((part, i) => (part.match ? <mark key={i}>{part.text}</mark> : part.text))}
    </>
  );
}

export interface SearchResultsProps {
  query: string;
  results: SearchResult[] | null;
  /** One letter typed so far: no search yet. */
  tooShort: boolean;
  now: Date;
  selectedIndex: number;
  onSelect(index: number): void;
  onOpen(result: SearchResult): void;
  itemRef(index: number): Ref<HTMLLIElement>;
}

export function SearchResults({ query, results, tooShort, now, selectedIndex, onSelect, onOpen, itemRef }: SearchResultsProps) {
  return (
    <section class="section" aria-labelledby="search-title" data-testid="search-results" data-query={results && !tooShort ? query : undefined}>
      <h2 id="search-title" class="section__title">
        {t('dashboardSearchTitle')}
        {results && <span class="count">{results.length}</span>}
      </h2>
      {tooShort ? (
        <p class="muted" role="status">
          {t('dashboardSearchKeepTyping')}
        </p>
      ) : results === null ? (
        <p class="muted" role="status">
          {t('dashboardSearching')}
        </p>
      ) : results.length === 0 ? (
        <p class="muted" role="status" data-testid="search-none">
          {t('dashboardSearchNone', query)}
        </p>
      ) : (
        <>
          <p class="sr-only" role="status">
            {plural('dashboardSearchCount', results.length)}
          </p>
          <ul class="rows">
            {results.map((result, index) => {
              const c = result.conversation;
              const who = result.fromMe ? t('dashboardYou') : result.person;
              const selected = index === selectedIndex;
              return (
                <li
                  key={`${result.hit.kind}:${result.hit.refId}`}
                  ref={itemRef(index)}
                  class={`row hit${selected ? ' row--selected' : ''}`}
                  data-testid="search-hit"
                  tabIndex={selected ? 0 : -1}
                  aria-current={selected ? 'true' : undefined}
                  onFocus={(event) => {
                    if (event.target === event.currentTarget && !selected) onSelect(index);
                  }}
                  onClick={() => onSelect(index)}
                >
                  <div class="row__main">
                    <div class="row__top">
                      <span class="hit__kind">{t(KIND_LABEL[result.hit.kind])}</span>
                      {who && (
                        <span class="row__person" dir="auto">
                          {who}
                        </span>
                      )}
                      {c && <span class={`site site--${c.site}`}>{siteName(c.site)}</span>}
                      {result.hit.at && (
                        <time class="row__ago" dateTime={result.hit.at} title={formatFull(new Date(result.hit.at))}>
                          {ago(result.hit.at, now)}
                        </time>
                      )}
                    </div>
                    {c ? (
                      <a
                        class="row__title"
                        dir="auto"
                        href={c.url}
                        onClick={(event) => {
                          event.preventDefault();
                          onOpen(result);
                        }}
                      >
                        {c.subject || t('dashboardOpenConversation')}
                      </a>
                    ) : (
                      <span class="row__title muted">{t('dashboardNoConversation')}</span>
                    )}
                    <p class="hit__snippet" dir="auto" data-testid="hit-snippet">
                      <Highlighted text={result.hit.snippet} match={result.hit.match} />
                    </p>
                  </div>
                  {c && (
                    <div class="row__actions">
                      <button type="button" class="action" onClick={() => onOpen(result)}>
                        {t('dashboardActionOpen')}
                      </button>
                    </div>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
