// The dashboard's keyboard map, the way Gmail users expect it. Pure: the help overlay (`?`) lists KEYMAP, and
// commandFor turns a key press into a command, so the two never disagree.

export type Command =
  | 'next'
  | 'prev'
  | 'open'
  | 'search'
  | 'escape'
  | 'preset-1'
  | 'preset-2'
  | 'preset-3'
  | 'preset-4'
  | 'remind-menu'
  | 'rest'
  | 'done'
  | 'filter'
  | 'help'
  | 'go-lists'
  | 'go-settings';

export interface KeyHelp {
  /** What to press, as shown (each entry one key or a sequence). */
  keys: string[];
  /** The i18n key of what it does. */
  label: string;
}

/** Shown by the help overlay, in this order. */
export const KEYMAP: readonly KeyHelp[] = [
  { keys: ['j', '↓'], label: 'dashboardKeyNext' },
  { keys: ['k', '↑'], label: 'dashboardKeyPrev' },
  { keys: ['Enter', 'o'], label: 'dashboardKeyOpen' },
  { keys: ['/'], label: 'dashboardKeySearch' },
  { keys: ['1'], label: 'dashboardKeyPreset1' },
  { keys: ['2'], label: 'dashboardKeyPreset2' },
  { keys: ['3'], label: 'dashboardKeyPreset3' },
  { keys: ['4'], label: 'dashboardKeyPreset4' },
  { keys: ['m'], label: 'dashboardKeyRemindMenu' },
  { keys: ['r'], label: 'dashboardKeyRest' },
  { keys: ['d', 'e'], label: 'dashboardKeyDone' },
  { keys: ['Ctrl+Z', '⌘Z'], label: 'dashboardKeyUndo' },
  { keys: ['f'], label: 'dashboardKeyFilter' },
  { keys: ['g i'], label: 'dashboardKeyGoLists' },
  { keys: ['g s'], label: 'dashboardKeyGoSettings' },
  { keys: ['Esc'], label: 'dashboardKeyEscape' },
  { keys: ['?'], label: 'dashboardKeyHelp' },
];

export interface KeyPress {
  key: string;
  ctrlKey?: boolean;
  metaKey?: boolean;
  altKey?: boolean;
  /** Focus is in a text field (search box, settings): only Escape is a command there. */
  inTextField?: boolean;
  /** `g` was pressed just before (Gmail's "go to" sequences). */
  afterG?: boolean;
}

export interface KeyResult {
  command: Command | null;
  /** This press was `g`, waiting for the second key. */
  pendingG: boolean;
}

const SINGLE: Record<string, Command> = {
  j: 'next',
  ArrowDown: 'next',
  k: 'prev',
  ArrowUp: 'prev',
  Enter: 'open',
  o: 'open',
  '/': 'search',
  Escape: 'escape',
  '1': 'preset-1',
  '2': 'preset-2',
  '3': 'preset-3',
  '4': 'preset-4',
  m: 'remind-menu',
  r: 'rest',
  d: 'done',
  e: 'done',
  f: 'filter',
  '?': 'help',
};

const AFTER_G: Record<string, Command> = { i: 'go-lists', l: 'go-lists', s: 'go-settings' };

export function commandFor(press: KeyPress): KeyResult {
  if (press.ctrlKey || press.metaKey || press.altKey) return { command: null, pendingG: false };
  if (press.inTextField) return { command: press.key === 'Escape' ? 'escape' : null, pendingG: false };
  if (press.afterG) {
    const command = AFTER_G[press.key] ?? null;
    if (command) return { command, pendingG: false };
  }
  if (press.key === 'g') return { command: null, pendingG: true };
  return { command: SINGLE[press.key] ?? null, pendingG: false };
}

/** Whether keyboard focus is somewhere typing belongs (so j/k/… type letters there). */
export function isTextField(el: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(el instanceof HTMLElement)) return false;
  if (el.isContentEditable || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement) return true;
  return (
    el instanceof HTMLInputElement &&
    !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(el.type)
  );
}

/** The index after a move of `delta` in a list of `length`, staying within it; -1 for an empty list. */
export function moveSelection(index: number, delta: number, length: number): number {
  if (length <= 0) return -1;
  if (index < 0) return delta > 0 ? 0 : length - 1;
  return Math.max(0, Math.min(length - 1, index + delta));
}
