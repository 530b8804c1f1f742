/**
 * One measurement in a process of its own, so that one solver's memory never
 * shows up in another's figure:
 *   node --expose-gc -r ts-node/register/transpile-only -r tsconfig-paths/register \
 *     bench/cohort/measure.ts <instance> <solver> <warm-up runs> <timed runs>
 * Prints one JSON line (`Measurement`). Fails loudly — non-zero exit — when a
 * result is infeasible or, for ours, when its optimality certificate does not hold.
 */
import { performance } from 'node:perf_hooks';
import { certificateProblem, CohortProblem, exactSum, IndexedAssignmentInstance, IndexedAssignmentSolution, reduceCohort, solveAssignment, solveIndexedAssignment } from '@sleutel/matching';
import { benchInstance, BenchInstance, fingerprint, InstanceName, withIds } from './instances';
import { slotMatrix, solveIdsWithMunkres, solveWithMunkres } from './munkres-baseline';
import { RssSampler } from './rss-sampler';
import { solveBefore } from './solver-before';

/** `-before`: the same measurement with the solver of `SOLVER_BEFORE_COMMIT`. */
export const SOLVERS = ['ours', 'ours-before', 'ours-ids', 'ours-fair', 'ours-fair-before', 'munkres', 'munkres-ids'] as const;
export type Solver = (typeof SOLVERS)[number];

export interface Measurement {
  readonly fingerprint: string;
  readonly timesMs: readonly number[];
  readonly objective: number;
  readonly matched: number;
  /** Highest RSS during the timed runs, and what that is above the RSS before them (instance already built). */
  readonly peakRssMb: number;
  readonly peakAboveStartMb: number;
  readonly detail: string;
}

interface Outcome {
  readonly objective: number;
  readonly matched: number;
  readonly detail: string;
}

async function main(): Promise<void> {
  const [name, solver, warmUp, timed] = process.argv.slice(2);
  const bench = benchInstance(name as InstanceName);
  const solveOnce = prepare(bench, solver as Solver);
  // One full collection before the warm-up, none between timed runs: a forced
  // collection also drops optimised code, and each run would then measure V8
  // compiling the solver again (3× slower for ours, the many small functions).
  collector()();
  for (let run = 0; run < Number(warmUp); run += 1) solveOnce();
  const sampler = new RssSampler();
  const startRss = await sampler.reset();
  const timesMs: number[] = [];
  let outcome: Outcome | undefined;
  for (let run = 0; run < Number(timed); run += 1) {
    const started = performance.now();
    const check = solveOnce();
    timesMs.push(performance.now() - started);
    outcome = check();
  }
  const peak = await sampler.peak();
  await sampler.stop();
  if (outcome === undefined) throw new Error('no timed run');
  const measurement: Measurement = {
    fingerprint: fingerprint(bench.indexed),
    timesMs,
    ...outcome,
    peakRssMb: peak / 2 ** 20,
    peakAboveStartMb: (peak - startRss) / 2 ** 20,
  };
  process.stdout.write(`${JSON.stringify(measurement)}\n`);
}

/** Builds the solver's input outside the timing; returns "solve, then give me a check of the result". */
function prepare(bench: BenchInstance, solver: Solver): () => () => Outcome {
  const { indexed } = bench;
  switch (solver) {
    case 'ours':
    case 'ours-before': {
      const solve = solver === 'ours' ? solveIndexedAssignment : solveBefore();
      return () => {
        const solution = solve(indexed);
        return () => checkedOurs(bench, solution);
      };
    }
    case 'ours-ids': {
      const instance = withIds(indexed);
      return () => {
        const result = solveAssignment(instance);
        return () => ({ objective: result.objective, matched: result.matched, detail: `${instance.edges.length} edge objects with string ids` });
      };
    }
    case 'ours-fair':
    case 'ours-fair-before': {
      // What a cohort run solves: the same pairs with a waiting bonus and a convex load cost (place costs).
      const problem = bench.cohort ?? fairProblem(indexed);
      const terms = { waitingBonusPerDay: 0.005, loadCost: 0.05 };
      const solve = solver === 'ours-fair' ? solveIndexedAssignment : solveBefore();
      return () => {
        const reduced = reduceCohort(problem, terms);
        const raw = solve(reduced.instance);
        return () => {
          const failure = certificateProblem(reduced.instance, raw);
          if (failure !== undefined) throw new Error(`the optimality certificate fails on ${bench.name} with the fair objective: ${failure}`);
          const solution = reduced.decode(raw);
          return {
            objective: solution.objective,
            matched: solution.matched,
            detail: `score + waiting bonus − convex load cost (place costs); total score ${solution.totalScore.toFixed(2)}; ${raw.rounds} round(s), ${raw.candidateEdges.toLocaleString('en-US')} candidate edges, certificate checked`,
          };
        };
      };
    }
    case 'munkres-ids': {
      if (!bench.munkres) throw new Error(`munkres is not run on ${bench.name}`);
      const instance = withIds(indexed);
      return () => {
        const result = solveIdsWithMunkres(instance);
        return () => ({ objective: result.objective, matched: result.matched, detail: 'ids → slot matrix → munkres → ids' });
      };
    }
    case 'munkres': {
      if (!bench.munkres) throw new Error(`munkres is not run on ${bench.name}`);
      const matrix = slotMatrix(indexed);
      return () => {
        const result = solveWithMunkres(matrix, indexed.capacities.length);
        return () => {
          result.load.forEach((load, k) => {
            if (load > indexed.capacities[k]) throw new Error(`munkres over-fills key person ${k}`);
          });
          return { objective: result.objective, matched: result.matched, detail: `${matrix.rows.length} × ${matrix.slotOwner.length} slot matrix` };
        };
      };
    }
  }
}

/** Waiting 0–90 days and a current load of 0–2 per key person (deterministic); the pairs as the instance has them. */
function fairProblem(indexed: IndexedAssignmentInstance): CohortProblem {
  return {
    newcomers: Array.from({ length: indexed.newcomerCount }, (_, i) => ({ id: `n${i}`, waitingDays: (i * 37) % 91 })),
    keyPersons: Array.from(indexed.capacities, (capacity, k) => ({ id: `k${k}`, freeCapacity: capacity, load: (k * 7) % 3, capacity: capacity + ((k * 7) % 3) })),
    edges: { newcomer: indexed.edgeNewcomer, keyPerson: indexed.edgeKeyPerson, score: indexed.edgeScore },
  };
}

function checkedOurs(bench: BenchInstance, solution: IndexedAssignmentSolution): Outcome {
  const problem = certificateProblem(bench.indexed, solution);
  if (problem !== undefined) throw new Error(`the optimality certificate fails on ${bench.name}: ${problem}`);
  const scores = Array.from(solution.edgeOf, (e) => (e < 0 ? 0 : bench.indexed.edgeScore[e]));
  return {
    objective: exactSum(scores),
    matched: solution.matched,
    detail: `${solution.rounds} round(s), ${solution.candidateEdges.toLocaleString('en-US')} candidate edges, certificate checked`,
  };
}

/** A full collection (the process runs with --expose-gc), so the instance's construction garbage is gone before measuring. */
function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) throw new Error('run with node --expose-gc');
  return gc;
}

if (require.main === module) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
