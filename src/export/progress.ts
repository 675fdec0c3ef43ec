// Progress, chunking and yielding, shared by every exporter and the importer.

/** What a long export or import is doing. `done`/`total` count records (or bytes for `read-file`). */
export type ProgressPhase = 'read' | 'parse' | 'validate' | 'plan' | 'write' | 'done';
export interface Progress {
  done: number;
  total: number;
  phase: ProgressPhase;
  /** The table being read, checked or written, when there is one. */
  table?: string;
}
export type ProgressCallback = (progress: Progress) => void;

/** Records read or written per step. Between steps the page gets the event loop back. */
export const DEFAULT_CHUNK_SIZE = 5000;

/** Give the event loop a turn (rendering, input) before continuing. */
export function yieldToEventLoop(): Promise<void> {
  const s = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof s?.yield === 'function') return s.yield();
  return new Promise((resolve) => setTimeout(resolve, 0));
}

export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason ?? new DOMException('The export was cancelled.', 'AbortError');
}

/**
 * Give every other task a turn (timers, message events such as a UI framework's scheduled renders, input): a plain
 * task boundary. scheduler.yield's continuation runs ahead of other tasks, so a long CPU-bound loop yielding that
 * way still holds back a progress bar's update; this one does not.
 */
export function yieldToOtherTasks(): Promise<void> {
  if (typeof MessageChannel !== 'function') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** For CPU-bound loops outside a transaction: `due` once `sliceMs` have passed since the last `yield()`. Check it
 * every few hundred iterations. */
export class TimeSlicer {
  private last = performance.now();
  constructor(private readonly sliceMs = 40) {}
  get due(): boolean {
    return performance.now() - this.last >= this.sliceMs;
  }
  async yield(): Promise<void> {
    await yieldToOtherTasks();
    this.last = performance.now();
  }
}
