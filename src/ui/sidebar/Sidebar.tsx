// The sidebar next to an email thread or a LinkedIn conversation. It follows the page through the TabContext the
// background keeps for its tab (use-tab-context.ts) and reads the record itself, live, from the extension's database.
import { useEffect } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { TabContext } from '../../protocol/types';
import { askBackground } from '../components/ask-background';
import { t } from '../i18n';
import { ConversationPanel } from './ConversationPanel';
import { GeneralPanel, ProfilePanel, UnreadablePanel } from './OtherPanels';
import { Icon, Loading } from './ui';
import { useTabContext } from './use-tab-context';

/** The page's own theme (a dark Gmail theme cannot be seen from inside the frame); else the system's. */
function useTheme(context: TabContext | null) {
  const theme = context?.theme;
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'light' || theme === 'dark') root.dataset.theme = theme;
    else delete root.dataset.theme;
  }, [theme]);
}

const STORAGE_MESSAGES: Record<NonNullable<TabContext['storageError']>, string> = {
  'storage-full': 'sidebarStorageFull',
  'database-blocked': 'sidebarStorageBlocked',
  'database-failed': 'sidebarStorageFailed',
};

export function Sidebar() {
  const { context, ready } = useTabContext();
  useTheme(context);
  const conversationId = context?.conversationIds[0];

  return (
    <div class="app">
      <header class="bar">
        <span class="brand" aria-hidden="true">
          <span class="brand__mark">TK</span>
          Turnkeeper
        </span>
        <div class="bar__actions">
          <button
            type="button"
            class="icon-button"
            aria-label={t('sidebarOpenDashboard')}
            title={t('sidebarOpenDashboard')}
            onClick={() => void browser.runtime.openOptionsPage()}
          >
            <Icon name="dashboard" />
          </button>
          <button
            type="button"
            class="icon-button"
            aria-label={t('sidebarCollapse')}
            title={t('sidebarCollapseHint')}
            aria-keyshortcuts="Alt+Shift+K"
            onClick={() => void askBackground({ type: 'sidebar/set-open', open: false })}
          >
            <Icon name="collapse" />
          </button>
        </div>
      </header>
      {context?.storageError ? (
        <p class="storage-error" role="alert" data-testid="storage-error">
          {t(STORAGE_MESSAGES[context.storageError])}
        </p>
      ) : null}
      {!ready ? (
        <Loading />
      ) : conversationId ? (
        <ConversationPanel key={conversationId} conversationId={conversationId} />
      ) : context?.unreadable ? (
        <UnreadablePanel key={context.url} site={context.site} url={context.url} />
      ) : context?.profile ? (
        <ProfilePanel key={context.profile.profileUrl} profile={context.profile} />
      ) : (
        <GeneralPanel />
      )}
    </div>
  );
}
