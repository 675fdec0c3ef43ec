// Calls `onChange` after the page settles: after DOM changes inside the watched root (debounced, with a ceiling so a
// page that never stops changing is still read), after in-page navigation (hash changes, history navigation), and
// once at start. After a new address, each DOM change also calls `onNavigation` at once (a few times at most) until it
// says it found what it looked for: a thread the site draws for the navigation is read without the debounce's wait
// (the user switching threads waits on it). Everything is torn down through the AbortSignal.

export interface WatchOptions {
  /** The element whose subtree is watched; re-resolved on every navigation since both sites re-render. */
  root: () => Element;
  /** `threadAlreadyRead`: a navigation's early read (`onNavigation`) found its thread and nothing in the root changed
   * since, so reading the page again would read the same. */
  onChange: (settled: { threadAlreadyRead: boolean }) => void;
  signal: AbortSignal;
  /** Quiet time before reading, in ms. */
  debounceMs?: number;
  /** A changing page is read at least this often, in ms. */
  maxWaitMs?: number;
  /** Mutations that change nothing `onChange` reads (a list's own rows): a batch made only of them is not a change. */
  ignore?: (record: MutationRecord) => boolean;
  /** Called at once, in the task of the change, for every batch that is a change and adds nodes. */
  onMutation?: () => void;
  /** Called at once when the address changed, then on each change after it (at most NAVIGATION_TRIES calls in all)
   * until it returns true or the debounced `onChange` runs. */
  onNavigation?: () => boolean;
}

/** How many times one navigation may call `onNavigation`: the site usually draws the new thread in the navigation's
 * own task or the next few; after that the debounced read is as soon, and each try is a read of the page. */
export const NAVIGATION_TRIES = 3;

export function watchPage(options: WatchOptions): void {
  const { root, onChange, signal, debounceMs = 60, maxWaitMs = 600, ignore, onMutation, onNavigation } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  let observed: Element | undefined;
  let lastHref = location.href;
  let navigationTries = 0;
  let readByNavigation = false;

  const fire = () => {
    timer = undefined;
    firstPendingAt = 0;
    navigationTries = 0;
    const threadAlreadyRead = readByNavigation;
    readByNavigation = false;
    if (signal.aborted) return;
    observeRoot();
    onChange({ threadAlreadyRead });
  };
  const schedule = () => {
    if (signal.aborted) return;
    const now = performance.now();
    if (!firstPendingAt) firstPendingAt = now;
    if (timer) clearTimeout(timer);
    const wait = Math.max(0, Math.min(debounceMs, maxWaitMs - (now - firstPendingAt)));
    timer = setTimeout(fire, wait);
  };

  /** Whether the address changed since last seen; a change starts a navigation's tries. */
  const addressChanged = () => {
    if (location.href === lastHref) return false;
    lastHref = location.href;
    navigationTries = NAVIGATION_TRIES;
    return true;
  };
  const tryNavigation = () => {
    if (!onNavigation || navigationTries <= 0 || signal.aborted) return;
    navigationTries--;
    if (!onNavigation()) return;
    navigationTries = 0;
    readByNavigation = true;
  };

  const observer = new MutationObserver((records) => {
    // SPA navigations through history.pushState fire no event in the isolated world; the DOM change that follows
    // them does, so the URL is compared here: a new address is a change whatever the mutations.
    const moved = addressChanged();
    if (!moved && ignore && records.every(ignore)) return;
    // A list shown anew arrives as added nodes.
    if (onMutation && records.some((r) => r.addedNodes.length)) onMutation();
    readByNavigation = false;
    schedule();
    tryNavigation();
  });
  const observeRoot = () => {
    const next = root();
    if (next === observed && next.isConnected) return;
    observer.disconnect();
    observed = next;
    observer.observe(next, { childList: true, subtree: true, characterData: true });
  };

  observeRoot();
  // The try itself waits for the DOM change that draws the new thread (the observer above): at the event the page
  // usually still shows the thread being left, and a read then would be a read of the whole page for nothing.
  const navigated = () => {
    addressChanged();
    schedule();
  };
  addEventListener('hashchange', navigated, { signal });
  addEventListener('popstate', navigated, { signal });
  signal.addEventListener('abort', () => {
    observer.disconnect();
    if (timer) clearTimeout(timer);
  });
  // The page is already there at document_idle: read it now, so the sidebar shows the record without a wait.
  fire();
}

