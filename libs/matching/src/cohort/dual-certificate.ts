/**
 * The proof of optimality. The LP of this problem is
 *   max Σ w·x   s.t. Σₖ x_ik ≤ 1, Σᵢ x_ik ≤ c_k, x ≥ 0,
 * with the dual  min Σ u_i + Σ c_k·v_k  s.t. u_i + v_k ≥ w_ik, u, v ≥ 0.
 * The search keeps u, v ≥ 0 and complementary slackness (chosen edges tight,
 * u_i > 0 only for an assigned newcomer, v_k > 0 only for a full key person)
 * on the candidate graph. If u_i + v_k ≥ w_ik also holds on every other edge,
 * the duals are feasible for the whole instance and the assignment is optimal
 * — checked in exact integers, one pass over all edges.
 *
 * An edge that breaks it could improve the assignment: it is added to the
 * candidate graph, and the candidate graph is solved again.
 *
 * The pass is usually much shorter than all edges: an edge left out of a
 * newcomer's best scores at most the worst one kept, and v ≥ 0, so once u_i
 * reaches that score the whole row holds without reading it. On the bench's
 * instances that is every row or all but one or two.
 */
import type { AddedEdges } from './candidate-graph';
import type { NewcomerRows } from './newcomer-rows';

export interface Violations extends AddedEdges {
  readonly count: number;
  /** Newcomers with at least one violated edge. */
  readonly newcomers: number;
}

/**
 * Edges with w > u + v, at most `perNewcomer` per newcomer (the most violated
 * first, like a simplex pricing rule; equal excess: lower key-person index):
 * adding a few at a time keeps the candidate graph small when many edges of
 * one newcomer look attractive at once.
 */
export function dualViolations(rows: NewcomerRows, leftOutAtMost: Float64Array, u: Float64Array, v: Float64Array, perNewcomer: number): Violations {
  const { newcomerCount, rowStart, keyPerson, score, scale, capacity } = rows;
  const start = new Int32Array(newcomerCount + 1);
  const chosen: number[] = [];
  const bufferPosition = new Int32Array(perNewcomer);
  const bufferExcess = new Float64Array(perNewcomer);
  let count = 0;
  let newcomers = 0;
  for (let i = 0; i < newcomerCount; i += 1) {
    const ui = u[i];
    let held = 0;
    // Every edge not in the candidate graph scores at most leftOutAtMost[i]; v ≥ 0, so u alone may settle the row.
    if (leftOutAtMost[i] < 0 || ui >= scale.scaled(leftOutAtMost[i])) {
      start[i + 1] = chosen.length;
      continue;
    }
    for (let p = rowStart[i]; p < rowStart[i + 1]; p += 1) {
      const k = keyPerson[p];
      // A key person who can take no one has, in effect, an infinite price (see `solution`).
      if (!(score[p] > 0) || capacity[k] === 0) continue;
      const excess = scale.scaled(score[p]) - ui - v[k];
      if (excess <= 0) continue;
      count += 1;
      if (held === perNewcomer && !ranksBefore(excess, k, bufferExcess[perNewcomer - 1], keyPerson[bufferPosition[perNewcomer - 1]])) continue;
      let j = held < perNewcomer ? held++ : perNewcomer - 1;
      while (j > 0 && ranksBefore(excess, k, bufferExcess[j - 1], keyPerson[bufferPosition[j - 1]])) {
        bufferExcess[j] = bufferExcess[j - 1];
        bufferPosition[j] = bufferPosition[j - 1];
        j -= 1;
      }
      bufferExcess[j] = excess;
      bufferPosition[j] = p;
    }
    for (let j = 0; j < held; j += 1) chosen.push(bufferPosition[j]);
    if (held > 0) newcomers += 1;
    start[i + 1] = chosen.length;
  }
  return { start, rowPosition: Int32Array.from(chosen), count, newcomers };
}

function ranksBefore(excess: number, k: number, otherExcess: number, otherK: number): boolean {
  return excess > otherExcess || (excess === otherExcess && k < otherK);
}
