// The Gmail site adapter (docs/architecture.md, "The adapter contract").
import type { SiteAdapter } from '../types';
import { readThreads } from './read-thread';

export const gmail: SiteAdapter = {
  site: 'gmail',
  matches: (url: URL) => url.protocol === 'https:' && url.hostname === 'mail.google.com' && url.pathname.startsWith('/mail/'),
  readThreads,
};

export { readThreads } from './read-thread';
export { parseTitleDate } from './parse-title-date';
