import { isMainThread } from 'node:worker_threads';
import { solveAssignment } from '@sleutel/matching';
import type { AssignmentInstance } from '@sleutel/matching';
import { solveOnWorkerThread } from './solver-thread';

function instance(newcomers: number, keyPersons: number): AssignmentInstance {
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  return {
    newcomers: Array.from({ length: newcomers }, (_, i) => ({ id: `n${i}` })),
    keyPersons: Array.from({ length: keyPersons }, (_, k) => ({ id: `k${k}`, capacity: 2 })),
    edges: Array.from({ length: newcomers }, (_, i) =>
      Array.from({ length: 8 }, (_, e) => ({ newcomer: `n${i}`, keyPerson: `k${(i * 7 + e * 13) % keyPersons}`, score: Math.round(random() * 2 ** 20) / 2 ** 20 })),
    ).flat(),
  };
}

describe('solveOnWorkerThread', () => {
  it('answers exactly what the solver answers on the main thread, with progress ending at 1', async () => {
    const problem = instance(3000, 1000);
    const fractions: number[] = [];
    const result = await solveOnWorkerThread(problem, (fraction) => fractions.push(fraction));
    expect(isMainThread).toBe(true);
    expect(result).toEqual(solveAssignment(problem));
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

  it('rejects with the solver\'s own message on a bad instance', async () => {
    const bad = { newcomers: [{ id: 'n' }], keyPersons: [{ id: 'k', capacity: -1 }], edges: [] };
    await expect(solveOnWorkerThread(bad, () => undefined)).rejects.toThrow(/cohort solver: the assignment instance has 1 problem/);
  }, 60_000);
});
