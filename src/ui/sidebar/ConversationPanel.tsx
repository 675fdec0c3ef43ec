// The open conversation: whose turn (big and first), what to do about it (remind me, no reply needed, done), who it
// is with on both sites, what I promised, the running record, and a field to add a note.
import { useMemo } from 'preact/hooks';
import { computeTurn } from '../../core/turn';
import {
  completePin,
  deletePin,
  dismissSuggestion,
  mergePeople,
  openDatabase,
  restConversation,
  restorePin,
  restoreSuggestion,
  unmergePeople,
  unrestConversation,
  type ConversationView,
  type PersonView,
  type PinRecord,
  type SuggestionView,
} from '../../db';
import { formatFull, formatWhen } from '../components/format-date';
import { notifyRecordChanged } from '../components/record-changed';
import { RemindMenu, whenWords } from '../components/RemindMenu';
import { useUndo } from '../components/UndoToast';
import { useLiveQuery } from '../components/use-live-query';
import { useNow } from '../components/use-now';
import { coreTranslate, t } from '../i18n';
import { profileHandle, shortName, turnSentence } from './format';
import { NoteComposer, PromisedList } from './Notes';
import { loadConversation } from './sidebar-queries';
import { Timeline } from './Timeline';
import { Icon, Loading, openConversation, SiteChip, Text } from './ui';

export function ConversationPanel({ conversationId }: { conversationId: string }) {
  const now = useNow();
  const data = useLiveQuery(() => loadConversation(openDatabase(), conversationId, new Date()), [conversationId]);
  if (data === undefined) return <Loading />;
  if (data === null) {
    return (
      <main class="panel panel--scroll">
        <p class="lead">{t('sidebarNoRecordYet')}</p>
      </main>
    );
  }
  const { timeline, settings, suggestions } = data;
  const conversation = timeline.conversation;
  const own = timeline.messages.filter((m) => m.inThisConversation);
  const last = own[own.length - 1];
  // The turn changes with the clock (theirs → follow up): recomputed for `now` at each tick, names from the record.
  const turn = computeTurn(
    {
      ...conversation,
      lastSenderName: last && !last.fromMe ? last.senderName : null,
      contactName: conversation.people[0]?.name ?? null,
    },
    now,
    settings,
  );
  const openPins = timeline.pins.filter((p) => !p.done);
  const pinDue = openPins.some((p) => Date.parse(p.dueAt) <= now.getTime());
  const allNotes = [...timeline.notes, ...timeline.personNotes.filter((n) => !timeline.notes.some((m) => m.id === n.id))];
  const title = conversation.subject?.trim() || t('sidebarConversationOn', conversation.site === 'gmail' ? t('sidebarSiteGmail') : t('sidebarSiteLinkedIn'));

  return (
    <main class="panel">
      <div class="top">
        <TurnCard
          conversation={conversation}
          state={turn.turn}
          sentence={turnSentence(turn.turn, turn.explanation, now, coreTranslate, turn.goneQuiet)}
          openPins={openPins}
          pinDue={pinDue}
          now={now}
          followUpAt={turn.turn === 'theirs' ? conversation.followUpAt : null}
        />
        <section class="who" aria-labelledby="conversation-title">
          <div class="who__head">
            <h1 id="conversation-title" class="who__title" {...(conversation.subject?.trim() ? { 'data-testid': 'subject' } : {})}>
              <Text>{title || t('sidebarUntitled')}</Text>
            </h1>
            <ExportButton conversationId={conversation.id} />
          </div>
          <People people={timeline.people} conversation={conversation} others={timeline.conversations} />
          {suggestions.map((s) => (
            <Suggestion key={s.link.id} suggestion={s} people={timeline.people} />
          ))}
        </section>
        <PromisedList notes={allNotes} />
      </div>
      <Timeline
        scrollKey={conversationId}
        messages={timeline.messages}
        notes={timeline.notes}
        personNotes={timeline.personNotes}
        pins={timeline.pins}
        conversations={timeline.conversations}
        now={now}
        label={t('sidebarRecordLabel')}
        empty={t('sidebarTimelineEmpty')}
      />
      <NoteComposer target={{ conversationId }} />
    </main>
  );
}

