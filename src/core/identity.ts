// Who is who: the identities a person is known by. Pure.
// - an email address, lower-cased and trimmed (a `mailto:` prefix is dropped);
// - a LinkedIn profile URL in canonical form `https://www.linkedin.com/in/<id>/`, where <id> is the last path
//   segment of /in/<id>/ (the member id): vanity slugs are lower-cased, opaque member ids (ACo…) keep their case.

export type IdentityKind = 'email' | 'linkedin';
export interface Identity {
  kind: IdentityKind;
  value: string;
}

const EMAIL_RE = /^[^\s@<>()",;:]+@[^\s@<>()",;:]+$/;

export function normalizeEmail(raw: string): string | null {
  const email = raw.trim().replace(/^mailto:/i, '').toLowerCase();
  return EMAIL_RE.test(email) ? email : null;
}

/** The member id of a profile: the last path segment of /in/<id>/. Accepts full URLs, `linkedin.com/in/x`,
 * `/in/x`, or a bare id. */
export function linkedinMemberId(raw: string): string | null {
  let text = raw.trim();
  if (!text) return null;
  let path: string;
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text) || /^(www\.|[a-z]{2,3}\.)?linkedin\.com\//i.test(text)) {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) text = `https://${text}`;
    let url: URL;
    try {
      url = new URL(text);
    } catch {
      return null;
    }
    if (!/(^|\.)linkedin\.com$/i.test(url.hostname)) return null;
    path = url.pathname;
  } else if (text.startsWith('/')) {
    path = text;
  } else {
    path = `/in/${text}`;
  }
  const m = /^\/(?:in|pub)\/([^/?#]+)/i.exec(path);
  if (!m?.[1]) return null;
  let id: string;
  try {
    id = decodeURIComponent(m[1]);
  } catch {
    id = m[1];
  }
  id = id.trim();
  if (!id || /[\s/]/.test(id)) return null;
  return /^ACo[A-Za-z0-9_-]{6,}$/.test(id) ? id : id.toLowerCase();
}

export function canonicalProfileUrl(raw: string): string | null {
  const id = linkedinMemberId(raw);
  return id === null ? null : `https://www.linkedin.com/in/${encodeURIComponent(id)}/`;
}

/** Reads a string that is either an email address or a LinkedIn profile (URL or id). */
export function parseIdentity(raw: string): Identity | null {
  const trimmed = raw.trim();
  if (!trimmed) return null;
  if (trimmed.includes('@') && !/linkedin\.com/i.test(trimmed)) {
    const email = normalizeEmail(trimmed);
    return email ? { kind: 'email', value: email } : null;
  }
  const url = canonicalProfileUrl(trimmed);
  return url ? { kind: 'linkedin', value: url } : null;
}

/** Splits a mixed list of identities into normalized, de-duplicated emails and profile URLs; unreadable ones are
 * dropped. */
export function splitIdentities(raw: readonly string[]): { emails: string[]; linkedin: string[] } {
  const emails = new Set<string>();
  const linkedin = new Set<string>();
  for (const item of raw) {
    if (typeof item !== 'string') continue;
    const id = parseIdentity(item);
    if (id?.kind === 'email') emails.add(id.value);
    else if (id?.kind === 'linkedin') linkedin.add(id.value);
  }
  return { emails: [...emails], linkedin: [...linkedin] };
}

/** The identities of a person as a site adapter reported them. */
export function identitiesOf(person: { email?: string; profileUrl?: string }): Identity[] {
  const out: Identity[] = [];
  const email = person.email ? normalizeEmail(person.email) : null;
  if (email) out.push({ kind: 'email', value: email });
  const url = person.profileUrl ? canonicalProfileUrl(person.profileUrl) : null;
  if (url) out.push({ kind: 'linkedin', value: url });
  return out;
}

/** Whether a name is a usable display name (not empty, not just an address). */
export function isRealName(name: string): boolean {
  const t = name.trim();
  return t.length > 0 && !EMAIL_RE.test(t);
}
