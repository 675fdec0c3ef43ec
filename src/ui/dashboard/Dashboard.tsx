// The dashboard: whom I owe (My turn), who went quiet (Follow up), my reminders (Pinned), whom I wait on, and, closed
// at first, the conversations nobody wrote in for longer than the gone-quiet period (Gone quiet); search over the
// whole history; settings; export and import. Everything is reachable from the keyboard (keyboard.ts, `?`).
import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { countLabel } from '../../core/counts';
import { presetTime, REMINDER_PRESET_IDS } from '../../core/reminder-presets';
import { openDatabase } from '../../db';
import { requestPersistence, type PersistenceStatus } from '../../export/persistence';
import { askBackground } from '../components/ask-background';
import { formatWhen } from '../components/format-date';
import { notifyRecordChanged } from '../components/record-changed';
import { whenWords } from '../components/RemindMenu';
import { useUndo } from '../components/UndoToast';
import { useNow } from '../components/use-now';
import { BackupReminder } from './BackupReminder';
import {
  doneRow,
  LIST_KEYS,
  loadLists,
  loadTitles,
  remindRow,
  restRow,
  SITE_FILTERS,
  type ListKey,
  type LiveListKey,
  type Row as RowData,
  type SiteFilter,
  type Undo,
} from './data';
import { ExportDialog } from './DataDialogs';
import { EmptyState } from './EmptyState';
import { GoneQuietSection } from './GoneQuietSection';
import { HelpDialog } from './HelpDialog';
import { Row, type RowActions } from './Row';
import { searchable, type SearchResult } from './search-data';
import { SearchResults } from './SearchResults';
import { t } from './text';
import { TopBar } from './TopBar';
import { useDashboardKeys, type Item } from './use-dashboard-keys';
import { useLive } from './use-live';
import { useSearch } from './use-search';
import { useSelection } from './use-selection';
import { useLoaded } from './use-loaded';
import { useImportHash, useView, type DialogName } from './use-view';

/** Rows shown per section before "Show all". */
export const SECTION_CAP = 25;

const SECTION_TEXT: Record<LiveListKey, { title: string; help: string; empty: string }> = {
  mine: { title: 'dashboardMine', help: 'dashboardMineHelp', empty: 'dashboardMineEmpty' },
  followUp: { title: 'dashboardFollowUp', help: 'dashboardFollowUpHelp', empty: 'dashboardFollowUpEmpty' },
  pinned: { title: 'dashboardPinned', help: 'dashboardPinnedHelp', empty: 'dashboardPinnedEmpty' },
  waiting: { title: 'dashboardWaiting', help: 'dashboardWaitingHelp', empty: 'dashboardWaitingEmpty' },
};

function openUrl(url: string): void {
  void askBackground({ type: 'conversation/open', url }).catch(() => undefined);
}

