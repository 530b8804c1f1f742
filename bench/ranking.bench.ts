/**
 * Ranking one newcomer against 10,000 and 100,000 key persons through the
 * CandidateIndex, beside plain `rank` over every key person in the same
 * process. Goal (issue 3): p50 under 5 ms at 100,000, reported as at least
 * 200 rankings per second at p50, since the report format compares "at least".
 *
 *   npm run bench -- bench/ranking.bench.ts
 *   npx ts-node -r tsconfig-paths/register --transpile-only bench/ranking.bench.ts
 */
import { cpus, loadavg } from 'node:os';
import { isDeepStrictEqual } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CandidateIndex, DEFAULT_POLICY, MatchingKeyPerson, MatchingNewcomer, rank, Ranking } from '@sleutel/matching';
import { SyntheticPopulation } from '../libs/matching/src/testing/synthetic-population';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';

const NOW = '2026-03-02T10:00:00Z';
const NEWCOMERS = 200;
const WARM_UP = 20;
/** Plain rank at 100,000 takes long enough that fewer samples give a stable median. */
const BASELINE_SAMPLES: Readonly<Record<number, number>> = { 10_000: 200, 100_000: 40 };
/** What the matcher worker asks for: the best candidate and three alternatives for the explanation. */
const LIMIT = 4;
const GOAL_P50_MS = 5;
/** Repeats per newcomer for the best-of figure that separates the work from a busy machine's preemptions. */
const REPEATS = 5;
/** What a cohort run kept per newcomer before it scored every feasible key person. */
const COHORT_TOP = 16;

interface Timing {
  readonly p50: number;
  readonly p99: number;
}

export async function run(): Promise<BenchReport> {
  const population = new SyntheticPopulation(2026);
  const newcomers = population.newcomers(NEWCOMERS + WARM_UP);
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  for (const size of [10_000, 100_000]) {
    const keyPersons = new SyntheticPopulation(size).keyPersons(size);
    const built = performance.now();
    const index = new CandidateIndex(keyPersons);
    const buildMs = performance.now() - built;
    checkEqual(index, keyPersons, newcomers.slice(0, 10));
    const indexed = time(newcomers, (n) => index.rank(n, DEFAULT_POLICY, NOW, { limit: LIMIT }));
    const steady = time(newcomers, (n) => index.rank(n, DEFAULT_POLICY, NOW, { limit: LIMIT }), REPEATS);
    const plain = time(newcomers.slice(0, WARM_UP + BASELINE_SAMPLES[size]), (n) => rank(n, keyPersons, DEFAULT_POLICY, NOW));
    const label = size.toLocaleString('en-US');
    figures.push(
      { name: `rank 1 newcomer vs ${label} key persons, p50`, unit: 'µs', ours: indexed.p50 * 1000, baseline: plain.p50 * 1000 },
      { name: `rank 1 newcomer vs ${label} key persons, p99`, unit: 'µs', ours: indexed.p99 * 1000, baseline: plain.p99 * 1000 },
    );
    // A cohort run scores every feasible key person of each newcomer (the solver proves its answer optimal over all of them).
    const everyFeasible = time(newcomers, (n) => edgesOf(index.feasibleScores(n, DEFAULT_POLICY, NOW).scores.length));
    const topSixteen = time(newcomers, (n) => edgesOf(index.rank(n, DEFAULT_POLICY, NOW, { limit: COHORT_TOP }).ranking.length));
    figures.push({ name: `cohort edges of 1 newcomer vs ${label}: every feasible score vs best ${COHORT_TOP} explained, p50`, unit: 'µs', ours: everyFeasible.p50 * 1000, baseline: topSixteen.p50 * 1000 });
    if (size === 100_000) {
      figures.push({ name: `rankings per second at p50, ${label}`, unit: '1/s', ours: 1000 / indexed.p50, baseline: 1000 / plain.p50, goal: 1000 / GOAL_P50_MS });
    }
    notes.push(
      `${label} key persons: index built in ${Math.round(buildMs)} ms; ${shareFeasible(index, newcomers.slice(0, 50))}; ` +
        `best of ${REPEATS} per newcomer (filters out preemption): p50 ${micros(steady.p50)} µs, p99 ${micros(steady.p99)} µs`,
    );
  }
  return {
    title: 'Ranking one newcomer (CandidateIndex, DEFAULT_POLICY, limit 4)',
    baseline: 'plain rank(newcomer, allKeyPersons) in the same process: every candidate through every constraint, all feasible explained and sorted',
    figures,
    notes: [
      ...notes,
      `${NEWCOMERS} different synthetic newcomers after ${WARM_UP} warm-up rankings; baseline over ${BASELINE_SAMPLES[10_000]} (10,000) and ${BASELINE_SAMPLES[100_000]} (100,000) of them`,
      'results of index and plain rank checked equal for 10 newcomers at each size before timing',
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, load average ${loadavg()[0].toFixed(1)} at the end (other processes inflate p99)`,
      `goal: p50 under ${GOAL_P50_MS} ms at 100,000 key persons`,
      `cohort edges: a run now scores every feasible key person (no explanations) where it kept the best ${COHORT_TOP} with explanations; ${edgeCount.toLocaleString('en-US')} edges scored in all`,
    ],
  };
}

/** Timed callbacks return nothing; this keeps the count alive so the work is not optimised away. */
let edgeCount = 0;
const edgesOf = (count: number): void => {
  edgeCount += count;
};

/** p50 and p99 over the newcomers after the warm-up; each sample is the best of `repeats` runs for that newcomer. */
function time(newcomers: readonly MatchingNewcomer[], rankOne: (newcomer: MatchingNewcomer) => Ranking | void, repeats = 1): Timing {
  const samples: number[] = [];
  newcomers.forEach((newcomer, i) => {
    let best = Number.POSITIVE_INFINITY;
    for (let r = 0; r < repeats; r += 1) {
      const start = performance.now();
      rankOne(newcomer);
      best = Math.min(best, performance.now() - start);
    }
    if (i >= WARM_UP) samples.push(best);
  });
  samples.sort((a, b) => a - b);
  const at = (q: number): number => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))];
  return { p50: at(0.5), p99: at(0.99) };
}

const micros = (ms: number): string => Math.round(ms * 1000).toLocaleString('en-US');

function checkEqual(index: CandidateIndex, keyPersons: readonly MatchingKeyPerson[], newcomers: readonly MatchingNewcomer[]): void {
  for (const newcomer of newcomers) {
    const plain = rank(newcomer, keyPersons, DEFAULT_POLICY, NOW);
    const indexed = index.rank(newcomer, DEFAULT_POLICY, NOW, { limit: LIMIT });
    if (!isDeepStrictEqual(indexed, { ...plain, ranking: plain.ranking.slice(0, LIMIT) })) {
      throw new Error(`index and plain rank disagree for ${newcomer.id}`);
    }
  }
}

function shareFeasible(index: CandidateIndex, newcomers: readonly MatchingNewcomer[]): string {
  const feasible = newcomers.map((n) => {
    const { excluded, considered } = index.rank(n, DEFAULT_POLICY, NOW);
    return considered - Object.values(excluded).reduce((sum, count) => sum + count, 0);
  });
  feasible.sort((a, b) => a - b);
  return `feasible candidates per newcomer: median ${feasible[Math.floor(feasible.length / 2)]}, max ${feasible[feasible.length - 1]}`;
}

runIfMain(module, run);
