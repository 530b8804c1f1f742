import fc from 'fast-check';
import type { AssignmentInstance } from './assignment.types';
import type { IndexedAssignmentInstance } from './indexed-instance';
import { certificateProblem } from './optimality-certificate';
import { keepEdgesThePlacesCanUse } from './scarce-places';
import { solveIndexedAssignment } from './solve-indexed';
import { score } from './testing/assignment.arbitraries';
import { bruteForceOptimum } from './testing/brute-force-assignment';

/**
 * Over-subscribed instances: 8–14 newcomers, 1–3 key persons with 0–2 places,
 * so at most a handful of places for many newcomers (places ≪ newcomers, as in
 * a cohort run over a long waiting list); about three quarters of the pairs
 * are edges, scores on the 2⁻²⁰ grid with ties, in random edge order.
 */
const overSubscribed = fc
  .record({
    newcomerCount: fc.integer({ min: 8, max: 14 }),
    capacities: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
  })
  .chain(({ newcomerCount, capacities }) => {
    const pairs: [number, number][] = [];
    for (let i = 0; i < newcomerCount; i += 1) for (let k = 0; k < capacities.length; k += 1) pairs.push([i, k]);
    return fc
      .tuple(...pairs.map((pair) => fc.option(score().map((s) => ({ pair, score: s })), { freq: 4, nil: undefined })))
      .chain((drawn) => {
        const edges = drawn.filter((edge) => edge !== undefined);
        return fc.shuffledSubarray(edges, { minLength: edges.length });
      })
      .map((edges): IndexedAssignmentInstance => ({
        newcomerCount,
        capacities: Int32Array.from(capacities),
        edgeNewcomer: Int32Array.from(edges, ({ pair }) => pair[0]),
        edgeKeyPerson: Int32Array.from(edges, ({ pair }) => pair[1]),
        edgeScore: Float64Array.from(edges, ({ score: s }) => s),
      }));
  });

/** Convex place costs on the same grid: each key person's places cost 0, ¼ or ½ more than the one before. */
const withPlaceCosts = overSubscribed.chain((instance) =>
  fc.tuple(...Array.from(instance.capacities, (capacity) => fc.array(fc.constantFrom(0, 0.25, 0.5), { minLength: capacity, maxLength: capacity })))
    .map((steps): IndexedAssignmentInstance => {
      const start = new Int32Array(instance.capacities.length + 1);
      steps.forEach((places, k) => (start[k + 1] = start[k] + places.length));
      const cost = Float64Array.from(steps.flatMap((places) => places.map((_, j) => places.slice(0, j + 1).reduce((sum: number, step) => sum + step, 0))));
      return { ...instance, placeCosts: { start, cost } };
    }));

function withIds(instance: IndexedAssignmentInstance): AssignmentInstance {
  return {
    newcomers: Array.from({ length: instance.newcomerCount }, (_, i) => ({ id: `n${i}` })),
    keyPersons: Array.from(instance.capacities, (capacity, k) => ({ id: `k${k}`, capacity })),
    edges: Array.from(instance.edgeScore, (s, e) => ({ newcomer: `n${instance.edgeNewcomer[e]}`, keyPerson: `k${instance.edgeKeyPerson[e]}`, score: s })),
  };
}

function objective(instance: IndexedAssignmentInstance, edgeOf: Int32Array): number {
  return Array.from(edgeOf).reduce((sum, e) => sum + (e < 0 ? 0 : instance.edgeScore[e]), 0);
}

