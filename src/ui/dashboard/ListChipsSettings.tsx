// Settings: the list chips on or off, per site. Saved at once (not with the form around it), so this block stands on
// its own beside the settings form's fields.
import { useState } from 'preact/hooks';
import type { Settings } from '../../core/settings';
import { openDatabase, saveSettings } from '../../db';
import { t } from './text';

export function ListChipsSettings({ settings }: { settings: Settings }) {
  const [failed, setFailed] = useState(false);
  const toggle = (site: 'gmail' | 'linkedin', on: boolean) => {
    setFailed(false);
    // The settings are read live: the saved value comes back through `settings`.
    saveSettings(openDatabase(), { listChips: { [site]: on } }).catch(() => setFailed(true));
  };
  return (
    <fieldset data-testid="settings-list-chips">
      <legend>{t('settingsListChips')}</legend>
      <p class="muted">{t('settingsListChipsHelp')}</p>
      {(['gmail', 'linkedin'] as const).map((site) => (
        <label class="check" key={site}>
          <input
            type="checkbox"
            checked={settings.listChips[site]}
            onChange={(e) => toggle(site, (e.currentTarget as HTMLInputElement).checked)}
          />
          {t(site === 'gmail' ? 'dashboardSiteGmail' : 'dashboardSiteLinkedin')}
        </label>
      ))}
      {failed && <p role="alert">{t('settingsSaveFailed', '')}</p>}
    </fieldset>
  );
}
