// Reads the person on a LinkedIn profile page (/in/<slug>/): name, canonical profile URL, headline. 2026 server-driven
// markup (h2 in the Topcard section), classic (h1.text-heading-xlarge), public logged-out page (h1 + JSON-LD Person).
import type { ProfileSnapshot } from '../types';
import { line, pick } from './dom';
import * as S from './selectors';
import { canonicalProfileUrl } from './urn';

export function isProfileUrl(url: URL): boolean {
  return /^\/in\/[^/]+/.test(url.pathname);
}

interface LdPerson {
  name?: unknown;
  url?: unknown;
  jobTitle?: unknown;
}

/** The first JSON-LD `Person` on the page (alone, in an array, or in `@graph`). */
function jsonLdPerson(doc: Document, problems: string[]): LdPerson | null {
  for (const script of doc.querySelectorAll(S.JSON_LD)) {
    let data: unknown;
    try {
      data = JSON.parse(script.textContent ?? '');
    } catch {
      problems.push('profile: JSON-LD not parseable');
      continue;
    }
    const queue: unknown[] = [data];
    for (let i = 0; i < queue.length && i < 50; i++) {
      const node = queue[i];
      if (Array.isArray(node)) queue.push(...node);
      else if (node && typeof node === 'object') {
        const o = node as Record<string, unknown>;
        const type = o['@type'];
        if (type === 'Person' || (Array.isArray(type) && type.includes('Person'))) return o as LdPerson;
        if (o['@graph']) queue.push(o['@graph']);
      }
    }
  }
  return null;
}

const str = (v: unknown): string =>
  (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').replace(/\s+/g, ' ').trim();

export function readProfile(doc: Document, url: URL, problems: string[]): ProfileSnapshot | null {
  const ld = jsonLdPerson(doc, problems);
  const nameEl = pick(doc, S.PROFILE_NAME);
  const name = line(nameEl) || str(ld?.name);
  if (!name) {
    problems.push('profile: no name found');
    return null;
  }

  // The address bar names the profile shown; a member id (ACoAA…) there is replaced by the page's own vanity URL.
  let profileUrl = canonicalProfileUrl(url.pathname);
  if (!profileUrl || /\/in\/AC[a-z]AA/i.test(profileUrl)) {
    const canonical = doc.querySelector(S.CANONICAL);
    profileUrl =
      canonicalProfileUrl(str(ld?.url)) ??
      canonicalProfileUrl(canonical?.getAttribute('href') ?? canonical?.getAttribute('content')) ??
      profileUrl;
  }
  if (!profileUrl) {
    problems.push('profile: no profile URL');
    return null;
  }

  let headline = line(pick(doc, S.PROFILE_HEADLINE));
  const topcard = nameEl?.closest(S.TOPCARD);
  if (!headline && topcard && nameEl) {
    // 2026: the first paragraph after the name that is not the name again.
    for (const p of topcard.querySelectorAll('p')) {
      const t = line(p);
      if (t && t !== name && nameEl.compareDocumentPosition(p) & 4 && !nameEl.contains(p)) {
        headline = t;
        break;
      }
    }
  }
  headline ||= str(ld?.jobTitle);

  const profile: ProfileSnapshot = { site: 'linkedin', name, profileUrl };
  if (headline) profile.headline = headline;
  return profile;
}
