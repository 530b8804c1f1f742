/**
 * The bench's three instances (issue 4), generated from fixed seeds so every
 * process — ours, munkres, a rerun next month — solves the very same numbers.
 * Scores are uniform on a 2⁻³⁰ grid: munkres works in floating point, and on
 * that grid its sums are exact too, so the two objectives must be equal to
 * the bit.
 */
import type { AssignmentInstance, IndexedAssignmentInstance } from '@sleutel/matching';

export const INSTANCE_NAMES = ['dense-1000', 'dense-2000x1000', 'sparse-10000x5000', 'ranked-1000'] as const;
export type InstanceName = (typeof INSTANCE_NAMES)[number];

export interface BenchInstance {
  readonly name: InstanceName;
  readonly label: string;
  readonly indexed: IndexedAssignmentInstance;
  /** Whether munkres gets to try: its slot-expanded matrix must fit in memory (and finish). */
  readonly munkres: boolean;
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
  }
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
 * graph is worst at (the solver ends up searching every edge).
 */
function ranked(newcomers: number, keyPersons: number, seed: number): IndexedAssignmentInstance {
  const random = mulberry32(seed);
  const count = newcomers * keyPersons;
  const edgeNewcomer = new Int32Array(count);
  const edgeKeyPerson = new Int32Array(count);
  const edgeScore = new Float64Array(count);
  for (let e = 0; e < count; e += 1) {
    const k = e % keyPersons;
    edgeNewcomer[e] = Math.floor(e / keyPersons);
    edgeKeyPerson[e] = k;
    edgeScore[e] = Math.floor((k / keyPersons + random() / 100) * 2 ** 30) / 2 ** 30;
  }
  return { newcomerCount: newcomers, capacities: new Int32Array(keyPersons).fill(1), edgeNewcomer, edgeKeyPerson, edgeScore };
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
