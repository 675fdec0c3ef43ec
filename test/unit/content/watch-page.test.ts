// @vitest-environment happy-dom
// The page watch: a change the lists own (their rows re-rendered or scrolled) does not make the open thread be read
// again, anything else does, and so does a new address even when the only mutations were the list's; a page change
// that adds nodes is told at once (so a list shown anew gets its chips in the site's own task); a new address is
// tried at once (a thread drawn in the navigation's own task is read without the debounce's wait), a few times at most.
// Subtrees the lists observe themselves are left out of the page's observer (the browser then records a list's changes
// once): their inside is not seen, what is beside them is, and so is their replacement.
import { afterEach, describe, expect, test } from 'vitest';
import { NAVIGATION_TRIES, watchPage } from '../../../src/content/watch-page';

const setUrl = (url: string) => (window as unknown as { happyDOM: { setURL(url: string): void } }).happyDOM.setURL(url);
const settle = (ms = 40) => new Promise((r) => setTimeout(r, ms));

let controller = new AbortController();
afterEach(() => {
  controller.abort();
  controller = new AbortController();
  document.body.replaceChildren();
});

async function page(url = 'https://mail.google.com/mail/u/0/#inbox') {
  setUrl(url);
  await settle(); // the address's own events are past
  document.body.innerHTML = '<div role="main"><table><tbody><tr class="row"><td>a</td></tr></tbody></table><div class="pane"></div></div>';
  const row = document.querySelector('tr.row')!;
  let changes = 0;
  let mutations = 0;
  watchPage({
    root: () => document.querySelector('[role="main"]')!,
    onChange: () => changes++,
    ignore: (r) => row.contains(r.target),
    onMutation: () => mutations++,
    signal: controller.signal,
    debounceMs: 5,
    maxWaitMs: 20,
  });
  return { row, changes: () => changes, mutations: () => mutations };
}

