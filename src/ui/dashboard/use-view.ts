// Which page the dashboard shows (the lists or settings), kept in the URL's hash so a reload or a link to
// #settings lands there; and which dialog is open.
import { useCallback, useEffect, useState } from 'preact/hooks';

export type View = 'lists' | 'settings';
export type DialogName = 'export' | 'import' | 'help' | null;

const viewFromHash = (): View => (location.hash === '#settings' ? 'settings' : 'lists');

export function useView(): [View, (next: View) => void] {
  const [view, setViewState] = useState<View>(viewFromHash);
  const setView = useCallback((next: View) => {
    setViewState(next);
    history.replaceState(null, '', next === 'settings' ? '#settings' : location.pathname + location.search);
  }, []);
  useEffect(() => {
    const onHash = () => setViewState(viewFromHash());
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  return [view, setView];
}
