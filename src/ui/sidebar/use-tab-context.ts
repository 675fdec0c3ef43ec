// The sidebar learns which conversation its tab shows from the background, never from the page: a postMessage from
// the page's window could be forged by the page's own scripts.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { BackgroundToPages, TabContext } from '../../protocol/types';
import { askBackground } from '../components/ask-background';

/** How long the sidebar waits for its tab's first read before showing what is owed in general. The content script
 * loads the sidebar while that read is being stored, so the background usually knows nothing of the tab yet when the
 * sidebar asks; its context follows within a few hundred ms, unless the read was refused or never arrived. */
export const FIRST_CONTEXT_WAIT_MS = 3_000;

interface TabContextState {
  context: TabContext | null;
  ready: boolean;
}

let state: TabContextState = { context: null, ready: false };
const subscribers = new Set<(state: TabContextState) => void>();
let started = false;

/** Asks the background for this sidebar's tab and follows its announcements. Called as the page's script starts
 * (main.tsx), not from an effect: Preact runs effects after the next frame, and a frame still hidden draws none for
 * up to 35 ms. */
export function startTabContext(): void {
  if (started) return;
  started = true;
  let tabId: number | null | undefined;
  // Contexts announced before the hello's answer named this sidebar's tab: the newest of each tab's.
  const early = new Map<number, TabContext | null>();
  let waiting: ReturnType<typeof setTimeout> | undefined;
  const show = (context: TabContext | null) => {
    clearTimeout(waiting);
    // A thread the record already holds is announced twice, before and after it is stored again: the same context
    // again changes nothing, and rendering the record again would cost the sidebar a frame's work.
    if (state.ready && JSON.stringify(state.context) === JSON.stringify(context)) return;
    state = { context, ready: true };
    for (const subscriber of subscribers) subscriber(state);
  };
  // The sidebar page lives as long as its frame: the listener is never removed.
  browser.runtime.onMessage.addListener((message: unknown) => {
    const typed = message as BackgroundToPages;
    if (typed?.type !== 'tab/context') return;
    if (tabId === undefined) early.set(typed.tabId, typed.context);
    else if (typed.tabId === tabId) show(typed.context);
  });
  void askBackground({ type: 'sidebar/hello' }).then((reply) => {
    // No answer (nothing handled the message) or a refusal: the sidebar shows no conversation.
    tabId = reply?.ok ? reply.tabId : null;
    const context = (tabId !== null ? early.get(tabId) : undefined) ?? (reply?.ok ? reply.context : null);
    early.clear();
    if (context || tabId === null) show(context);
    // The tab's first read is still being stored: its announcement follows (the listener above).
    else waiting = setTimeout(() => show(null), FIRST_CONTEXT_WAIT_MS);
  });
}

export function useTabContext(): TabContextState {
  const [current, setCurrent] = useState(state);
  useEffect(() => {
    startTabContext();
    subscribers.add(setCurrent);
    setCurrent(state); // what arrived between the first render and this effect
    return () => void subscribers.delete(setCurrent);
  }, []);
  return current;
}
