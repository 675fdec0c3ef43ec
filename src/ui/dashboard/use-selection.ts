// The selected line of the dashboard (a row of a list or a search result) and the keyboard focus that goes with it.
// The selection follows its line; when the line leaves (done, rested), the one now in its place is selected.
import type { Ref } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Selection<T extends { key: string }> {
  /** -1 when nothing is shown. */
  selectedIndex: number;
  selected: T | undefined;
  /** Select the line `key`; with `focus`, give it the keyboard focus and scroll it into view. */
  select(key: string, focus: boolean): void;
  /** Selects the first line, focused; false when there is none. */
  selectFirst(): boolean;
  /** Forget the selection: the first line is selected next (a new query). */
  reset(): void;
  /** Give the selected line the focus back (leaving the search field). */
  refocus(): void;
  /** The element of line `key`, while it is shown. */
  element(key: string): HTMLLIElement | undefined;
  /** The ref a line's element takes, so it can be focused. */
  itemRef(key: string): Ref<HTMLLIElement>;
}

export function useSelection<T extends { key: string }>(items: readonly T[]): Selection<T> {
  const [selectedKey, setSelectedKey] = useState<string | null>(null);
  const lastIndex = useRef(0);
  const focusNext = useRef(false);
  const elements = useRef(new Map<string, HTMLLIElement>());

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

  const select = (key: string, focus: boolean) => {
    // Selecting the line that is already selected changes no state, so no render would move the focus: do it here.
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

  return {
    selectedIndex,
    selected,
    select,
    selectFirst: () => {
      if (!items[0]) return false;
      select(items[0].key, true);
      return true;
    },
    reset: () => {
      lastIndex.current = 0;
      setSelectedKey(null);
    },
    refocus: () => {
      focusNext.current = true;
      setSelectedKey(selected?.key ?? null);
    },
    element: (key) => elements.current.get(key),
    itemRef: (key) => (el: HTMLLIElement | null) => {
      if (el) elements.current.set(key, el);
      else elements.current.delete(key);
    },
  };
}
