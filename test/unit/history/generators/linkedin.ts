// Generator of LinkedIn messages.csv files in each known layout (hand-written generator following docs/imports.md,
// December 2026): 2021 (9 columns), 2023 (10, RECIPIENT PROFILE URLS), 2026 (11, every field quoted, ATTACHMENTS),
// and the 13-column layout with draft flags. Rows are written newest first, grouped by conversation.

export type Layout = 9 | 10 | 11 | 13;

export const HEADERS: Record<Layout, string[]> = {
  9: ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER'],
  10: ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER'],
  11: ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'ATTACHMENTS'],
  13: ['CONVERSATION ID', 'CONVERSATION TITLE', 'FROM', 'SENDER PROFILE URL', 'TO', 'RECIPIENT PROFILE URLS', 'DATE', 'SUBJECT', 'CONTENT', 'FOLDER', 'ATTACHMENTS', 'IS MESSAGE DRAFT', 'IS CONVERSATION DRAFT'],
};

export interface Row {
  conversation: string;
  title?: string;
  from: string;
  senderUrl?: string;
  to?: string;
  recipientUrls?: string;
  date: string;
  subject?: string;
  content: string;
  folder?: string;
  attachments?: string;
  draft?: boolean;
  conversationDraft?: boolean;
}

/** `2-` + base64 of `<uuid>_<3 digits>`, with `==` padding unless `padded` is false. */
export function conversationId(n: number, padded = true): string {
  const raw = `${n.toString(16).padStart(8, '0')}-1234-4abc-8def-0123456789ab_${String(n % 1000).padStart(3, '0')}`;
  const b = btoa(raw);
  return '2-' + (padded ? b : b.replace(/=+$/, ''));
}

function field(v: string, quoteAll: boolean): string {
  return quoteAll || /[",\n\r]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** A messages.csv text. `flatten` turns newlines in CONTENT into spaces (2021–2023 exports). */
export function messagesCsv(rows: Row[], layout: Layout, opts: { flatten?: boolean; eol?: string } = {}): string {
  const cols = HEADERS[layout];
  const quoteAll = layout >= 11;
  const value = (r: Row, c: string): string => {
    switch (c) {
      case 'CONVERSATION ID': return r.conversation;
      case 'CONVERSATION TITLE': return r.title ?? '';
      case 'FROM': return r.from;
      case 'SENDER PROFILE URL': return r.senderUrl ?? '';
      case 'TO': return r.to ?? '';
      case 'RECIPIENT PROFILE URLS': return r.recipientUrls ?? '';
      case 'DATE': return r.date;
      case 'SUBJECT': return r.subject ?? '';
      case 'CONTENT': return opts.flatten ? r.content.replace(/\r?\n/g, ' ') : r.content;
      case 'FOLDER': return r.folder ?? 'INBOX';
      case 'ATTACHMENTS': return r.attachments ?? '';
      case 'IS MESSAGE DRAFT': return r.draft ? 'Yes' : 'No';
      case 'IS CONVERSATION DRAFT': return r.conversationDraft ? 'Yes' : 'No';
      default: return '';
    }
  };
  const eol = opts.eol ?? '\n';
  const head = cols.map((c) => (quoteAll ? `"${c}"` : c)).join(',');
  return [head, ...rows.map((r) => cols.map((c) => field(value(r, c), quoteAll)).join(','))].join(eol) + eol;
}

export const ME = 'https://www.linkedin.com/in/sam-seller';
export const DANA = 'https://www.linkedin.com/in/dana-buyer';
export const OMAR = 'https://www.linkedin.com/in/omar-b';

/** Two conversations with people, a system row, a sponsored conversation; newest first. */
export function sampleRows(): Row[] {
  const c1 = conversationId(1);
  const c2 = conversationId(2);
  return [
    { conversation: c1, from: 'Dana Buyer', senderUrl: DANA, to: 'Sam Seller', recipientUrls: ME, date: '2024-05-02 10:00:00 UTC', content: 'Sounds good.\nSee you Monday.' },
    { conversation: c1, from: 'Sam Seller', senderUrl: ME, to: 'Dana Buyer', recipientUrls: DANA, date: '2024-05-01 09:30:00 UTC', content: 'Hi Dana, can we talk, next week?' },
    { conversation: c1, from: '', to: '', date: '2024-05-01 09:00:00 UTC', content: 'Message request accepted' },
    { conversation: c2, from: 'Omar B', senderUrl: OMAR, to: 'Sam Seller', recipientUrls: ME, date: '2024-04-10 08:00:00 UTC', content: 'Are you still hiring?' },
    { conversation: c2, from: 'Sam Seller', senderUrl: ME, to: 'Omar B', recipientUrls: OMAR, date: '2024-04-09 08:00:00 UTC', content: 'Thanks for connecting' },
    { conversation: conversationId(3), title: 'Sponsored Conversation', from: 'Acme Ads', to: 'Sam Seller', recipientUrls: ME, date: '2024-03-01 08:00:00 UTC', subject: 'Sponsored Conversation', content: '<p class="spinmail-quill-editor__spin-break">Hi %FIRSTNAME%, try Acme</p>' },
  ];
}
