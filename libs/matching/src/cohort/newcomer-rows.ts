/**
 * All edges grouped by newcomer (compressed rows), and each newcomer's best
 * few, found in a single pass. Input already grouped by newcomer in index
 * order (key persons within a row in any order) — what
 * `indexAssignmentInstance` and most generators produce — is used as it
 * stands, without a copy: on a dense instance a copy would cost as much
 * as the search. Other input is first put in that order by counting sorts.
 *
 * A position is an edge only when its score scales to a positive integer and
 * its key person can take someone (`weightOf`): a zero or negative edge can
 * never raise the objective, so leaving its newcomer unassigned is always at
 * least as good, and that is the documented rule — a score ≤ 0 (at the
 * solver's resolution) is never assigned.
 */
import type { IndexedAssignmentInstance } from './indexed-instance';
import { RowCollector } from './row-collector';
import { ScoreScale } from './score-scale';

export interface NewcomerRows {
  readonly newcomerCount: number;
  readonly keyPersonCount: number;
  /** Row i is positions rowStart[i] .. rowStart[i + 1] - 1. */
  readonly rowStart: Int32Array;
  readonly keyPerson: Int32Array;
  /** The scores as given. */
  readonly score: Float64Array;
  /** The position's edge in the instance's edge arrays; null when positions are edge indices. */
  readonly edge: Int32Array | null;
  /**
   * min(capacity, newcomers): no key person can take more than everyone, so
   * the LP is the same, and the slot prices stay meaningful for huge capacities.
   */
  readonly capacity: Int32Array;
  readonly scale: ScoreScale;
}

/** Each newcomer's best positions (at most the limit), best first: row i is position[start[i] .. start[i + 1] - 1]. */
export interface BestPositions {
  readonly start: Int32Array;
  readonly position: Int32Array;
  /**
   * Per row, the score of the worst edge kept when the row had more usable
   * edges than the limit (so no edge left out scores more), else -1 (every
   * usable edge was kept). The dual check skips a row whose u reaches it.
   */
  readonly leftOutAtMost: Float64Array;
}

/** The integer weight at position p, 0 when it is not worth taking. */
export function weightOf(rows: NewcomerRows, p: number): number {
  const score = rows.score[p];
  return score > 0 && rows.capacity[rows.keyPerson[p]] > 0 ? rows.scale.scaled(score) : 0;
}

export function scanRows(instance: IndexedAssignmentInstance, limit: number): { rows: NewcomerRows; best: BestPositions } {
  const { newcomerCount, capacities } = instance;
  const capacity = capacities.map((c) => Math.min(c, newcomerCount));
  const { edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  return (
    scanGrouped(edgeNewcomer, edgeKeyPerson, edgeScore, null, newcomerCount, capacity, limit) ??
    scanCanonicalCopy(instance, capacity, limit)
  );
}

/** The pass itself; null when the rows turn out not to be grouped in newcomer order. */
function scanGrouped(
  edgeNewcomer: Int32Array, keyPerson: Int32Array, score: Float64Array, edge: Int32Array | null,
  newcomerCount: number, capacity: Int32Array, limit: number,
): { rows: NewcomerRows; best: BestPositions } | null {
  const rowStart = new Int32Array(newcomerCount + 1);
  const best = {
    start: new Int32Array(newcomerCount + 1),
    position: new Int32Array(Math.min(score.length, newcomerCount * limit)),
    leftOutAtMost: new Float64Array(newcomerCount).fill(-1),
  };
  const collector = new RowCollector(keyPerson, score, capacity, limit);
  let previous = -1;
  let written = 0;
  for (let p = 0; p < score.length; ) {
    const n = edgeNewcomer[p];
    if (n <= previous) return null;
    const end = rowEnd(edgeNewcomer, p);
    for (let r = previous + 1; r <= n; r += 1) {
      rowStart[r] = p;
      best.start[r] = written;
    }
    written += collector.collect(p, end, best.position, written);
    best.leftOutAtMost[n] = collector.leftOutAtMost;
    previous = n;
    p = end;
  }
  for (let r = previous + 1; r <= newcomerCount; r += 1) {
    rowStart[r] = score.length;
    best.start[r] = written;
  }
  const rows = { newcomerCount, keyPersonCount: capacity.length, rowStart, keyPerson, score, edge, capacity, scale: ScoreScale.forMaxScore(collector.maxScore) };
  return { rows, best };
}

/** The first position after the row that starts at p. */
function rowEnd(edgeNewcomer: Int32Array, p: number): number {
  const n = edgeNewcomer[p];
  let end = p + 1;
  while (end < edgeNewcomer.length && edgeNewcomer[end] === n) end += 1;
  return end;
}

/** Two stable counting sorts, by key person and then by newcomer: O(edges + people), no comparisons. */
function scanCanonicalCopy(instance: IndexedAssignmentInstance, capacity: Int32Array, limit: number): { rows: NewcomerRows; best: BestPositions } {
  const { newcomerCount, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  const edgeCount = edgeScore.length;
  const byKeyPerson = countingSort(edgeKeyPerson, capacity.length, null);
  const order = countingSort(edgeNewcomer, newcomerCount, byKeyPerson);
  const scan = scanGrouped(
    order.map((e) => edgeNewcomer[e]), order.map((e) => edgeKeyPerson[e]), Float64Array.from(order, (e) => edgeScore[e]), order,
    newcomerCount, capacity, limit,
  );
  if (scan === null || edgeCount !== order.length) throw new Error('cohort solver: counting sort left rows out of order');
  return scan;
}

/** Edge indices (all, or `items`) stably sorted by key[e]. */
function countingSort(key: Int32Array, keyCount: number, items: Int32Array | null): Int32Array {
  const next = new Int32Array(keyCount + 1);
  for (let e = 0; e < key.length; e += 1) next[key[e] + 1] += 1;
  for (let k = 0; k < keyCount; k += 1) next[k + 1] += next[k];
  const sorted = new Int32Array(key.length);
  for (let s = 0; s < key.length; s += 1) {
    const e = items === null ? s : items[s];
    sorted[next[key[e]]++] = e;
  }
  return sorted;
}
