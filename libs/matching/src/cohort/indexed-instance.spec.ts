import { IndexedAssignmentInstance, indexedInstanceProblem } from './indexed-instance';

const sound: IndexedAssignmentInstance = {
  newcomerCount: 2,
  capacities: Int32Array.from([1, 2]),
  edgeNewcomer: Int32Array.from([0, 1, 1]),
  edgeKeyPerson: Int32Array.from([1, 0, 1]),
  edgeScore: Float64Array.from([0.5, 0.25, 0.75]),
  placeCosts: { start: Int32Array.from([0, 1, 3]), cost: Float64Array.from([0, 0, 0.125]) },
};

describe('indexedInstanceProblem: the preconditions of an instance that crossed a thread boundary', () => {
  it('finds nothing wrong with a sound instance, with or without place costs', () => {
    expect(indexedInstanceProblem(sound)).toBeUndefined();
    expect(indexedInstanceProblem({ ...sound, placeCosts: null })).toBeUndefined();
  });

  it.each([
    ['a fractional newcomer count', { newcomerCount: 1.5 }, 'newcomerCount 1.5 is not a count'],
    ['edge arrays of different lengths', { edgeScore: Float64Array.from([0.5]) }, 'the edge arrays differ in length'],
    ['a negative capacity', { capacities: Int32Array.from([1, -2]) }, 'key person 1 has a negative capacity'],
    ['a newcomer out of range', { edgeNewcomer: Int32Array.from([0, 2, 1]) }, 'edge 1 names newcomer 2 of 2'],
    ['a key person out of range', { edgeKeyPerson: Int32Array.from([1, 0, -1]) }, 'edge 2 names key person -1 of 2'],
    ['an infinite score', { edgeScore: Float64Array.from([0.5, Infinity, 0.75]) }, 'edge 1 has a score that is not a finite number'],
    ['place costs for too few key persons', { placeCosts: { start: Int32Array.from([0, 1]), cost: Float64Array.from([0]) } }, 'the place costs do not line up with the key persons'],
    ['falling place costs', { placeCosts: { start: Int32Array.from([0, 1, 3]), cost: Float64Array.from([0, 0.5, 0.25]) } }, "key person 1's place costs are not finite, ≥ 0 and nondecreasing"],
    ['a negative place cost', { placeCosts: { start: Int32Array.from([0, 1, 3]), cost: Float64Array.from([-1, 0, 0]) } }, "key person 0's place costs are not finite, ≥ 0 and nondecreasing"],
  ] as const)('names %s', (_label, change, problem) => {
    expect(indexedInstanceProblem({ ...sound, ...change } as IndexedAssignmentInstance)).toBe(problem);
  });
});
