// Parts of the dashboard most visits never open (the Import dialog with the history import, Settings) are split
// into chunks of their own and loaded the first time they are wanted, so the first render parses less script.
import { useEffect, useState } from 'preact/hooks';

/** The module `load` gives, once `wanted` has been true (null until it has arrived). Loaded once, then kept: a
 * dialog stays mounted while closed, so what runs inside it (an import) survives closing it. `onError` is told when
 * the chunk cannot be loaded (an extension updated under an open page no longer has it). */
export function useLoaded<T>(wanted: boolean, load: () => Promise<T>, onError: () => void): T | null {
  const [loaded, setLoaded] = useState<T | null>(null);
  const [asked, setAsked] = useState(false);
  useEffect(() => {
    if (!wanted || asked) return;
    setAsked(true);
    load().then(setLoaded, (error: unknown) => {
      console.error('[Turnkeeper] a part of the dashboard failed to load:', error instanceof Error ? error.name : typeof error);
      onError();
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [wanted, asked]);
  return loaded;
}
