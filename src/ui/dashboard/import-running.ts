// Whether a history import is storing batches right now. While it is, the dashboard's lists stop re-reading the
// record at every batch (each batch is a write, and every live list would re-run its queries and re-render on the
// page's main thread, which the import needs) and refresh every few seconds instead, then live again at the end.
import { useEffect, useState } from 'preact/hooks';

let running = false;
const listeners = new Set<() => void>();

export function setImportRunning(value: boolean): void {
  if (value === running) return;
  running = value;
  for (const listener of listeners) listener();
}

export function useImportRunning(): boolean {
  const [value, setValue] = useState(running);
  useEffect(() => {
    const listener = () => setValue(running);
    listeners.add(listener);
    listener();
    return () => void listeners.delete(listener);
  }, []);
  return value;
}

/** How often the lists refresh while an import runs. */
export const REFRESH_WHILE_IMPORTING_MS = 5_000;
