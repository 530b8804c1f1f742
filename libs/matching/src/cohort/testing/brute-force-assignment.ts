/**
 * The test oracle: every way to give each newcomer one of their edges or
 * none, within the capacities — exponential, for instances of a handful of
 * people. It takes every edge (including ≤ 0 ones), so it assumes nothing
 * the solver decided; scores in tests are multiples of 2⁻²⁰, so sums are exact.
 */
import type { AssignmentInstance } from '../assignment.types';

export function bruteForceOptimum(instance: AssignmentInstance): number {
  const edgesOf = new Map<string, { keyPerson: string; score: number }[]>();
  for (const { newcomer, keyPerson, score } of instance.edges) {
    edgesOf.set(newcomer, [...(edgesOf.get(newcomer) ?? []), { keyPerson, score }]);
  }
  const left = new Map(instance.keyPersons.map(({ id, capacity }) => [id, capacity]));
  const newcomers = instance.newcomers.map(({ id }) => id);

  const best = (at: number): number => {
    if (at === newcomers.length) return 0;
    let value = best(at + 1);
    for (const { keyPerson, score } of edgesOf.get(newcomers[at]) ?? []) {
      const capacity = left.get(keyPerson) ?? 0;
      if (capacity === 0) continue;
      left.set(keyPerson, capacity - 1);
      value = Math.max(value, score + best(at + 1));
      left.set(keyPerson, capacity);
    }
    return value;
  };
  return best(0);
}
