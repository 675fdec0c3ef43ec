// Calls `onChange` after the page settles: after DOM changes inside the watched root (debounced, with a ceiling so a
// page that never stops changing is still read), after in-page navigation (hash changes, history navigation), and
// once at start. After a new address, each DOM change also calls `onNavigation` at once (a few times at most) until it
// says it found what it looked for: a thread the site draws for the navigation is read without the debounce's wait
// (the user switching threads waits on it). Everything is torn down through the AbortSignal.
//
// Subtrees watched by observers of their own (the elements holding a site's list rows, list-chips.ts) are left out of
// this observer, so the browser records each change of a list's rows once, not once per observer, and this callback
// does not run for them (measured by `npm run bench`, section lists). A new address whose only change is inside such a
// subtree is seen at the page's next change: a site that opens a thread draws it outside the list.

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
  /** Subtrees of the root watched by observers of their own: not observed here. One replaced is still seen (a change
   * of its parent's children); the plan is made again then, and at the settled read when the subtrees given changed. */
  exclude?: () => readonly Element[];
  /** Called at once when the address changed, then on each change after it (at most NAVIGATION_TRIES calls in all)
   * until it returns true or the debounced `onChange` runs. */
  onNavigation?: () => boolean;
}

/** How many times one navigation may call `onNavigation`: the site usually draws the new thread in the navigation's
 * own task or the next few; after that the debounced read is as soon, and each try is a read of the page. */
export const NAVIGATION_TRIES = 3;

const OBSERVED: MutationObserverInit = { childList: true, subtree: true, characterData: true };

/**
 * Observes `root` but for the subtrees of `excluded`: the elements on the way down to them are observed for their own
 * children only, every other child whole. Returns those elements: a change of their children changes the plan.
 */
function observeAround(observer: MutationObserver, root: Element, excluded: readonly Element[]): Set<Node> {
  const path = new Set<Node>();
  for (const el of excluded) {
    for (let up = el.parentNode; up && !path.has(up) && root.contains(up); up = up.parentNode) path.add(up);
  }
  if (!path.size) observer.observe(root, OBSERVED);
  for (const up of path) {
    observer.observe(up, { childList: true });
    for (const child of up.childNodes) if (!path.has(child) && !excluded.includes(child as Element)) observer.observe(child, OBSERVED);
  }
  return path;
}

const sameList = (a: readonly Element[], b: readonly Element[]) => a.length === b.length && a.every((el, i) => el === b[i]);

export function watchPage(options: WatchOptions): void {
  const { root, onChange, signal, debounceMs = 60, maxWaitMs = 600, ignore, exclude, onMutation, onNavigation } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let firstPendingAt = 0;
  let observed: Element | undefined;
  let excluded: readonly Element[] = [];
  /** The elements observed for their own children only (on the way to an excluded subtree). */
  let path = new Set<Node>();
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
  /** A change of the page: read once it settles, and at once when the address is new. */
  const changed = () => {
    readByNavigation = false;
    schedule();
    if (!onNavigation || navigationTries <= 0 || signal.aborted) return;
    navigationTries--;
    if (!onNavigation()) return;
    navigationTries = 0;
    readByNavigation = true;
  };

  const observer = new MutationObserver((records) => {
    // A child came or went on the way down to an excluded subtree.
    const replan = path.size > 0 && records.some((r) => r.type === 'childList' && path.has(r.target));
    // SPA navigations through history.pushState fire no event in the isolated world; the DOM change that follows
    // them does, so the URL is compared here: a new address is a change whatever the mutations.
    if (addressChanged() || !ignore || !records.every(ignore)) {
      // A list shown anew arrives as added nodes.
      if (onMutation && records.some((r) => r.addedNodes.length)) onMutation();
      changed();
    }
    // A new child on the way down is observed from now on; subtrees found or gone are left out from the settled read
    // on (observeRoot in `fire`).
    if (replan) observeRoot(true);
  });
  /** Observes the root, but for the excluded subtrees; again only when one of them, the root or the way down changed. */
  const observeRoot = (replan = false) => {
    const next = root();
    const skip = exclude?.() ?? [];
    if (!replan && next === observed && next.isConnected && sameList(skip, excluded)) return;
    observer.disconnect();
    observed = next;
    excluded = skip;
    path = observeAround(observer, next, skip);
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

