// Small pieces the sidebar's panels share.
import type { ComponentChildren } from 'preact';
import type { Site } from '../../core/site';
import { askBackground } from '../components/ask-background';
import { coreTranslate, t } from '../i18n';
import { siteName } from './format';

/** Asks the background to show a conversation (in the tab that shows its site, else a new tab). */
export function openConversation(url: string): void {
  void askBackground({ type: 'conversation/open', url }).catch(() => undefined);
}

export function SiteChip({ site }: { site: Site | string }) {
  return <span class={`chip chip--${site}`}>{siteName(site, coreTranslate)}</span>;
}

export function Loading() {
  return (
    <p class="loading" role="status">
      {t('sidebarLoading')}
    </p>
  );
}

/** Text from a page or the user: always a text node, direction from its own first strong character. */
export function Text({ children, class: className }: { children: ComponentChildren; class?: string }) {
  return (
    <bdi dir="auto" class={className}>
      {children}
    </bdi>
  );
}

export function Icon({ name }: { name: 'open' | 'collapse' | 'dashboard' | 'export' | 'check' | 'moon' | 'note' | 'pin' | 'edit' | 'trash' }) {
  const paths: Record<typeof name, string> = {
    open: 'M6 3H3v10h10v-3M9 2h5v5M14 2 7.5 8.5',
    collapse: 'M6 3l5 5-5 5',
    dashboard: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
    export: 'M8 2v8M4.5 6.5 8 10l3.5-3.5M2.5 11.5v2h11v-2',
    check: 'M3 8.5l3 3 7-7',
    moon: 'M13 9.5A5.5 5.5 0 1 1 6.5 3a4.5 4.5 0 0 0 6.5 6.5z',
    note: 'M3 2.5h7l3 3v8H3zM10 2.5v3h3M5.5 8h5M5.5 10.5h5',
    pin: 'M8 1.5a5 5 0 0 0-5 5v2.8L1.8 11.5h12.4L13 9.3V6.5a5 5 0 0 0-5-5zM6.2 13a1.8 1.8 0 0 0 3.6 0',
    edit: 'M10.5 2.5l3 3L6 13H3v-3z',
    trash: 'M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.7 9h5.6l.7-9',
  };
  return (
    <svg aria-hidden="true" width="14" height="14" viewBox="0 0 16 16" class="icon">
      <path d={paths[name]} fill="none" stroke="currentColor" stroke-width="1.5" stroke-linecap="round" stroke-linejoin="round" />
    </svg>
  );
}
