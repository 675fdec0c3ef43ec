// Gmail's thread list (Inbox, Sent, labels, search; with or without a reading pane), for the list chips.
import { findGmailList, readGmailList } from '../sites/gmail/read-list';
import type { ListSource } from './list-wiring';

export const gmailLists: ListSource[] = [
  {
    findList: () => findGmailList(document),
    readRows: (list) => readGmailList(list).rows.map((row) => Object.assign(row, { key: row.threadId })),
  },
];
