// The sidebar when no readable conversation is open: the general view (what is owed now), a LinkedIn profile (that
// person's record with us), and a page the adapter could not read (notes and reminders kept for its URL).
import type { ComponentChildren } from 'preact';
import browser from 'webextension-polyfill';
import { formatRelative } from '../../core/relative-time';
import { COUNT_CAP, countLabel } from '../../core/counts';
import { ensurePageConversation, loadPageNotes, openDatabase, type ConversationView } from '../../db';
import type { Site } from '../../core/site';
import type { ProfileSnapshot } from '../../sites/types';
import { formatFull, formatWhen } from '../components/format-date';
import { RemindMenu, whenWords } from '../components/RemindMenu';
import { useLiveQuery } from '../components/use-live-query';
import { useNow } from '../components/use-now';
import { coreTranslate, t } from '../i18n';
import { profileHandle, turnLabel } from './format';
import { NoteComposer } from './Notes';
import { GENERAL_LIST_LIMIT, loadGeneral, loadProfile } from './sidebar-queries';
import { Timeline } from './Timeline';
import { Icon, Loading, openConversation, SiteChip, Text } from './ui';

const LIST_LIMIT = GENERAL_LIST_LIMIT;

function conversationTitle(c: ConversationView): string {
  const names = c.people.map((p) => p.name).filter(Boolean).join(', ');
  return names || c.subject || t('sidebarSavedPage');
}

function ConversationItem({ conversation, detail, now }: { conversation: ConversationView; detail?: ComponentChildren; now: Date }) {
  const subject = conversation.people.length ? conversation.subject : undefined;
  return (
    <li>
      <button type="button" class={`item item--${conversation.turn}`} onClick={() => openConversation(conversation.url)} data-testid="general-item">
        <span class="item__line">
          <SiteChip site={conversation.site} />
          <span class="item__name">
            <Text>{conversationTitle(conversation)}</Text>
          </span>
          {conversation.lastMessageAt && (
            <time class="item__when" dateTime={conversation.lastMessageAt}>
              {formatRelative(conversation.lastMessageAt, now, coreTranslate)}
            </time>
          )}
        </span>
        {subject && (
          <span class="item__subject">
            <Text>{subject}</Text>
          </span>
        )}
        {detail && <span class="item__detail">{detail}</span>}
      </button>
    </li>
  );
}

function ListSection({ id, title, count, children }: { id: string; title: string; count: number; children: ComponentChildren }) {
  return (
    <section class="list-section" aria-labelledby={id}>
      <h2 id={id} class="section-title">
        {title} <span class="count">{count}</span>
      </h2>
      <ul class="items">{children}</ul>
      {count > LIST_LIMIT && (
        <button type="button" class="link-button" onClick={() => void browser.runtime.openOptionsPage()}>
          {t('sidebarMoreInDashboard', count >= COUNT_CAP ? countLabel(count) : String(count - LIST_LIMIT))}
        </button>
      )}
    </section>
  );
}

export function GeneralPanel() {
  const now = useNow();
  const data = useLiveQuery(() => loadGeneral(openDatabase(), new Date()), []);
  if (!data) return <Loading />;
  const due = data.pinsDue;
  const nothing = !due.length && !data.mine.length && !data.followUp.length;
  return (
    <main class="panel panel--scroll" data-testid="general">
      <h1 class="sr-only">{t('sidebarGeneralTitle')}</h1>
      <p class="lead">{t('sidebarNoConversation')}</p>
      {nothing && <p class="calm">{t('sidebarAllCaughtUp')}</p>}
      {due.length > 0 && (
        <ListSection id="due-heading" title={t('sidebarDueHeading')} count={data.counts.pinsDue}>
          {due.slice(0, LIST_LIMIT).map(({ pin, conversation }) => (
            <ConversationItem
              key={pin.id}
              conversation={conversation}
              now={now}
              detail={
                <span title={formatFull(new Date(pin.dueAt))}>
                  <Icon name="pin" /> {t('sidebarReminderDue', formatWhen(new Date(pin.dueAt), now, whenWords()))}
                  {pin.note && (
                    <>
                      {' — '}
                      <Text>{pin.note}</Text>
                    </>
                  )}
                </span>
              }
            />
          ))}
        </ListSection>
      )}
      {data.mine.length > 0 && (
        <ListSection id="mine-heading" title={t('sidebarMineHeading')} count={data.counts.mine}>
          {data.mine.slice(0, LIST_LIMIT).map((c) => (
            <ConversationItem key={c.id} conversation={c} now={now} />
          ))}
        </ListSection>
      )}
      {data.followUp.length > 0 && (
        <ListSection id="followup-heading" title={t('sidebarFollowUpHeading')} count={data.counts.followUp}>
          {data.followUp.slice(0, LIST_LIMIT).map((c) => (
            <ConversationItem key={c.id} conversation={c} now={now} />
          ))}
        </ListSection>
      )}
    </main>
  );
}

