// Hosts the sidebar next to the page: a closed shadow root (the page's scripts cannot reach into it and its styles
// cannot restyle it) holding the sidebar, an extension page in an iframe, and a slim tab shown while it is collapsed.
// Page text never passes through here: the sidebar page reads the record itself from the extension's database.
import type { SidebarApplyMessage } from '../protocol/types';
import { styleRoot } from './shadow-style';

export const SIDEBAR_WIDTH = 360;
const TAB_WIDTH = 28;
const HOST_TAG = 'turnkeeper-sidebar';
const DOCK_STYLE_ID = 'turnkeeper-dock';

type Badge = SidebarApplyMessage['badge'];

const BADGE_COLOURS: Record<NonNullable<Badge>, string> = {
  mine: '#b45309',
  'follow-up': '#b91c1c',
  pinned: '#7c3aed',
  theirs: '#0f766e',
  resting: '#6b7280',
};

const FRAME_CSS =
  ':host{all:initial}.dock{position:fixed;top:0;right:0;bottom:0;z-index:2147483000;display:flex}' +
  `iframe{border:0;width:${SIDEBAR_WIDTH}px;height:100%;background:transparent;color-scheme:normal;box-shadow:-1px 0 0 rgba(0,0,0,.12)}` +
  `.tab{position:fixed;right:0;top:40%;width:${TAB_WIDTH}px;height:72px;z-index:2147483000;border:0;border-radius:8px 0 0 8px;` +
  'background:#0f766e;color:#fff;cursor:pointer;padding:0;font:600 13px/1 system-ui,sans-serif;box-shadow:0 1px 4px rgba(0,0,0,.3)}' +
  '.tab:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}' +
  '.tab .dot{display:block;width:12px;height:12px;border-radius:50%;margin:8px auto 0;border:2px solid #fff}' +
  '[hidden]{display:none!important}';

export interface SidebarFrame {
  apply(state: SidebarApplyMessage): void;
  /** Starts loading the sidebar page while it stays hidden, so its load overlaps the background's first answer. */
  preload(): void;
  /** Drops a preloaded page that was never shown (the user keeps the sidebar collapsed). */
  dropPreload(): void;
  /** Puts the host back if the page removed it (both sites re-render large parts of the document). */
  ensureAttached(): void;
  remove(): void;
}

export function createSidebarFrame(src: string, onToggle: (open: boolean) => void): SidebarFrame {
  const host = document.createElement(HOST_TAG);
  const root = host.attachShadow({ mode: 'closed' });

  styleRoot(root, FRAME_CSS);

  const dock = document.createElement('div');
  dock.className = 'dock';
  dock.hidden = true;
  // The frame is made when its page loads (on first open, or ahead of it: preload), with its address set before it
  // enters the page: a frame put in without one first commits an empty document in the page's own task, and a user
  // who keeps the sidebar collapsed gets no frame at all. A preload that turns out collapsed is removed, not
  // navigated away, so no frame is left behind.
  let frame: HTMLIFrameElement | undefined;
  let shown = false;
  const load = () => {
    if (frame) return;
    frame = document.createElement('iframe');
    frame.title = 'Turnkeeper';
    frame.src = src;
    dock.append(frame);
  };
  const dropPreload = () => {
    if (!frame || shown) return;
    frame.remove();
    frame = undefined;
  };

  const tab = document.createElement('button');
  tab.className = 'tab';
  tab.type = 'button';
  tab.title = 'Turnkeeper';
  const label = document.createElement('span');
  label.textContent = 'TK';
  const dot = document.createElement('span');
  dot.className = 'dot';
  dot.hidden = true;
  tab.append(label, dot);
  tab.addEventListener('click', () => onToggle(true));

  root.append(dock, tab);

  const dockStyle = document.createElement('style');
  dockStyle.id = DOCK_STYLE_ID;
  // Makes room for the sidebar instead of covering the thread.
  dockStyle.textContent = `html { margin-right: ${SIDEBAR_WIDTH}px !important; }`;

  let open = false;
  let shownBadge: Badge | undefined;
  // Called after every read; it touches the page only when something changed, since moving a <style> in the page's
  // head makes the browser restyle the whole of Gmail.
  let applied = false;
  const apply = (state: SidebarApplyMessage) => {
    if (state.open !== open || !applied) {
      applied = true;
      open = state.open;
      if (open) {
        load();
        shown = true;
      } else dropPreload();
      dock.hidden = !open;
      tab.hidden = open;
      if (open && !dockStyle.isConnected) document.head.append(dockStyle);
      if (!open) dockStyle.remove();
    }
    // The name comes worded with the badge (an i18n lookup here would make the page wait on the browser).
    if (state.tabLabel !== undefined && state.tabLabel !== tab.getAttribute('aria-label')) tab.setAttribute('aria-label', state.tabLabel);
    const badge = state.badge ?? null;
    if (badge === shownBadge) return;
    shownBadge = badge;
    dot.hidden = !badge;
    if (badge) dot.style.background = BADGE_COLOURS[badge];
  };

  const ensureAttached = () => {
    if (!host.isConnected) document.documentElement.append(host);
    if (open && !dockStyle.isConnected) document.head.append(dockStyle);
  };
  ensureAttached();

  return {
    apply,
    preload: load,
    dropPreload,
    ensureAttached,
    remove: () => {
      host.remove();
      dockStyle.remove();
    },
  };
}
