// Gmail's thread list (Inbox, Sent, labels, search; with or without a reading pane), for the list chips: read one
// thread row at a time, so a change reads again only the rows it touched.
import {
  findGmailList,
  gmailChipPlace,
  gmailRowElements,
  gmailRowFingerprint,
  gmailRowOf,
  isGmailRowElement,
  readGmailRow,
} from '../sites/gmail/read-list';
import type { ListSource } from './list-wiring';

export const gmailLists: ListSource[] = [
  {
    findList: () => findGmailList(document),
    rowElements: gmailRowElements,
    readRow: (tr) => {
      const row = readGmailRow(tr);
      return row && Object.assign(row, { key: row.threadId });
    },
    rowOf: gmailRowOf,
    isRow: isGmailRowElement,
    fingerprint: gmailRowFingerprint,
    chipPlace: gmailChipPlace,
    unique: true,
    fields: ['threadId', 'lastMessageId', 'unread', 'newestAt', 'newestAtText', 'snippet'],
  },
];
