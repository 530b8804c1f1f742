/**
 * The cohort solver against npm `munkres` 2.x on the slot-expanded matrix
 * (issue 4), each measurement in a process of its own:
 *
 *   npm run bench -- bench/cohort.bench.ts
 *
 * - dense 1,000 × 1,000 (capacity 1) and 2,000 × 1,000 (capacity 2), every
 *   edge: goal at least 3× faster than munkres;
 * - sparse 10,000 × 5,000, 50 edges each, capacities 1–3: goal under 2 s
 *   (munkres skipped: its matrix would be 10,000 × ~20,000 doubles, 1.6 GB, in O(n³));
 * - an adversarial dense instance (everyone ranks key persons alike), no goal;
 * - the same from id-based objects end to end (validation, ids, solve) beside
 *   munkres with its matrix built from the same objects, no goal;
 * - the sparse instance as a cohort run solves it: waiting bonus and convex
 *   load cost as place costs (`reduceCohort`), under the same 2 s goal;
 * - an over-subscribed cohort (10,000 newcomers, 400 key persons, about 400
 *   places, 60% of the pairs feasible: a long waiting list), plain and as a
 *   cohort run solves it, no goal; and the same shape with everyone ranking
 *   key persons alike (the adversarial scores), no goal.
 *
 * Each of our measurements is also made with the solver of
 * `SOLVER_BEFORE_COMMIT` (`cohort/solver-before.ts`), in a process of its own:
 * the "before → now" figures, whose baseline is that solver.
 *
 * "ours" is `solveIndexedAssignment` on typed arrays, timed beside `munkres`
 * on its prepared matrix: each solver from its own natural input. Objectives
 * must be equal to the bit (scores sit on a 2⁻³⁰ grid, where munkres'
 * floating point is exact too), and every one of our results must pass the
 * LP-duality certificate; otherwise the bench throws.
 */
import { cpus, loadavg } from 'node:os';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';
import { measureInChild } from './cohort/child-measurement';
import { benchInstance, InstanceName } from './cohort/instances';
import type { Measurement, Solver } from './cohort/measure';
import { SOLVER_BEFORE_COMMIT } from './cohort/solver-before';

interface Plan {
  readonly instance: InstanceName;
  /** [warm-up runs, timed runs] per solver; a solver not listed is not run. */
  readonly runs: Partial<Record<Solver, readonly [number, number]>>;
  readonly speedGoal?: number;
  readonly maxSeconds?: number;
}

const PLANS: readonly Plan[] = [
  { instance: 'dense-1000', runs: { ours: [3, 9], 'ours-before': [3, 9], munkres: [2, 7] }, speedGoal: 3 },
  { instance: 'dense-2000x1000', runs: { ours: [3, 7], 'ours-before': [3, 7], munkres: [1, 3] }, speedGoal: 3 },
  { instance: 'sparse-10000x5000', runs: { ours: [2, 5], 'ours-before': [2, 5] }, maxSeconds: 2 },
  { instance: 'ranked-1000', runs: { ours: [1, 3], 'ours-before': [1, 3], munkres: [1, 3] } },
  { instance: 'dense-1000', runs: { 'ours-ids': [1, 5], 'munkres-ids': [1, 5] } },
  { instance: 'sparse-10000x5000', runs: { 'ours-ids': [1, 3] } },
  { instance: 'sparse-10000x5000', runs: { 'ours-fair': [1, 3], 'ours-fair-before': [1, 3] }, maxSeconds: 2 },
  { instance: 'oversubscribed-10000x400', runs: { ours: [2, 7], 'ours-before': [2, 7] } },
  { instance: 'oversubscribed-10000x400', runs: { 'ours-fair': [2, 7], 'ours-fair-before': [2, 7] } },
  { instance: 'ranked-oversubscribed-10000x400', runs: { ours: [1, 5], 'ours-before': [1, 5] } },
];

