import type { AssignmentInstance } from './assignment.types';
import { InvalidAssignmentInstanceError, solveAssignment } from './solve-assignment';

const people = (newcomers: string[], keyPersons: [string, number][]): Pick<AssignmentInstance, 'newcomers' | 'keyPersons'> => ({
  newcomers: newcomers.map((id) => ({ id })),
  keyPersons: keyPersons.map(([id, capacity]) => ({ id, capacity })),
});
const edge = (newcomer: string, keyPerson: string, score: number) => ({ newcomer, keyPerson, score });

describe('solveAssignment', () => {
  it('solves the SPEC §9 example', () => {
    const result = solveAssignment({ ...people(['n1'], [['k1', 2]]), edges: [edge('n1', 'k1', 0.83)] });

    expect(result).toEqual({ assignments: [edge('n1', 'k1', 0.83)], objective: 0.83, matched: 1 });
  });

  it('is not greedy: the best edge overall is not always taken', () => {
    // Greedy takes n1–k1 (0.9) and then only n2–k2 (0.1) is left: 1.0. The optimum swaps: 0.8 + 0.85.
    const result = solveAssignment({
      ...people(['n1', 'n2'], [['k1', 1], ['k2', 1]]),
      edges: [edge('n1', 'k1', 0.9), edge('n1', 'k2', 0.8), edge('n2', 'k1', 0.85), edge('n2', 'k2', 0.1)],
    });

    expect(result.assignments).toEqual([edge('n1', 'k2', 0.8), edge('n2', 'k1', 0.85)]);
    expect(result.objective).toBe(1.65);
  });

  it('fills a capacity above 1 with the newcomers who gain most from it', () => {
    const result = solveAssignment({
      ...people(['n1', 'n2', 'n3'], [['k1', 2], ['k2', 1]]),
      edges: [edge('n1', 'k1', 0.9), edge('n2', 'k1', 0.8), edge('n3', 'k1', 0.7), edge('n3', 'k2', 0.2)],
    });

    expect(result.assignments).toEqual([edge('n1', 'k1', 0.9), edge('n2', 'k1', 0.8), edge('n3', 'k2', 0.2)]);
    expect(result.matched).toBe(3);
  });

  it('moves a newcomer along a chain when that frees the slot someone else needs more', () => {
    const result = solveAssignment({
      ...people(['a', 'b', 'c'], [['k1', 1], ['k2', 1], ['k3', 1]]),
      edges: [edge('a', 'k1', 1), edge('a', 'k2', 0.9), edge('b', 'k2', 1), edge('b', 'k3', 0.9), edge('c', 'k1', 1)],
    });

    expect(result.assignments).toEqual([edge('a', 'k2', 0.9), edge('b', 'k3', 0.9), edge('c', 'k1', 1)]);
  });

  it('maximises the total, not the number matched: a newcomer is left out when that scores more', () => {
    // Matching both (n1–k2, n2–k1) gives 0.6; n1–k1 alone gives 1.
    const result = solveAssignment({
      ...people(['n1', 'n2'], [['k1', 1], ['k2', 1]]),
      edges: [edge('n1', 'k1', 1), edge('n1', 'k2', 0.1), edge('n2', 'k1', 0.5)],
    });

    expect(result).toEqual({ assignments: [edge('n1', 'k1', 1)], objective: 1, matched: 1 });
  });

  it('never assigns a key person with capacity 0', () => {
    const result = solveAssignment({ ...people(['n1'], [['k0', 0], ['k1', 1]]), edges: [edge('n1', 'k0', 1), edge('n1', 'k1', 0.1)] });

    expect(result.assignments).toEqual([edge('n1', 'k1', 0.1)]);
  });

  it('accepts people without edges and leaves them out', () => {
    const result = solveAssignment({ ...people(['alone', 'n1'], [['idle', 3], ['k1', 1]]), edges: [edge('n1', 'k1', 0.5)] });

    expect(result).toEqual({ assignments: [edge('n1', 'k1', 0.5)], objective: 0.5, matched: 1 });
  });

  it('never assigns an edge scoring 0 or less, even to an otherwise idle key person', () => {
    const result = solveAssignment({
      ...people(['n1', 'n2', 'n3'], [['k1', 3]]),
      edges: [edge('n1', 'k1', 0), edge('n2', 'k1', -0.5), edge('n3', 'k1', 1e-300)],
    });

    // 1e-300 is positive and the only score, so it sets the scale: it is taken.
    expect(result).toEqual({ assignments: [edge('n3', 'k1', 1e-300)], objective: 1e-300, matched: 1 });
  });

  it('handles empty instances', () => {
    expect(solveAssignment({ newcomers: [], keyPersons: [], edges: [] })).toEqual({ assignments: [], objective: 0, matched: 0 });
  });

  it('handles scores far from [0, 1]', () => {
    const result = solveAssignment({
      ...people(['n1', 'n2'], [['k1', 1], ['k2', 1]]),
      edges: [edge('n1', 'k1', 1e300), edge('n1', 'k2', 3e299), edge('n2', 'k1', 8e299), edge('n2', 'k2', 1)],
    });

    expect(result.assignments).toEqual([edge('n1', 'k2', 3e299), edge('n2', 'k1', 8e299)]);
  });

  it('breaks a tie the same way whatever the input order', () => {
    const edges = [edge('nb', 'k1', 0.5), edge('na', 'k1', 0.5)];
    const forward = solveAssignment({ ...people(['nb', 'na'], [['k1', 1]]), edges });
    const backward = solveAssignment({ ...people(['na', 'nb'], [['k1', 1]]), edges: [...edges].reverse() });

    expect(forward.assignments).toHaveLength(1);
    expect(backward).toEqual(forward);
  });

  it('reports the objective as the exact sum of the chosen scores, rounded once', () => {
    const tenths = Array.from({ length: 10 }, (_, i) => `n${i}`);
    const result = solveAssignment({ ...people(tenths, [['k', 10]]), edges: tenths.map((n) => edge(n, 'k', 0.1)) });

    // Adding 0.1 ten times in a row gives 0.9999999999999999.
    expect(result.objective).toBe(1);
  });

  it('lists assignments by newcomer id, in UTF-16 code-unit order', () => {
    const result = solveAssignment({
      ...people(['b', 'B', 'a'], [['k', 3]]),
      edges: [edge('b', 'k', 1), edge('B', 'k', 1), edge('a', 'k', 1)],
    });

    expect(result.assignments.map(({ newcomer }) => newcomer)).toEqual(['B', 'a', 'b']);
  });

  it('reports progress that only grows and ends at 1', () => {
    const newcomers = Array.from({ length: 3000 }, (_, i) => `n${i}`);
    const fractions: number[] = [];
    solveAssignment(
      { ...people(newcomers, [['k', 5000]]), edges: newcomers.map((n, i) => edge(n, 'k', (i % 7) / 7)) },
      { onProgress: (fraction) => fractions.push(fraction) },
    );

    expect(fractions.length).toBeGreaterThan(1);
    expect(fractions).toEqual([...fractions].sort((a, b) => a - b));
    expect(fractions[fractions.length - 1]).toBe(1);
  });

  it('refuses an invalid instance, naming every problem', () => {
    const invalid = { ...people(['n1'], [['k1', 1]]), edges: [edge('n1', 'k9', 0.5), edge('n2', 'k1', Number.NaN)] };

    expect(() => solveAssignment(invalid)).toThrow(InvalidAssignmentInstanceError);
    try {
      solveAssignment(invalid);
    } catch (error: unknown) {
      expect((error as InvalidAssignmentInstanceError).violations.map(({ field }) => field)).toEqual([
        'edges[0].keyPerson',
        'edges[1].newcomer',
        'edges[1].score',
      ]);
    }
  });
});
