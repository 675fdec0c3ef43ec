// The dashboard: whom I owe (My turn), who went quiet (Follow up), my reminders (Pinned), whom I wait on; search over
// the whole history; settings; export and import. Everything is reachable from the keyboard (keyboard.ts, `?`).
import type { Ref } from 'preact';
import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { presetTime, REMINDER_PRESET_IDS } from '../../core/reminder-presets';
import { countLabel } from '../../core/counts';
import { openDatabase } from '../../db/database';
import { requestPersistence, type PersistenceStatus } from '../../export/persistence';
import { askBackground } from '../components/ask-background';
import { formatWhen } from '../components/format-date';
import { notifyRecordChanged } from '../components/record-changed';
import { whenWords } from '../components/RemindMenu';
import { useUndo } from '../components/UndoToast';
import { useNow } from '../components/use-now';
import { BackupReminder } from './BackupReminder';
import { doneRow, LIST_KEYS, loadLists, loadTitles, remindRow, restRow, type ListKey, type Row as RowData, type SiteFilter, type Undo } from './data';
import { ExportDialog, ImportDialog } from './DataDialogs';
import { EmptyState } from './EmptyState';
import { HelpDialog } from './HelpDialog';
import { commandFor, isTextField, moveSelection, type Command } from './keyboard';
import { Row } from './Row';
import { runSearch, searchable, type SearchResult } from './search-data';
import { SearchResults } from './SearchResults';
import { SettingsView } from './SettingsView';
import { t } from './text';
import { useLive } from './use-live';

type View = 'lists' | 'settings';
type DialogName = 'export' | 'import' | 'help' | null;

/** Rows shown per section before "Show all". */
export const SECTION_CAP = 25;

const SECTION_TEXT: Record<ListKey, { title: string; help: string; empty: string }> = {
  mine: { title: 'dashboardMine', help: 'dashboardMineHelp', empty: 'dashboardMineEmpty' },
  followUp: { title: 'dashboardFollowUp', help: 'dashboardFollowUpHelp', empty: 'dashboardFollowUpEmpty' },
  pinned: { title: 'dashboardPinned', help: 'dashboardPinnedHelp', empty: 'dashboardPinnedEmpty' },
  waiting: { title: 'dashboardWaiting', help: 'dashboardWaitingHelp', empty: 'dashboardWaitingEmpty' },
};

const SITE_FILTERS: readonly SiteFilter[] = ['all', 'gmail', 'linkedin'];

const viewFromHash = (): View => (location.hash === '#settings' ? 'settings' : 'lists');

/** One selectable line: a row of a list, or a search result. */
interface Item {
  key: string;
  row?: RowData;
  result?: SearchResult;
}

function openUrl(url: string): void {
  void askBackground({ type: 'conversation/open', url }).catch(() => undefined);
}

