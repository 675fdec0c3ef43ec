// Settings: who I am (addresses, LinkedIn profile), the waiting and gone-quiet periods, notifications, the sites
// read; and where the data lives.
import { useEffect, useState } from 'preact/hooks';
import { GONE_QUIET_CHOICES, type NotificationMode, type Settings } from '../../core/settings';
import { getMyPerson, openDatabase, saveSettings } from '../../db';
import type { PersistenceStatus } from '../../export/persistence';
import { formatClock } from '../components/format-date';
import { notifyRecordChanged } from '../components/record-changed';
import { ListChipsSettings } from './ListChipsSettings';
import { t } from './text';
import { useLive } from './use-live';

interface Form {
  myEmails: string;
  myProfiles: string;
  waitDays: string;
  workingDays: boolean;
  /** A number of days, or 'never'. */
  goneQuietDays: string;
  notifications: NotificationMode;
  digestHour: number;
  gmail: boolean;
  linkedin: boolean;
}

const toForm = (s: Settings): Form => ({
  myEmails: s.myEmails.join('\n'),
  myProfiles: s.myProfiles.join('\n'),
  waitDays: String(s.waitDays),
  workingDays: s.workingDays,
  goneQuietDays: s.goneQuietDays === null ? NEVER : String(s.goneQuietDays),
  notifications: s.notifications,
  digestHour: s.digestHour,
  gmail: s.sites.gmail,
  linkedin: s.sites.linkedin,
});

const NEVER = 'never';

/** The periods offered; a period saved otherwise (an imported backup may carry any) is offered too, in order. */
function goneQuietOptions(current: string): string[] {
  const offered = GONE_QUIET_CHOICES.map((d) => (d === null ? NEVER : String(d)));
  if (offered.includes(current)) return offered;
  return [...offered.filter((o) => o !== NEVER), current].sort((a, b) => Number(a) - Number(b)).concat(NEVER);
}

const lines = (text: string) =>
  text
    .split(/[\n,;]+/)
    .map((x) => x.trim())
    .filter(Boolean);

export interface SettingsViewProps {
  settings: Settings | undefined;
  persistence: PersistenceStatus | null;
  onExport(): void;
  onImport(): void;
}