export async function run(): Promise<BenchReport> {
  const loadBefore = loadavg()[0];
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  for (const plan of PLANS) {
    const measured = await measureAll(plan);
    const ours = measured.ours ?? measured['ours-ids'] ?? measured['ours-fair'];
    const baseline = measured.munkres ?? measured['munkres-ids'];
    const before = measured['ours-before'] ?? measured['ours-fair-before'];
    if (ours === undefined) throw new Error(`no measurement of ours on ${plan.instance}`);
    checkAgreement(plan.instance, measured);
    const label = `${benchInstance(plan.instance).label}${measured['ours-ids'] ? ', from id objects' : ''}${measured['ours-fair'] ? ', with waiting bonus and convex load cost' : ''}`;
    const oursMs = median(ours.timesMs);
    const baselineMs = baseline === undefined ? Number.NaN : median(baseline.timesMs);
    figures.push({ name: `${label}: solve time, median`, unit: 'ms', ours: oursMs, baseline: baselineMs });
    if (before !== undefined) figures.push({ name: `${label}: solve time, median, now; baseline: before (${SOLVER_BEFORE_COMMIT.slice(0, 7)})`, unit: 'ms', ours: oursMs, baseline: median(before.timesMs) });
    if (plan.speedGoal !== undefined) {
      figures.push({ name: `${label}: solves per minute`, unit: '1/min', ours: 60_000 / oursMs, baseline: 60_000 / baselineMs, goal: (plan.speedGoal * 60_000) / baselineMs });
    }
    if (plan.maxSeconds !== undefined) {
      figures.push({ name: `${label}: solves per minute`, unit: '1/min', ours: 60_000 / oursMs, baseline: Number.NaN, goal: 60 / plan.maxSeconds });
    }
    figures.push({ name: `${label}: peak RSS above start`, unit: 'MB', ours: ours.peakAboveStartMb, baseline: baseline?.peakAboveStartMb ?? Number.NaN });
    notes.push(describe(label, ours, baseline));
    if (before !== undefined) notes.push(`${label}: before (${SOLVER_BEFORE_COMMIT.slice(0, 7)}) [${before.timesMs.map((t) => t.toFixed(1)).join(', ')}] ms, same objective, ${before.detail}, peak RSS above start ${before.peakAboveStartMb.toFixed(0)} MB`);
  }
  return {
    title: 'Cohort assignment: exact capacitated assignment (solveIndexedAssignment)',
    baseline: 'npm munkres 2.0.4 on the slot-expanded matrix (cost = −score, no edge = 0 = unassigned), in its own process; NaN = not run',
    figures,
    notes: [
      ...notes,
      'times: median of the timed runs after warm-up runs, each solver in a fresh process; peak RSS sampled every 1 ms by a worker thread during the timed runs, shown above the RSS before them (the instance, or munkres\' matrix, is built by then) — absolute peaks are in the lines above',
      'sparse: munkres not run — its slot matrix would be 10,000 × ~20,000 doubles (1.6 GB) and O(n³) time; over-subscribed: not run either (10,000 rows, O(n³))',
      `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}; load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`,
    ],
  };
}

async function measureAll(plan: Plan): Promise<Partial<Record<Solver, Measurement>>> {
  const measured: Partial<Record<Solver, Measurement>> = {};
  for (const [solver, [warmUp, timed]] of Object.entries(plan.runs) as [Solver, readonly [number, number]][]) {
    measured[solver] = await measureInChild(plan.instance, solver, warmUp, timed);
  }
  return measured;
}

/** Every process saw the same instance, and every solver found the same optimum, to the bit. */
function checkAgreement(instance: InstanceName, measured: Partial<Record<Solver, Measurement>>): void {
  const all = Object.entries(measured) as [Solver, Measurement][];
  const [first, ...rest] = all;
  for (const [solver, measurement] of rest) {
    if (measurement.fingerprint !== first[1].fingerprint) throw new Error(`${instance}: ${solver} and ${first[0]} generated different instances`);
    if (measurement.objective !== first[1].objective) {
      throw new Error(`${instance}: objectives differ — ${first[0]} ${first[1].objective}, ${solver} ${measurement.objective}`);
    }
  }
}

function describe(label: string, ours: Measurement, baseline: Measurement | undefined): string {
  const times = (m: Measurement): string => m.timesMs.map((t) => t.toFixed(1)).join(', ');
  const mine = `${label}: ours [${times(ours)}] ms, objective ${ours.objective}, ${ours.matched} matched, ${ours.detail}, peak RSS ${ours.peakRssMb.toFixed(0)} MB`;
  return baseline === undefined ? mine : `${mine}; munkres [${times(baseline)}] ms, same objective, peak RSS ${baseline.peakRssMb.toFixed(0)} MB`;
}

function median(samples: readonly number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

runIfMain(module, run);
