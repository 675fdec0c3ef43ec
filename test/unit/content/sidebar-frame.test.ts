// @vitest-environment happy-dom
// The sidebar's host on the page (src/content/sidebar-frame.ts): the sidebar page may start loading before the
// background has answered (preload), but stays out of sight, and the page keeps its width, until the answer says open;
// a collapsed sidebar loads nothing. The shadow root is closed to the page; the test keeps a handle on it by watching
// attachShadow.
import { afterEach, describe, expect, it, vi } from 'vitest';

// The tab's label comes from _locales through the extension's i18n: a stand-in that names the key.
(globalThis as unknown as { chrome: unknown }).chrome = {
  runtime: { id: 'abcdefghijklmnopabcdefghijklmnop' },
  i18n: { getMessage: (key: string) => key },
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
  const frame = root!.querySelector('iframe')!;
  const dock = root!.querySelector('.dock') as HTMLElement;
  const pageMadeRoom = () => !!document.getElementById('turnkeeper-dock');
  return { sidebar, frame, dock, pageMadeRoom };
}

afterEach(() => {
  document.documentElement.querySelector('turnkeeper-sidebar')?.remove();
  document.getElementById('turnkeeper-dock')?.remove();
});

describe('the sidebar frame', () => {
  it('preloads hidden: the page loads, nothing shows and the page keeps its width until the answer opens it', () => {
    const { sidebar, frame, dock, pageMadeRoom } = hostWithRoot();
    expect(frame.getAttribute('src')).toBeNull();
    sidebar.preload();
    expect(frame.getAttribute('src')).toBe(SRC);
    expect(dock.hidden).toBe(true);
    expect(pageMadeRoom()).toBe(false);
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(dock.hidden).toBe(false);
    expect(pageMadeRoom()).toBe(true);
    expect(frame.getAttribute('src')).toBe(SRC);
  });

  it('a preloaded sidebar the answer says is collapsed stays hidden and its page is dropped; opening loads it again', () => {
    const { sidebar, frame, dock, pageMadeRoom } = hostWithRoot();
    sidebar.preload();
    sidebar.apply({ type: 'sidebar/apply', open: false });
    expect(dock.hidden).toBe(true);
    expect(pageMadeRoom()).toBe(false);
    expect(frame.getAttribute('src')).toBe('about:blank');
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(frame.getAttribute('src')).toBe(SRC);
  });

  it('a sidebar once shown keeps its page when collapsed (reopening is instant); dropPreload leaves it alone', () => {
    const { sidebar, frame, dock } = hostWithRoot();
    sidebar.apply({ type: 'sidebar/apply', open: true });
    sidebar.apply({ type: 'sidebar/apply', open: false });
    sidebar.dropPreload();
    expect(dock.hidden).toBe(true);
    expect(frame.getAttribute('src')).toBe(SRC);
  });

  it('without a preload, a collapsed sidebar loads nothing; opening it loads it', () => {
    const { sidebar, frame } = hostWithRoot();
    sidebar.apply({ type: 'sidebar/apply', open: false });
    expect(frame.getAttribute('src')).toBeNull();
    sidebar.apply({ type: 'sidebar/apply', open: true });
    expect(frame.getAttribute('src')).toBe(SRC);
  });
});