function TurnCard(props: {
  conversation: ConversationView;
  state: ConversationView['turn'];
  sentence: string;
  openPins: PinRecord[];
  pinDue: boolean;
  now: Date;
  followUpAt: string | null;
}) {
  const { conversation, state, sentence, openPins, pinDue, now, followUpAt } = props;
  const undo = useUndo();
  const db = openDatabase();
  const resting = !!conversation.restingSince && state === 'resting';

  const rest = async () => {
    const previous = await restConversation(db, conversation.id, new Date());
    notifyRecordChanged();
    undo.offer(t('sidebarRested'), async () => {
      await unrestConversation(db, conversation.id, new Date(), previous);
      notifyRecordChanged();
    });
  };
  const wake = async () => {
    const previous = conversation.restingSince ?? null;
    await unrestConversation(db, conversation.id, new Date(), null);
    notifyRecordChanged();
    undo.offer(t('sidebarWoken'), async () => {
      if (previous) await unrestConversation(db, conversation.id, new Date(), previous);
      notifyRecordChanged();
    });
  };
  const done = async (pins: PinRecord[]) => {
    const before: PinRecord[] = [];
    for (const pin of pins) before.push(await completePin(db, pin.id, new Date()));
    notifyRecordChanged();
    undo.offer(t('sidebarPinsDone'), async () => {
      for (const pin of before) await restorePin(db, pin);
      notifyRecordChanged();
    });
  };
  const remove = async (pin: PinRecord) => {
    const before = await deletePin(db, pin.id);
    notifyRecordChanged();
    if (before) {
      undo.offer(t('sidebarPinRemoved'), async () => {
        await restorePin(db, before);
        notifyRecordChanged();
      });
    }
  };
  return (
    <section class={`turn turn--${pinDue ? 'pinned' : state}`} aria-labelledby="turn-sentence">
      <p id="turn-sentence" class="turn__sentence" data-testid="turn" data-state={state} dir="auto">
        {sentence}
      </p>
      {followUpAt && (
        <p class="turn__detail" title={formatFull(new Date(followUpAt))}>
          {t('sidebarFollowUpOn', formatWhen(new Date(followUpAt), now, whenWords()))}
        </p>
      )}
      {openPins.length > 0 && (
        <ul class="turn__pins">
          {openPins.map((pin) => {
            const due = new Date(pin.dueAt);
            const isDue = due.getTime() <= now.getTime();
            return (
              <li key={pin.id} class={isDue ? 'turn__pin turn__pin--due' : 'turn__pin'} data-testid="open-pin">
                <Icon name="pin" />
                <span class="turn__pin-text" title={formatFull(due)}>
                  {isDue ? (
                    t('sidebarReminderDue', formatWhen(due, now, whenWords()))
                  ) : (
                    <>
                      <span class="sr-only">{t('sidebarReminderLabel')} </span>
                      {formatWhen(due, now, whenWords())}
                    </>
                  )}
                  {pin.note && (
                    <>
                      {' — '}
                      <Text>{pin.note}</Text>
                    </>
                  )}
                </span>
                <span class="turn__pin-actions">
                  <button type="button" class="link-button" aria-label={t('sidebarDoneAria')} onClick={() => void done([pin])}>
                    {t('sidebarDone')}
                  </button>
                  <button type="button" class="link-button" aria-label={t('sidebarRemovePinAria')} onClick={() => void remove(pin)}>
                    {t('sidebarRemove')}
                  </button>
                </span>
              </li>
            );
          })}
        </ul>
      )}
      <div class="turn__actions">
        <RemindMenu conversationId={conversation.id} />
        {resting ? (
          <button type="button" class="tk-button" onClick={() => void wake()}>
            {t('sidebarReplyNeeded')}
          </button>
        ) : (
          <button type="button" class="tk-button" onClick={() => void rest()}>
            {t('sidebarNoReplyNeeded')}
          </button>
        )}
      </div>
    </section>
  );
}

/** "Export this conversation as Markdown" (src/export), loaded on demand. */
function ExportButton({ conversationId }: { conversationId: string }) {
  const undo = useUndo();
  const exportMarkdown = async () => {
    try {
      // Loaded on demand: the export module is not needed to show the record.
      const [{ exportConversationMarkdown }, { downloadBlob }] = await Promise.all([
        import('../../export/markdown'),
        import('../../export/download'),
      ]);
      const file = await exportConversationMarkdown(openDatabase(), conversationId, {
        labels: {
          you: t('sidebarYou'),
          unknownPerson: t('sidebarUnknownSender'),
          people: t('sidebarMdPeople'),
          notes: t('sidebarMdNotes'),
          pins: t('sidebarMdPins'),
          timeUnknown: t('sidebarTimeUnknown'),
          preview: t('sidebarPreviewOnly'),
          noText: t('sidebarMdNoText'),
          promised: t('sidebarMdPromised'),
          done: t('sidebarDoneTag'),
          due: t('sidebarMdDue'),
        },
      });
      downloadBlob(file.blob, file.filename);
    } catch (e) {
      console.error('[Turnkeeper] export failed:', e instanceof Error ? e.name : typeof e);
      undo.offer(t('sidebarExportFailed'), () => undefined);
    }
  };

  return (
    <button
      type="button"
      class="icon-button"
      aria-label={t('sidebarExportAria')}
      title={t('sidebarExportAria')}
      onClick={() => void exportMarkdown()}
    >
      <Icon name="export" />
    </button>
  );
}

