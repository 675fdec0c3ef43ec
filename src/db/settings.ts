// Settings rows: one row per key in table `settings` ({ key, value }), read into a typed object with defaults.
import { splitIdentities } from '../core/identity';
import { applySettingsPatch, settingsFromValues, type Settings, type SettingsPatch } from '../core/settings';
import type { TurnkeeperDatabase } from './database';
import { adoptMyIdentities, refreshTurnsIn } from './internal';

export type { Settings, SettingsPatch };
export { DEFAULT_SETTINGS } from '../core/settings';

/** The settings with defaults for anything unset or malformed. Reads only (usable in liveQuery). */
export async function getSettings(db: TurnkeeperDatabase): Promise<Settings> {
  const rows = await db.settings.toArray();
  const values: Record<string, unknown> = {};
  for (const r of rows) values[r.key] = r.value;
  return settingsFromValues(values);
}

/** Writes the keys whose value changed. Internal: use saveSettings (src/db/actions.ts), which also re-derives what
 * depends on settings. */
export async function writeSettings(db: TurnkeeperDatabase, current: Settings, patch: SettingsPatch): Promise<Settings> {
  const next = applySettingsPatch(current, patch);
  const changed = (Object.keys(next) as (keyof Settings)[]).filter(
    (k) => JSON.stringify(next[k]) !== JSON.stringify(current[k]),
  );
  if (changed.length) await db.settings.bulkPut(changed.map((key) => ({ key, value: next[key] })));
  return next;
}

/**
 * Saves settings (only the given keys; values validated, identities normalized; a TypeError names a bad field).
 * New own addresses/profiles become the user's everywhere (a contact that was only ever such an address becomes
 * the user: its messages turn into the user's); a new waiting period re-derives the turns.
 */
export async function saveSettings(
  db: TurnkeeperDatabase,
  patch: SettingsPatch,
  now: Date = new Date(),
): Promise<Settings> {
  return db.transaction(
    'rw',
    [db.settings, db.people, db.conversations, db.messages, db.wordIndex],
    async () => {
      const current = await getSettings(db);
      const next = await writeSettings(db, current, patch);
      const added = splitIdentities([
        ...next.myEmails.filter((e) => !current.myEmails.includes(e)),
        ...next.myProfiles.filter((p) => !current.myProfiles.includes(p)),
      ]);
      if (added.emails.length || added.linkedin.length) await adoptMyIdentities(db, added, now, next);
      if (next.waitDays !== current.waitDays || next.workingDays !== current.workingDays) {
        await refreshTurnsIn(db, now, next);
      }
      return next;
    },
  );
}
