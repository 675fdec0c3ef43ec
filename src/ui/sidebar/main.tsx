import { render } from 'preact';
import { openDatabase } from '../../db';
import { UndoToast } from '../components/UndoToast';
import { Sidebar } from './Sidebar';
import { startTabContext } from './use-tab-context';

// Opening IndexedDB takes a few ms: start it now, while the sidebar asks the background which page it is next to.
void openDatabase()
  .open()
  .catch((error: unknown) => console.error('[Turnkeeper] database:', error instanceof Error ? error.name : typeof error));

// Which conversation this sidebar is about: asked now, not after the first frame (use-tab-context.ts).
startTabContext();

render(
  <UndoToast>
    <Sidebar />
  </UndoToast>,
  document.getElementById('app')!,
);
