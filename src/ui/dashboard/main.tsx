import { render } from 'preact';
import { UndoToast } from '../components/UndoToast';
import { Dashboard } from './Dashboard';
import './dashboard.css';
import './dashboard-settings.css';
import './dashboard-dialogs.css';

render(
  <UndoToast>
    <Dashboard />
  </UndoToast>,
  document.getElementById('app')!,
);