describe('keepEdgesThePlacesCanUse: each key person’s best P + 1 edges when places are scarce', () => {
  it('drops edges, and the solution of the rest is the brute-force optimum, proven on every edge of the instance', () => {
    let narrowed = 0;
    fc.assert(
      fc.property(overSubscribed, (instance) => {
        const scarce = keepEdgesThePlacesCanUse(instance);
        if (scarce !== null) {
          narrowed += 1;
          expect(scarce.instance.edgeScore.length).toBeLessThan(instance.edgeScore.length);
          scarce.original.forEach((e, at) => {
            expect(scarce.instance.edgeNewcomer[at]).toBe(instance.edgeNewcomer[e]);
            expect(scarce.instance.edgeKeyPerson[at]).toBe(instance.edgeKeyPerson[e]);
            expect(scarce.instance.edgeScore[at]).toBe(instance.edgeScore[e]);
          });
        }
        const solution = solveIndexedAssignment(instance);
        expect(certificateProblem(instance, solution)).toBeUndefined();
        expect(objective(instance, solution.edgeOf)).toBe(bruteForceOptimum(withIds(instance)));
      }),
      { numRuns: 400 },
    );
    // The shape must exercise the reduction, not only the solver beside it.
    expect(narrowed).toBeGreaterThan(100);
  });

  it('keeps the proof with convex place costs, and when the candidate graph starts too small', () => {
    fc.assert(
      fc.property(withPlaceCosts, fc.integer({ min: 1, max: 2 }), (instance, candidates) => {
        const solution = solveIndexedAssignment(instance, { candidatesPerNewcomer: candidates, addedPerNewcomer: 1 });
        expect(certificateProblem(instance, solution)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same result whatever the order of the edges', () => {
    const instanceAndOrder = overSubscribed.chain((instance) => fc.tuple(fc.constant(instance), fc.shuffledSubarray(Array.from(instance.edgeScore, (_, e) => e), { minLength: instance.edgeScore.length })));
    fc.assert(
      fc.property(instanceAndOrder, ([instance, order]) => {
        const reordered: IndexedAssignmentInstance = {
          ...instance,
          edgeNewcomer: Int32Array.from(order, (e) => instance.edgeNewcomer[e]),
          edgeKeyPerson: Int32Array.from(order, (e) => instance.edgeKeyPerson[e]),
          edgeScore: Float64Array.from(order, (e) => instance.edgeScore[e]),
        };
        const pairs = (inst: IndexedAssignmentInstance, edgeOf: Int32Array) => Array.from(edgeOf, (e) => (e < 0 ? -1 : inst.edgeKeyPerson[e]));
        const first = solveIndexedAssignment(instance);
        const second = solveIndexedAssignment(reordered);
        expect(pairs(reordered, second.edgeOf)).toEqual(pairs(instance, first.edgeOf));
        expect(second.newcomerPrice).toEqual(first.newcomerPrice);
        expect(second.keyPersonPrice).toEqual(first.keyPersonPrice);
      }),
      { numRuns: 300 },
    );
  });

  it('leaves an instance alone when places are not scarce, or when a key person lists one newcomer twice', () => {
    const plenty: IndexedAssignmentInstance = {
      newcomerCount: 3, capacities: Int32Array.from([3]),
      edgeNewcomer: Int32Array.from([0, 1, 2]), edgeKeyPerson: Int32Array.from([0, 0, 0]), edgeScore: Float64Array.from([0.5, 0.25, 1]),
    };
    expect(keepEdgesThePlacesCanUse(plenty)).toBeNull();
    // One place (P + 1 = 2 kept) for 8 newcomers; newcomer 0's edge twice at the top would count as two of the two.
    const twice: IndexedAssignmentInstance = {
      newcomerCount: 8, capacities: Int32Array.from([1]),
      edgeNewcomer: Int32Array.from([0, 0, 1, 2, 3, 4, 5, 6, 7]), edgeKeyPerson: new Int32Array(9), edgeScore: Float64Array.from([1, 1, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5]),
    };
    expect(keepEdgesThePlacesCanUse(twice)).toBeNull();
    const once = { ...twice, edgeNewcomer: Int32Array.from([0, 1, 2, 3, 4, 5, 6, 7, 7]) };
    expect(keepEdgesThePlacesCanUse(once)?.instance.edgeScore.length).toBe(2);
  });
});