export function Dashboard() {
  const db = openDatabase();
  const now = useNow();
  const undo = useUndo();
  const [view, setViewState] = useState<View>(viewFromHash);
  const [site, setSite] = useState<SiteFilter>('all');
  const [query, setQuery] = useState('');
  const [searched, setSearched] = useState<{ query: string; results: SearchResult[] } | null>(null);
  const [expanded, setExpanded] = useState<ReadonlySet<ListKey>>(new Set());
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogName>(null);
  const [persistence, setPersistence] = useState<PersistenceStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const focusNext = useRef(false);
  const pendingG = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const elements = useRef(new Map<string, HTMLLIElement>());
  const marked = useRef(false);

  const setView = useCallback((next: View) => {
    setViewState(next);
    history.replaceState(null, '', next === 'settings' ? '#settings' : location.pathname + location.search);
  }, []);
  useEffect(() => {
    const onHash = () => setViewState(viewFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);

  // Ask once for persistent storage (never cleared under storage pressure); shown in Settings.
  useEffect(() => {
    void requestPersistence().then(setPersistence);
  }, []);

  // Each list's first SECTION_CAP rows and its count, read from the indexes; a list shown whole on "Show all".
  const lists = useLive(
    () => loadLists(db, now, { site, limit: SECTION_CAP, expanded }),
    [now.getTime(), site, [...expanded].join()],
  );

  const sections = useMemo(
    () => LIST_KEYS.map((key) => ({ key, count: lists?.counts[key] ?? 0, shown: lists?.[key] ?? [] })),
    [lists],
  );

  // Titles (subject or first words) for the rows on screen only.
  const shownConversations = useMemo(() => {
    const seen = new Map<string, { id: string; subject?: string }>();
    for (const s of sections) for (const r of s.shown) seen.set(r.conversation.id, r.conversation);
    return [...seen.values()];
  }, [sections]);
  const titleKey = shownConversations.map((c) => c.id).join('\n');
  const titles = useLive(() => loadTitles(db, shownConversations), [titleKey]);

  // Search: every keystroke; stale answers are dropped.
  const trimmed = query.trim();
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
  }, [trimmed, site]);
  const searching = view === 'lists' && trimmed !== '';

  const items: Item[] = useMemo(() => {
    if (view !== 'lists') return [];
    if (searching) return (searched?.results ?? []).map((result, i) => ({ key: `hit:${i}`, result }));
    return sections.flatMap((s) => s.shown.map((row) => ({ key: row.key, row })));
  }, [view, searching, searched, sections]);

  // The selection follows its row; when the row leaves (done, rested), the one now in its place is selected.
  let selectedIndex = selectedKey ? items.findIndex((i) => i.key === selectedKey) : -1;
  if (selectedIndex < 0 && items.length) selectedIndex = Math.min(lastIndex.current, items.length - 1);
  const selected = selectedIndex >= 0 ? items[selectedIndex] : undefined;
  if (selectedIndex >= 0) lastIndex.current = selectedIndex;

  useEffect(() => {
    if (!selected) return;
    const el = elements.current.get(selected.key);
    const lost = document.activeElement === document.body || document.activeElement === null;
    if (el && (focusNext.current || (lost && !document.querySelector('dialog[open]')))) {
      focusNext.current = false;
      el.focus({ preventScroll: true });
      el.scrollIntoView({ block: 'nearest' });
    }
  });

  useEffect(() => {
    if (lists && !marked.current) {
      marked.current = true;
      performance.mark('turnkeeper:first-render');
      document.documentElement.dataset.ready = 'true';
    }
  }, [lists]);

  const dueNow = lists?.due.total ?? 0;
  useEffect(() => {
    document.title = dueNow ? `(${dueNow}) ${t('dashboardTitle')}` : t('dashboardTitle');
  }, [dueNow]);

  const select = (key: string, focus: boolean) => {
    // Selecting the row that is already selected changes no state, so no render would move the focus: do it here.
    const el = key === selectedKey ? elements.current.get(key) : undefined;
    if (el) {
      if (focus) {
        el.focus({ preventScroll: true });
        el.scrollIntoView({ block: 'nearest' });
      }
      return;
    }
    focusNext.current = focus;
    setSelectedKey(key);
  };

  const itemRef =
    (key: string): Ref<HTMLLIElement> =>
    (el: HTMLLIElement | null) => {
      if (el) elements.current.set(key, el);
      else elements.current.delete(key);
    };

  // ── actions ──────────────────────────────────────────────────────────────
  const act = async (work: () => Promise<Undo>, message: string) => {
    setProblem(null);
    try {
      const revert = await work();
      notifyRecordChanged();
      undo.offer(message, async () => {
        await revert();
        notifyRecordChanged();
      });
    } catch (error) {
      console.error('[Turnkeeper] action failed:', error instanceof Error ? error.name : typeof error);
      setProblem(t('dashboardActionFailed'));
    }
  };
  const personOf = (row: RowData) => row.conversation.people.map((p) => p.name).join(', ') || t('dashboardUnknownPerson');
  const actions = {
    open: (row: RowData) => openUrl(row.conversation.url),
    rest: (row: RowData) =>
      void act(() => restRow(db, row.conversation.id, new Date()), t('dashboardRested', personOf(row))),
    done: (row: RowData) =>
      void act(
        () => doneRow(db, row, new Date()),
        row.pin ? t('dashboardPinDone', personOf(row)) : t('dashboardDone', personOf(row)),
      ),
    pinned: () => undefined,
  };
  const remindPreset = (row: RowData, n: number) => {
    const id = REMINDER_PRESET_IDS[n];
    if (!id) return;
    const at = presetTime(id, new Date());
    void act(() => remindRow(db, row.conversation.id, at, new Date()), t('remindPinned', formatWhen(at, new Date(), whenWords())));
  };
  const openResult = (result: SearchResult) => {
    if (result.conversation) openUrl(result.conversation.url);
  };

  // ── keyboard ─────────────────────────────────────────────────────────────
  const run = (command: Command, event: KeyboardEvent) => {
    const target = event.target as HTMLElement | null;
    switch (command) {
      case 'next':
      case 'prev': {
        if (!items.length) return;
        event.preventDefault();
        const index = moveSelection(selectedIndex, command === 'next' ? 1 : -1, items.length);
        select(items[index]!.key, true);
        return;
      }
      case 'open': {
        if (target?.closest('button, a, input, select, textarea, summary')) return; // their own Enter
        if (!selected) return;
        event.preventDefault();
        if (selected.row) actions.open(selected.row);
        else if (selected.result) openResult(selected.result);
        return;
      }
      case 'search':
        event.preventDefault();
        if (view !== 'lists') setView('lists');
        requestAnimationFrame(() => {
          searchRef.current?.focus();
          searchRef.current?.select();
        });
        return;
      case 'escape':
        if (target === searchRef.current) {
          event.preventDefault();
          if (query) setQuery('');
          else {
            searchRef.current?.blur();
            focusNext.current = true;
            setSelectedKey(selected?.key ?? null);
          }
        } else if (query && view === 'lists') {
          setQuery('');
        } else if (view === 'settings' && !isTextField(target)) {
          setView('lists');
        }
        return;
      case 'preset-1':
      case 'preset-2':
      case 'preset-3':
      case 'preset-4':
        if (selected?.row) {
          event.preventDefault();
          remindPreset(selected.row, Number(command.slice(-1)) - 1);
        }
        return;
      case 'remind-menu': {
        if (!selected?.row) return;
        event.preventDefault();
        const trigger = elements.current.get(selected.key)?.querySelector<HTMLButtonElement>('.tk-remind > button');
        trigger?.click();
        return;
      }
      case 'rest':
        if (selected?.row && !selected.row.pin) {
          event.preventDefault();
          actions.rest(selected.row);
        }
        return;
      case 'done':
        if (selected?.row) {
          event.preventDefault();
          actions.done(selected.row);
        }
        return;
      case 'filter':
        event.preventDefault();
        setSite(SITE_FILTERS[(SITE_FILTERS.indexOf(site) + 1) % SITE_FILTERS.length]!);
        return;
      case 'help':
        event.preventDefault();
        setDialog('help');
        return;
      case 'go-lists':
        event.preventDefault();
        setView('lists');
        return;
      case 'go-settings':
        event.preventDefault();
        setView('settings');
        return;
    }
  };
  const runRef = useRef(run);
  runRef.current = run;
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('dialog[open]')) return; // the dialog has the keyboard
      const target = event.target as HTMLElement | null;
      if (target?.closest('.tk-remind__panel, .tk-toast')) return; // the Remind me menu and the toast handle theirs
      const { command, pendingG: g } = commandFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        inTextField: isTextField(target),
        afterG: pendingG.current,
      });
      pendingG.current = g;
      if (command) runRef.current(command, event);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);

  // ── render ───────────────────────────────────────────────────────────────
  const empty = lists !== undefined && lists.total === 0;
  return (
    <div class="page">
      <header class="topbar">
        <div class="topbar__brand">
          <h1>
            <button type="button" class="brand" onClick={() => setView('lists')}>
              {t('dashboardTitle')}
            </button>
          </h1>
          {lists && !empty && (
            <p class="topbar__due" data-testid="due-now">
              {dueNow ? t('dashboardDueNow', String(dueNow)) : t('dashboardNothingDue')}
            </p>
          )}
        </div>
        <form
          class="search"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            if (items[0]) select(items[0].key, true);
          }}
        >
          <label for="search" class="sr-only">
            {t('dashboardSearchLabel')}
          </label>
          <input
            id="search"
            ref={searchRef}
            type="search"
            autoComplete="off"
            spellcheck={false}
            placeholder={t('dashboardSearchPlaceholder')}
            value={query}
            aria-keyshortcuts="/"
            data-testid="search"
            onInput={(event) => {
              setQuery((event.currentTarget as HTMLInputElement).value);
              if (view !== 'lists') setView('lists');
              lastIndex.current = 0;
              setSelectedKey(null);
            }}
            onKeyDown={(event) => {
              if (event.key === 'ArrowDown' && items[0]) {
                event.preventDefault();
                select(items[0].key, true);
              }
            }}
          />
        </form>
        <nav class="topbar__actions" aria-label={t('dashboardToolbar')}>
          <button type="button" class="tk-button" data-testid="open-export" onClick={() => setDialog('export')}>
            {t('dashboardExport')}
          </button>
          <button type="button" class="tk-button" data-testid="open-import" onClick={() => setDialog('import')}>
            {t('dashboardImport')}
          </button>
          <button
            type="button"
            class={view === 'settings' ? 'tk-button tk-button--primary' : 'tk-button'}
            aria-current={view === 'settings' ? 'page' : undefined}
            data-testid="open-settings"
            onClick={() => setView(view === 'settings' ? 'lists' : 'settings')}
          >
            {t('dashboardSettings')}
          </button>
          <button
            type="button"
            class="tk-button icon-button"
            aria-label={t('dashboardHelpTitle')}
            aria-keyshortcuts="?"
            title="?"
            onClick={() => setDialog('help')}
          >
            ?
          </button>
        </nav>
      </header>

      <main class="content" id="main">
        <BackupReminder hasData={!!lists && lists.total > 0} onExport={() => setDialog('export')} />
        {problem && (
          <p class="status status--bad" role="alert">
            {problem}
          </p>
        )}
        {view === 'settings' ? (
          <SettingsView
            settings={lists?.settings}
            persistence={persistence}
            onExport={() => setDialog('export')}
            onImport={() => setDialog('import')}
          />
        ) : lists === undefined ? (
          <p class="muted" role="status">
            {t('dashboardLoading')}
          </p>
        ) : empty && !searching ? (
          <EmptyState onSettings={() => setView('settings')} />
        ) : (
          <>
            <fieldset class="filter" data-testid="site-filter">
              <legend class="sr-only">{t('dashboardFilterLabel')}</legend>
              {SITE_FILTERS.map((value) => (
                <label key={value} class={site === value ? 'filter__option filter__option--on' : 'filter__option'}>
                  <input
                    type="radio"
                    name="site"
                    value={value}
                    checked={site === value}
                    onChange={() => setSite(value)}
                  />
                  {value === 'all' ? t('dashboardFilterAll') : value === 'gmail' ? t('dashboardSiteGmail') : t('dashboardSiteLinkedin')}
                </label>
              ))}
              <span class="filter__hint muted" aria-hidden="true">
                {t('dashboardKeysHint')}
              </span>
            </fieldset>
            {searching ? (
              <SearchResults
                query={searched?.query ?? ''}
                results={searched ? searched.results : null}
                tooShort={!searchable(trimmed)}
                now={now}
                selectedIndex={selectedIndex}
                onSelect={(index) => select(`hit:${index}`, false)}
                onOpen={openResult}
                itemRef={(index) => itemRef(`hit:${index}`)}
              />
            ) : (
              <>
                {sections.every((s) => s.count === 0) && site === 'all' && (
                  <p class="caught-up" role="status">
                    {t('dashboardAllCaughtUp')}
                  </p>
                )}
                {sections.map(({ key, count, shown }) => (
                  <section key={key} class={`section section--${key}`} aria-labelledby={`section-${key}`} data-testid={`section-${key}`}>
                    <h2 id={`section-${key}`} class="section__title">
                      {t(SECTION_TEXT[key].title)}
                      <span class="count" data-testid={`count-${key}`}>
                        {countLabel(count)}
                      </span>
                    </h2>
                    <p class="section__help muted">{t(SECTION_TEXT[key].help)}</p>
                    {count === 0 ? (
                      <p class="section__empty muted">{t(SECTION_TEXT[key].empty)}</p>
                    ) : (
                      <ul class="rows">
                        {shown.map((row) => (
                          <Row
                            key={row.key}
                            row={row}
                            title={titles?.get(row.conversation.id)}
                            now={now}
                            selected={selected?.key === row.key}
                            onSelect={() => select(row.key, false)}
                            actions={actions}
                            itemRef={itemRef(row.key)}
                          />
                        ))}
                      </ul>
                    )}
                    {count > shown.length && (
                      <button
                        type="button"
                        class="link-button show-all"
                        onClick={() => setExpanded(new Set([...expanded, key]))}
                      >
                        {t('dashboardShowAll', countLabel(count))}
                      </button>
                    )}
                  </section>
                ))}
              </>
            )}
          </>
        )}
      </main>

      <ExportDialog open={dialog === 'export'} onClose={() => setDialog(null)} />
      <ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} />
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
    </div>
  );
}