describe('the page watch', () => {
  test('changes wholly inside a list row are not page changes; a change beside them is', async () => {
    const p = await page();
    await settle();
    expect(p.changes()).toBe(1); // the read at start
    p.row.firstElementChild!.textContent = 'b';
    p.row.firstElementChild!.append(document.createElement('span'));
    await settle();
    expect(p.changes()).toBe(1);
    expect(p.mutations()).toBe(0);
    document.querySelector('.pane')!.append(document.createElement('div'));
    await settle();
    expect(p.changes()).toBe(2);
  });

  test('a new address is a change even when the only mutation was inside a row', async () => {
    const p = await page();
    await settle();
    expect(p.changes()).toBe(1);
    // pushState-like (no hash change): no event reaches the isolated world, only the DOM change that follows.
    setUrl('https://mail.google.com/mail/u/1/#inbox');
    p.row.firstElementChild!.textContent = 'c';
    await settle();
    expect(p.changes()).toBe(2);
  });

  test('a change that adds nodes outside the rows is told at once, in the same task, before the debounced read', async () => {
    const p = await page();
    await settle();
    document.querySelector('[role="main"]')!.append(document.createElement('table'));
    await Promise.resolve(); // the observer's callback runs as a microtask of this task
    await Promise.resolve();
    expect(p.mutations()).toBe(1);
    expect(p.changes()).toBe(1);
    await settle();
    expect(p.changes()).toBe(2);
  });

  test('a new address is tried at once, in the task of the change, then on the changes after it until a try finds its thread', async () => {
    setUrl('https://mail.google.com/mail/u/0/#inbox');
    await settle();
    document.body.innerHTML = '<div role="main"><div class="pane"></div></div>';
    const pane = document.querySelector('.pane')!;
    const settled: boolean[] = [];
    let tries = 0;
    let found = false;
    watchPage({
      root: () => document.querySelector('[role="main"]')!,
      onChange: ({ threadAlreadyRead }) => settled.push(threadAlreadyRead),
      onNavigation: () => {
        tries++;
        return found;
      },
      signal: controller.signal,
      debounceMs: 30,
      maxWaitMs: 200,
    });
    const change = async () => {
      pane.append(document.createElement('div'));
      await Promise.resolve(); // the observer's callback runs as a microtask of this task
      await Promise.resolve();
    };
    await settle(5);
    expect(tries).toBe(0); // the read at start is no navigation
    expect(settled).toEqual([false]);
    // pushState-like: the site changes the address and draws in one task; the try runs before any debounce ends.
    setUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzOne');
    await change();
    expect(tries).toBe(1);
    // The thread is drawn later: the next change tries again, and finds it; later changes do not try.
    found = true;
    await change();
    expect(tries).toBe(2);
    await change();
    expect(tries).toBe(2);
    await settle(60);
    // The page changed after the thread was found: the settled page is read again.
    expect(settled).toEqual([false, false]);

    // Found, and nothing changed after it: the settled page is not read a second time.
    setUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzTwo');
    await change();
    expect(tries).toBe(3);
    await settle(60);
    expect(settled).toEqual([false, false, true]);

    // A navigation whose thread never shows is tried a few times only, each a read of the page.
    found = false;
    setUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzThree');
    for (let i = 0; i < NAVIGATION_TRIES + 3; i++) await change();
    expect(tries).toBe(3 + NAVIGATION_TRIES);
    await settle(60);
    expect(settled.at(-1)).toBe(false);
  });

  test('a navigation event alone reads nothing early: the try waits for the DOM change that draws the new thread', async () => {
    setUrl('https://mail.google.com/mail/u/0/#inbox');
    await settle();
    document.body.innerHTML = '<div role="main"></div>';
    const main = document.querySelector('[role="main"]')!;
    let tries = 0;
    watchPage({ root: () => document.body, onChange: () => {}, onNavigation: () => ++tries > 0, signal: controller.signal, debounceMs: 5 });
    setUrl('https://mail.google.com/mail/u/0/#inbox/FMfcgzOne');
    dispatchEvent(new PopStateEvent('popstate'));
    dispatchEvent(new HashChangeEvent('hashchange'));
    expect(tries).toBe(0);
    // The site draws the thread after the event: that change is tried at once.
    main.append(document.createElement('div'));
    await Promise.resolve();
    await Promise.resolve();
    expect(tries).toBe(1);
  });

  describe('with a list left out (observed by its own watch)', () => {
    async function pageWithList() {
      setUrl('https://mail.google.com/mail/u/0/#inbox');
      await settle();
      document.body.innerHTML =
        '<div role="main"><div class="toolbar"></div><div class="box"><div class="side"></div><table class="list"><tbody><tr><td>a</td></tr></tbody></table></div></div>';
      let list: Element | null = document.querySelector('table.list');
      let changes = 0;
      const ignored: MutationRecord[] = [];
      const watch = watchPage({
        root: () => document.querySelector('[role="main"]')!,
        onChange: () => changes++,
        ignore: (r) => {
          ignored.push(r);
          return false;
        },
        exclude: () => (list?.isConnected ? [list] : []),
        signal: controller.signal,
        debounceMs: 5,
        maxWaitMs: 20,
      });
      await settle();
      return { watch, changes: () => changes, ignored, setList: (el: Element | null) => (list = el) };
    }

    test("the list's own changes never reach the page's observer; changes beside it, at any depth, do", async () => {
      const p = await pageWithList();
      expect(p.changes()).toBe(1);
      const cell = document.querySelector('table.list td')!;
      cell.textContent = 'b';
      cell.append(document.createElement('span'));
      document.querySelector('table.list tbody')!.append(document.createElement('tr'));
      await settle();
      expect(p.ignored).toEqual([]);
      expect(p.changes()).toBe(1);
      document.querySelector('.side')!.append(document.createElement('div'));
      await settle();
      expect(p.changes()).toBe(2);
      document.querySelector('.toolbar')!.textContent = 'x';
      await settle();
      expect(p.changes()).toBe(3);
    });

    test('a node added on the way down to the list is a change, and so are changes inside it afterwards', async () => {
      const p = await pageWithList();
      const added = document.createElement('div');
      document.querySelector('.box')!.append(added);
      await settle();
      expect(p.changes()).toBe(2);
      added.append(document.createElement('p'));
      await settle();
      expect(p.changes()).toBe(3);
    });

    test('the list replaced is seen; the new list is left out once the page says it is watched', async () => {
      const p = await pageWithList();
      const next = document.createElement('table');
      next.innerHTML = '<tbody><tr><td>c</td></tr></tbody>';
      document.querySelector('table.list')!.replaceWith(next);
      p.setList(next);
      await settle();
      expect(p.ignored.length).toBeGreaterThan(0); // the replacement, asked about as before
      expect(p.changes()).toBe(2);
      const before = p.ignored.length;
      next.querySelector('td')!.textContent = 'd';
      await settle();
      expect(p.ignored.length).toBe(before);
      expect(p.changes()).toBe(2);
    });
  });
});
