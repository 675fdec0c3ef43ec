// LinkedIn's conversation lists (the messaging page's and the overlay's), for the list chips: one watch each, so the
// two do not undo each other's chips; read one card at a time, so a change reads again only the cards it touched.
import {
  findLinkedInList,
  isLinkedInCardElement,
  linkedInCardElements,
  linkedInCardFingerprint,
  linkedInChipPlace,
  readLinkedInCard,
} from '../sites/linkedin/read-list';
import { cardKey } from './list-chips';
import type { ListSource } from './list-wiring';

export const linkedinLists: ListSource[] = (['page', 'overlay'] as const).map((place) => ({
  findList: () => findLinkedInList(document, place),
  rowElements: linkedInCardElements,
  isRow: isLinkedInCardElement,
  fingerprint: linkedInCardFingerprint,
  chipPlace: linkedInChipPlace,
  fields: ['key', 'threadId', 'participantNames', 'snippetPrefix', 'snippetText', 'timeText', 'unread', 'sponsoredLabel'],
  readRow: (el) => {
    const card = readLinkedInCard(el);
    return card && Object.assign(card, { key: cardKey(card) });
  },
}));
