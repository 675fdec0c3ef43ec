import { render } from 'preact';
import { t } from '../i18n';

function Dashboard() {
  return <h1>{t('dashboardTitle')}</h1>;
}

render(<Dashboard />, document.getElementById('app')!);
