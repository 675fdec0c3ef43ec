// The "me" the seller confirmed in the history import's plan (issue 16), kept in settings: the next import's plan is
// pre-filled with it, and the pages read afterwards (src/background/ingest-page.ts reads the settings) count those
// addresses and that profile as the seller's, as the import does.
import { canonicalProfileUrl, normalizeEmail } from '../core/identity';
import type { TurnkeeperDatabase } from './database';
import { getSettings, saveSettings, type Settings } from './settings';

export interface ConfirmedMe {
  /** The plan's addresses field as the seller left it (Gmail files only). It was pre-filled with the saved addresses,
   * so it replaces them; left without a single readable address, the saved ones stay (a cleared field is more likely a
   * slip than "I have no address", and the Settings page is where addresses are removed). */
  emails?: readonly string[];
  /** The profile the seller chose (LinkedIn files only), and the saved profile the field was pre-filled with, if any:
   * the chosen one takes its place; the other saved profiles stay. */
  profile?: { chosen: string; prefilled: string | null };
}

/** Saves the confirmed identities through saveSettings (which also makes them the seller's in the record). Returns the
 * settings as saved; unchanged settings are not written. */
export async function rememberConfirmedMe(db: TurnkeeperDatabase, confirmed: ConfirmedMe, now: Date = new Date()): Promise<Settings> {
  const saved = await getSettings(db);
  const patch: { myEmails?: string[]; myProfiles?: string[] } = {};
  const emails = [...new Set((confirmed.emails ?? []).flatMap((e) => normalizeEmail(e) ?? []))];
  if (emails.length && !sameList(emails, saved.myEmails)) patch.myEmails = emails;
  const chosen = confirmed.profile && canonicalProfileUrl(confirmed.profile.chosen);
  if (chosen) {
    const replaced = confirmed.profile?.prefilled ? canonicalProfileUrl(confirmed.profile.prefilled) : null;
    const profiles = [chosen, ...saved.myProfiles.filter((p) => p !== chosen && p !== replaced)];
    if (!sameList(profiles, saved.myProfiles)) patch.myProfiles = profiles;
  }
  return patch.myEmails || patch.myProfiles ? saveSettings(db, patch, now) : saved;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x) => b.includes(x));
}
