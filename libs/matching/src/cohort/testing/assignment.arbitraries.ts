/**
 * fast-check instances for the cohort solver: up to 6 newcomers and 4 key
 * persons (capacity 0–3), about two thirds of the pairs as edges, scores in
 * [0, 1] on a 2⁻²⁰ grid with a good share of exact ties (0, ¼, ½, 1), and ids
 * that do not sort in creation order.
 */
import fc from 'fast-check';
import type { AssignmentEdge, AssignmentInstance } from '../assignment.types';

export const GRID = 2 ** 20;

export const score = (): fc.Arbitrary<number> =>
  fc.oneof(fc.constantFrom(0, 0.25, 0.5, 1), fc.integer({ min: 0, max: GRID }).map((units) => units / GRID));

export interface InstanceShape {
  readonly maxNewcomers?: number;
  readonly maxKeyPersons?: number;
  readonly maxCapacity?: number;
  readonly score?: fc.Arbitrary<number>;
}

export function assignmentInstance(shape: InstanceShape = {}): fc.Arbitrary<AssignmentInstance> {
  const { maxNewcomers = 6, maxKeyPersons = 4, maxCapacity = 3 } = shape;
  const scores = shape.score ?? score();
  return fc
    .record({
      newcomerIds: fc.uniqueArray(personId('n'), { minLength: 1, maxLength: maxNewcomers }),
      keyPersonIds: fc.uniqueArray(personId('k'), { minLength: 1, maxLength: maxKeyPersons }),
    })
    .chain(({ newcomerIds, keyPersonIds }) =>
      fc.record({
        newcomers: fc.constant(newcomerIds.map((id) => ({ id }))),
        keyPersons: fc.tuple(...keyPersonIds.map((id) => fc.integer({ min: 0, max: maxCapacity }).map((capacity) => ({ id, capacity })))),
        // Each pair is an edge with probability ⅔: sparse, but rarely empty.
        edges: fc
          .tuple(...newcomerIds.flatMap((newcomer) => keyPersonIds.map((keyPerson) => fc.option(scores.map((s): AssignmentEdge => ({ newcomer, keyPerson, score: s })), { freq: 3, nil: undefined }))))
          .map((edges) => edges.filter((edge): edge is AssignmentEdge => edge !== undefined)),
      }),
    );
}

/** The same instance with every list in another order. */
export function shuffled(instance: AssignmentInstance): fc.Arbitrary<AssignmentInstance> {
  return fc.record({
    newcomers: fc.shuffledSubarray([...instance.newcomers], { minLength: instance.newcomers.length }),
    keyPersons: fc.shuffledSubarray([...instance.keyPersons], { minLength: instance.keyPersons.length }),
    edges: fc.shuffledSubarray([...instance.edges], { minLength: instance.edges.length }),
  });
}

/** Short ids whose order differs from creation order, e.g. "n-7", "nB", "n10". */
function personId(prefix: string): fc.Arbitrary<string> {
  return fc.string({ unit: fc.constantFrom('0', '1', '7', 'B', 'a', '-', 'é'), minLength: 1, maxLength: 3 }).map((tail) => `${prefix}${tail}`);
}
