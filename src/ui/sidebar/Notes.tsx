// Notes: a placeholder in the dialogue ("what I promised", "what we talked about"). Added at the bottom like a chat
// message, edited and deleted in place, "I promised" ones shown above the timeline until done. Every change can be
// undone and tells the background.
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { addNote, deleteNote, openDatabase, restoreNote, updateNote, type NotePatch, type NoteRecord } from '../../db';
import { formatClock } from '../components/format-date';
import { notifyRecordChanged } from '../components/record-changed';
import { useUndo } from '../components/UndoToast';
import { t } from '../i18n';
import { Icon } from './ui';

export interface NoteTarget {
  conversationId?: string;
  personId?: string;
}

const MAX_NOTE = 10_000;

const submitOnModEnter = (event: KeyboardEvent, submit: () => void) => {
  if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
    event.preventDefault();
    submit();
  }
};

/** The "add a note" field at the bottom of the sidebar. `prepare` runs first (e.g. creates the row of an unreadable
 * page) and may return the conversation id to use. */
export function NoteComposer({ target, prepare }: { target: NoteTarget; prepare?: () => Promise<string | void> }) {
  const [text, setText] = useState('');
  const [promised, setPromised] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(false);
  const undo = useUndo();
  const ids = useId();
  const fieldRef = useRef<HTMLTextAreaElement>(null);

  const submit = async () => {
    const value = text.trim();
    if (!value || busy) return;
    setBusy(true);
    setError(false);
    try {
      const db = openDatabase();
      const prepared = await prepare?.();
      const conversationId = prepared || target.conversationId;
      const note = await addNote(
        db,
        { ...(conversationId ? { conversationId } : {}), ...(target.personId ? { personId: target.personId } : {}), text: value, promised },
        new Date(),
      );
      notifyRecordChanged();
      setText('');
      setPromised(false);
      undo.offer(promised ? t('sidebarPromiseAdded') : t('sidebarNoteAdded'), async () => {
        await deleteNote(db, note.id);
        notifyRecordChanged();
      });
    } catch (e) {
      console.error('[Turnkeeper] note failed:', e instanceof Error ? e.name : typeof e);
      setError(true);
    } finally {
      setBusy(false);
    }
  };

  // Grow with the text, up to a few lines.
  useEffect(() => {
    const el = fieldRef.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight + 2, 140)}px`;
  }, [text]);

  return (
    <form
      class="composer"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <label class="sr-only" for={`${ids}-text`}>
        {t('sidebarNoteLabel')}
      </label>
      <textarea
        ref={fieldRef}
        id={`${ids}-text`}
        class="tk-input composer__text"
        rows={1}
        dir="auto"
        maxLength={MAX_NOTE}
        placeholder={t('sidebarNotePlaceholder')}
        value={text}
        aria-describedby={`${ids}-hint`}
        onInput={(event) => setText((event.currentTarget as HTMLTextAreaElement).value)}
        onKeyDown={(event) => submitOnModEnter(event, () => void submit())}
      />
      <div class="composer__row">
        <label class="check">
          <input type="checkbox" checked={promised} onChange={(event) => setPromised((event.currentTarget as HTMLInputElement).checked)} />
          {t('sidebarPromisedCheck')}
        </label>
        <span id={`${ids}-hint`} class="composer__hint">
          {t('sidebarNoteHint')}
        </span>
        <button type="submit" class="tk-button tk-button--primary" disabled={busy || !text.trim()}>
          {t('sidebarAddNote')}
        </button>
      </div>
      {error && (
        <p class="error" role="alert">
          {t('sidebarSaveFailed')}
        </p>
      )}
    </form>
  );
}

/** Saves a change to a note and offers its undo. */
function useNoteChange() {
  const undo = useUndo();
  return async (note: NoteRecord, patch: NotePatch | 'delete', message: string) => {
    const db = openDatabase();
    const before = patch === 'delete' ? await deleteNote(db, note.id) : await updateNote(db, note.id, patch, new Date());
    notifyRecordChanged();
    if (before) {
      undo.offer(message, async () => {
        await restoreNote(db, before);
        notifyRecordChanged();
      });
    }
  };
}

/** A note in the timeline, where it was made: text, "I promised" mark, edit and delete in place. */
export function NoteEntry({ note, onPerson }: { note: NoteRecord; onPerson?: boolean }) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState(note.text);
  const [draftPromised, setDraftPromised] = useState(note.promised);
  const [failed, setFailed] = useState(false);
  const change = useNoteChange();
  const ids = useId();
  const editButton = useRef<HTMLButtonElement>(null);
  const field = useRef<HTMLTextAreaElement>(null);
  const wasEditing = useRef(false);

  useLayoutEffect(() => {
    if (editing) field.current?.focus();
    else if (wasEditing.current) editButton.current?.focus();
    wasEditing.current = editing;
  }, [editing]);

  const startEdit = () => {
    setDraft(note.text);
    setDraftPromised(note.promised);
    setFailed(false);
    setEditing(true);
  };
  const save = async () => {
    const text = draft.trim();
    if (!text) return;
    try {
      if (text !== note.text || draftPromised !== note.promised) {
        await change(note, { text, promised: draftPromised }, t('sidebarNoteSaved'));
      }
      setEditing(false);
    } catch {
      setFailed(true);
    }
  };

  const created = new Date(note.createdAt);
  const label = note.promised ? t('sidebarPromiseKind') : t('sidebarNoteKind');

  return (
    <li class={`entry note${note.promised ? ' note--promised' : ''}${note.done ? ' note--done' : ''}`} data-testid="note">
      <div class="entry__meta">
        <Icon name="note" />
        <span class="entry__kind">{label}</span>
        {onPerson && <span class="tag">{t('sidebarOnPerson')}</span>}
        {note.promised && note.done && <span class="tag">{t('sidebarDoneTag')}</span>}
        <time dateTime={note.createdAt}>{formatClock(created)}</time>
      </div>
      {editing ? (
        <form
          class="note__edit"
          onSubmit={(event) => {
            event.preventDefault();
            void save();
          }}
          onKeyDown={(event) => {
            if (event.key === 'Escape') {
              event.stopPropagation();
              setEditing(false);
            }
          }}
        >
          <label class="sr-only" for={`${ids}-edit`}>
            {t('sidebarEditNoteLabel')}
          </label>
          <textarea
            ref={field}
            id={`${ids}-edit`}
            class="tk-input"
            dir="auto"
            rows={3}
            maxLength={MAX_NOTE}
            value={draft}
            onInput={(event) => setDraft((event.currentTarget as HTMLTextAreaElement).value)}
            onKeyDown={(event) => submitOnModEnter(event, () => void save())}
          />
          <div class="note__edit-row">
            <label class="check">
              <input type="checkbox" checked={draftPromised} onChange={(event) => setDraftPromised((event.currentTarget as HTMLInputElement).checked)} />
              {t('sidebarPromisedCheck')}
            </label>
            <button type="button" class="tk-button tk-button--quiet" onClick={() => setEditing(false)}>
              {t('sidebarCancel')}
            </button>
            <button type="submit" class="tk-button tk-button--primary" disabled={!draft.trim()}>
              {t('sidebarSave')}
            </button>
          </div>
          {failed && (
            <p class="error" role="alert">
              {t('sidebarSaveFailed')}
            </p>
          )}
        </form>
      ) : (
        <>
          <div class="entry__text" dir="auto">
            {note.text}
          </div>
          <div class="entry__actions">
            <button ref={editButton} type="button" class="link-button" onClick={startEdit} aria-label={t('sidebarEditNoteAria')}>
              {t('sidebarEdit')}
            </button>
            <button
              type="button"
              class="link-button link-button--danger"
              aria-label={t('sidebarDeleteNoteAria')}
              onClick={() => void change(note, 'delete', t('sidebarNoteDeleted'))}
            >
              {t('sidebarDelete')}
            </button>
          </div>
        </>
      )}
    </li>
  );
}

/** "I promised" notes not yet done, above the timeline. */
export function PromisedList({ notes }: { notes: NoteRecord[] }) {
  const change = useNoteChange();
  const open = notes.filter((n) => n.promised && !n.done);
  if (!open.length) return null;
  return (
    <section class="promised" aria-labelledby="promised-heading">
      <h2 id="promised-heading" class="section-title">
        {t('sidebarPromisedHeading')}
      </h2>
      <ul class="promised__list">
        {open.map((note) => (
          <li key={note.id} class="promised__item" data-testid="promise">
            <div class="promised__text" dir="auto">
              {note.text}
            </div>
            <button
              type="button"
              class="tk-button"
              aria-label={t('sidebarPromiseDoneAria')}
              onClick={() => void change(note, { done: true }, t('sidebarPromiseDone'))}
            >
              <Icon name="check" />
              {t('sidebarDone')}
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
