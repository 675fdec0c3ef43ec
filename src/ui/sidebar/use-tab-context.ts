// The sidebar learns which conversation its tab shows from the background, never from the page: a postMessage from
// the page's window could be forged by the page's own scripts.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { BackgroundToPages, SidebarHelloReply, TabContext } from '../../messages';

export function useTabContext(): { context: TabContext | null; ready: boolean } {
  const [state, setState] = useState<{ context: TabContext | null; ready: boolean }>({ context: null, ready: false });
  useEffect(() => {
    let tabId: number | null = null;
    const listener = (message: unknown) => {
      const typed = message as BackgroundToPages;
      if (typed?.type === 'tab/context' && typed.tabId === tabId) setState({ context: typed.context, ready: true });
    };
    browser.runtime.onMessage.addListener(listener);
    void (browser.runtime.sendMessage({ type: 'sidebar/hello' }) as Promise<SidebarHelloReply>).then((reply) => {
      tabId = reply?.tabId ?? null;
      setState({ context: reply?.context ?? null, ready: true });
    });
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
  return state;
}
