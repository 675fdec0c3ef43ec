// What one Takeout message's headers say: its ids (the same as the Gmail page's), labels, sender, bulk signals.
import { hash, syncId } from '../sites/gmail/ids';
import { decodeEncodedWords, header, parseAddresses, parseLabels, type Address, type Headers } from './headers';
import { labelFacts, type LabelFacts } from './gmail-labels';

export interface MailHead extends LabelFacts {
  /** Legacy hex message id (= the page's `data-legacy-message-id`), from the separator's decimal id. */
  messageId: string;
  /** Legacy hex thread id (= the page's `data-legacy-thread-id`), from `X-GM-THRID`. */
  threadId: string;
  from: Address | null;
  to: Address[];
  subject: string;
  dateText: string;
  /** Epoch ms; NaN when no time is known. */
  time: number;
  bulk: boolean;
}

const MIN_MS = Date.UTC(2004, 0, 1); // Gmail did not exist before
const MAX_MS = Date.UTC(2100, 0, 1);

/** A Gmail id (decimal string) → its time: the id's high bits are epoch milliseconds (id >> 20). */
export function idTime(decimal: string): number {
  if (!/^\d{1,20}$/.test(decimal)) return NaN;
  const ms = Number(BigInt(decimal) >> 20n);
  return ms >= MIN_MS && ms < MAX_MS ? ms : NaN;
}

const NO_REPLY = /(?:^|[-_.+])(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?)(?:[-_.+]|$)/i;

export function isNoReply(address: string): boolean {
  return NO_REPLY.test(address.split('@')[0] ?? '');
}

/** `full` false skips what only the run needs (recipients, subject): the plan reads every message's headers. */
export function readMailHead(separator: string, h: Headers, full = true): MailHead {
  const decimalId = /^From (\d{1,20})@/.exec(separator)?.[1] ?? '';
  const thrid = /^\d{1,20}$/.test(header(h, 'x-gm-thrid')) ? header(h, 'x-gm-thrid') : '';
  const rfcId = header(h, 'message-id');
  const messageId = decimalId
    ? syncId('f:' + decimalId, 'msg')
    : 'mid:' + hash(rfcId || header(h, 'date') + '|' + header(h, 'from') + '|' + header(h, 'subject'));
  const rootRef = /<[^>]+>/.exec(header(h, 'references'))?.[0] ?? rfcId;
  const threadId = thrid ? syncId('f:' + thrid, 'thread') : decimalId ? messageId : 'mid:' + hash(rootRef || messageId);
  const labels = (h.get('x-gmail-labels') ?? []).flatMap(parseLabels);
  const facts = labelFacts(labels);
  const from = parseAddresses(header(h, 'from'))[0] ?? null;
  const to: Address[] = [];
  if (full) for (const name of ['to', 'cc']) for (const value of h.get(name) ?? []) for (const a of parseAddresses(value)) to.push(a);
  const dateText = header(h, 'date');
  let time = idTime(decimalId);
  if (Number.isNaN(time)) time = Date.parse(dateText.replace(/\s*\([^)]*\)\s*$/, ''));
  if (Number.isNaN(time)) {
    const sepDate = /^From \S+ +(.*)$/.exec(separator)?.[1];
    if (sepDate) time = Date.parse(sepDate.replace(/ ([+-]\d{4}) (\d{4})$/, ' $2 $1'));
  }
  const precedence = header(h, 'precedence').toLowerCase();
  const autoSubmitted = header(h, 'auto-submitted').toLowerCase();
  const bulk =
    facts.bulkCategory ||
    h.has('list-id') ||
    h.has('list-unsubscribe') ||
    /^(?:bulk|list|junk)$/.test(precedence) ||
    (!!autoSubmitted && autoSubmitted !== 'no') ||
    (!!from && isNoReply(from.address));
  // The label facts copied one by one: an object spread followed by more properties took ~30x as long in V8 (Node 20),
  // and this runs twice for every message of the file.
  return {
    drop: facts.drop,
    sent: facts.sent,
    bulkCategory: facts.bulkCategory,
    messageId,
    threadId,
    from,
    to,
    subject: full ? decodeEncodedWords(header(h, 'subject')).replace(/\s+/g, ' ').trim() : '',
    dateText,
    time,
    bulk,
  };
}