export function Dashboard() {
  const db = openDatabase();
  const now = useNow();
  const undo = useUndo();
  const [view, setView] = useView();
  const [site, setSite] = useState<SiteFilter>('all');
  const [query, setQuery] = useState('');
  const [expanded, setExpanded] = useState<ReadonlySet<ListKey>>(new Set());
  const [quietOpen, setQuietOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogName>(null);
  useImportHash(dialog, setDialog);
  const [persistence, setPersistence] = useState<PersistenceStatus | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const partFailed = () => setProblem(t('dashboardPartFailed'));
  const importing = useLoaded(dialog === 'import', () => import('./ImportDialog'), partFailed);
  const settingsPage = useLoaded(view === 'settings', () => import('./SettingsView'), partFailed);
  const searchRef = useRef<HTMLInputElement>(null);
  const marked = useRef(false);

  // Ask once for persistent storage (never cleared under storage pressure); shown in Settings.
  useEffect(() => {
    void requestPersistence().then(setPersistence);
  }, []);

  // Each list's first SECTION_CAP rows and its count, read from the indexes; a list shown whole on "Show all"; the
  // gone-quiet rows only while that section is open.
  const lists = useLive(
    () => loadLists(db, now, { site, limit: SECTION_CAP, expanded, goneQuietOpen: quietOpen }),
    [now.getTime(), site, [...expanded].join(), quietOpen],
  );

  const sections = useMemo(
    () => LIST_KEYS.map((key) => ({ key, count: lists?.counts[key] ?? 0, shown: lists?.[key] ?? [] })),
    [lists],
  );
  const quietRows = useMemo(() => (quietOpen ? (lists?.goneQuiet ?? []) : []), [lists, quietOpen]);

  // Titles (subject or first words) for the rows on screen only.
  const shownConversations = useMemo(() => {
    const seen = new Map<string, { id: string; subject?: string }>();
    for (const s of sections) for (const r of s.shown) seen.set(r.conversation.id, r.conversation);
    for (const r of quietRows) seen.set(r.conversation.id, r.conversation);
    return [...seen.values()];
  }, [sections, quietRows]);
  const titleKey = shownConversations.map((c) => c.id).join('\n');
  const titles = useLive(() => loadTitles(db, shownConversations), [titleKey]);

  // Search: every keystroke; stale answers are dropped.
  const trimmed = query.trim();
  const searched = useSearch(db, trimmed, site);
  const searching = view === 'lists' && trimmed !== '';

  const items: Item[] = useMemo(() => {
    if (view !== 'lists') return [];
    if (searching) return (searched?.results ?? []).map((result, i) => ({ key: `hit:${i}`, result }));
    // The gone-quiet rows follow the others in j/k order while their section is open.
    return [...sections.flatMap((s) => s.shown), ...quietRows].map((row) => ({ key: row.key, row }));
  }, [view, searching, searched, sections, quietRows]);

  const selection = useSelection(items);
  const { selectedIndex, selected, select, itemRef } = selection;

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
  const actions: RowActions = {
    open: (row: RowData) => openUrl(row.conversation.url),
    rest: (row: RowData) =>
      void act(() => restRow(db, row.conversation.id, new Date()), t('dashboardRested', personOf(row))),
    done: (row: RowData) =>
      void act(
        () => doneRow(db, row, new Date()),
        row.pin ? t('dashboardPinDone', personOf(row)) : t('dashboardDone', personOf(row)),
      ),
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

  useDashboardKeys({
    items,
    selection,
    view,
    setView,
    searchRef,
    query,
    setQuery,
    site,
    setSite,
    setDialog,
    actions,
    openResult,
    remindPreset,
  });

  // ── render ───────────────────────────────────────────────────────────────
  const empty = lists !== undefined && !lists.hasConversations;
  return (
    <div class="page">
      <TopBar
        dueNow={lists && !empty ? dueNow : null}
        view={view}
        onView={setView}
        query={query}
        searchRef={searchRef}
        onQuery={(value) => {
          setQuery(value);
          if (view !== 'lists') setView('lists');
          selection.reset();
        }}
        onFirst={selection.selectFirst}
        onDialog={setDialog}
      />

      <main class="content" id="main">
        <BackupReminder hasData={!!lists && lists.hasConversations} onExport={() => setDialog('export')} />
        {problem && (
          <p class="status status--bad" role="alert">
            {problem}
          </p>
        )}
        {view === 'settings' ? (
          settingsPage ? (
            <settingsPage.SettingsView
              settings={lists?.settings}
              persistence={persistence}
              onExport={() => setDialog('export')}
              onImport={() => setDialog('import')}
            />
          ) : (
            <p class="muted" role="status">
              {t('dashboardLoading')}
            </p>
          )
        ) : lists === undefined ? (
          <p class="muted" role="status">
            {t('dashboardLoading')}
          </p>
        ) : empty && !searching ? (
          <EmptyState onSettings={() => setView('settings')} onImport={() => setDialog('import')} />
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
                <GoneQuietSection
                  open={quietOpen}
                  onToggle={() => setQuietOpen(!quietOpen)}
                  count={lists.counts.goneQuiet}
                  shown={quietRows}
                  off={lists.settings.goneQuietDays === null}
                  titles={titles}
                  now={now}
                  selectedKey={selected?.key}
                  onSelect={(key) => select(key, false)}
                  actions={actions}
                  itemRef={itemRef}
                  onShowAll={() => setExpanded(new Set([...expanded, 'goneQuiet']))}
                />
              </>
            )}
          </>
        )}
      </main>

      <ExportDialog open={dialog === 'export'} onClose={() => setDialog(null)} />
      {importing && <importing.ImportDialog open={dialog === 'import'} onClose={() => setDialog(null)} />}
      <HelpDialog open={dialog === 'help'} onClose={() => setDialog(null)} />
    </div>
  );
}
