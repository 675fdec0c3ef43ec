// The first thing a new user sees: what Turnkeeper records, and how to start: by browsing, or by importing the
// history they already have (the Import dialog, also reachable as the dashboard's #import).
import { t } from './text';

export function EmptyState({ onSettings, onImport }: { onSettings(): void; onImport(): void }) {
  return (
    <section class="empty" data-testid="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('dashboardEmptyTitle')}</h2>
      <p>{t('dashboardEmptyWhat')}</p>
      <ol class="empty__steps">
        <li>{t('dashboardEmptyStepGmail')}</li>
        <li>{t('dashboardEmptyStepLinkedin')}</li>
        <li>{t('dashboardEmptyStepBack')}</li>
      </ol>
      <p>
        {t('dashboardEmptyImportWhy')}{' '}
        <a
          href="#import"
          class="link-button"
          data-testid="empty-import"
          onClick={(event) => {
            event.preventDefault();
            onImport();
          }}
        >
          {t('dashboardEmptyImport')}
        </a>
      </p>
      <p class="muted">{t('dashboardEmptyPrivacy')}</p>
      <p>
        <button type="button" class="link-button" onClick={onSettings}>
          {t('dashboardEmptySettings')}
        </button>
      </p>
    </section>
  );
}
