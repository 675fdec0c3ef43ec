// @vitest-environment happy-dom
// The Import dialog and Settings are loaded the first time they are wanted (use-loaded.ts): what a user notices is
// that they appear once asked for, stay (a running import survives closing the dialog), and that a chunk that cannot
// be loaded says so instead of doing nothing.
import { h, render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useLoaded } from '../../../../src/ui/dashboard/use-loaded';

function Part({ wanted, load, onError }: { wanted: boolean; load: () => Promise<{ text: string }>; onError: () => void }) {
  const loaded = useLoaded(wanted, load, onError);
  return h('p', null, loaded ? loaded.text : 'not loaded');
}

const root = () => document.body;
afterEach(() => render(null, root()));

describe('useLoaded', () => {
  it('loads a part once, when first wanted, and keeps it when no longer wanted', async () => {
    const load = vi.fn(() => Promise.resolve({ text: 'Import dialog' }));
    const onError = vi.fn();
    await act(() => render(h(Part, { wanted: false, load, onError }), root()));
    expect(load).not.toHaveBeenCalled();
    expect(root().textContent).toBe('not loaded');
    await act(() => render(h(Part, { wanted: true, load, onError }), root()));
    await act(() => Promise.resolve());
    expect(root().textContent).toBe('Import dialog');
    await act(() => render(h(Part, { wanted: false, load, onError }), root()));
    await act(() => render(h(Part, { wanted: true, load, onError }), root()));
    expect(root().textContent).toBe('Import dialog');
    expect(load).toHaveBeenCalledTimes(1);
    expect(onError).not.toHaveBeenCalled();
  });

  it('tells the page when the part cannot be loaded', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const load = vi.fn(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const onError = vi.fn();
    await act(() => render(h(Part, { wanted: true, load, onError }), root()));
    await act(() => Promise.resolve());
    expect(onError).toHaveBeenCalledTimes(1);
    expect(root().textContent).toBe('not loaded');
    // Logged by the error's name only: no text of the page's in it.
    expect(error).toHaveBeenCalledWith(expect.any(String), 'TypeError');
    error.mockRestore();
  });
});
