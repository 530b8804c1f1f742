import { isMainThread } from 'node:worker_threads';
import { solveIndexedAssignment } from '@sleutel/matching';
import type { IndexedAssignmentInstance } from '@sleutel/matching';
import { solveOnWorkerThread } from './solver-thread';

const EDGES_PER_NEWCOMER = 8;

function instance(newcomers: number, keyPersons: number): IndexedAssignmentInstance {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const edges = newcomers * EDGES_PER_NEWCOMER;
  const edgeNewcomer = new Int32Array(edges);
  const edgeKeyPerson = new Int32Array(edges);
  const edgeScore = new Float64Array(edges);
  for (let i = 0; i < newcomers; i += 1) {
    for (let e = 0; e < EDGES_PER_NEWCOMER; e += 1) {
      const at = i * EDGES_PER_NEWCOMER + e;
      edgeNewcomer[at] = i;
      edgeKeyPerson[at] = (i * 7 + e * 13) % keyPersons;
      edgeScore[at] = Math.round(random() * 2 ** 20) / 2 ** 20;
    }
  }
  return { newcomerCount: newcomers, capacities: new Int32Array(keyPersons).fill(2), edgeNewcomer, edgeKeyPerson, edgeScore };
}

describe('solveOnWorkerThread', () => {
  it('answers exactly what the solver answers on the main thread, with progress ending at 1', async () => {
    const problem = instance(3000, 1000);
    const fractions: number[] = [];
    const result = await solveOnWorkerThread(problem, (fraction) => fractions.push(fraction));
    expect(isMainThread).toBe(true);
    // Typed arrays made by the thread's deserialiser are not of Jest's realm: compare them as plain arrays.
    const plain = (solution: object) => Object.fromEntries(Object.entries(solution).map(([key, value]) => [key, ArrayBuffer.isView(value) ? Array.from(value as Int32Array) : value]));
    expect(plain(result)).toEqual(plain(solveIndexedAssignment(problem)));
    expect(result.matched).toBeGreaterThan(1500);
    expect(fractions.at(-1)).toBe(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
  }, 60_000);

  it('leaves the event loop free while it solves', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    try {
      await solveOnWorkerThread(instance(3000, 1000), () => undefined);
    } finally {
      clearInterval(timer);
    }
    // A solve on this thread would have held every timer until it returned.
    expect(ticks).toBeGreaterThan(10);
  }, 60_000);

  it('rejects, saying why, an instance that is not sound', async () => {
    const bad = { ...instance(10, 5), capacities: Int32Array.from([1, 1, -1, 1, 1]) };
    await expect(solveOnWorkerThread(bad, () => undefined)).rejects.toThrow('cohort solver: the assignment instance is not sound: key person 2 has a negative capacity');
    const unscored = instance(10, 5);
    unscored.edgeScore[3] = Number.NaN;
    await expect(solveOnWorkerThread(unscored, () => undefined)).rejects.toThrow('edge 3 has a score that is not a finite number');
  }, 60_000);
});
