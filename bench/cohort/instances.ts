/**
 * The bench's instances (issue 4), generated from fixed seeds so every
 * process — ours, munkres, a rerun next month — solves the very same numbers.
 * Scores are on a 2⁻³⁰ grid: munkres works in floating point, and on that
 * grid its sums are exact too, so the two objectives must be equal to the bit.
 */
import type { AssignmentInstance, CohortProblem, IndexedAssignmentInstance } from '@sleutel/matching';

export const INSTANCE_NAMES = ['dense-1000', 'dense-2000x1000', 'sparse-10000x5000', 'ranked-1000', 'oversubscribed-10000x400', 'ranked-oversubscribed-10000x400'] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export interface BenchInstance {
  readonly name: InstanceName;
  readonly label: string;
  readonly indexed: IndexedAssignmentInstance;
  /** Whether munkres gets to try: its slot-expanded matrix must fit in memory (and finish). */
  readonly munkres: boolean;
  /** The cohort run's own problem (waiting days, loads), when the instance models one; otherwise the fair solver derives one. */
  readonly cohort?: CohortProblem;
}

export function benchInstance(name: InstanceName): BenchInstance {
  switch (name) {
    case 'dense-1000':
      return { name, label: 'dense 1,000 × 1,000, capacity 1', indexed: dense(1000, 1000, 1, 20260401), munkres: true };
    case 'dense-2000x1000':
      return { name, label: 'dense 2,000 × 1,000, capacity 2', indexed: dense(2000, 1000, 2, 20260402), munkres: true };
    case 'sparse-10000x5000':
      return { name, label: 'sparse 10,000 × 5,000, 50 edges each, capacity 1–3', indexed: sparse(10_000, 5000, 50, 20260403), munkres: false };
    case 'ranked-1000':
      return { name, label: 'adversarial: everyone ranks key persons alike, dense 1,000 × 1,000', indexed: ranked(1000, 1000, 20260404), munkres: true };
    case 'oversubscribed-10000x400': {
      const cohort = oversubscribed(10_000, 400, 20260405);
      const indexed = { newcomerCount: cohort.newcomers.length, capacities: Int32Array.from(cohort.keyPersons, (k) => k.freeCapacity), edgeNewcomer: cohort.edges.newcomer, edgeKeyPerson: cohort.edges.keyPerson, edgeScore: cohort.edges.score };
      return { name, label: 'over-subscribed 10,000 newcomers × 400 key persons, ~400 places, ~60% of pairs feasible', indexed, munkres: false, cohort };
    }
    case 'ranked-oversubscribed-10000x400':
      return { name, label: 'over-subscribed and everyone ranks key persons alike, 10,000 × 400, capacity 1, ~60% of pairs', indexed: ranked(10_000, 400, 20260406, 0.6), munkres: false };
  }
}

/**
 * A cohort run with far more newcomers than places (`bench/cohort-run-at-scale.bench.ts`: 9,501 waiting, 400
 * active key persons, 403 pairs proposed), but with most pairs feasible, as when most newcomers speak a language
 * most key persons speak and accept remote contact. Scores like the default policy's: language credit (0.3 × 0.6,
 * 0.9 or 1), expertise and availability (uniform), proximity (10 / (10 + km) on a 100 km square), load
 * (1 − load / capacity) and waiting (days / 90, up to 1); key persons carry 0–3 newcomers of 1–4 places, mostly
 * one place free; newcomers waited 0–180 days.
 */
function oversubscribed(newcomers: number, keyPersons: number, seed: number): CohortProblem {
  const random = mulberry32(seed);
  const place = (): [number, number] => [random() * 100, random() * 100];
  const people = Array.from({ length: keyPersons }, (_, k) => {
    const capacity = 1 + Math.floor(random() * 4);
    const draw = random();
    const freeCapacity = Math.min(capacity, draw < 0.1 ? 0 : draw < 0.9 ? 1 : 2);
    return { id: `k${String(k).padStart(4, '0')}`, freeCapacity, load: capacity - freeCapacity, capacity, at: place() };
  });
  const waitingDays = Array.from({ length: newcomers }, () => Math.floor(random() * 181));
  const edgeNewcomer: number[] = [];
  const edgeKeyPerson: number[] = [];
  const edgeScore: number[] = [];
  const levelCredit = [0.6, 0.9, 1];
  for (let i = 0; i < newcomers; i += 1) {
    const [x, y] = place();
    for (let k = 0; k < keyPersons; k += 1) {
      if (random() >= 0.6) continue;
      const { at, load, capacity } = people[k];
      const km = Math.hypot(at[0] - x, at[1] - y);
      const score = 0.3 * levelCredit[Math.floor(random() * 3)] + 0.2 * random() + 0.15 * random() + 0.15 * (10 / (10 + km))
        + 0.1 * (1 - load / capacity) + 0.1 * Math.min(1, waitingDays[i] / 90);
      edgeNewcomer.push(i);
      edgeKeyPerson.push(k);
      edgeScore.push(Math.floor(score * 2 ** 30) / 2 ** 30);
    }
  }
  return {
    newcomers: waitingDays.map((days, i) => ({ id: `n${String(i).padStart(5, '0')}`, waitingDays: days })),
    keyPersons: people.map(({ id, freeCapacity, load, capacity }) => ({ id, freeCapacity, load, capacity })),
    edges: { newcomer: Int32Array.from(edgeNewcomer), keyPerson: Int32Array.from(edgeKeyPerson), score: Float64Array.from(edgeScore) },
  };
}

