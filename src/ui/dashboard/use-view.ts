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

/** `#import` in the dashboard's address opens the Import dialog (README and the empty dashboard link to it); closing
 * the dialog takes the hash away again, so a reload does not reopen it. */
export function useImportHash(dialog: DialogName, setDialog: (next: DialogName) => void): void {
  useEffect(() => {
    const onHash = () => {
      if (location.hash === '#import') setDialog('import');
    };
    onHash();
    addEventListener('hashchange', onHash);
    return () => removeEventListener('hashchange', onHash);
  }, []);
  useEffect(() => {
    if (dialog !== 'import' && location.hash === '#import') history.replaceState(null, '', location.pathname + location.search);
  }, [dialog]);
}
