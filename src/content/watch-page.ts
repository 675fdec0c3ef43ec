// Calls `onChange` after the page settles: after DOM changes inside the watched root (debounced, with a ceiling so a
// page that never stops changing is still read), after in-page navigation (hash changes, history navigation), and
// once at start. Everything is torn down through the AbortSignal.

export interface WatchOptions {
  /** The element whose subtree is watched; re-resolved on every navigation since both sites re-render. */
  root: () => Element;
  onChange: () => void;
  signal: AbortSignal;
  /** Quiet time before reading, in ms. */
  debounceMs?: number;
  /** A changing page is read at least this often, in ms. */
  maxWaitMs?: number;
  /** Mutations that change nothing `onChange` reads (a list's own rows): a batch made only of them is not a change. */
  ignore?: (record: MutationRecord) => boolean;
  /** Called at once, in the task of the change, for every batch that is a change and adds nodes. */
  onMutation?: () => void;
}

export function watchPage({ root, onChange, signal, debounceMs = 60, maxWaitMs = 600, ignore, onMutation }: WatchOptions): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  let observed: Element | undefined;
  let lastHref = location.href;

  const fire = () => {
    timer = undefined;
    firstPendingAt = 0;
    if (signal.aborted) return;
    observeRoot();
    onChange();
  };
  const schedule = () => {
    if (signal.aborted) return;
    const now = performance.now();
    if (!firstPendingAt) firstPendingAt = now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, maxWaitMs - (now - firstPendingAt)));
    timer = setTimeout(fire, wait);
  };

  const observer = new MutationObserver((records) => {
    // SPA navigations through history.pushState fire no event in the isolated world; the DOM change that follows
    // them does, so the URL is compared here: a new address is a change whatever the mutations.
    const moved = location.href !== lastHref;
    lastHref = location.href;
    if (!moved && ignore && records.every(ignore)) return;
    // A list shown anew arrives as added nodes.
    if (onMutation && records.some((r) => r.addedNodes.length)) onMutation();
    schedule();
  });
  const observeRoot = () => {
    const next = root();
    if (next === observed && next.isConnected) return;
    observer.disconnect();
    observed = next;
    observer.observe(next, { childList: true, subtree: true, characterData: true });
  };

  observeRoot();
  addEventListener('hashchange', schedule, { signal });
  addEventListener('popstate', schedule, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
  });
  // The page is already there at document_idle: read it now, so the sidebar shows the record without a wait.
  fire();
}
