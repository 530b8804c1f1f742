/**
 * Who speaks what, and where: for each (language group, level) the key persons
 * who reach it, split by municipality and ordered by radius (so a ranking
 * visits only those who would travel to the newcomer), plus the remote-only
 * ones, who are in reach of every newcomer who accepts remote contact.
 * Postings hold every indexed key person, eligible or not; the ranking loop
 * checks eligibility, so load changes never touch them.
 */
import { MUNICIPALITY_COUNT } from '../measures/municipality-distance';
import { SHARED_RANK_FLOOR } from '../measures/language-levels';
import { KeyPersonTable } from './key-person-table';
import { PostingList } from './posting-list';
import { RadiusOrderedSlots } from './radius-ordered-slots';

export interface LanguagePosting {
  /** By municipality index; the last entry holds municipalities without a centroid. */
  readonly nearby: (RadiusOrderedSlots | undefined)[];
  readonly remoteOnly: PostingList;
}

/** The posting of key persons who speak a language of `group` at `rank` or better. */
export function postingKey(group: number, rank: number): number {
  return group * 4 + rank;
}

export class LanguagePostings {
  private readonly byKey = new Map<number, LanguagePosting>();

  get(key: number): LanguagePosting | undefined {
    return this.byKey.get(key);
  }

  add(table: KeyPersonTable, slot: number): void {
    for (const key of postingKeys(table, slot)) {
      let posting = this.byKey.get(key);
      if (posting === undefined) {
        posting = { nearby: new Array<RadiusOrderedSlots | undefined>(MUNICIPALITY_COUNT + 1).fill(undefined), remoteOnly: new PostingList() };
        this.byKey.set(key, posting);
      }
      if (table.remoteOnly[slot] === 1) {
        posting.remoteOnly.add(slot);
      } else {
        const place = table.municipality[slot];
        (posting.nearby[place] ??= new RadiusOrderedSlots()).add(slot, table.radiusKm[slot]);
      }
    }
  }

  /** Must run while the table still holds the slot's old values. */
  delete(table: KeyPersonTable, slot: number): void {
    for (const key of postingKeys(table, slot)) {
      const posting = this.byKey.get(key);
      if (posting === undefined) continue;
      if (table.remoteOnly[slot] === 1) posting.remoteOnly.delete(slot);
      else posting.nearby[table.municipality[slot]]?.delete(slot, table.radiusKm[slot]);
    }
  }
}

/** Every (group, rank) from the shared floor up to the key person's level, once each. */
function postingKeys(table: KeyPersonTable, slot: number): Set<number> {
  const keys = new Set<number>();
  const languages = table.languages[slot];
  for (let i = 0; i < languages.length; i += 3) {
    for (let rank = SHARED_RANK_FLOOR; rank <= languages[i + 2]; rank += 1) keys.add(postingKey(languages[i + 1], rank));
  }
  return keys;
}