export function SettingsView({ settings, persistence, onExport, onImport }: SettingsViewProps) {
  // What Turnkeeper already recognises as the user (signed-in accounts seen on the pages, and the settings).
  const me = useLive(() => getMyPerson(openDatabase()), []);
  const [form, setForm] = useState<Form | null>(null);
  const [dirty, setDirty] = useState(false);
  const [status, setStatus] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (settings && !dirty) setForm(toForm(settings));
  }, [settings, dirty]);

  if (!form) return <p class="muted">{t('dashboardLoading')}</p>;

  const set = <K extends keyof Form>(key: K, value: Form[K]) => {
    setForm({ ...form, [key]: value });
    setDirty(true);
    setStatus(null);
  };

  const waitDays = Number(form.waitDays);
  const waitValid = form.waitDays.trim() !== '' && Number.isInteger(waitDays) && waitDays >= 0 && waitDays <= 365;

  const save = async (event: Event) => {
    event.preventDefault();
    if (!waitValid) {
      setStatus({ ok: false, text: t('dashboardSettingsWaitInvalid') });
      return;
    }
    setBusy(true);
    try {
      const saved = await saveSettings(
        openDatabase(),
        {
          myEmails: lines(form.myEmails),
          myProfiles: lines(form.myProfiles),
          waitDays,
          workingDays: form.workingDays,
          goneQuietDays: form.goneQuietDays === NEVER ? null : Number(form.goneQuietDays),
          notifications: form.notifications,
          digestHour: form.digestHour,
          sites: { gmail: form.gmail, linkedin: form.linkedin },
        },
        new Date(),
      );
      notifyRecordChanged();
      setForm(toForm(saved));
      setDirty(false);
      const dropped =
        lines(form.myEmails).length - saved.myEmails.length + (lines(form.myProfiles).length - saved.myProfiles.length);
      setStatus({ ok: true, text: dropped > 0 ? t('settingsSavedSomeDropped', String(dropped)) : t('settingsSaved') });
    } catch (error) {
      setStatus({ ok: false, text: t('settingsSaveFailed', error instanceof TypeError ? error.message : '') });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="settings" data-testid="settings">
      <form class="card" onSubmit={(event) => void save(event)} aria-labelledby="settings-title">
        <h2 id="settings-title">{t('settingsTitle')}</h2>

        <fieldset>
          <legend>{t('settingsWhoAmI')}</legend>
          <p class="muted">{t('settingsWhoAmIHelp')}</p>
          {me && me.emails.length + me.linkedin.length > 0 && (
            <p class="identities" data-testid="recognised">
              {t('settingsRecognised')}{' '}
              <span dir="auto">{[...me.emails, ...me.linkedin].join(', ')}</span>
            </p>
          )}
          <label for="my-emails">{t('settingsMyEmails')}</label>
          <textarea
            id="my-emails"
            rows={3}
            spellcheck={false}
            placeholder="me@company.com"
            value={form.myEmails}
            onInput={(e) => set('myEmails', (e.currentTarget as HTMLTextAreaElement).value)}
          />
          <label for="my-profiles">{t('settingsMyProfiles')}</label>
          <textarea
            id="my-profiles"
            rows={2}
            spellcheck={false}
            placeholder="https://www.linkedin.com/in/your-name/"
            value={form.myProfiles}
            onInput={(e) => set('myProfiles', (e.currentTarget as HTMLTextAreaElement).value)}
          />
        </fieldset>

        <fieldset>
          <legend>{t('settingsWaiting')}</legend>
          <p class="muted">{t('settingsWaitingHelp')}</p>
          <div class="inline">
            <label for="wait-days">{t('settingsWaitDays')}</label>
            <input
              id="wait-days"
              type="number"
              min={0}
              max={365}
              step={1}
              inputMode="numeric"
              class="narrow"
              value={form.waitDays}
              aria-invalid={!waitValid}
              aria-describedby="wait-days-unit"
              onInput={(e) => set('waitDays', (e.currentTarget as HTMLInputElement).value)}
            />
            <span id="wait-days-unit">{form.workingDays ? t('settingsWorkingDaysUnit') : t('settingsDaysUnit')}</span>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={form.workingDays}
              onChange={(e) => set('workingDays', (e.currentTarget as HTMLInputElement).checked)}
            />
            {t('settingsWorkingDays')}
          </label>
          <div class="inline">
            <label for="gone-quiet-days">{t('settingsGoneQuiet')}</label>
            <select
              id="gone-quiet-days"
              value={form.goneQuietDays}
              aria-describedby="gone-quiet-help"
              onChange={(e) => set('goneQuietDays', (e.currentTarget as HTMLSelectElement).value)}
            >
              {goneQuietOptions(form.goneQuietDays).map((value) => (
                <option value={value} key={value}>
                  {value === NEVER ? t('settingsGoneQuietNever') : t('settingsGoneQuietDays', value)}
                </option>
              ))}
            </select>
          </div>
          <p class="muted" id="gone-quiet-help">
            {t('settingsGoneQuietHelp')}
          </p>
        </fieldset>

        <fieldset>
          <legend>{t('settingsNotifications')}</legend>
          {(['off', 'each', 'digest'] as const).map((mode) => (
            <label class="check" key={mode}>
              <input
                type="radio"
                name="notifications"
                value={mode}
                checked={form.notifications === mode}
                onChange={() => set('notifications', mode)}
              />
              {t(`settingsNotify_${mode}`)}
            </label>
          ))}
          <div class="inline">
            <label for="digest-hour">{t('settingsDigestHour')}</label>
            <select
              id="digest-hour"
              value={String(form.digestHour)}
              disabled={form.notifications !== 'digest'}
              onChange={(e) => set('digestHour', Number((e.currentTarget as HTMLSelectElement).value))}
            >
              {Array.from({ length: 24 }, (_, hour) => (
                <option value={String(hour)} key={hour}>
                  {formatClock(new Date(2024, 0, 1, hour, 0))}
                </option>
              ))}
            </select>
          </div>
          <p class="muted">{t('settingsNotificationsHelp')}</p>
        </fieldset>

        <fieldset>
          <legend>{t('settingsSites')}</legend>
          <p class="muted">{t('settingsSitesHelp')}</p>
          <label class="check">
            <input type="checkbox" checked={form.gmail} onChange={(e) => set('gmail', (e.currentTarget as HTMLInputElement).checked)} />
            {t('dashboardSiteGmail')}
          </label>
          <label class="check">
            <input
              type="checkbox"
              checked={form.linkedin}
              onChange={(e) => set('linkedin', (e.currentTarget as HTMLInputElement).checked)}
            />
            {t('dashboardSiteLinkedin')}
          </label>
        </fieldset>

        {settings && <ListChipsSettings settings={settings} />}

        <div class="form-actions">
          <button type="submit" class="tk-button tk-button--primary" disabled={busy || !dirty} data-testid="settings-save">
            {t('settingsSave')}
          </button>
          {dirty && (
            <button
              type="button"
              class="tk-button tk-button--quiet"
              onClick={() => {
                setDirty(false);
                setStatus(null);
                if (settings) setForm(toForm(settings));
              }}
            >
              {t('settingsRevert')}
            </button>
          )}
          <p class={status?.ok === false ? 'status status--bad' : 'status'} role="status" data-testid="settings-status">
            {status?.text ?? ''}
          </p>
        </div>
      </form>

      <section class="card" aria-labelledby="data-title" data-testid="data-section">
        <h2 id="data-title">{t('settingsDataTitle')}</h2>
        <p>{t('settingsDataWhere')}</p>
        <p>{t('settingsDataNothingLeaves')}</p>
        <p class="warning">
          <strong>{t('settingsDataUninstall')}</strong> {t('settingsDataHowToBackUp')}
        </p>
        {persistence && (
          <p class="muted" data-testid="persistence">
            {!persistence.supported
              ? t('settingsPersistUnsupported')
              : persistence.persisted
                ? t('settingsPersisted')
                : t('settingsNotPersisted')}
          </p>
        )}
        <div class="form-actions">
          <button type="button" class="tk-button" onClick={onExport}>
            {t('dashboardExport')}
          </button>
          <button type="button" class="tk-button" onClick={onImport}>
            {t('dashboardImport')}
          </button>
        </div>
      </section>
    </div>
  );
}
