import fc from 'fast-check';
import type { IndexedAssignmentInstance, IndexedAssignmentSolution } from './indexed-instance';
import { certificateProblem } from './optimality-certificate';
import { ScoreScale } from './score-scale';
import { solveIndexedAssignment } from './solve-indexed';
import { indexedInstance } from './testing/indexed.arbitraries';

function expectCertified(instance: IndexedAssignmentInstance, solution: IndexedAssignmentSolution): void {
  expect(certificateProblem(instance, solution)).toBeUndefined();
}

describe('solveIndexedAssignment', () => {
  it('proves its result optimal by LP duality, whatever the candidate graph sizes', () => {
    fc.assert(
      fc.property(indexedInstance(), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }), (instance, candidates, added) => {
        expectCertified(instance, solveIndexedAssignment(instance, { candidatesPerNewcomer: candidates, addedPerNewcomer: added }));
      }),
      { numRuns: 200 },
    );
  });

  it('takes every edge in a second round when every newcomer ranks the key persons alike, and still proves the optimum', () => {
    // score = a_i · b_k: every newcomer's 16 best are the same 16 key persons, who can take only 16.
    const n = 60;
    const keyPersons = 50;
    const edges = Array.from({ length: n * keyPersons }, (_, e) => e);
    const instance: IndexedAssignmentInstance = {
      newcomerCount: n,
      capacities: new Int32Array(keyPersons).fill(1),
      edgeNewcomer: Int32Array.from(edges, (e) => Math.floor(e / keyPersons)),
      edgeKeyPerson: Int32Array.from(edges, (e) => e % keyPersons),
      edgeScore: Float64Array.from(edges, (e) => ((1 + Math.floor(e / keyPersons)) * (1 + (e % keyPersons))) / (n * keyPersons)),
    };

    const solution = solveIndexedAssignment(instance);

    expect(solution.rounds).toBe(2);
    expect(solution.candidateEdges).toBe(n * keyPersons);
    expect(solution.matched).toBe(keyPersons);
    expectCertified(instance, solution);
  });

  it('when everyone ranks the key persons alike, adds each key person\'s best newcomers before every edge, and reaches the optimum of every edge', () => {
    // score ≈ key person quality + a little noise, on the 2⁻²⁰ grid: every newcomer's best few are the same few.
    const ranked = fc
      .record({ newcomerCount: fc.integer({ min: 30, max: 45 }), keyPersonCount: fc.integer({ min: 20, max: 30 }), capacity: fc.integer({ min: 1, max: 2 }), seed: fc.integer() })
      .map(({ newcomerCount, keyPersonCount, capacity, seed }): IndexedAssignmentInstance => {
        let state = seed >>> 0;
        const noise = (): number => {
          state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
          return state % 64;
        };
        const edges = Array.from({ length: newcomerCount * keyPersonCount }, (_, e) => e);
        return {
          newcomerCount,
          capacities: new Int32Array(keyPersonCount).fill(capacity),
          edgeNewcomer: Int32Array.from(edges, (e) => Math.floor(e / keyPersonCount)),
          edgeKeyPerson: Int32Array.from(edges, (e) => e % keyPersonCount),
          edgeScore: Float64Array.from(edges, (e) => (1024 * (1 + (e % keyPersonCount)) + noise()) / 2 ** 20),
        };
      });
    const total = (instance: IndexedAssignmentInstance, solution: IndexedAssignmentSolution): number =>
      Array.from(solution.edgeOf).reduce((sum, e) => sum + (e < 0 ? 0 : instance.edgeScore[e]), 0);
    let shortOfEveryEdge = 0;
    fc.assert(
      fc.property(ranked, fc.integer({ min: 1, max: 4 }), (instance, candidates) => {
        const solution = solveIndexedAssignment(instance, { candidatesPerNewcomer: candidates, addedPerNewcomer: 1 });
        expectCertified(instance, solution);
        // Every edge in the first graph: nothing for the dual check to add.
        const everyEdge = solveIndexedAssignment(instance, { candidatesPerNewcomer: instance.capacities.length });
        expect(everyEdge.rounds).toBe(1);
        expect(total(instance, solution)).toBe(total(instance, everyEdge));
        if (solution.rounds > 1 && solution.candidateEdges < instance.edgeScore.length) shortOfEveryEdge += 1;
      }),
      { numRuns: 100 },
    );
    // About half the runs end before every edge is in the graph (the others need them all, or are settled in one round).
    expect(shortOfEveryEdge).toBeGreaterThan(20);
  });

  it('uses the input as it stands when it is in canonical order, and the same edges in any order give the same choice', () => {
    const sorted: IndexedAssignmentInstance = {
      newcomerCount: 3,
      capacities: Int32Array.from([1, 2]),
      edgeNewcomer: Int32Array.from([0, 0, 1, 2, 2]),
      edgeKeyPerson: Int32Array.from([0, 1, 0, 0, 1]),
      edgeScore: Float64Array.from([0.5, 0.5, 0.5, 0.5, 0.25]),
    };
    const order = [4, 2, 0, 3, 1];
    const shuffled: IndexedAssignmentInstance = {
      ...sorted,
      edgeNewcomer: Int32Array.from(order, (e) => sorted.edgeNewcomer[e]),
      edgeKeyPerson: Int32Array.from(order, (e) => sorted.edgeKeyPerson[e]),
      edgeScore: Float64Array.from(order, (e) => sorted.edgeScore[e]),
    };

    const a = solveIndexedAssignment(sorted);
    const b = solveIndexedAssignment(shuffled);

    expect(Array.from(b.edgeOf, (e) => (e < 0 ? -1 : order[e]))).toEqual(Array.from(a.edgeOf));
  });

  it('has a certificate check that notices a wrong price, a missed edge or an over-full key person', () => {
    const instance: IndexedAssignmentInstance = {
      newcomerCount: 2,
      capacities: Int32Array.from([1]),
      edgeNewcomer: Int32Array.from([0, 1]),
      edgeKeyPerson: Int32Array.from([0, 0]),
      edgeScore: Float64Array.from([0.75, 0.5]),
    };
    const solution = solveIndexedAssignment(instance);
    expectCertified(instance, solution);

    // Key person 0 at price 0 and newcomer 0 taking the whole score: tight for edge 0, but edge 1 would gain.
    const w0 = new ScoreScale(solution.scaleExponent).scaled(0.75);
    const cheap = { ...solution, edgeOf: Int32Array.from([0, -1]), matched: 1, keyPersonPrice: Float64Array.of(0), newcomerPrice: Float64Array.of(w0, 0) };
    expect(certificateProblem(instance, cheap)).toMatch(/edge 1 would gain/);
    expect(certificateProblem(instance, { ...solution, edgeOf: Int32Array.from([0, 1]), matched: 2 })).toMatch(/not tight|more than capacity/);
    expect(certificateProblem(instance, { ...solution, edgeOf: Int32Array.from([-1, -1]), matched: 0 })).toMatch(/unassigned but has price|free at a cost below its price/);
  });

  it('works out the scale and the places from the instance, so a solution cannot shrink the problem to prove itself (found by a review)', () => {
    const instance: IndexedAssignmentInstance = {
      newcomerCount: 2, capacities: Int32Array.from([1, 1]), edgeNewcomer: Int32Array.from([0, 1]), edgeKeyPerson: Int32Array.from([0, 1]), edgeScore: Float64Array.from([0.5, 0.75]),
    };
    expectCertified(instance, solveIndexedAssignment(instance));
    const nobody = { edgeOf: Int32Array.from([-1, -1]), matched: 0, rounds: 1, candidateEdges: 0, newcomerPrice: Float64Array.from([0, 0]) };
    // No places to give: priced out of reach, nobody matched, and primal equals dual at 0.
    expect(certificateProblem(instance, { ...nobody, keyPersonPrice: Float64Array.from([2 ** 51, 2 ** 51]), usableCapacity: Int32Array.from([0, 0]), scaleExponent: 51 }))
      .toMatch(/key person 0 is given 0 places, not the 1 of the instance/);
    // Every score rounded to nothing.
    expect(certificateProblem(instance, { ...nobody, keyPersonPrice: Float64Array.from([0, 0]), usableCapacity: Int32Array.from([1, 1]), scaleExponent: -10 }))
      .toMatch(/scaled by 2\^-10, the instance's scores by 2\^51/);
  });

  it('adds violated edges a few at a time when only some newcomers need more than their best few', () => {
    // Newcomers 0..47 each have their own favourite key person; 48 and 49 want 0..3 more than
    // those four's own newcomers do. Two newcomers lose out and need edges beyond their best four.
    const n = 50;
    const keyPersons = 60;
    const score = (i: number, k: number): number => {
      const noise = ((i * 7 + k * 13) % 17) / 4096;
      if (i >= 48) return k < 4 ? 0.95 : 0.05 + noise;
      return k === i ? 0.9 : 0.01 + noise;
    };
    const edges = Array.from({ length: n * keyPersons }, (_, e) => e);
    const instance: IndexedAssignmentInstance = {
      newcomerCount: n,
      capacities: new Int32Array(keyPersons).fill(1),
      edgeNewcomer: Int32Array.from(edges, (e) => Math.floor(e / keyPersons)),
      edgeKeyPerson: Int32Array.from(edges, (e) => e % keyPersons),
      edgeScore: Float64Array.from(edges, (e) => score(Math.floor(e / keyPersons), e % keyPersons)),
    };

    const solution = solveIndexedAssignment(instance, { candidatesPerNewcomer: 4, addedPerNewcomer: 1 });

    expect(solution.rounds).toBeGreaterThan(1);
    expect(solution.candidateEdges).toBeLessThan(n * 8);
    expect(solution.matched).toBe(n);
    expectCertified(instance, solution);
  });
});
