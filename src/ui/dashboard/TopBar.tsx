// The dashboard's top bar: the name (back to the lists), what is due now, the search field, and the buttons for
// export, import, settings and the keyboard help.
import type { Ref } from 'preact';
import { t } from './text';
import type { DialogName, View } from './use-view';

export interface TopBarProps {
  /** Shown once the record has data: how much is due now. */
  dueNow: number | null;
  view: View;
  onView(view: View): void;
  query: string;
  searchRef: Ref<HTMLInputElement>;
  onQuery(query: string): void;
  /** Moves from the search field to the first line shown; false when there is none. */
  onFirst(): boolean;
  onDialog(dialog: DialogName): void;
}

export function TopBar({ dueNow, view, onView, query, searchRef, onQuery, onFirst, onDialog }: TopBarProps) {
  return (
    <header class="topbar">
      <div class="topbar__brand">
        <h1>
          <button type="button" class="brand" onClick={() => onView('lists')}>
            {t('dashboardTitle')}
          </button>
        </h1>
        {dueNow !== null && (
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
          onFirst();
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
          onInput={(event) => onQuery((event.currentTarget as HTMLInputElement).value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' && onFirst()) event.preventDefault();
          }}
        />
      </form>
      <nav class="topbar__actions" aria-label={t('dashboardToolbar')}>
        <button type="button" class="tk-button" data-testid="open-export" onClick={() => onDialog('export')}>
          {t('dashboardExport')}
        </button>
        <button type="button" class="tk-button" data-testid="open-import" onClick={() => onDialog('import')}>
          {t('dashboardImport')}
        </button>
        <button
          type="button"
          class={view === 'settings' ? 'tk-button tk-button--primary' : 'tk-button'}
          aria-current={view === 'settings' ? 'page' : undefined}
          data-testid="open-settings"
          onClick={() => onView(view === 'settings' ? 'lists' : 'settings')}
        >
          {t('dashboardSettings')}
        </button>
        <button
          type="button"
          class="tk-button icon-button"
          aria-label={t('dashboardHelpTitle')}
          aria-keyshortcuts="?"
          title="?"
          onClick={() => onDialog('help')}
        >
          ?
        </button>
      </nav>
    </header>
  );
}
