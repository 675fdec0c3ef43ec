// The content script on mail.google.com: the shared watcher and sidebar host with the Gmail adapter only.
import { gmail } from '../sites/gmail';
import { gmailLists } from './lists-gmail';
import { startContent } from './main';

startContent(gmail, gmailLists);
