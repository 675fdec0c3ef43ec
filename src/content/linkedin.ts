// The content script on www.linkedin.com: the shared watcher and sidebar host with the LinkedIn adapter only.
import { linkedin } from '../sites/linkedin';
import { linkedinLists } from './lists-linkedin';
import { startContent } from './main';

startContent(linkedin, linkedinLists);
