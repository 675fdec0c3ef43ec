// LinkedIn's conversation lists (the messaging page's and the overlay's), for the list chips: one watch each, so the
// two do not undo each other's chips.
import { findLinkedInList, readLinkedInList } from '../sites/linkedin/read-list';
import { cardKey } from './list-chips';
import type { ListSource } from './list-wiring';

export const linkedinLists: ListSource[] = (['page', 'overlay'] as const).map((place) => ({
  findList: () => findLinkedInList(document, place),
  readRows: (list) => readLinkedInList(list).cards.map((card) => Object.assign(card, { key: cardKey(card) })),
}));
