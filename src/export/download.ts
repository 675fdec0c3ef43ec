// Saving a file from an extension page without the `downloads` permission: an anchor with a blob URL, clicked.

/** How long the blob URL stays valid after the click (the browser may start reading it late, e.g. behind a
 * "save as" dialog in Firefox). */
export const REVOKE_AFTER_MS = 60_000;

/** A file name that every OS accepts: no path separators, reserved or control characters; at most 150 characters. */
export function safeFilename(name: string, fallback = 'turnkeeper-export'): string {
  let s = name
    .normalize('NFC')
    .replace(/[\u0000-\u001F\u007F<>:"/\\|?*\u202A-\u202E\u2066-\u2069]/g, '-')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (/^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i.test(s)) s = `_${s}`;
  if (s.length > 150) {
    const dot = s.lastIndexOf('.');
    const ext = dot > 0 && s.length - dot <= 10 ? s.slice(dot) : '';
    s = s.slice(0, 150 - ext.length) + ext;
  }
  return s || fallback;
}

/** Download `blob` as `filename` through the page. Must run in a document (dashboard or sidebar page), ideally in
 * the click handler's task or soon after. */
export function downloadBlob(blob: Blob, filename: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = safeFilename(filename);
  a.rel = 'noopener';
  a.style.display = 'none';
  (doc.body ?? doc.documentElement).appendChild(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
  }
}
