// The first thing a new user sees: what Turnkeeper records, and how to start.
import { t } from './text';

export function EmptyState({ onSettings }: { onSettings(): void }) {
  return (
    <section class="empty" data-testid="empty-state" aria-labelledby="empty-title">
      <h2 id="empty-title">{t('dashboardEmptyTitle')}</h2>
      <p>{t('dashboardEmptyWhat')}</p>
      <ol class="empty__steps">
        <li>{t('dashboardEmptyStepGmail')}</li>
        <li>{t('dashboardEmptyStepLinkedin')}</li>
        <li>{t('dashboardEmptyStepBack')}</li>
      </ol>
      <p class="muted">{t('dashboardEmptyPrivacy')}</p>
      <p>
        <button type="button" class="link-button" onClick={onSettings}>
          {t('dashboardEmptySettings')}
        </button>
      </p>
    </section>
  );
}
