// The user's settings: their shape, defaults and validation. Pure; stored by src/db/settings.ts.
import { canonicalProfileUrl, normalizeEmail } from './identity';

export type NotificationMode = 'each' | 'off' | 'digest';

export interface Settings {
  /** The user's own addresses (aliases, delegated mailboxes), lower-cased. */
  myEmails: string[];
  /** The user's own LinkedIn profile URLs, canonical. */
  myProfiles: string[];
  /** The waiting period before a conversation I wrote last becomes follow-up. Whole days, 0..365. */
  waitDays: number;
  /** Count the waiting period in working days (Mon–Fri, local time). */
  workingDays: boolean;
  /**
   * After this many days without a message, a conversation that is my turn or a follow-up has gone quiet: it leaves
   * the live lists, notifications and the badge (src/core/turn.ts). Null: never. The settings page offers
   * GONE_QUIET_CHOICES.
   */
  goneQuietDays: number | null;
  notifications: NotificationMode;
  /** Local hour (0..23) of the daily digest. */
  digestHour: number;
  sites: { gmail: boolean; linkedin: boolean };
  /** Chips on the rows of Gmail's thread lists and LinkedIn's conversation list, per site. */
  listChips: { gmail: boolean; linkedin: boolean };
  /** ISO time of the last export. */
  lastBackupAt: string | null;
}

export type SettingsPatch = Partial<Omit<Settings, 'sites' | 'listChips'>> & {
  sites?: Partial<Settings['sites']>;
  listChips?: Partial<Settings['listChips']>;
};

export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  myEmails: [],
  myProfiles: [],
  waitDays: 3,
  workingDays: false,
  goneQuietDays: 60,
  notifications: 'each',
  digestHour: 9,
  sites: Object.freeze({ gmail: true, linkedin: true }) as Settings['sites'],
  listChips: Object.freeze({ gmail: true, linkedin: true }) as Settings['listChips'],
  lastBackupAt: null,
});

/** The gone-quiet periods the settings page offers (null: never). */
export const GONE_QUIET_CHOICES: readonly (number | null)[] = [30, 60, 90, 180, null];
/** The longest gone-quiet period accepted (an import or a hand-edited backup may carry any whole number up to it). */
const MAX_GONE_QUIET_DAYS = 3650;

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

function freshDefaults(): Settings {
  return {
    ...DEFAULT_SETTINGS,
    myEmails: [],
    myProfiles: [],
    sites: { ...DEFAULT_SETTINGS.sites },
    listChips: { ...DEFAULT_SETTINGS.listChips },
  };
}

function emails(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.flatMap((v) => (typeof v === 'string' ? (normalizeEmail(v) ?? []) : [])))];
}
function profiles(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  return [...new Set(value.flatMap((v) => (typeof v === 'string' ? (canonicalProfileUrl(v) ?? []) : [])))];
}
function int(value: unknown, min: number, max: number): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max ? value : undefined;
}
function isoOrNull(value: unknown): string | null | undefined {
  if (value === null) return null;
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

/**
 * Settings from stored key/value pairs: each valid value is taken, anything missing or malformed falls back to its
 * default (so a damaged row never breaks the extension).
 */
export function settingsFromValues(values: Readonly<Record<string, unknown>>): Settings {
  const s = freshDefaults();
  s.myEmails = emails(values.myEmails) ?? s.myEmails;
  s.myProfiles = profiles(values.myProfiles) ?? s.myProfiles;
  s.waitDays = int(values.waitDays, 0, 365) ?? s.waitDays;
  if (typeof values.workingDays === 'boolean') s.workingDays = values.workingDays;
  if (values.goneQuietDays === null) s.goneQuietDays = null;
  else s.goneQuietDays = int(values.goneQuietDays, 1, MAX_GONE_QUIET_DAYS) ?? s.goneQuietDays;
  if (values.notifications === 'each' || values.notifications === 'off' || values.notifications === 'digest') {
    s.notifications = values.notifications;
  }
  s.digestHour = int(values.digestHour, 0, 23) ?? s.digestHour;
  for (const key of ['sites', 'listChips'] as const) {
    const perSite = values[key] as Record<string, unknown> | undefined;
    if (!perSite || typeof perSite !== 'object') continue;
    if (typeof perSite.gmail === 'boolean') s[key].gmail = perSite.gmail;
    if (typeof perSite.linkedin === 'boolean') s[key].linkedin = perSite.linkedin;
  }
  const backup = isoOrNull(values.lastBackupAt);
  if (backup !== undefined) s.lastBackupAt = backup;
  return s;
}

/**
 * Applies a patch, normalizing identities (lower-cased emails, canonical profile URLs; unreadable entries dropped).
 * Throws a TypeError naming the field when a value has the wrong type or is out of range.
 */
export function applySettingsPatch(current: Settings, patch: SettingsPatch): Settings {
  const next: Settings = { ...current, sites: { ...current.sites }, listChips: { ...current.listChips } };
  const bad = (field: string): never => {
    throw new TypeError(`Invalid setting: ${field}`);
  };
  if (patch.myEmails !== undefined) next.myEmails = emails(patch.myEmails) ?? bad('myEmails');
  if (patch.myProfiles !== undefined) next.myProfiles = profiles(patch.myProfiles) ?? bad('myProfiles');
  if (patch.waitDays !== undefined) next.waitDays = int(patch.waitDays, 0, 365) ?? bad('waitDays');
  if (patch.workingDays !== undefined) {
    next.workingDays = typeof patch.workingDays === 'boolean' ? patch.workingDays : bad('workingDays');
  }
  if (patch.goneQuietDays !== undefined) {
    next.goneQuietDays =
      patch.goneQuietDays === null ? null : (int(patch.goneQuietDays, 1, MAX_GONE_QUIET_DAYS) ?? bad('goneQuietDays'));
  }
  if (patch.notifications !== undefined) {
    next.notifications = ['each', 'off', 'digest'].includes(patch.notifications)
      ? patch.notifications
      : bad('notifications');
  }
  if (patch.digestHour !== undefined) next.digestHour = int(patch.digestHour, 0, 23) ?? bad('digestHour');
  for (const key of ['sites', 'listChips'] as const) {
    const perSite = patch[key];
    if (perSite === undefined) continue;
    if (typeof perSite !== 'object' || perSite === null) bad(key);
    for (const site of ['gmail', 'linkedin'] as const) {
      const v = perSite[site];
      if (v !== undefined) next[key][site] = typeof v === 'boolean' ? v : bad(`${key}.${site}`);
    }
  }
  if (patch.lastBackupAt !== undefined) {
    const v = isoOrNull(patch.lastBackupAt);
    next.lastBackupAt = v === undefined ? bad('lastBackupAt') : v;
  }
  return next;
}
