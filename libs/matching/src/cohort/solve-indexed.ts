/**
 * The exact solver on indices (libs/matching/README.md, "Cohort assignment").
 *
 * 0. With fewer places than newcomers (a long waiting list), each key person
 *    keeps only their best P + 1 edges, P the places (`scarce-places.ts`):
 *    an exact reduction whose duals prove every edge dropped.
 * 1. One pass over the edges keeps each newcomer's 16 best: the candidate graph.
 * 2. On it, the Hungarian method for b-matching with integer duals: an
 *    auction-like opening (`opening-bids.ts`) settles most newcomers, then
 *    the rest join one at a time along shortest augmenting paths (Dijkstra,
 *    binary heap) — `augmenting-search.ts`. Both keep the LP's complementary
 *    slackness, so the result is optimal for the candidate graph. Convex
 *    place costs (a cohort run's load cost) are native to the search: a path
 *    may end at a key person's next place at that place's cost, so a key
 *    person stays one node whatever their capacity.
 * 3. A dual check on every other edge (`dual-certificate.ts`) proves it
 *    optimal for the whole instance; edges that fail are added and the
 *    candidate graph is solved again. When many newcomers fail (everyone
 *    ranks the same key persons first) the next round also adds each key
 *    person's best newcomers (16, then 32, …); once the graph would hold a
 *    third of the edges, it takes every edge.
 *
 * Why: the dense instances have 10⁶–2·10⁶ edges but the optimum uses edges
 * near the top of each list, so the search touches a few per cent of them and
 * the proof usually costs nothing (a newcomer whose gain u reaches their 16th
 * best score needs no check at all). A Hungarian code on the slot-expanded
 * matrix pays for n² cells and O(n³) steps instead. The price is the
 * adversarial case where the best few per newcomer are the same for everyone:
 * then this solves at least twice, the second time with the key persons'
 * own shortlists (on the bench's 1,000 × 1,000, 47,000 edges rather than
 * all 1,000,000).
 */
import { AssignmentState } from './assignment-state';
import { AugmentingSearch } from './augmenting-search';
import { openingBids } from './opening-bids';
import { AddedEdges, allEdges, CandidateGraph, candidateGraph, withAddedEdges, withKeyPersonsBest } from './candidate-graph';
import { dualViolations, Violations } from './dual-certificate';
import type { IndexedAssignmentInstance, IndexedAssignmentSolution, PlaceCosts } from './indexed-instance';
import { scalePlaceCosts } from './place-costs';
import { keepEdgesThePlacesCanUse } from './scarce-places';
import { NewcomerRows, scanRows } from './newcomer-rows';
import { SCALE_BITS } from './score-scale';
import type { SolveOptions } from './assignment.types';

/** Enough on uniform random scores that the first candidate graph is usually already optimal. */
export const CANDIDATES_PER_NEWCOMER = 16;
/** Violated edges added per newcomer in the second round; doubled every round after. */
export const ADDED_PER_NEWCOMER = 16;
/**
 * When more than this share of newcomers have violated edges, the best few per
 * newcomer are the wrong idea for the instance (everyone ranks the same key
 * persons first) and the next round adds each key person's best few too; once
 * the candidate graph would hold the second share of all edges, it takes them all.
 */
const ALL_EDGES_NEWCOMER_SHARE = 0.1;
const ALL_EDGES_EDGE_SHARE = 1 / 3;
/** How many newcomers between two progress reports. */
const PROGRESS_EVERY = 1024;

export interface IndexedSolveOptions extends SolveOptions {
  /** Tuning, and for tests that force the dual check to add edges: the first candidate graph's size per newcomer. */
  readonly candidatesPerNewcomer?: number;
  readonly addedPerNewcomer?: number;
}

export function solveIndexedAssignment(instance: IndexedAssignmentInstance, options: IndexedSolveOptions = {}): IndexedAssignmentSolution {
  const scarce = keepEdgesThePlacesCanUse(instance);
  if (scarce === null) return solveEdges(instance, options);
  const solution = solveEdges(scarce.instance, options);
  const { original } = scarce;
  return { ...solution, edgeOf: solution.edgeOf.map((e) => (e < 0 ? e : original[e])) };
}