function People({ people, conversation, others }: { people: PersonView[]; conversation: ConversationView; others: ConversationView[] }) {
  const { otherSites, sameSite } = useMemo(() => {
    const list = others.filter((c) => c.id !== conversation.id && c.url);
    // One link per other site (its newest conversation, `others` is newest first): the one-click jump across sites.
    const bySite = new Map<string, ConversationView>();
    for (const c of list) if (c.site !== conversation.site && !bySite.has(c.site)) bySite.set(c.site, c);
    return { otherSites: [...bySite.values()], sameSite: list.filter((c) => c.site === conversation.site) };
  }, [others, conversation]);
  return (
    <>
      <ul class="people" data-testid="people" aria-label={t('sidebarPeopleLabel')}>
        {people.map((person) => {
          const ids = [...person.emails, ...person.linkedin.map(profileHandle)];
          return (
            <li key={person.id} class="person">
              <span class="person__name">
                <Text>{person.name || t('sidebarUnknownSender')}</Text>
              </span>
              {ids.map((id, index) => (
                <span key={id} class="person__id" title={index < person.emails.length ? t('sidebarEmailShort') : t('sidebarLinkedInShort')}>
                  <span class="sr-only">{index < person.emails.length ? t('sidebarEmailShort') : t('sidebarLinkedInShort')}: </span>
                  <Text>{id}</Text>
                </span>
              ))}
            </li>
          );
        })}
      </ul>
      {otherSites.length > 0 && (
        <ul class="elsewhere" aria-label={t('sidebarElsewhereLabel')}>
          {otherSites.map((c) => (
            <li key={c.id}>
              <ConversationLink conversation={c} label={t('sidebarOpenOnSite', siteLabel(c.site))} chip={false} />
            </li>
          ))}
        </ul>
      )}
      {sameSite.length > 0 && (
        <details class="more-threads">
          <summary>{sameSite.length === 1 ? t('sidebarOtherThread') : t('sidebarOtherThreads', String(sameSite.length))}</summary>
          <ul class="elsewhere">
            {sameSite.map((c) => (
              <li key={c.id}>
                <ConversationLink conversation={c} label={c.subject || t('sidebarOtherConversation')} />
              </li>
            ))}
          </ul>
        </details>
      )}
    </>
  );
}

function ConversationLink({ conversation, label, chip = true }: { conversation: ConversationView; label: string; chip?: boolean }) {
  return (
    <button
      type="button"
      class={`elsewhere__link elsewhere__link--${conversation.site}`}
      data-testid="other-conversation"
      onClick={() => openConversation(conversation.url)}
    >
      {chip && <SiteChip site={conversation.site} />}
      <span class="elsewhere__title">
        <Text>{label}</Text>
      </span>
      <Icon name="open" />
    </button>
  );
}

const siteLabel = (site: string) => (site === 'gmail' ? t('sidebarSiteGmail') : t('sidebarSiteLinkedIn'));

function describe(person: PersonView): string {
  const id = person.emails[0] ?? (person.linkedin[0] ? profileHandle(person.linkedin[0]) : '');
  return id ? `${person.name} (${id})` : person.name;
}

function Suggestion({ suggestion, people }: { suggestion: SuggestionView; people: PersonView[] }) {
  const undo = useUndo();
  const db = openDatabase();
  const here = new Set(people.flatMap((p) => p.memberIds));
  const [keep, other] = suggestion.a.memberIds.some((id) => here.has(id)) ? [suggestion.a, suggestion.b] : [suggestion.b, suggestion.a];
  const merge = async () => {
    const link = await mergePeople(db, keep.id, other.id, new Date());
    notifyRecordChanged();
    undo.offer(t('sidebarMerged', shortName(keep.name) ?? keep.name), async () => {
      await unmergePeople(db, link.id, new Date());
      notifyRecordChanged();
    });
  };
  const dismiss = async () => {
    const before = await dismissSuggestion(db, suggestion.link.id, new Date());
    notifyRecordChanged();
    undo.offer(t('sidebarDismissed'), async () => {
      await restoreSuggestion(db, before);
      notifyRecordChanged();
    });
  };
  return (
    <div class="suggestion" role="group" aria-labelledby={`sg-${suggestion.link.id}`} data-testid="suggestion">
      <p id={`sg-${suggestion.link.id}`} class="suggestion__text">
        {t('sidebarSamePerson')} <Text>{describe(other)}</Text>
      </p>
      <div class="suggestion__actions">
        <button type="button" class="tk-button" onClick={() => void merge()}>
          {t('sidebarMerge')}
        </button>
        <button type="button" class="tk-button tk-button--quiet" onClick={() => void dismiss()}>
          {t('sidebarNotSame')}
        </button>
      </div>
    </div>
  );
}
