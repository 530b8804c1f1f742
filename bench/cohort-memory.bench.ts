/**
 * What a cohort run holds in memory for its feasible pairs, from collecting
 * them to the solver thread's copy (the solve itself is in cohort.bench.ts):
 *
 *   npm run bench -- bench/cohort-memory.bench.ts
 *
 * - ours: the pairs in typed arrays (`CohortEdgeList`), `reduceCohort`'s
 *   indexed instance, and the structured clone a worker thread receives;
 * - baseline: the same pairs as objects with id strings, the way cohort runs
 *   handed them to the solver until 2026-11-29: the collected edge objects,
 *   the reduction's edge objects and its score map keyed by the two ids, and
 *   the thread's structured clone of the id-based instance.
 *
 * Both are built in this process from the same people and scores (UUID ids,
 * as in the log), one after the other, each measured as the growth of V8's
 * heap plus array buffers after a full garbage collection, while everything
 * it built is still held. Per setting: a run's newcomers × feasible pairs per
 * newcomer (hundreds at 100,000 key persons, ranking.bench.ts).
 */
import { randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { deserialize, serialize } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { CohortEdgeList, CohortKeyPerson, CohortNewcomer, reduceCohort } from '@sleutel/matching';
import { BenchFigure, BenchReport, runIfMain } from './bench-report';

setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

const KEY_PERSONS = 10_000;
const SETTINGS = [
  { newcomers: 2_000, pairsPerNewcomer: 100 },
  { newcomers: 2_000, pairsPerNewcomer: 500 },
] as const;
const TERMS = { waitingBonusPerDay: 0.005, loadCost: 0.05 };

interface People {
  readonly newcomers: readonly CohortNewcomer[];
  readonly keyPersons: readonly CohortKeyPerson[];
  /** Per newcomer, the key persons they could meet and the scores, as the candidate index answers. */
  readonly feasible: (newcomer: number) => { keyPerson: number; score: number }[];
}

export async function run(): Promise<BenchReport> {
  const figures: BenchFigure[] = [];
  const notes: string[] = [];
  for (const setting of SETTINGS) {
    const people = population(setting.newcomers, setting.pairsPerNewcomer);
    const pairs = setting.newcomers * setting.pairsPerNewcomer;
    const baseline = held(() => asObjects(people));
    const ours = held(() => asTypedArrays(people));
    const label = `${setting.newcomers.toLocaleString('en-US')} newcomers × ${setting.pairsPerNewcomer} feasible pairs (${pairs.toLocaleString('en-US')})`;
    figures.push({ name: `${label}: memory held`, unit: 'MB', ours: ours.bytes / 2 ** 20, baseline: baseline.bytes / 2 ** 20 });
    figures.push({ name: `${label}: bytes per pair`, unit: 'B', ours: ours.bytes / pairs, baseline: baseline.bytes / pairs });
    figures.push({ name: `${label}: time to collect, reduce and copy`, unit: 'ms', ours: ours.ms, baseline: baseline.ms });
    notes.push(`${label}: ours ${(ours.bytes / 2 ** 20).toFixed(1)} MB in ${ours.ms.toFixed(0)} ms, objects ${(baseline.bytes / 2 ** 20).toFixed(1)} MB in ${baseline.ms.toFixed(0)} ms`);
  }
  return {
    title: 'Cohort run: memory held for its feasible pairs (collected, reduced, copied to the solver thread)',
    baseline: 'the same pairs as objects with id strings, as cohort runs handed them to the solver until 2026-11-29',
    figures,
    notes: [...notes, `key persons ${KEY_PERSONS.toLocaleString('en-US')}; machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`],
  };
}

/** The growth of heap + array buffers while `build`'s result is held, after full collections. */
function held(build: () => unknown): { bytes: number; ms: number } {
  collectGarbage();
  const before = used();
  const started = performance.now();
  const result = build();
  const ms = performance.now() - started;
  collectGarbage();
  const bytes = used() - before;
  // Keep the result reachable until measured.
  if (result === null) throw new Error('nothing was built');
  return { bytes, ms };
}

function used(): number {
  const { heapUsed, arrayBuffers } = process.memoryUsage();
  return heapUsed + arrayBuffers;
}

function asTypedArrays(people: People): unknown {
  const list = new CohortEdgeList();
  for (let i = 0; i < people.newcomers.length; i += 1) {
    for (const { keyPerson, score } of people.feasible(i)) list.add(i, keyPerson, score);
  }
  const reduced = reduceCohort({ newcomers: people.newcomers, keyPersons: people.keyPersons, edges: list.edges() }, TERMS);
  return { reduced, thread: deserialize(serialize(reduced.instance)) };
}

/** The path before: edge objects, the reduction's objects and score map, the thread's clone. */
function asObjects(people: People): unknown {
  const edges: { newcomer: string; keyPerson: string; score: number }[] = [];
  for (let i = 0; i < people.newcomers.length; i += 1) {
    for (const { keyPerson, score } of people.feasible(i)) edges.push({ newcomer: people.newcomers[i].id, keyPerson: people.keyPersons[keyPerson].id, score });
  }
  const bonus = new Map(people.newcomers.map(({ id, waitingDays }) => [id, TERMS.waitingBonusPerDay * waitingDays]));
  const scoreOf = new Map<string, number>();
  const reducedEdges = edges.map(({ newcomer, keyPerson, score }) => {
    scoreOf.set(`${newcomer}\u0000${keyPerson}`, score);
    return { newcomer, keyPerson, score: score + (bonus.get(newcomer) ?? 0) };
  });
  const instance = {
    newcomers: people.newcomers.map(({ id }) => ({ id })),
    keyPersons: people.keyPersons.map(({ id, freeCapacity, load, capacity }) => ({ id, capacity: freeCapacity, placeCosts: Array.from({ length: freeCapacity }, (_, j) => TERMS.loadCost * ((load + j) / capacity) ** 2) })),
    edges: reducedEdges,
  };
  return { edges, scoreOf, instance, thread: deserialize(serialize(instance)) };
}

/** Deterministic people and scores; each newcomer's feasible key persons spread over the pool. */
function population(newcomerCount: number, pairsPerNewcomer: number): People {
  const newcomers = Array.from({ length: newcomerCount }, (_, i) => ({ id: randomUUID(), waitingDays: (i * 37) % 91 }));
  const keyPersons = Array.from({ length: KEY_PERSONS }, (_, k) => ({ id: randomUUID(), freeCapacity: 1 + (k % 3), load: k % 2, capacity: 1 + (k % 3) + (k % 2) }));
  const feasible = (newcomer: number) =>
    Array.from({ length: pairsPerNewcomer }, (_, j) => ({
      keyPerson: (newcomer * 7919 + j * 104_729) % KEY_PERSONS,
      score: ((newcomer * 31 + j * 17) % 1000) / 1000,
    }));
  return { newcomers, keyPersons, feasible };
}

runIfMain(module, run);
