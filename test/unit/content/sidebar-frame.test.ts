// @vitest-environment happy-dom
// The sidebar's host on the page (src/content/sidebar-frame.ts): the sidebar page may start loading before the
// background has answered (preload), but stays out of sight, and the page keeps its width, until the answer says open;
// a collapsed sidebar has no frame at all. The frame gets its address before it enters the page (a frame put in without
// one commits an empty document first, in the page's task). The shadow root is closed to the page; the test keeps a
// handle on it by watching attachShadow.
import { afterEach, describe, expect, it, vi } from 'vitest';

// The tab's accessible name comes worded in the background's answer: the page never looks up a message itself (the
// first lookup makes the page's main thread wait on the browser). A lookup here would be counted.
const lookups: string[] = [];
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'abcdefghijklmnopabcdefghijklmnop' },
  i18n: { getMessage: (key: string) => (lookups.push(key), key) },
};
const { createSidebarFrame } = await import('../../../src/content/sidebar-frame');

const SRC = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop/src/ui/sidebar/index.html';

function hostWithRoot() {
  const original = Element.prototype.attachShadow;
  let root: ShadowRoot | undefined;
  const spy = vi.spyOn(Element.prototype, 'attachShadow').mockImplementation(function (this: Element, init) {
    root = original.call(this, init);
    return root;
  });
  const sidebar = createSidebarFrame(SRC, () => undefined);
  spy.mockRestore();
  const dock = root!.querySelector('.dock') as HTMLElement;
  const tab = root!.querySelector('button.tab') as HTMLButtonElement;
  const frames = () => [...root!.querySelectorAll('iframe')];
  /** The sidebar page's address, or null when there is no frame. */
  const frameSrc = () => {
    const all = frames();
    expect(all.length).toBeLessThanOrEqual(1);
    return all[0]?.getAttribute('src') ?? null;
  };
  const pageMadeRoom = () => !!document.getElementById('turnkeeper-dock');
  return { sidebar, frames, frameSrc, dock, tab, pageMadeRoom };
}

afterEach(() => {
  document.documentElement.querySelector('turnkeeper-sidebar')?.remove();
  document.getElementById('turnkeeper-dock')?.remove();
});

describe('the sidebar frame', () => {
  it('preloads hidden: the page loads, nothing shows and the page keeps its width until the answer opens it', () => {
    const { sidebar, frameSrc, dock, pageMadeRoom } = hostWithRoot();
    expect(frameSrc()).toBeNull();
    sidebar.preload();
    expect(frameSrc()).toBe(SRC);
    expect(dock.hidden).toBe(true);
    expect(pageMadeRoom()).toBe(false);
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(dock.hidden).toBe(false);
    expect(pageMadeRoom()).toBe(true);
    expect(frameSrc()).toBe(SRC);
  });

  it('puts the frame in the page with its address already set, never as an empty frame first', () => {
    const { sidebar, frames } = hostWithRoot();
    // The address each frame had as it was put in.
    const srcWhenInserted: (string | null)[] = [];
    const original = Element.prototype.append;
    const spy = vi.spyOn(Element.prototype, 'append').mockImplementation(function (this: Element, ...nodes) {
      for (const n of nodes) if (n instanceof HTMLIFrameElement) srcWhenInserted.push(n.getAttribute('src'));
      return original.apply(this, nodes);
    });
    sidebar.preload();
    spy.mockRestore();
    expect(srcWhenInserted).toEqual([SRC]);
    expect(frames()).toHaveLength(1);
  });

  it('a preloaded sidebar the answer says is collapsed stays hidden and its frame is removed; opening loads it again', () => {
    const { sidebar, frameSrc, dock, pageMadeRoom } = hostWithRoot();
    sidebar.preload();
    sidebar.apply({ type: 'sidebar/apply', open: false });
    expect(dock.hidden).toBe(true);
    expect(pageMadeRoom()).toBe(false);
    expect(frameSrc()).toBeNull();
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(frameSrc()).toBe(SRC);
  });

  it('a sidebar once shown keeps its page when collapsed (reopening is instant); dropPreload leaves it alone', () => {
    const { sidebar, frames, frameSrc, dock } = hostWithRoot();
    sidebar.apply({ type: 'sidebar/apply', open: true });
    const first = frames()[0];
    sidebar.apply({ type: 'sidebar/apply', open: false });
    sidebar.dropPreload();
    expect(dock.hidden).toBe(true);
    expect(frameSrc()).toBe(SRC);
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(frames()[0]).toBe(first);
  });

  it("the collapsed tab is named as the answer words it, and keeps that name when a toggle says nothing of it", () => {
    const { sidebar, tab } = hostWithRoot();
    sidebar.apply({ type: 'sidebar/apply', open: false, badge: 'mine', tabLabel: 'Open Turnkeeper: your turn' });
    expect(tab.hidden).toBe(false);
    expect(tab.getAttribute('aria-label')).toBe('Open Turnkeeper: your turn');
    sidebar.apply({ type: 'sidebar/apply', open: true });
    sidebar.apply({ type: 'sidebar/apply', open: false });
    expect(tab.getAttribute('aria-label')).toBe('Open Turnkeeper: your turn');
    sidebar.apply({ type: 'sidebar/apply', open: false, badge: null, tabLabel: 'Open Turnkeeper' });
    expect(tab.getAttribute('aria-label')).toBe('Open Turnkeeper');
    expect(lookups).toEqual([]);
  });

  it('without a preload, a collapsed sidebar has no frame; opening it loads it', () => {
    const { sidebar, frameSrc } = hostWithRoot();
    sidebar.apply({ type: 'sidebar/apply', open: false });
    expect(frameSrc()).toBeNull();
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(frameSrc()).toBe(SRC);
  });
});
