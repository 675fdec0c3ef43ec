// @vitest-environment happy-dom
// The page watch: a change the lists own (their rows re-rendered or scrolled) does not make the open thread be read
// again, anything else does, and so does a new address even when the only mutations were the list's; a page change
// that adds nodes is told at once (so a list shown anew gets its chips in the site's own task).
import { afterEach, describe, expect, test } from 'vitest';
import { watchPage } from '../../../src/content/watch-page';

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
});
