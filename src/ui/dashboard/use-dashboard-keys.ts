// The dashboard's keyboard: what each command of keyboard.ts's map does, and the one document listener that reads
// the keys. Dialogs, the Remind me menu and the undo toast handle their own keys.
import type { RefObject } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { SITE_FILTERS, type Row as RowData, type SiteFilter } from './data';
import { commandFor, isTextField, moveSelection, type Command } from './keyboard';
import type { RowActions } from './Row';
import type { SearchResult } from './search-data';
import type { DialogName, View } from './use-view';
import type { Selection } from './use-selection';

/** One selectable line: a row of a list, or a search result. */
export interface Item {
  key: string;
  row?: RowData;
  result?: SearchResult;
}

/** What the commands act on: the page's state as it is at the key press. */
export interface KeyboardContext {
  items: readonly Item[];
  selection: Selection<Item>;
  view: View;
  setView(view: View): void;
  searchRef: RefObject<HTMLInputElement | null>;
  query: string;
  setQuery(query: string): void;
  site: SiteFilter;
  setSite(site: SiteFilter): void;
  setDialog(dialog: DialogName): void;
  actions: RowActions;
  openResult(result: SearchResult): void;
  /** Pins the row at the `n`th reminder preset (0-based). */
  remindPreset(row: RowData, n: number): void;
}

export function runCommand(command: Command, event: KeyboardEvent, c: KeyboardContext): void {
  const target = event.target as HTMLElement | null;
  const { items, selection, view } = c;
  const selected = selection.selected;
  switch (command) {
    case 'next':
    case 'prev': {
      if (!items.length) return;
      event.preventDefault();
      const index = moveSelection(selection.selectedIndex, command === 'next' ? 1 : -1, items.length);
      selection.select(items[index]!.key, true);
      return;
    }
    case 'open': {
      if (target?.closest('button, a, input, select, textarea, summary')) return; // their own Enter
      if (!selected) return;
      event.preventDefault();
      if (selected.row) c.actions.open(selected.row);
      else if (selected.result) c.openResult(selected.result);
      return;
    }
    case 'search':
      event.preventDefault();
      if (view !== 'lists') c.setView('lists');
      requestAnimationFrame(() => {
        c.searchRef.current?.focus();
        c.searchRef.current?.select();
      });
      return;
    case 'escape':
      if (target === c.searchRef.current) {
        event.preventDefault();
        if (c.query) c.setQuery('');
        else {
          c.searchRef.current?.blur();
          selection.refocus();
        }
      } else if (c.query && view === 'lists') {
        c.setQuery('');
      } else if (view === 'settings' && !isTextField(target)) {
        c.setView('lists');
      }
      return;
    case 'preset-1':
    case 'preset-2':
    case 'preset-3':
    case 'preset-4':
      if (selected?.row) {
        event.preventDefault();
        c.remindPreset(selected.row, Number(command.slice(-1)) - 1);
      }
      return;
    case 'remind-menu': {
      if (!selected?.row) return;
      event.preventDefault();
      const trigger = selection.element(selected.key)?.querySelector<HTMLButtonElement>('.tk-remind > button');
      trigger?.click();
      return;
    }
    case 'rest':
      if (selected?.row && !selected.row.pin) {
        event.preventDefault();
        c.actions.rest(selected.row);
      }
      return;
    case 'done':
      if (selected?.row) {
        event.preventDefault();
        c.actions.done(selected.row);
      }
      return;
    case 'filter':
      event.preventDefault();
      c.setSite(SITE_FILTERS[(SITE_FILTERS.indexOf(c.site) + 1) % SITE_FILTERS.length]!);
      return;
    case 'help':
      event.preventDefault();
      c.setDialog('help');
      return;
    case 'go-lists':
      event.preventDefault();
      c.setView('lists');
      return;
    case 'go-settings':
      event.preventDefault();
      c.setView('settings');
      return;
  }
}

/** Listens for the dashboard's keys on the document while mounted; each press acts on the latest `context`. */
export function useDashboardKeys(context: KeyboardContext): void {
  const latest = useRef(context);
  latest.current = context;
  const pendingG = useRef(false);
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
      if (command) runCommand(command, event, latest.current);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
}
