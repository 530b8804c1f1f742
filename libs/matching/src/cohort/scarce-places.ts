/**
 * Fewer places than newcomers (a cohort run over a long waiting list: 9,500
 * newcomers, 400 places): at most P = Σ_k min(capacity_k, newcomers)
 * newcomers can be matched, so each key person needs only their best P + 1
 * edges (score descending, then newcomer index). Every edge dropped is
 * proven by the duals of the rest, without reading it again:
 *
 * - of key person k's P + 1 kept edges, at most P lead to matched newcomers,
 *   so some kept (j, k) has j unmatched, hence u_j = 0 (complementary
 *   slackness) and v_k ≥ w_jk (dual feasibility on the kept edges);
 * - a dropped (i, k) scores at most w_jk, and u_i ≥ 0, so u_i + v_k ≥ w_ik.
 *
 * The solution of the kept edges therefore carries a certificate for every
 * edge, and is optimal for the whole instance: an exact reduction, not a
 * heuristic. On the over-subscribed bench instance it keeps 160,000 of 2.4
 * million edges, and the dual check then reads those rather than every row
 * of the 9,600 newcomers left out.
 */
import type { IndexedAssignmentInstance } from './indexed-instance';
import { KeyPersonShortlists } from './key-person-shortlists';

/** Narrowing must drop at least this share of the edges to pay for its copy. */
const WORTH_DROPPING = 0.5;

export interface ScarcePlacesInstance {
  /** The kept edges, grouped by newcomer in index order (so the solver reads them without a copy). */
  readonly instance: IndexedAssignmentInstance;
  /** Per kept edge, its index in the original instance. */
  readonly original: Int32Array;
}

/** The instance with each key person's best P + 1 edges only, or null when that would not drop enough to pay. */
export function keepEdgesThePlacesCanUse(instance: IndexedAssignmentInstance): ScarcePlacesInstance | null {
  const { newcomerCount, capacities, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  let places = 0;
  let keyPersonsWithPlaces = 0;
  for (const capacity of capacities) {
    places += Math.min(capacity, newcomerCount);
    if (capacity > 0) keyPersonsWithPlaces += 1;
  }
  const limit = places + 1;
  if (limit >= newcomerCount) return null;
  // At most limit edges kept per key person. Counted against the edges that can be taken (a positive score, a key
  // person with places), so that edges which change nothing (scores of 0 or less) do not change whether this
  // reduction runs either: where optima tie, it may settle on another of them than the solve of every edge.
  if (keyPersonsWithPlaces * limit > (1 - WORTH_DROPPING) * usableEdges(instance)) return null;
  const shortlists = new KeyPersonShortlists(capacities, newcomerCount, limit, edgeNewcomer, edgeScore);
  const maxEdge = shortlists.collect(edgeKeyPerson);
  const { edges: keep, repeats } = shortlists.edges(maxEdge);
  // The argument above needs P + 1 different newcomers per key person; duplicate edges would break it.
  if (repeats) return null;
  return { instance: groupedByNewcomer(instance, keep), original: keep };
}

function usableEdges({ capacities, edgeKeyPerson, edgeScore }: IndexedAssignmentInstance): number {
  let usable = 0;
  for (let e = 0; e < edgeScore.length; e += 1) if (edgeScore[e] > 0 && capacities[edgeKeyPerson[e]] > 0) usable += 1;
  return usable;
}

/** The kept edges as an instance grouped by newcomer in index order (a counting sort; `keep` is put in that order too). */
function groupedByNewcomer(instance: IndexedAssignmentInstance, keep: Int32Array): IndexedAssignmentInstance {
  const { newcomerCount, edgeNewcomer, edgeKeyPerson, edgeScore } = instance;
  const next = new Int32Array(newcomerCount + 1);
  for (let at = 0; at < keep.length; at += 1) next[edgeNewcomer[keep[at]] + 1] += 1;
  for (let i = 0; i < newcomerCount; i += 1) next[i + 1] += next[i];
  const order = new Int32Array(keep.length);
  for (let at = 0; at < keep.length; at += 1) order[next[edgeNewcomer[keep[at]]]++] = keep[at];
  keep.set(order);
  const grouped = { newcomer: new Int32Array(keep.length), keyPerson: new Int32Array(keep.length), score: new Float64Array(keep.length) };
  for (let at = 0; at < keep.length; at += 1) {
    const e = keep[at];
    grouped.newcomer[at] = edgeNewcomer[e];
    grouped.keyPerson[at] = edgeKeyPerson[e];
    grouped.score[at] = edgeScore[e];
  }
  return {
    newcomerCount, capacities: instance.capacities, placeCosts: instance.placeCosts ?? null,
    edgeNewcomer: grouped.newcomer, edgeKeyPerson: grouped.keyPerson, edgeScore: grouped.score,
  };
}
