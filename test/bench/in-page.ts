// Bundled by run-bench.mjs into one script and loaded into a routed page in Chromium: the adapters read the real DOM
// there, so the figures are what a user's Gmail or LinkedIn tab pays.
import { gmail } from '../../src/sites/gmail';
import { linkedin } from '../../src/sites/linkedin';
import type { SiteAdapter } from '../../src/sites/types';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** A bare walk over the same messages' text: the floor any reader has to pay. */
function bareWalk(selector: string): number {
  let length = 0;
  for (const element of document.querySelectorAll(selector)) length += (element.textContent ?? '').length;
  return length;
}

function measure(adapter: SiteAdapter, messageSelector: string, runs: number) {
  const url = new URL(location.href);
  const now = new Date();
  const read: number[] = [];
  const walk: number[] = [];
  let messages = 0;
  // Warm up both so neither pays for the first style/JIT work alone.
  adapter.readThreads(document, url, now);
  bareWalk(messageSelector);
  // Each sample repeats the work, since the page's clock is coarse (100 µs) next to a bare walk.
  const repeat = 10;
  for (let i = 0; i < runs; i++) {
    let start = performance.now();
    for (let r = 0; r < repeat; r++) {
      const result = adapter.readThreads(document, url, now);
      messages = result.threads.reduce((sum, thread) => sum + thread.messages.length, 0);
    }
    read.push((performance.now() - start) / repeat);
    start = performance.now();
    for (let r = 0; r < repeat; r++) bareWalk(messageSelector);
    walk.push((performance.now() - start) / repeat);
  }
  return { messages, readMedianMs: median(read), walkMedianMs: median(walk), runs };
}

/** One read by a module instance that has read nothing yet: run-bench.mjs evaluates this bundle afresh before each
 * call, so every cache of the adapters (parsed title dates and the like) is empty and their code not yet optimised, as
 * on the first thread a freshly loaded content script reads. */
function coldRead(adapter: SiteAdapter) {
  const url = new URL(location.href);
  const start = performance.now();
  const result = adapter.readThreads(document, url, new Date());
  const ms = performance.now() - start;
  return { ms, messages: result.threads.reduce((sum, thread) => sum + thread.messages.length, 0) };
}

(globalThis as unknown as Record<string, unknown>).turnkeeperBench = {
  gmail: (runs: number) => measure(gmail, '.adn, .adf', runs),
  linkedin: (runs: number) => measure(linkedin, '.msg-s-message-list__event', runs),
  gmailCold: () => coldRead(gmail),
  linkedinCold: () => coldRead(linkedin),
};
