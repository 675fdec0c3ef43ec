// Undo for every change a page makes: a toast "Pin set · Undo" for a few seconds.
//
// Usage (sidebar, dashboard):
//   render(<UndoToast><App /></UndoToast>, root)         // once, around the page: provides useUndo() and shows the toast
//   const undo = useUndo();
//   undo.offer(t('…'), async () => { await restoreNote(db, before); });   // after the change is saved
//
// Keyboard: the Undo button is a normal button (Tab reaches it; it is announced politely); Ctrl+Z / ⌘Z anywhere on
// the page (outside a text field) undoes the latest change; Escape in the toast dismisses it. The timer pauses while
// the pointer is over the toast or focus is in it, so nobody has to race it. A newer offer replaces the older one.
import { createContext, type ComponentChildren } from 'preact';
import { useCallback, useContext, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import './components.css';

export interface UndoApi {
  /** Shows `message` with an Undo button; `revert` puts things back. Call it after the change was saved. */
  offer(message: string, revert: () => unknown): void;
}

interface Entry {
  id: number;
  message: string;
  revert: (() => unknown) | null;
  /** Where focus was when the change was made, to return to after an undo. */
  returnFocus: HTMLElement | null;
}

const UndoContext = createContext<UndoApi | null>(null);

const fallback: UndoApi = {
  offer: () => console.warn('[Turnkeeper] useUndo() outside <UndoToast>: the change cannot be undone'),
};

/** The nearest <UndoToast>'s undo. */
export function useUndo(): UndoApi {
  return useContext(UndoContext) ?? fallback;
}

const isTextField = (el: EventTarget | null) =>
  el instanceof HTMLElement &&
  (el.isContentEditable ||
    el instanceof HTMLTextAreaElement ||
    (el instanceof HTMLInputElement && !['button', 'checkbox', 'radio', 'submit', 'reset'].includes(el.type)));

export interface UndoToastProps {
  children?: ComponentChildren;
  /** How long the toast stays, in ms (default 8000), not counting time with the pointer or focus on it. */
  timeoutMs?: number;
}

export function UndoToast({ children, timeoutMs = 8000 }: UndoToastProps) {
  const [entry, setEntry] = useState<Entry | null>(null);
  const [paused, setPaused] = useState(false);
  const nextId = useRef(1);
  const entryRef = useRef<Entry | null>(null);
  entryRef.current = entry;
  const toastRef = useRef<HTMLDivElement>(null);

  const offer = useCallback((message: string, revert: () => unknown) => {
    const active = document.activeElement;
    setEntry({
      id: nextId.current++,
      message,
      revert,
      returnFocus: active instanceof HTMLElement && active !== document.body ? active : null,
    });
  }, []);

  const dismiss = useCallback(() => setEntry(null), []);

  const undoNow = useCallback(async () => {
    const current = entryRef.current;
    if (!current?.revert) return;
    const hadFocus = !!toastRef.current?.contains(document.activeElement);
    // Shown while reverting, so a second press does nothing.
    setEntry({ ...current, revert: null, message: current.message });
    let message: string;
    try {
      await current.revert();
      message = t('undoDone');
    } catch (error) {
      console.error('[Turnkeeper] undo failed:', error instanceof Error ? error.name : typeof error);
      message = t('undoFailed');
    }
    setEntry({ id: nextId.current++, message, revert: null, returnFocus: null });
    if (hadFocus) {
      const back = current.returnFocus;
      if (back?.isConnected) back.focus();
      else toastRef.current?.focus();
    }
  }, []);

  // The timer: restarts for each entry; stops while paused.
  useEffect(() => {
    if (!entry || paused) return;
    const timer = setTimeout(dismiss, entry.revert ? timeoutMs : 2500);
    return () => clearTimeout(timer);
  }, [entry, paused, timeoutMs, dismiss]);

  // Ctrl+Z / ⌘Z outside text fields.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'z' || !(event.ctrlKey || event.metaKey) || event.shiftKey || event.altKey) return;
      if (!entryRef.current?.revert || isTextField(event.target)) return;
      event.preventDefault();
      void undoNow();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [undoNow]);

  const api = useMemo<UndoApi>(() => ({ offer }), [offer]);

  return (
    <UndoContext.Provider value={api}>
      {children}
      {/* The live region is always in the page, so a new message in it is announced. */}
      <div
        ref={toastRef}
        class={entry ? 'tk-toast' : 'tk-toast tk-toast--empty'}
        role="status"
        aria-live="polite"
        tabIndex={-1}
        data-testid="undo-toast"
        onMouseEnter={() => setPaused(true)}
        onMouseLeave={() => setPaused(false)}
        onFocusIn={() => setPaused(true)}
        onFocusOut={(event) => {
          if (!toastRef.current?.contains(event.relatedTarget as Node | null)) setPaused(false);
        }}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && entry) {
            event.stopPropagation();
            const back = entry.returnFocus;
            dismiss();
            if (back?.isConnected) back.focus();
          }
        }}
      >
        {entry && (
          <>
            <span class="tk-toast__message" dir="auto">
              {entry.message}
            </span>
            {entry.revert && (
              <button
                type="button"
                class="tk-toast__undo"
                aria-keyshortcuts="Control+Z Meta+Z"
                title={t('undoShortcutHint')}
                onClick={() => void undoNow()}
              >
                {t('undoAction')}
              </button>
            )}
            <button type="button" class="tk-toast__close" aria-label={t('undoDismiss')} onClick={dismiss}>
              <span aria-hidden="true">×</span>
            </button>
          </>
        )}
      </div>
    </UndoContext.Provider>
  );
}
