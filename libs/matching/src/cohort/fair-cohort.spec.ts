import fc from 'fast-check';
import type { AssignmentEdge } from './assignment.types';
import { CohortEdgeList, CohortKeyPerson, CohortNewcomer, CohortProblem, FairnessTerms, placeCost, reduceCohort } from './fair-cohort';
import { certificateProblem } from './optimality-certificate';
import { solveAssignment } from './solve-assignment';
import { solveIndexedAssignment, IndexedSolveOptions } from './solve-indexed';
import { score } from './testing/assignment.arbitraries';

/** A problem as people read it: edges by id. */
interface ProblemById {
  readonly newcomers: readonly CohortNewcomer[];
  readonly keyPersons: readonly CohortKeyPerson[];
  readonly edges: readonly AssignmentEdge[];
}

function indexed(problem: ProblemById): CohortProblem {
  const newcomerAt = new Map(problem.newcomers.map(({ id }, index) => [id, index]));
  const keyPersonAt = new Map(problem.keyPersons.map(({ id }, index) => [id, index]));
  const edges = new CohortEdgeList();
  for (const { newcomer, keyPerson, score: s } of problem.edges) edges.add(newcomerAt.get(newcomer)!, keyPersonAt.get(keyPerson)!, s);
  return { newcomers: problem.newcomers, keyPersons: problem.keyPersons, edges: edges.edges() };
}

/** Reduce, solve on the solver's own arrays, decode: what a cohort run does. */
function solveFair(problem: ProblemById, terms: FairnessTerms, options: IndexedSolveOptions = {}) {
  const reduced = reduceCohort(indexed(problem), terms);
  return reduced.decode(solveIndexedAssignment(reduced.instance, options));
}

/** The objective straight from its definition, over every feasible assignment: the oracle. */
function bruteForce(problem: ProblemById, terms: FairnessTerms): number {
  const waiting = new Map(problem.newcomers.map(({ id, waitingDays }) => [id, waitingDays]));
  const keyPersons = new Map(problem.keyPersons.map((k) => [k.id, k]));
  const taken = new Map<string, number>();
  const newcomers = problem.newcomers.map(({ id }) => id);
  const value = (): number => {
    let total = 0;
    for (const [id, count] of taken) {
      for (let j = 0; j < count; j += 1) total -= placeCost(terms.loadCost, keyPersons.get(id)!.load + j, keyPersons.get(id)!.capacity);
    }
    return total;
  };
  const best = (at: number, gained: number): number => {
    if (at === newcomers.length) return gained + value();
    let result = best(at + 1, gained);
    for (const { newcomer, keyPerson, score: s } of problem.edges) {
      if (newcomer !== newcomers[at]) continue;
      const count = taken.get(keyPerson) ?? 0;
      if (count >= keyPersons.get(keyPerson)!.freeCapacity) continue;
      taken.set(keyPerson, count + 1);
      result = Math.max(result, best(at + 1, gained + s + terms.waitingBonusPerDay * waiting.get(newcomer)!));
      taken.set(keyPerson, count);
    }
    return result;
  };
  return best(0, 0);
}

const problems = fc
  .record({
    newcomerCount: fc.integer({ min: 1, max: 5 }),
    keyPersonCount: fc.integer({ min: 1, max: 3 }),
  })
  .chain(({ newcomerCount, keyPersonCount }) => {
    const newcomerIds = Array.from({ length: newcomerCount }, (_, i) => `n${i}`);
    const keyPersonIds = Array.from({ length: keyPersonCount }, (_, i) => `k${i}`);
    return fc.record({
      newcomers: fc.tuple(...newcomerIds.map((id) => fc.integer({ min: 0, max: 60 }).map((waitingDays) => ({ id, waitingDays })))),
      keyPersons: fc.tuple(
        // Capacities that are powers of two keep every place cost, loadCost · (carried / capacity)², on a binary grid.
        ...keyPersonIds.map((id) => fc.constantFrom(1, 2, 4, 8).chain((capacity) => fc.integer({ min: 0, max: Math.min(3, capacity) }).chain((load) =>
          fc.integer({ min: 0, max: Math.min(3, capacity - load) }).map((freeCapacity) => ({ id, freeCapacity, load, capacity }))))),
      ),
      edges: fc
        .tuple(...newcomerIds.flatMap((newcomer) => keyPersonIds.map((keyPerson) => fc.option(score().map((s) => ({ newcomer, keyPerson, score: s })), { freq: 3, nil: undefined }))))
        .map((edges) => edges.filter((edge) => edge !== undefined)),
    });
  });

