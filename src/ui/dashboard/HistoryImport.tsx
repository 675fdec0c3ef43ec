// The history import's steps in the Import dialog (issue 16): the plan shown before anything is written (what was
// found per site, what is left out and why, who "me" is, inbound threads, how far back, live against gone quiet),
// then the progress, then the summary. The work itself is in use-history-import.ts and the Worker.
import { useMemo, useState } from 'preact/hooks';
import { goneQuietCutoff } from '../../core/turn';
import type { ConfirmedMe, Settings } from '../../db';
import { countUpTo, type LeftOutReason, type PlanSummary, type Progress, type SitePlan } from '../../history';
import type { HistoryImport, RunTally } from './use-history-import';
import { t } from './text';

const YEAR_MS = 365.25 * 86_400_000;

/** `n` with its noun: key`One` for 1, key`Many` with the number in the reader's digits otherwise. */
export function count(base: string, n: number): string {
  return n === 1 ? t(`${base}One`) : t(`${base}Many`, n.toLocaleString());
}

const day = (iso: string | null) => (iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '');

const REASON_KEY: Record<LeftOutReason, string> = {
  bulk: 'dashboardHistoryReasonBulk',
  spam: 'dashboardHistoryReasonSpam',
  trash: 'dashboardHistoryReasonTrash',
  drafts: 'dashboardHistoryReasonDrafts',
  chats: 'dashboardHistoryReasonChats',
  inbound: 'dashboardHistoryReasonInbound',
  older: 'dashboardHistoryReasonOlder',
  system: 'dashboardHistoryReasonSystem',
  sponsored: 'dashboardHistoryReasonSponsored',
  duplicate: 'dashboardHistoryReasonDuplicate',
};

function LeftOut({ site }: { site: SitePlan }) {
  const reasons = [...new Set([...Object.keys(site.leftOut), ...Object.keys(site.leftOutMessages)])] as LeftOutReason[];
  if (!reasons.length) return null;
  return (
    <>
      <p class="muted">{t('dashboardHistoryLeftOut')}</p>
      <ul class="warnings">
      {reasons.map((r) => {
        const parts = [
          site.leftOut[r] ? count('dashboardHistoryConversations', site.leftOut[r]!) : '',
          site.leftOutMessages[r] ? count('dashboardHistoryMessages', site.leftOutMessages[r]!) : '',
        ].filter(Boolean);
        return (
          <li key={r}>
            {t(REASON_KEY[r])}: {parts.join(', ')}
          </li>
        );
      })}
      </ul>
    </>
  );
}

function SiteFound({ title, site, testId }: { title: string; site: SitePlan; testId: string }) {
  return (
    <section data-testid={testId}>
      <h3>{title}</h3>
      <p>
        <strong>
          {count('dashboardHistoryConversations', site.conversations)}, {count('dashboardHistoryMessages', site.messages)}
        </strong>
        {site.from && site.to && <> {t('dashboardHistoryRange', [day(site.from), day(site.to)])}</>}
      </p>
      <LeftOut site={site} />
    </section>
  );
}

type Since = 'all' | '2' | '1';