/** Every pair is an edge, in row order (as a scorer emitting newcomer by newcomer would). */
function dense(newcomers: number, keyPersons: number, capacity: number, seed: number): IndexedAssignmentInstance {
  const random = mulberry32(seed);
  const count = newcomers * keyPersons;
  const edgeNewcomer = new Int32Array(count);
  const edgeKeyPerson = new Int32Array(count);
  const edgeScore = new Float64Array(count);
  for (let e = 0; e < count; e += 1) {
    edgeNewcomer[e] = Math.floor(e / keyPersons);
    edgeKeyPerson[e] = e % keyPersons;
    edgeScore[e] = gridScore(random);
  }
  return { newcomerCount: newcomers, capacities: new Int32Array(keyPersons).fill(capacity), edgeNewcomer, edgeKeyPerson, edgeScore };
}

/**
 * Not a goal, a warning: score = k / keyPersons + noise / 100, so every
 * newcomer's best few are the same few key persons — the case the candidate
 * graph is worst at (the solver ends up searching every edge). With
 * `density` < 1 each pair is an edge with that probability.
 */
function ranked(newcomers: number, keyPersons: number, seed: number, density = 1): IndexedAssignmentInstance {
  const random = mulberry32(seed);
  const edgeNewcomer: number[] = [];
  const edgeKeyPerson: number[] = [];
  const edgeScore: number[] = [];
  for (let e = 0; e < newcomers * keyPersons; e += 1) {
    const k = e % keyPersons;
    if (density < 1 && random() >= density) continue;
    edgeNewcomer.push(Math.floor(e / keyPersons));
    edgeKeyPerson.push(k);
    edgeScore.push(Math.floor((k / keyPersons + random() / 100) * 2 ** 30) / 2 ** 30);
  }
  return {
    newcomerCount: newcomers, capacities: new Int32Array(keyPersons).fill(1),
    edgeNewcomer: Int32Array.from(edgeNewcomer), edgeKeyPerson: Int32Array.from(edgeKeyPerson), edgeScore: Float64Array.from(edgeScore),
  };
}

/** Each newcomer has `perNewcomer` distinct key persons, in random order (so the solver's canonical sort runs too). */
function sparse(newcomers: number, keyPersons: number, perNewcomer: number, seed: number): IndexedAssignmentInstance {
  const random = mulberry32(seed);
  const capacities = Int32Array.from({ length: keyPersons }, () => 1 + Math.floor(random() * 3));
  const count = newcomers * perNewcomer;
  const edgeNewcomer = new Int32Array(count);
  const edgeKeyPerson = new Int32Array(count);
  const edgeScore = new Float64Array(count);
  const takenBy = new Int32Array(keyPersons).fill(-1);
  let e = 0;
  for (let i = 0; i < newcomers; i += 1) {
    for (let drawn = 0; drawn < perNewcomer; ) {
      const k = Math.floor(random() * keyPersons);
      if (takenBy[k] === i) continue;
      takenBy[k] = i;
      edgeNewcomer[e] = i;
      edgeKeyPerson[e] = k;
      edgeScore[e] = gridScore(random);
      e += 1;
      drawn += 1;
    }
  }
  return { newcomerCount: newcomers, capacities, edgeNewcomer, edgeKeyPerson, edgeScore };
}

/** The same instance with ids, for the end-to-end figure (`solveAssignment`: validation, ids, solve). */
export function withIds(indexed: IndexedAssignmentInstance): AssignmentInstance {
  const newcomerId = (i: number): string => `n${i}`;
  const keyPersonId = (k: number): string => `k${k}`;
  return {
    newcomers: Array.from({ length: indexed.newcomerCount }, (_, i) => ({ id: newcomerId(i) })),
    keyPersons: Array.from(indexed.capacities, (capacity, k) => ({ id: keyPersonId(k), capacity })),
    edges: Array.from(indexed.edgeScore, (score, e) => ({ newcomer: newcomerId(indexed.edgeNewcomer[e]), keyPerson: keyPersonId(indexed.edgeKeyPerson[e]), score })),
  };
}

/** A fingerprint, so the parent can check that every child process generated the same instance. */
export function fingerprint(indexed: IndexedAssignmentInstance): string {
  let hash = 2166136261;
  const mix = (value: number): void => {
    hash = Math.imul(hash ^ (value | 0), 16777619);
  };
  for (let e = 0; e < indexed.edgeScore.length; e += 1) {
    mix(indexed.edgeNewcomer[e]);
    mix(indexed.edgeKeyPerson[e]);
    mix(indexed.edgeScore[e] * 2 ** 30);
  }
  indexed.capacities.forEach(mix);
  return `${indexed.newcomerCount}/${indexed.capacities.length}/${indexed.edgeScore.length}/${(hash >>> 0).toString(16)}`;
}

function gridScore(random: () => number): number {
  return Math.floor(random() * 2 ** 30) / 2 ** 30;
}

/** A small, fast, seedable generator (Tommy Ettinger's mulberry32): the bench needs reproducible, not cryptographic. */
function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