function solveEdges(instance: IndexedAssignmentInstance, options: IndexedSolveOptions): IndexedAssignmentSolution {
  const { candidatesPerNewcomer = CANDIDATES_PER_NEWCOMER, addedPerNewcomer = ADDED_PER_NEWCOMER } = options;
  const scanned = scanRows(instance, candidatesPerNewcomer);
  const { best } = scanned;
  // With place costs, some places never pay: the rows then carry the capacity that is usable.
  const placeCosts = scalePlaceCosts(instance.placeCosts, scanned.rows);
  const rows: NewcomerRows = placeCosts === null ? scanned.rows : { ...scanned.rows, capacity: placeCosts.usable };
  const { capacity } = rows;
  const progress = monotoneProgress(options.onProgress);
  let graph = candidateGraph(rows, best);
  let complete = false;
  // Each round adds at least one edge that was not a candidate, so the edges bound the rounds.
  for (let round = 1; round <= rows.score.length + 1; round += 1) {
    const state = solveCandidates(graph, capacity, placeCosts?.costs ?? null, rows.newcomerCount, progress);
    // With every edge in the graph the search's own invariants are the proof.
    const perNewcomer = Math.min(addedPerNewcomer * 2 ** (round - 1), Math.max(1, rows.keyPersonCount));
    const violations: Violations | null = complete ? null : dualViolations(rows, best.leftOutAtMost, state.u, state.v, perNewcomer);
    if (violations === null || violations.count === 0) {
      progress(1);
      return solution(rows, graph, state, round);
    }
    const crowded: boolean = violations.newcomers > ALL_EDGES_NEWCOMER_SHARE * rows.newcomerCount;
    // Everyone wants the same few: the other key persons' best newcomers, before every edge.
    const added: AddedEdges = crowded ? withKeyPersonsBest(rows, graph, violations, candidatesPerNewcomer * 2 ** (round - 1)) : violations;
    complete = graph.rowPosition.length + added.rowPosition.length > ALL_EDGES_EDGE_SHARE * rows.score.length;
    graph = complete ? allEdges(rows) : withAddedEdges(rows, graph, added);
  }
  throw new Error('cohort solver: the dual check kept failing; this is a bug, not a property of the instance');
}

function solveCandidates(
  graph: CandidateGraph, capacity: Int32Array, placeCosts: PlaceCosts | null, newcomerCount: number, progress: (fraction: number) => void,
): AssignmentState {
  const state = new AssignmentState(newcomerCount, capacity, placeCosts);
  // The opening's price rules assume free places; with place costs every newcomer goes through the search.
  const left = placeCosts === null ? openingBids(graph, state, newcomerCount) : Int32Array.from({ length: newcomerCount }, (_, i) => i);
  progress(0.5 * (1 - left.length / Math.max(1, newcomerCount)));
  const search = new AugmentingSearch(graph, state);
  for (let n = 0; n < left.length; n += 1) {
    search.add(left[n]);
    if ((n + 1) % PROGRESS_EVERY === 0) progress(0.5 + ((n + 1) / left.length) * 0.49);
  }
  return state;
}

function solution(rows: NewcomerRows, graph: CandidateGraph, state: AssignmentState, rounds: number): IndexedAssignmentSolution {
  const edgeOf = new Int32Array(rows.newcomerCount).fill(-1);
  let matched = 0;
  for (let i = 0; i < rows.newcomerCount; i += 1) {
    const c = state.candidateOf[i];
    if (c < 0) continue;
    const p = graph.rowPosition[c];
    edgeOf[i] = rows.edge === null ? p : rows.edge[p];
    matched += 1;
  }
  // No slot, no constraint: any price is feasible, and one above every weight covers all their edges.
  const keyPersonPrice = state.v.map((v, k) => (rows.capacity[k] === 0 ? 2 ** SCALE_BITS : v));
  return {
    edgeOf, matched, rounds, candidateEdges: graph.rowPosition.length,
    newcomerPrice: state.u, keyPersonPrice, usableCapacity: rows.capacity, scaleExponent: rows.scale.exponent,
  };
}

function monotoneProgress(onProgress: ((fraction: number) => void) | undefined): (fraction: number) => void {
  let reported = 0;
  return (fraction) => {
    if (onProgress === undefined || fraction <= reported) return;
    reported = fraction;
    onProgress(fraction);
  };
}
