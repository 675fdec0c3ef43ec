import { render } from 'preact';
import { openDatabase } from '../../db';
import { UndoToast } from '../components/UndoToast';
import { Sidebar } from './Sidebar';

// Opening IndexedDB takes a few ms: start it now, while the sidebar asks the background which page it is next to.
void openDatabase()
  .open()
  .catch((error: unknown) => console.error('[Turnkeeper] database:', error instanceof Error ? error.name : typeof error));

render(
  <UndoToast>
    <Sidebar />
  </UndoToast>,
  document.getElementById('app')!,
);
