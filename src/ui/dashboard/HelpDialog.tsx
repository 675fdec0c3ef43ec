// `?`: every keyboard shortcut, from the same map the handler uses.
import { Fragment } from 'preact';
import { KEYMAP } from './keyboard';
import { Modal } from './Modal';
import { t } from './text';

export function HelpDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  return (
    <Modal open={open} title={t('dashboardHelpTitle')} onClose={onClose} testId="help">
      <p class="muted">{t('dashboardHelpIntro')}</p>
      <dl class="keys">
        {KEYMAP.map((entry) => (
          <div class="keys__row" key={entry.label}>
            <dt>
              {entry.keys.map((key, i) => (
                <Fragment key={key}>
                  {i > 0 && <span class="keys__or"> {t('dashboardHelpOr')} </span>}
                  {key.split(' ').map((part, j) => (
                    <Fragment key={j}>
                      {j > 0 && ' '}
                      <kbd>{part}</kbd>
                    </Fragment>
                  ))}
                </Fragment>
              ))}
            </dt>
            <dd>{t(entry.label)}</dd>
          </div>
        ))}
      </dl>
      <p class="muted">{t('dashboardHelpFooter')}</p>
      <p class="muted">{t('dashboardHelpGoneQuiet')}</p>
    </Modal>
  );
}
