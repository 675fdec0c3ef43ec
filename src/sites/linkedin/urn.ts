// LinkedIn message URNs and thread URLs (docs/sites.md, "LinkedIn messaging"):
//   data-event-urn="urn:li:msg_message:(urn:li:fsd_profile:<member>,2-<base64>)"
//   base64 → "<13-digit epoch ms><suffix>&<conversation id>"    (exact send time in UTC, conversation id)
//   full page: /messaging/thread/2-<base64 of the conversation id>/  (legacy: /messaging/thread/<number>/)
// The conversation id (decoded) is the thread id, whichever way the conversation was seen.

export interface MessageUrn {
  /** The `fsd_profile` member id inside the URN, when present. */
  member: string | null;
  /** Send time, ISO 8601 UTC, when the URN carries a plausible epoch. */
  sentAt: string | null;
  /** Conversation id (normalised as {@link normalizeConversationId}), when the URN carries one. */
  conversationId: string | null;
}

const PRINTABLE = /^[\x21-\x7e]{3,}$/;
const MIN_MS = Date.UTC(2003, 0, 1); // LinkedIn did not exist before
const MAX_MS = Date.UTC(2100, 0, 1);

/** Decodes standard or URL-safe base64, with or without padding. Null when it is not base64. */
export function decodeBase64(input: string): string | null {
  let s = input.trim().replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '');
  if (!s || !/^[A-Za-z0-9+/]+$/.test(s) || s.length % 4 === 1) return null;
  s += '==='.slice((s.length + 3) % 4);
  try {
    return atob(s);
  } catch {
    return null;
  }
}

/**
 * A conversation id as the thread id: "2-<base64>" is decoded when it decodes to printable ASCII; anything else
 * (legacy numeric ids, undecodable ids) is kept as it is.
 */
export function normalizeConversationId(raw: string): string | null {
  let id = raw.trim();
  try {
    id = decodeURIComponent(id);
  } catch {
    // keep as is
  }
  if (!id || /\s/.test(id)) return null;
  if (id.startsWith('2-')) {
    const decoded = decodeBase64(id.slice(2));
    if (decoded && PRINTABLE.test(decoded)) return decoded;
  }
  return PRINTABLE.test(id) || /^\d+$/.test(id) ? id : null;
}

/** Decodes a `data-event-urn`. Null when it is not a LinkedIn message URN at all. */
export function decodeMessageUrn(urn: string | null | undefined): MessageUrn | null {
  if (!urn || !urn.startsWith('urn:li:')) return null;
  const member = /fsd_profile:([^,)]+)/.exec(urn)?.[1] ?? null;
  const out: MessageUrn = { member, sentAt: null, conversationId: null };
  const m = /(?:^|[,(])\s*2-([A-Za-z0-9+/_-]+=*)\)*$/.exec(urn);
  const decoded = m?.[1] ? decodeBase64(m[1]) : null;
  const parts = decoded ? /^(\d{13})[^&]*&(.+)$/.exec(decoded) : null;
  if (parts?.[1] && parts[2]) {
    const ms = Number(parts[1]);
    if (ms >= MIN_MS && ms < MAX_MS) out.sentAt = new Date(ms).toISOString();
    out.conversationId = normalizeConversationId(parts[2]);
  }
  return out;
}

/** The conversation id of a full-page thread URL (`/messaging/thread/<id>/`), or null. */
export function threadIdFromUrl(url: URL | string): string | null {
  let path: string;
  try {
    path = (typeof url === 'string' ? new URL(url, 'https://www.linkedin.com') : url).pathname;
  } catch {
    return null;
  }
  const seg = /^\/messaging\/thread\/([^/]+)/.exec(path)?.[1];
  if (!seg || seg === 'new') return null;
  return normalizeConversationId(seg);
}

/** Where the conversation with this (normalised) id can be reopened. */
export function threadUrl(id: string): string {
  let seg = id;
  if (!/^\d+$/.test(id) && !id.startsWith('2-')) {
    try {
      seg = '2-' + btoa(id);
    } catch {
      seg = encodeURIComponent(id);
    }
  }
  return `https://www.linkedin.com/messaging/thread/${seg}/`;
}

/** Canonical profile URL `https://www.linkedin.com/in/<id>/` from any `/in/` link, or null. Case is kept. */
export function canonicalProfileUrl(href: string | null | undefined): string | null {
  if (!href) return null;
  let path: string;
  try {
    const u = new URL(href, 'https://www.linkedin.com');
    if (!/(^|\.)linkedin\.com$/.test(u.hostname)) return null;
    path = u.pathname;
  } catch {
    return null;
  }
  const slug = /^\/in\/([^/?#]+)/.exec(path)?.[1];
  if (!slug) return null;
  let id = slug;
  try {
    id = encodeURIComponent(decodeURIComponent(slug));
  } catch {
    // keep as is
  }
  return `https://www.linkedin.com/in/${id}/`;
}
