// "Remind me": pins a conversation to come back at a chosen time. One click for the presets (Later today, Tomorrow
// 8:00, In 3 days, Next Monday 8:00); a field that understands typed times ("fri 3pm", "next week", "in 2 weeks")
// and previews the time it understood before anything is saved; a date-and-time picker. Every pin can be undone
// (through the nearest <UndoToast>), and the background is told so badge and alarms follow.
//
//   <RemindMenu conversationId={id} />
//
// Props:
//   conversationId      the conversation to pin (`${site}:${threadId}`); it must exist when a time is chosen
//   ensureConversation? (optional) run before the pin is saved, e.g. to create the row for an unreadable page
//   label?              (optional) the button's text; default "Remind me"
import { useId, useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks';
import { addPin, deletePin, openDatabase } from '../../db';
import type { parseTypedTime as ParseTypedTime } from '../../core/parse-typed-time';
import {
  fromDatetimeLocalValue,
  reminderPresets,
  toDatetimeLocalValue,
  type ReminderPresetId,
} from '../../core/reminder-presets';
import { t } from '../i18n';
import { formatFull, formatWhen } from './format-date';
import { notifyRecordChanged } from './record-changed';
import { useUndo } from './UndoToast';
import './components.css';

export interface RemindMenuProps {
  conversationId: string;
  ensureConversation?: () => Promise<unknown>;
  label?: string;
}

const PRESET_LABEL: Record<ReminderPresetId, string> = {
  'later-today': 'remindLaterToday',
  tomorrow: 'remindTomorrow',
  'in-3-days': 'remindIn3Days',
  'next-monday': 'remindNextMonday',
};

export function whenWords() {
  return { today: t('remindToday'), tomorrow: t('remindTomorrowShort') };
}

export function RemindMenu({ conversationId, ensureConversation, label }: RemindMenuProps) {
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState('');
  const [picked, setPicked] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [now, setNow] = useState(() => new Date());
  const undo = useUndo();
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  const firstPresetRef = useRef<HTMLButtonElement>(null);
  const ids = useId();
  // The typed-time parser (chrono-node, ~100 KB) loads when the menu first opens, not with the page.
  const [parseTyped, setParseTyped] = useState<typeof ParseTypedTime | null>(null);

  const close = (returnFocus: boolean) => {
    setOpen(false);
    setTyped('');
    setPicked('');
    setNote('');
    setError(null);
    if (returnFocus) triggerRef.current?.focus();
  };

  // The panel floats over the page below its button (fixed, so no scrolling container clips it) and keeps to the
  // window: it scrolls inside itself when the window is short.
  const [place, setPlace] = useState<{ top: number; maxHeight: number } | null>(null);
  useLayoutEffect(() => {
    if (!open) return;
    const update = () => {
      const rect = triggerRef.current?.getBoundingClientRect();
      if (!rect) return;
      const top = Math.round(rect.bottom + 6);
      setPlace({ top, maxHeight: Math.max(160, window.innerHeight - top - 8) });
    };
    update();
    window.addEventListener('resize', update);
    // A scrolling container around the button moves it: follow (panel scrolls are ignored).
    const onScroll = (event: Event) => {
      if (!panelRef.current?.contains(event.target as Node)) update();
    };
    document.addEventListener('scroll', onScroll, true);
    return () => {
      window.removeEventListener('resize', update);
      document.removeEventListener('scroll', onScroll, true);
    };
  }, [open]);

  // A layout effect, so focus is on the first preset before the next key press is handled.
  useLayoutEffect(() => {
    if (!open) return;
    setNow(new Date());
    firstPresetRef.current?.focus();
    if (!parseTyped) {
      void import('../../core/parse-typed-time').then((module) => setParseTyped(() => module.parseTypedTime));
    }
    const onPointer = (event: PointerEvent) => {
      const target = event.target as Node;
      if (!panelRef.current?.contains(target) && !triggerRef.current?.contains(target)) close(false);
    };
    document.addEventListener('pointerdown', onPointer);
    return () => document.removeEventListener('pointerdown', onPointer);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open]);

  const presets = useMemo(() => reminderPresets(now), [now]);
  const parsed = useMemo(() => (typed.trim() && parseTyped ? parseTyped(typed, now) : null), [typed, now, parseTyped]);
  const pickedDate = useMemo(() => fromDatetimeLocalValue(picked), [picked]);
  const pickedValid = !!pickedDate && pickedDate.getTime() > now.getTime();

  const pin = async (at: Date) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await ensureConversation?.();
      const db = openDatabase();
      const row = await addPin(db, { conversationId, dueAt: at, ...(note.trim() ? { note: note.trim() } : {}) }, new Date());
      notifyRecordChanged();
      close(true);
      undo.offer(t('remindPinned', formatWhen(at, new Date(), whenWords())), async () => {
        await deletePin(db, row.id);
        notifyRecordChanged();
      });
    } catch (e) {
      console.error('[Turnkeeper] pin failed:', e instanceof Error ? e.name : typeof e);
      setError(t('remindFailed'));
    } finally {
      setBusy(false);
    }
  };

  const preview = !parsed
    ? null
    : parsed.ok
      ? t('remindPreview', formatWhen(parsed.at, now, whenWords()))
      : parsed.reason === 'past'
        ? t('remindPast')
        : t('remindNotUnderstood');

  return (
    <div class="tk-remind">
      <button
        ref={triggerRef}
        type="button"
        class="tk-button tk-button--primary"
        aria-expanded={open}
        aria-controls={`${ids}-panel`}
        onClick={() => (open ? close(false) : setOpen(true))}
      >
        <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" class="tk-icon">
          <path d="M8 1.5a5 5 0 0 0-5 5v2.8L1.8 11.5h12.4L13 9.3V6.5a5 5 0 0 0-5-5zM6.2 13a1.8 1.8 0 0 0 3.6 0" fill="none" stroke="currentColor" stroke-width="1.5" stroke-linejoin="round" />
        </svg>
        {label ?? t('remindButton')}
      </button>
      {open && (
        <div
          ref={panelRef}
          id={`${ids}-panel`}
          class="tk-remind__panel"
          style={place ? { top: `${place.top}px`, maxHeight: `${place.maxHeight}px` } : undefined}
          role="group"
          aria-label={t('remindMenuLabel')}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              close(true);
            }
          }}
        >
          <div class="tk-remind__row">
            <label class="tk-remind__label" for={`${ids}-note`}>
              {t('remindNoteLabel')}
            </label>
            <input
              id={`${ids}-note`}
              type="text"
              class="tk-input"
              maxLength={500}
              placeholder={t('remindNotePlaceholder')}
              value={note}
              onInput={(event) => setNote((event.currentTarget as HTMLInputElement).value)}
            />
          </div>
          <ul class="tk-remind__presets">
            {presets.map((preset, index) => (
              <li key={preset.id}>
                <button
                  ref={index === 0 ? firstPresetRef : undefined}
                  type="button"
                  class="tk-remind__preset"
                  disabled={busy}
                  data-preset={preset.id}
                  title={formatFull(preset.at)}
                  onClick={() => void pin(preset.at)}
                >
                  <span>{t(PRESET_LABEL[preset.id])}</span>
                  <span class="tk-remind__time">{formatWhen(preset.at, now, whenWords())}</span>
                </button>
              </li>
            ))}
          </ul>

          <form
            class="tk-remind__row"
            onSubmit={(event) => {
              event.preventDefault();
              if (parsed?.ok) void pin(parsed.at);
            }}
          >
            <label class="tk-remind__label" for={`${ids}-typed`}>
              {t('remindTypeLabel')}
            </label>
            <div class="tk-remind__inline">
              <input
                id={`${ids}-typed`}
                type="text"
                class="tk-input"
                autoComplete="off"
                spellcheck={false}
                maxLength={200}
                placeholder={t('remindTypePlaceholder')}
                value={typed}
                aria-describedby={`${ids}-preview`}
                aria-invalid={parsed ? !parsed.ok : undefined}
                onInput={(event) => setTyped((event.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit" class="tk-button" disabled={busy || !parsed?.ok}>
                {t('remindSet')}
              </button>
            </div>
            <p id={`${ids}-preview`} class={parsed && !parsed.ok ? 'tk-remind__preview tk-remind__preview--bad' : 'tk-remind__preview'} aria-live="polite">
              {preview ?? t('remindTypeHint')}
            </p>
          </form>

          <form
            class="tk-remind__row"
            onSubmit={(event) => {
              event.preventDefault();
              if (pickedDate && pickedValid) void pin(pickedDate);
            }}
          >
            <label class="tk-remind__label" for={`${ids}-picked`}>
              {t('remindPickLabel')}
            </label>
            <div class="tk-remind__inline">
              <input
                id={`${ids}-picked`}
                type="datetime-local"
                class="tk-input"
                min={toDatetimeLocalValue(now)}
                value={picked}
                onInput={(event) => setPicked((event.currentTarget as HTMLInputElement).value)}
              />
              <button type="submit" class="tk-button" disabled={busy || !pickedValid}>
                {t('remindSet')}
              </button>
            </div>
            {picked && !pickedValid && (
              <p class="tk-remind__preview tk-remind__preview--bad" role="alert">
                {t('remindPast')}
              </p>
            )}
          </form>

          {error && (
            <p class="tk-remind__preview tk-remind__preview--bad" role="alert">
              {error}
            </p>
          )}
          <div class="tk-remind__footer">
            <button type="button" class="tk-button tk-button--quiet" onClick={() => close(true)}>
              {t('remindCancel')}
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