export function ProfilePanel({ profile }: { profile: ProfileSnapshot }) {
  const now = useNow();
  const data = useLiveQuery(() => loadProfile(openDatabase(), profile.profileUrl, new Date()), [profile.profileUrl]);
  if (!data) return <Loading />;
  const details = data.details;
  const name = details?.person.name || profile.name;
  return (
    <main class="panel" data-testid="profile">
      <div class="top">
        <section class="who" aria-labelledby="profile-title">
          <h1 id="profile-title" class="who__title">
            <Text>{name}</Text>
          </h1>
          {profile.headline && (
            <p class="muted who__headline">
              <Text>{profile.headline}</Text>
            </p>
          )}
          <ul class="ids" data-testid="people">
            {(details?.person.emails ?? []).map((email) => (
              <li key={email} class="id">
                <span class="id__kind">{t('sidebarEmailShort')}</span>
                <Text>{email}</Text>
              </li>
            ))}
            {(details?.person.linkedin ?? [profile.profileUrl]).map((url) => (
              <li key={url} class="id">
                <span class="id__kind">{t('sidebarLinkedInShort')}</span>
                <Text>{profileHandle(url)}</Text>
              </li>
            ))}
          </ul>
        </section>
        {!details || !details.conversations.length ? (
          <p class="lead" data-testid="turn">
            {t('sidebarNoConversationsWith', name)}
          </p>
        ) : (
          <section class="list-section" aria-labelledby="profile-conversations">
            <h2 id="profile-conversations" class="section-title">
              {t('sidebarConversationsHeading')} <span class="count">{details.conversations.length}</span>
            </h2>
            <ul class="items">
              {details.conversations.map((c) => (
                <ConversationItem key={c.id} conversation={c} now={now} detail={<span class={`state state--${c.turn}`}>{turnLabel(c.turn, coreTranslate)}</span>} />
              ))}
            </ul>
          </section>
        )}
      </div>
      {details && (
        <>
          <Timeline
            scrollKey={`person:${details.person.id}`}
            messages={[]}
            notes={[]}
            personNotes={details.notes}
            pins={[]}
            now={now}
            label={t('sidebarPersonNotesLabel')}
            empty={t('sidebarPersonNotesEmpty')}
          />
          <NoteComposer target={{ personId: details.person.id }} />
        </>
      )}
    </main>
  );
}

export function UnreadablePanel({ site, url }: { site: Site; url: string }) {
  const now = useNow();
  const data = useLiveQuery(() => loadPageNotes(openDatabase(), site, url), [site, url]);
  if (!data) return <Loading />;
  const ensure = () => ensurePageConversation(openDatabase(), site, url, new Date());
  const openPins = data.pins.filter((p) => !p.done);
  return (
    <main class="panel" data-testid="unreadable">
      <div class="top">
        <section class="turn turn--resting" aria-labelledby="unreadable-title">
          <div role="status">
            <h1 id="unreadable-title" class="turn__sentence" data-testid="turn">
              {t('sidebarUnreadable')}
            </h1>
          </div>
          <p class="turn__detail">{t('sidebarUnreadableDetail')}</p>
          {openPins.length > 0 && (
            <ul class="turn__pins">
              {openPins.map((pin) => (
                <li key={pin.id} class="turn__pin">
                  <Icon name="pin" />
                  <span class="turn__pin-text" title={formatFull(new Date(pin.dueAt))}>
                    {t('sidebarReminderAt', formatWhen(new Date(pin.dueAt), now, whenWords()))}
                  </span>
                </li>
              ))}
            </ul>
          )}
          <div class="turn__actions">
            <RemindMenu conversationId={data.conversationId} ensureConversation={ensure} />
          </div>
        </section>
      </div>
      <Timeline
        scrollKey={data.conversationId}
        messages={[]}
        notes={data.notes}
        pins={data.pins}
        now={now}
        label={t('sidebarPageNotesLabel')}
        empty={t('sidebarPageNotesEmpty')}
      />
      <NoteComposer target={{ conversationId: data.conversationId }} prepare={ensure} />
    </main>
  );
}
