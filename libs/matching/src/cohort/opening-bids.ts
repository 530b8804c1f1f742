/**
 * The opening: newcomers bid for key persons, as in an auction, before the
 * exact search takes over (Jonker and Volgenant's "augmenting row reduction",
 * extended to capacities). A newcomer takes their best key person at the
 * current prices. When that key person is full, its price rises by
 * Δ = min(the bidder's margin over their second choice, the second-smallest
 * margin among the occupants), and the occupant with the smallest margin is
 * displaced and bids in turn. The other occupants keep their best choice
 * (Δ is within their margins), so every invariant the search relies on holds
 * throughout — an assigned newcomer's u = w − v is their best gain, an
 * unassigned one's is 0, only full key persons have a price — and the search
 * finishes from here. On the dense bench instance the bids settle all but a
 * handful of newcomers, and those are the ones whose searches were longest.
 *
 * A margin is measured against the second choice at the time of the bid;
 * prices only rise, so the true margin can only be larger and the bound stays
 * safe. A bid that cannot raise the price (Δ = 0: a tie) is left to the
 * search, and a budget stops long price wars on nearly tied instances.
 */
import type { AssignmentState } from './assignment-state';
import type { CandidateGraph } from './candidate-graph';

/** Bids per newcomer, in total: past ~32 the price wars cost more than the searches they save. */
const BIDS_PER_NEWCOMER = 32;

/** Runs the opening for newcomers 0..count-1; returns those left for the search, in order. */
export function openingBids(graph: CandidateGraph, state: AssignmentState, newcomerCount: number): Int32Array {
  const { start, keyPerson, weight } = graph;
  const { u, v, load, capacity, first, next } = state;
  const secondGain = new Float64Array(newcomerCount);
  const left: number[] = [];
  let budget = BIDS_PER_NEWCOMER * newcomerCount;
  for (let bidder = 0; bidder < newcomerCount; bidder += 1) {
    let i = bidder;
    while (i >= 0) {
      let best = 0;
      let second = 0;
      let chosen = -1;
      for (let c = start[i]; c < start[i + 1]; c += 1) {
        const gain = weight[c] - v[keyPerson[c]];
        if (gain > best) {
          second = best;
          best = gain;
          chosen = c;
        } else if (gain === best && gain > 0) {
          second = gain;
          if (prefer(c, chosen, keyPerson, load, capacity)) chosen = c;
        } else if (gain > second) {
          second = gain;
        }
      }
      if (chosen < 0) {
        u[i] = 0;
        break;
      }
      const k = keyPerson[chosen];
      if (load[k] < capacity[k]) {
        state.assign(i, k, chosen);
        u[i] = best;
        secondGain[i] = second;
        break;
      }
      // The occupant with the smallest margin leaves; the next smallest bounds the price rise.
      let displaced = -1;
      let smallest = Number.POSITIVE_INFINITY;
      let nextSmallest = Number.POSITIVE_INFINITY;
      for (let j = first[k]; j >= 0; j = next[j]) {
        const margin = u[j] - secondGain[j];
        if (margin < smallest || (margin === smallest && j < displaced)) {
          nextSmallest = smallest;
          smallest = margin;
          displaced = j;
        } else if (margin < nextSmallest) {
          nextSmallest = margin;
        }
      }
      const rise = Math.min(best - second, nextSmallest);
      if (!(rise > 0) || budget === 0) {
        left.push(i);
        break;
      }
      budget -= 1;
      v[k] += rise;
      for (let j = first[k]; j >= 0; j = next[j]) if (j !== displaced) u[j] -= rise;
      state.unassign(displaced);
      state.assign(i, k, chosen);
      u[i] = best - rise;
      secondGain[i] = second;
      i = displaced;
    }
  }
  return Int32Array.from(left);
}

/** Between two candidates of equal gain: a key person with a free slot, then the lower index. */
function prefer(c: number, chosen: number, keyPerson: Int32Array, load: Int32Array, capacity: Int32Array): boolean {
  const k = keyPerson[c];
  const held = keyPerson[chosen];
  const free = load[k] < capacity[k];
  const heldFree = load[held] < capacity[held];
  return free !== heldFree ? free : k < held;
}
