// The sidebar learns which conversation its tab shows from the background, never from the page: a postMessage from
// the page's window could be forged by the page's own scripts.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { BackgroundToPages, TabContext } from '../../protocol/types';
import { askBackground } from '../components/ask-background';

export function useTabContext(): { context: TabContext | null; ready: boolean } {
  const [state, setState] = useState<{ context: TabContext | null; ready: boolean }>({ context: null, ready: false });
  useEffect(() => {
    let tabId: number | null = null;
    const listener = (message: unknown) => {
      const typed = message as BackgroundToPages;
      if (typed?.type === 'tab/context' && typed.tabId === tabId) setState({ context: typed.context, ready: true });
    };
    browser.runtime.onMessage.addListener(listener);
    void askBackground({ type: 'sidebar/hello' }).then((reply) => {
      // No answer (nothing handled the message) or a refusal: the sidebar shows no conversation.
      tabId = reply?.ok ? reply.tabId : null;
      setState({ context: reply?.ok ? reply.context : null, ready: true });
    });
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  return state;
}
