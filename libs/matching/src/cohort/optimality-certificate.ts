/**
 * Checks a solution's proof of optimality from scratch, independently of how
 * the solver found it: primal feasibility, dual feasibility on every edge,
 * complementary slackness, and equal primal and dual totals — in exact
 * integers (the totals in BigInt, since they can pass 2⁵³). With place costs
 * the LP gains a variable per place (taken or not, at cost c_kj) and the dual
 * a term max(0, v_k − c_kj) per place; without them every c_kj is 0. Tests and the
 * bench run it; a cohort run can afford it too (one pass over the edges).
 */
import type { IndexedAssignmentInstance, IndexedAssignmentSolution } from './indexed-instance';
import { scaleExponent, ScoreScale } from './score-scale';

/** The first thing wrong with the certificate, or undefined when it proves the assignment optimal. */
export function certificateProblem(instance: IndexedAssignmentInstance, solution: IndexedAssignmentSolution): string | undefined {
  const { edgeNewcomer, edgeKeyPerson, edgeScore, capacities } = instance;
  // The scale and the places are the instance's, worked out here: taken from the solution, a solution that
  // rounded every score away or gave key persons no places could prove itself optimal.
  let maxScore = 0;
  for (let e = 0; e < edgeScore.length; e += 1) if (edgeScore[e] > maxScore) maxScore = edgeScore[e];
  const exponent = scaleExponent(maxScore);
  if (solution.scaleExponent !== exponent) return `the solution is scaled by 2^${solution.scaleExponent}, the instance's scores by 2^${exponent}`;
  const scale = new ScoreScale(exponent);
  const u = solution.newcomerPrice;
  const v = solution.keyPersonPrice;
  const weight = (e: number): number => (edgeScore[e] > 0 ? scale.scaled(edgeScore[e]) : 0);
  const load = new Int32Array(capacities.length);
  let primal = 0n;
  let matched = 0;
  for (let i = 0; i < instance.newcomerCount; i += 1) {
    if (!(u[i] >= 0)) return `newcomer ${i} has a negative price ${u[i]}`;
    const e = solution.edgeOf[i];
    if (e < 0) {
      if (u[i] !== 0) return `newcomer ${i} is unassigned but has price ${u[i]}`;
      continue;
    }
    if (edgeNewcomer[e] !== i) return `newcomer ${i} is given edge ${e}, which is not theirs`;
    const k = edgeKeyPerson[e];
    if (weight(e) <= 0) return `newcomer ${i} is given edge ${e}, which scores nothing`;
    if (u[i] + v[k] !== weight(e)) return `edge ${e} is chosen but not tight`;
    load[k] += 1;
    matched += 1;
    primal += BigInt(weight(e));
  }
  if (matched !== solution.matched) return `matched says ${solution.matched}, the assignment has ${matched}`;
  let dual = 0n;
  for (let i = 0; i < instance.newcomerCount; i += 1) dual += BigInt(u[i]);
  const costs = instance.placeCosts ?? null;
  const bestWeight = maxScore > 0 ? scale.scaled(maxScore) : 0;
  // Place j of key person k, in solver units (0 without place costs).
  const placeCost = (k: number, j: number): number => (costs === null ? 0 : scale.scaled(costs.cost[costs.start[k] + j]));
  /**
   * The places of the LP: no key person can take more than everyone, min(capacity, newcomers); with place costs,
   * only the leading places listed that cost less than the best weight (one costing more never pays: giving it up
   * loses one weight and saves at least as much).
   */
  const usablePlaces = (k: number): number => {
    const places = Math.min(capacities[k], instance.newcomerCount);
    if (costs === null) return places;
    const listed = Math.min(places, costs.start[k + 1] - costs.start[k]);
    let j = 0;
    while (j < listed && placeCost(k, j) < bestWeight) j += 1;
    return j;
  };
  for (let k = 0; k < capacities.length; k += 1) {
    const usable = usablePlaces(k);
    if (solution.usableCapacity[k] !== usable) return `key person ${k} is given ${solution.usableCapacity[k]} places, not the ${usable} of the instance`;
    if (load[k] > capacities[k] || load[k] > usable) return `key person ${k} takes ${load[k]}, more than capacity ${capacities[k]}`;
    if (!(v[k] >= 0)) return `key person ${k} has a negative price ${v[k]}`;
    // Complementary slackness: the price lies between the cost of the last place taken and of the next one.
    if (load[k] > 0 && v[k] < placeCost(k, load[k] - 1)) return `key person ${k} is priced below the cost of a place taken`;
    if (load[k] < usable && v[k] > placeCost(k, load[k])) return `key person ${k} has a place free at a cost below its price ${v[k]}`;
    for (let j = 0; j < usable; j += 1) {
      const c = placeCost(k, j);
      if (j < load[k]) primal -= BigInt(c);
      if (v[k] > c) dual += BigInt(v[k] - c);
    }
  }
  for (let e = 0; e < edgeScore.length; e += 1) {
    // u + v < 2⁵³ (both at most 2⁵¹): the double comparison is exact.
    if (u[edgeNewcomer[e]] + v[edgeKeyPerson[e]] < weight(e)) return `edge ${e} would gain: u + v < w`;
  }
  return primal === dual ? undefined : `primal ${primal} and dual ${dual} differ`;
}
