/**
 * The matcher worker's in-memory view of every key person, kept current from
 * the event log (`upsert` on registration and profile or status changes,
 * `setLoad` when proposals open or close, `remove` on erasure), so one
 * newcomer is ranked against 100,000 key persons in about a millisecond.
 *
 * `rank(newcomer, policy, now, { limit })` returns exactly what
 * `rank(newcomer, allKeyPersons, policy, now)` returns, with the ranking cut
 * to its first `limit` entries (a property test holds it to that).
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { ScoringPolicy } from '../policy/scoring-policy';
import type { Ranking } from '../ranking/ranking.types';
import { FeasibleScores, IndexView, rankIndexed, scoreFeasible } from './indexed-rank';
import { ACTIVE, KeyPersonTable } from './key-person-table';
import { LanguagePostings } from './language-postings';
import { ReachCounter } from './reach-counter';

export interface IndexRankOptions {
  /** How many of the best candidates to return with explanations; all feasible ones by default. */
  readonly limit?: number;
}

export class CandidateIndex implements IndexView {
  readonly table = new KeyPersonTable();
  readonly postings = new LanguagePostings();
  readonly reach = new ReachCounter();
  notActive = 0;
  noCapacity = 0;
  private marks = new Uint32Array(0);
  private lastMark = 0;

  constructor(keyPersons: Iterable<MatchingKeyPerson> = []) {
    for (const keyPerson of keyPersons) this.upsert(keyPerson);
  }

  get size(): number {
    return this.table.size;
  }

  get(id: string): MatchingKeyPerson | undefined {
    const slot = this.table.slotOf(id);
    return slot === undefined ? undefined : this.table.records[slot];
  }

  upsert(keyPerson: MatchingKeyPerson): void {
    const existing = this.table.slotOf(keyPerson.id);
    if (existing !== undefined) this.forget(existing);
    const slot = this.table.put(keyPerson);
    this.remember(slot);
  }

  /** Returns whether the key person was indexed. */
  remove(id: string): boolean {
    const slot = this.table.slotOf(id);
    if (slot === undefined) return false;
    this.forget(slot);
    this.table.release(id);
    return true;
  }

  /** Open proposals plus accepted matches; returns whether the key person was indexed. */
  setLoad(id: string, load: number): boolean {
    const slot = this.table.slotOf(id);
    if (slot === undefined) return false;
    this.count(slot, -1);
    this.table.setLoad(slot, load);
    this.count(slot, +1);
    return true;
  }

  rank(newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string, options: IndexRankOptions = {}): Ranking {
    const limit = options.limit ?? Number.POSITIVE_INFINITY;
    if (!(limit >= 0) || (Number.isFinite(limit) && !Number.isInteger(limit))) throw new RangeError(`limit must be a whole number ≥ 0, got ${limit}`);
    return rankIndexed(this, newcomer, policy, now, limit);
  }

  /** Every feasible key person's score, best first, without explanations: what a cohort run needs of each newcomer. */
  feasibleScores(newcomer: MatchingNewcomer, policy: ScoringPolicy, now: string): FeasibleScores {
    return scoreFeasible(this, newcomer, policy, now);
  }

  freshMark(): { readonly marks: Uint32Array; readonly mark: number } {
    if (this.marks.length < this.table.rows) {
      this.marks = new Uint32Array(this.table.rows);
      this.lastMark = 0;
    }
    if (this.lastMark === 0xffff_ffff) {
      this.marks.fill(0);
      this.lastMark = 0;
    }
    this.lastMark += 1;
    return { marks: this.marks, mark: this.lastMark };
  }

  private remember(slot: number): void {
    this.count(slot, +1);
    this.postings.add(this.table, slot);
  }

  /** Takes a slot out of the postings and the counts while the table still holds its old values. */
  private forget(slot: number): void {
    this.count(slot, -1);
    this.postings.delete(this.table, slot);
  }

  /** Keeps the not-active and no-capacity counts and the reach counter (eligible key persons only) in step. */
  private count(slot: number, delta: 1 | -1): void {
    const { status, eligible } = this.table;
    if (status[slot] !== ACTIVE) this.notActive += delta;
    else if (eligible[slot] === 0) this.noCapacity += delta;
    else if (delta === 1) this.reach.add(this.table, slot);
    else this.reach.delete(this.table, slot);
  }
}
