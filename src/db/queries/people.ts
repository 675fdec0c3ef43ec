// People: one person's whole record, finding a person by address or profile, "same person?" suggestions.
import { canonicalProfileUrl, normalizeEmail } from '../../core/identity';
import type { TurnkeeperDatabase } from '../database';
import { mergeGroup, resolveRoots } from '../internal';
import type { LinkRecord, NoteRecord, PersonRecord } from '../records';
import { byTime, conversationViews, personView, personViews, type ConversationView, type PersonView } from './views';

export interface PersonDetails {
  person: PersonView;
  /** Every conversation with this person on both sites, newest first. */
  conversations: ConversationView[];
  notes: NoteRecord[];
  /** Link suggestions involving this person (status suggested). */
  suggestions: LinkRecord[];
}

export interface SuggestionView {
  link: LinkRecord;
  a: PersonView;
  b: PersonView;
}

/** Everything about a person: every conversation on both sites (newest first), notes, open suggestions. Merges
 * resolved: asking for any merged row gives its root. */
export async function getPersonDetails(
  db: TurnkeeperDatabase,
  personId: string,
  now: Date,
): Promise<PersonDetails | null> {
  const root = (await resolveRoots(db, [personId])).get(personId);
  if (!root) return null;
  const group = await mergeGroup(db, root.id);
  const ids = group.map((p) => p.id);
  const [convs, notes, linksA, linksB] = await Promise.all([
    db.conversations.where('personIds').anyOf(ids).distinct().toArray(),
    db.notes.where('personId').anyOf(ids).toArray(),
    db.links.where('a').anyOf(ids).toArray(),
    db.links.where('b').anyOf(ids).toArray(),
  ]);
  convs.sort((a, b) => byTime(b.lastMessageAt, a.lastMessageAt) || (a.id < b.id ? -1 : 1));
  notes.sort((a, b) => byTime(a.createdAt, b.createdAt));
  const suggestions = [...new Map([...linksA, ...linksB].map((l) => [l.id, l])).values()].filter(
    (l) => l.status === 'suggested',
  );
  return { person: personView(group), conversations: await conversationViews(db, convs, now), notes, suggestions };
}

/** The person a LinkedIn profile (any form: URL, /in/<id>, id) belongs to, merges resolved. */
export async function findPersonByProfile(
  db: TurnkeeperDatabase,
  profileUrl: string,
): Promise<PersonRecord | undefined> {
  const url = canonicalProfileUrl(profileUrl);
  if (!url) return undefined;
  const row = await db.people.where('linkedin').equals(url).first();
  return row ? (await resolveRoots(db, [row.id])).get(row.id) : undefined;
}

/** The person an email address belongs to, merges resolved. */
export async function findPersonByEmail(db: TurnkeeperDatabase, email: string): Promise<PersonRecord | undefined> {
  const e = normalizeEmail(email);
  if (!e) return undefined;
  const row = await db.people.where('emails').equals(e).first();
  return row ? (await resolveRoots(db, [row.id])).get(row.id) : undefined;
}

/** Open "same person?" suggestions with both people. */
export async function listSuggestions(
  db: TurnkeeperDatabase,
  options: { involving?: readonly string[] } = {},
): Promise<SuggestionView[]> {
  // `involving`: only the suggestions about these person ids (the sidebar's open conversation), read through the
  // links' person indexes; a large history holds thousands of suggestions, and reading them all cost the sidebar seconds.
  const links = options.involving
    ? (await db.links.where('a').anyOf(options.involving).or('b').anyOf(options.involving).toArray()).filter(
        (l) => l.status === 'suggested',
      )
    : await db.links.where('status').equals('suggested').toArray();
  const views = await personViews(db, links.flatMap((l) => [l.a, l.b]));
  const out: SuggestionView[] = [];
  for (const link of links) {
    const a = views.get(link.a);
    const b = views.get(link.b);
    if (a && b && a.id !== b.id) out.push({ link, a, b });
  }
  return out;
}