export function HistoryPlan({ summary, settings, history }: { summary: PlanSummary; settings: Settings; history: HistoryImport }) {
  const { gmail, linkedin } = summary;
  const hasGmail = summary.files.some((f) => f.kind === 'mbox' || f.entries?.some((e) => e.kind === 'mbox'));
  const hasLinkedin = summary.files.some((f) => f.kind === 'linkedin-csv' || f.entries?.some((e) => e.kind === 'linkedin-csv'));
  const [addresses, setAddresses] = useState(() => [...new Set([...settings.myEmails, ...gmail.me])].join(', '));
  // A saved profile among the export's people is "me" (the seller confirmed it before); else the one the file suggests.
  const savedProfile = useMemo(
    () => settings.myProfiles.find((p) => linkedin.ownerCandidates.some((c) => c.profileUrl.toLowerCase() === p.toLowerCase())) ?? null,
    [],
  );
  const [profile, setProfile] = useState(() => savedProfile ?? linkedin.me?.profileUrl ?? '');
  const [inbound, setInbound] = useState(true);
  const [since, setSince] = useState<Since>('all');

  const now = useMemo(() => new Date(), []);
  const sinceMs = since === 'all' ? null : now.getTime() - Number(since) * YEAR_MS;
  const days = useMemo(() => {
    const all: Record<number, number> = { ...gmail.lastMessageDays };
    for (const [d, n] of Object.entries(linkedin.lastMessageDays)) all[+d] = (all[+d] ?? 0) + n;
    return all;
  }, [summary]);
  const total = gmail.conversations + linkedin.conversations - (inbound ? 0 : gmail.inboundConversations);
  const older = sinceMs === null ? 0 : countUpTo(days, sinceMs);
  const cutoff = goneQuietCutoff(now, settings);
  const quiet = cutoff ? Math.max(0, countUpTo(days, cutoff.getTime()) - older) : 0;
  const kept = Math.max(0, gmail.conversations + linkedin.conversations - older);

  const start = () => {
    const myAddresses = addresses.split(/[\s,;]+/).map((a) => a.trim().toLowerCase()).filter((a) => a.includes('@'));
    const myProfileUrl = profile.trim();
    // What the seller confirmed in the fields shown is saved to settings as they import (use-history-import.ts).
    const confirmed: ConfirmedMe = {};
    if (hasGmail) confirmed.emails = myAddresses;
    if (hasLinkedin && myProfileUrl) confirmed.profile = { chosen: myProfileUrl, prefilled: savedProfile };
    history.run({
      myAddresses,
      myProfileUrl,
      includeInbound: inbound,
      since: sinceMs === null ? null : new Date(sinceMs).toISOString(),
      confirmed,
    });
  };

  const backups = summary.jsonBackups.map((i) => summary.files[i]!.name);
  const problems = summary.files.filter((f) => f.problems.length);
  return (
    <div data-testid="history-plan">
      <p>{t('dashboardHistoryPlanIntro')}</p>
      {hasGmail && <SiteFound title={t('dashboardSiteGmail')} site={gmail} testId="history-plan-gmail" />}
      {hasLinkedin && <SiteFound title={t('dashboardSiteLinkedin')} site={linkedin} testId="history-plan-linkedin" />}
      {problems.map((f) => (
        <p class="muted" key={f.name} dir="auto">
          {t('dashboardHistoryProblems', f.name)} {f.problems.join('; ')}
        </p>
      ))}
      <fieldset>
        <legend>{t('dashboardHistoryWhoAmI')}</legend>
        {hasGmail && (
          <>
            <label for="history-me">{t('dashboardHistoryMyAddresses')}</label>
            <textarea id="history-me" rows={2} spellcheck={false} value={addresses} onInput={(e) => setAddresses((e.currentTarget as HTMLTextAreaElement).value)} />
          </>
        )}
        {hasLinkedin && (
          <>
            <label for="history-profile">{t('dashboardHistoryMyProfile')}</label>
            <input id="history-profile" class="wide-input" type="url" spellcheck={false} list="history-profiles" value={profile} onInput={(e) => setProfile((e.currentTarget as HTMLInputElement).value)} />
            <datalist id="history-profiles">
              {linkedin.ownerCandidates.map((c) => (
                <option key={c.profileUrl} value={c.profileUrl}>
                  {c.name}
                </option>
              ))}
            </datalist>
          </>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('dashboardHistoryWhat')}</legend>
        {hasGmail && gmail.inboundConversations > 0 && (
          <label class="check">
            <input type="checkbox" checked={inbound} onChange={(e) => setInbound((e.currentTarget as HTMLInputElement).checked)} />
            {count('dashboardHistoryInbound', gmail.inboundConversations)}
          </label>
        )}
        <div class="inline">
          <label for="history-since">{t('dashboardHistorySince')}</label>
          <select id="history-since" value={since} onChange={(e) => setSince((e.currentTarget as HTMLSelectElement).value as Since)}>
            <option value="all">{t('dashboardHistorySinceAll')}</option>
            <option value="2">{t('dashboardHistorySince2')}</option>
            <option value="1">{t('dashboardHistorySince1')}</option>
          </select>
        </div>
        {cutoff && kept > 0 && (
          <p class="muted" data-testid="history-live">
            {t('dashboardHistoryLive', [(kept - quiet).toLocaleString(), quiet.toLocaleString(), String(settings.goneQuietDays)])}
          </p>
        )}
      </fieldset>
      {backups.length > 0 && <p class="muted" dir="auto">{t('dashboardHistoryBackupsToo', backups.join(', '))}</p>}
      <p class="muted">{t('dashboardHistoryLocal')}</p>
      <div class="form-actions">
        {total > 0 ? (
          <button type="button" class="tk-button tk-button--primary" data-testid="history-start" onClick={start}>
            {t('dashboardHistoryStart', count('dashboardHistoryConversations', Math.max(0, total - older)))}
          </button>
        ) : (
          <p role="status">{t('dashboardHistoryNothing')}</p>
        )}
        <button type="button" class="tk-button tk-button--quiet" onClick={history.reset}>
          {t('dashboardCancel')}
        </button>
      </div>
    </div>
  );
}

function timeLeft(progress: Progress | null, startedAt: number): string {
  if (!progress || progress.bytesRead <= 0 || progress.bytesTotal <= 0) return '';
  const elapsed = Date.now() - startedAt;
  const left = (elapsed * (progress.bytesTotal - progress.bytesRead)) / progress.bytesRead;
  if (elapsed < 2000) return '';
  return left < 60_000 ? t('dashboardHistoryLeftSoon') : t('dashboardHistoryLeftMinutes', String(Math.round(left / 60_000)));
}

/** Reading (plan or run): a progress bar over the bytes read, what was stored, the time left. */
export function HistoryProgress({
  label,
  progress,
  tally,
  startedAt,
  onCancel,
}: {
  label: string;
  progress: Progress | null;
  tally: RunTally | null;
  startedAt: number;
  onCancel(): void;
}) {
  const percent = progress && progress.bytesTotal > 0 ? Math.min(100, Math.floor((progress.bytesRead / progress.bytesTotal) * 100)) : 0;
  const left = timeLeft(progress, startedAt);
  return (
    <div class="history-progress" data-testid="history-progress">
      <div class="progress">
        <div class="bar" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={percent}>
          <div class="bar__fill" style={{ width: `${percent}%` }} />
        </div>
        <span class="muted">{percent}%</span>
      </div>
      <p class="muted" role="status">
        {tally
          ? t('dashboardHistoryStored', [count('dashboardHistoryConversations', tally.conversations), count('dashboardHistoryMessages', tally.messages)])
          : label}
        {left && ` · ${left}`}
      </p>
      <div class="form-actions">
        <button type="button" class="tk-button" data-testid="history-cancel" onClick={onCancel}>
          {t('dashboardHistoryCancel')}
        </button>
      </div>
    </div>
  );
}

/** "412 conversations, 9,310 messages; 37 are your turn, 58 need a follow-up" (live ones; gone quiet said apart). */
export function summaryText(tally: RunTally, settings: Settings, now: Date): { main: string; quiet: number } {
  const cutoff = goneQuietCutoff(now, settings)?.getTime() ?? null;
  let mine = 0;
  let followUp = 0;
  let quiet = 0;
  for (const c of tally.states.values()) {
    if (c.turn !== 'mine' && c.turn !== 'follow-up') continue;
    if (cutoff !== null && c.lastMessageAt && Date.parse(c.lastMessageAt) <= cutoff) quiet++;
    else if (c.turn === 'mine') mine++;
    else followUp++;
  }
  const main = t('dashboardHistorySummary', [
    count('dashboardHistoryConversations', tally.conversations),
    count('dashboardHistoryMessages', tally.messages),
    count('dashboardHistoryYourTurn', mine),
    count('dashboardHistoryFollowUp', followUp),
  ]);
  return { main, quiet };
}
