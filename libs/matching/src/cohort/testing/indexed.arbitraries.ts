/**
 * Indexed instances larger than brute force can check (up to 40 newcomers ×
 * 25 key persons), for the certificate test: dense or sparse, any doubles,
 * ties, zeros and negatives, edges in random order.
 */
import fc from 'fast-check';
import type { IndexedAssignmentInstance } from '../indexed-instance';

const anyScore = fc.oneof(
  fc.double({ min: 0, max: 1, noNaN: true }),
  fc.constantFrom(0, 0.5, 1, -0.25),
  fc.double({ min: -1e6, max: 1e6, noNaN: true }),
);

export function indexedInstance(): fc.Arbitrary<IndexedAssignmentInstance> {
  return fc
    .record({
      newcomerCount: fc.integer({ min: 0, max: 40 }),
      capacities: fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 25 }),
      density: fc.double({ min: 0, max: 1, noNaN: true }),
      seed: fc.integer(),
    })
    .chain(({ newcomerCount, capacities, density }) => {
      const pairs: [number, number][] = [];
      for (let i = 0; i < newcomerCount; i += 1) for (let k = 0; k < capacities.length; k += 1) pairs.push([i, k]);
      return fc
        .tuple(...pairs.map((pair) => fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), anyScore).map(([draw, score]) => ({ pair, score, keep: draw < density }))))
        .chain((drawn) => fc.shuffledSubarray(drawn.filter(({ keep }) => keep), { minLength: drawn.filter(({ keep }) => keep).length }))
        .map((edges) => ({
          newcomerCount,
          capacities: Int32Array.from(capacities),
          edgeNewcomer: Int32Array.from(edges, ({ pair }) => pair[0]),
          edgeKeyPerson: Int32Array.from(edges, ({ pair }) => pair[1]),
          edgeScore: Float64Array.from(edges, ({ score }) => score),
        }));
    });
}
