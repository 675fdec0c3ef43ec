import browser from 'webextension-polyfill';
import { openDatabase } from '../../db/database';
import { useLiveQuery } from '../components/use-live-query';
import { t } from '../i18n';
import { useTabContext } from './use-tab-context';

export function Sidebar() {
  const { context, ready } = useTabContext();
  const conversationId = context?.conversationIds[0];
  const record = useLiveQuery(async () => {
    if (!conversationId) return null;
    const db = openDatabase();
    const conversation = await db.conversations.get(conversationId);
    if (!conversation) return null;
    const messages = await db.messages.where('conversationId').equals(conversationId).sortBy('sentAt');
    const people = await db.people.bulkGet(conversation.personIds);
    return { conversation, messages, people: people.filter((p) => p !== undefined) };
  }, [conversationId]);

  return (
    <>
      <header>
        <strong>Turnkeeper</strong>
        <button
          type="button"
          aria-label={t('sidebarCollapse')}
          onClick={() => void browser.runtime.sendMessage({ type: 'sidebar/set-open', open: false })}
        >
          ›
        </button>
      </header>
      <main>
        {!ready ? null : context?.unreadable ? (
          <p role="status">{t('sidebarUnreadable')}</p>
        ) : !record ? (
          <p class="muted">{t('sidebarNoConversation')}</p>
        ) : (
          <section data-testid="conversation">
            <h1 data-testid="subject">{record.conversation.subject ?? ''}</h1>
            <p data-testid="people">{record.people.map((person) => person.name).join(', ')}</p>
            <p data-testid="turn">{record.conversation.turn}</p>
            <p class="muted">{t('sidebarRecorded', String(record.messages.length))}</p>
            <ol>
              {record.messages.map((message) => (
                <li key={message.id} data-testid="message">
                  {message.text}
                </li>
              ))}
            </ol>
          </section>
        )}
      </main>
    </>
  );
}