// Terms on a coarse binary grid keep every weight exact, so objectives compare exactly.
const terms = fc.record({
  waitingBonusPerDay: fc.constantFrom(0, 1 / 256, 1 / 64),
  loadCost: fc.constantFrom(0, 1 / 32, 1 / 8, 1 / 2),
});

describe('reduceCohort: the fair objective, solved exactly', () => {
  it('reaches the brute-force optimum of score + waiting bonus − convex load cost, within capacities', () => {
    fc.assert(
      fc.property(problems, terms, (problem, fairness) => {
        const solution = solveFair(problem, fairness);
        expect(solution.objective).toBe(bruteForce(problem, fairness));
        const free = new Map(problem.keyPersons.map((k) => [k.id, k.freeCapacity]));
        for (const [keyPerson, count] of solution.taken) expect(count).toBeLessThanOrEqual(free.get(keyPerson)!);
        expect(new Set(solution.assignments.map((a) => a.newcomer)).size).toBe(solution.matched);
        const given = new Map(problem.edges.map((e) => [`${e.newcomer}/${e.keyPerson}`, e.score]));
        for (const a of solution.assignments) expect(a.score).toBe(given.get(`${a.newcomer}/${a.keyPerson}`));
      }),
      { numRuns: 400 },
    );
  });

  it('reaches it too when the candidate graph starts too small, and proves it with the place-cost certificate', () => {
    fc.assert(
      fc.property(problems, terms, fc.integer({ min: 1, max: 2 }), fc.integer({ min: 1, max: 2 }), (problem, fairness, candidates, added) => {
        const options = { candidatesPerNewcomer: candidates, addedPerNewcomer: added };
        const reduced = reduceCohort(indexed(problem), fairness);
        const raw = solveIndexedAssignment(reduced.instance, options);
        expect(reduced.decode(raw).objective).toBe(bruteForce(problem, fairness));
        expect(certificateProblem(reduced.instance, raw)).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('the certificate notices a price outside the costs of the places around it', () => {
    const reduced = reduceCohort(indexed({
      newcomers: [{ id: 'n1', waitingDays: 0 }, { id: 'n2', waitingDays: 0 }],
      keyPersons: [{ id: 'k', freeCapacity: 2, load: 1, capacity: 3 }],
      edges: [{ newcomer: 'n1', keyPerson: 'k', score: 0.75 }, { newcomer: 'n2', keyPerson: 'k', score: 0.5 }],
    }), { waitingBonusPerDay: 0, loadCost: 1.125 });
    const solution = solveIndexedAssignment(reduced.instance);
    expect(certificateProblem(reduced.instance, solution)).toBeUndefined();
    // Both taken: places cost 1.125 · (1/3)² = 0.125 and 1.125 · (2/3)² = 0.5; 0.75 + 0.5 − 0.625 = 0.625 beats 0.75 − 0.125 = 0.625? A tie: one place, by the tie rule.
    expect(solution.matched).toBe(1);
    const cheap = { ...solution, keyPersonPrice: Float64Array.from([0]) };
    expect(certificateProblem(reduced.instance, cheap)).toMatch(/priced below the cost of a place taken|not tight/);
  });

  it('spreads newcomers over key persons when the load cost outweighs a small score gap', () => {
    const problem: ProblemById = {
      newcomers: [{ id: 'n1', waitingDays: 0 }, { id: 'n2', waitingDays: 0 }],
      keyPersons: [{ id: 'busy', freeCapacity: 2, load: 0, capacity: 2 }, { id: 'other', freeCapacity: 2, load: 0, capacity: 2 }],
      edges: [
        { newcomer: 'n1', keyPerson: 'busy', score: 0.9 }, { newcomer: 'n1', keyPerson: 'other', score: 0.85 },
        { newcomer: 'n2', keyPerson: 'busy', score: 0.9 }, { newcomer: 'n2', keyPerson: 'other', score: 0.85 },
      ],
    };
    const solve = (loadCost: number) => solveFair(problem, { waitingBonusPerDay: 0, loadCost });
    expect([...solve(0).taken]).toEqual([['busy', 2]]);
    expect(new Map(solve(0.25).taken)).toEqual(new Map([['busy', 1], ['other', 1]]));
    expect(solve(0.25).objective).toBeCloseTo(0.9 + 0.85, 12);
  });

  it('counts the newcomers a key person already carries in the load cost', () => {
    const problem: ProblemById = {
      newcomers: [{ id: 'n1', waitingDays: 0 }],
      keyPersons: [{ id: 'loaded', freeCapacity: 1, load: 2, capacity: 3 }, { id: 'idle', freeCapacity: 1, load: 0, capacity: 1 }],
      edges: [{ newcomer: 'n1', keyPerson: 'loaded', score: 0.9 }, { newcomer: 'n1', keyPerson: 'idle', score: 0.7 }],
    };
    // The third newcomer of `loaded`, two thirds full, costs 0.5 · (2/3)² = 0.22…: 0.67… < 0.7.
    expect(solveFair(problem, { waitingBonusPerDay: 0, loadCost: 0.5 }).assignments).toEqual([{ newcomer: 'n1', keyPerson: 'idle', score: 0.7, weight: 0.7 }]);
  });

  it('gives a contested place to whoever waited longer, all else equal', () => {
    const problem: ProblemById = {
      newcomers: [{ id: 'a-recent', waitingDays: 2 }, { id: 'b-long', waitingDays: 40 }],
      keyPersons: [{ id: 'k', freeCapacity: 1, load: 0, capacity: 1 }],
      edges: [{ newcomer: 'a-recent', keyPerson: 'k', score: 0.8 }, { newcomer: 'b-long', keyPerson: 'k', score: 0.75 }],
    };
    const winner = (waitingBonusPerDay: number) => solveFair(problem, { waitingBonusPerDay, loadCost: 0 }).assignments.map((a) => a.newcomer);
    expect(winner(0)).toEqual(['a-recent']);
    expect(winner(1 / 256)).toEqual(['b-long']);
  });

  it('answers as `assign` does on the same weights, whatever order people and pairs were collected in', () => {
    fc.assert(
      fc.property(problems, terms, fc.integer(), (problem, fairness, seed) => {
        const shuffle = <T>(items: readonly T[]): T[] => {
          const copy = [...items];
          let state = seed >>> 0;
          for (let i = copy.length - 1; i > 0; i -= 1) {
            state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
            const j = state % (i + 1);
            [copy[i], copy[j]] = [copy[j], copy[i]];
          }
          return copy;
        };
        const shuffled = { newcomers: shuffle(problem.newcomers), keyPersons: shuffle(problem.keyPersons), edges: shuffle(problem.edges) };
        const solution = solveFair(shuffled, fairness);
        expect(solution).toEqual(solveFair(problem, fairness));
        // The same weights through the SPEC §9 `assign` path, which numbers people in id order too.
        const bonus = new Map(problem.newcomers.map(({ id, waitingDays }) => [id, fairness.waitingBonusPerDay * waitingDays]));
        const viaIds = solveAssignment({
          newcomers: problem.newcomers,
          keyPersons: problem.keyPersons.map(({ id, freeCapacity, load, capacity }) => ({
            id, capacity: freeCapacity, ...(fairness.loadCost > 0 ? { placeCosts: Array.from({ length: freeCapacity }, (_, j) => placeCost(fairness.loadCost, load + j, capacity)) } : {}),
          })),
          edges: problem.edges.map(({ newcomer, keyPerson, score: s }) => ({ newcomer, keyPerson, score: s + bonus.get(newcomer)! })),
        });
        expect(solution.assignments.map(({ newcomer, keyPerson }) => ({ newcomer, keyPerson }))).toEqual(viaIds.assignments.map(({ newcomer, keyPerson }) => ({ newcomer, keyPerson })));
        expect(solution.objective).toBe(viaIds.objective);
      }),
      { numRuns: 300 },
    );
  });

  it('grows its edge list past its first arrays without losing a pair', () => {
    const list = new CohortEdgeList();
    for (let e = 0; e < 5000; e += 1) list.add(e % 7, e % 3, e / 8192);
    const edges = list.edges();
    expect(list.length).toBe(5000);
    expect(edges.score).toHaveLength(5000);
    expect([edges.newcomer[4999], edges.keyPerson[4999], edges.score[4999]]).toEqual([4999 % 7, 4999 % 3, 4999 / 8192]);
    expect(Array.from(edges.score).every((s, e) => s === e / 8192)).toBe(true);
  });
});
