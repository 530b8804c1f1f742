import { indexAssignmentInstance, validateAssignmentInstance } from './instance-indexing';

const valid = {
  newcomers: [{ id: 'n2' }, { id: 'n1' }],
  keyPersons: [{ id: 'k1', capacity: 2 }],
  edges: [
    { newcomer: 'n2', keyPerson: 'k1', score: 0.5 },
    { newcomer: 'n1', keyPerson: 'k1', score: 0.83 },
  ],
};

const fields = (input: unknown): string[] => validateAssignmentInstance(input).map(({ field }) => field);

describe('validateAssignmentInstance', () => {
  it('accepts the SPEC §9 format, ignoring fields it does not define', () => {
    expect(validateAssignmentInstance(valid)).toEqual([]);
    expect(validateAssignmentInstance({ ...valid, note: 'march cohort', newcomers: [{ id: 'n1', name: 'x' }, { id: 'n2' }] })).toEqual([]);
  });

  it.each([
    ['not an object', [], ['$']],
    ['null', null, ['$']],
    ['missing lists', {}, ['newcomers', 'keyPersons', 'edges']],
    ['lists that are not arrays', { newcomers: {}, keyPersons: 'k1', edges: 3 }, ['newcomers', 'keyPersons', 'edges']],
  ])('names the top-level problem: %s', (_, input, expected) => {
    expect(fields(input)).toEqual(expected);
  });

  it('names every problem of the people, with its path', () => {
    const violations = validateAssignmentInstance({
      newcomers: [{ id: 'n1' }, 'n2', { id: '' }, { id: 'n1' }, {}],
      keyPersons: [{ id: 'k1', capacity: 1.5 }, { id: 'k2', capacity: -1 }, { id: 'k3' }, { id: 'k4', capacity: '2' }, { id: 'k1', capacity: 1 }],
      edges: [],
    });

    expect(violations).toEqual([
      { field: 'newcomers[1]', rule: 'type', message: 'newcomers[1] must be an object with an id' },
      { field: 'newcomers[2].id', rule: 'type', message: 'newcomers[2].id must be a non-empty string' },
      { field: 'newcomers[3].id', rule: 'duplicate', message: 'newcomers[3].id "n1" repeats newcomers[0].id' },
      { field: 'newcomers[4].id', rule: 'required', message: 'newcomers[4].id is required' },
      { field: 'keyPersons[0].capacity', rule: 'integer', message: 'keyPersons[0].capacity must be a whole number, not 1.5' },
      { field: 'keyPersons[1].capacity', rule: 'range', message: 'keyPersons[1].capacity must be 0 or more, not -1' },
      { field: 'keyPersons[2].capacity', rule: 'required', message: 'keyPersons[2].capacity is required' },
      { field: 'keyPersons[3].capacity', rule: 'type', message: 'keyPersons[3].capacity must be a number' },
      { field: 'keyPersons[4].id', rule: 'duplicate', message: 'keyPersons[4].id "k1" repeats keyPersons[0].id' },
    ]);
  });

  it('names every problem of the edges, in input order, duplicates included', () => {
    const violations = validateAssignmentInstance({
      ...valid,
      edges: [
        { newcomer: 'n1', keyPerson: 'k1', score: 0.5 },
        { newcomer: 'n9', keyPerson: 'k1', score: 0.5 },
        { newcomer: 'n1', keyPerson: 'k9', score: 0.5 },
        { newcomer: 'n2', keyPerson: 'k1', score: Infinity },
        { newcomer: 'n2', keyPerson: 'k1', score: '0.5' },
        { newcomer: 'n1', keyPerson: 'k1', score: 0.1 },
        { keyPerson: 'k1', score: 0.5 },
        null,
      ],
    });

    expect(violations).toEqual([
      { field: 'edges[1].newcomer', rule: 'unknown', message: 'edges[1].newcomer "n9" is not the id of any of newcomers' },
      { field: 'edges[2].keyPerson', rule: 'unknown', message: 'edges[2].keyPerson "k9" is not the id of any of keyPersons' },
      { field: 'edges[3].score', rule: 'finite', message: 'edges[3].score must be a finite number, not Infinity' },
      { field: 'edges[4].score', rule: 'finite', message: 'edges[4].score must be a finite number' },
      { field: 'edges[5]', rule: 'duplicate', message: 'edges[5] repeats edges[0] ("n1" → "k1")' },
      { field: 'edges[6].newcomer', rule: 'required', message: 'edges[6].newcomer is required' },
      { field: 'edges[7]', rule: 'type', message: 'edges[7] must be an object with newcomer, keyPerson and score' },
    ]);
  });

  it('does not blame every edge when the list of people itself is broken', () => {
    expect(fields({ newcomers: 'all', keyPersons: [{ id: 'k1', capacity: 1 }], edges: [{ newcomer: 'n1', keyPerson: 'k1', score: 1 }] })).toEqual(['newcomers']);
  });
});

describe('indexAssignmentInstance', () => {
  it('numbers people in id order and puts the edges in canonical order, remembering where each came from', () => {
    const result = indexAssignmentInstance(valid);

    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const { indexed } = result;
    expect(indexed.newcomerIds).toEqual(['n1', 'n2']);
    expect(Array.from(indexed.instance.edgeNewcomer)).toEqual([0, 1]);
    expect(Array.from(indexed.instance.edgeScore)).toEqual([0.83, 0.5]);
    expect(Array.from(indexed.inputEdge)).toEqual([1, 0]);
  });

  it('stores a capacity above the number of newcomers as that number (it cannot be used anyway)', () => {
    const result = indexAssignmentInstance({ ...valid, keyPersons: [{ id: 'k1', capacity: 1e12 }] });

    expect(result.ok && Array.from(result.indexed.instance.capacities)).toEqual([2]);
  });

  it('reads place costs in id order and names every bad one', () => {
    const ok = indexAssignmentInstance({
      newcomers: [{ id: 'n' }],
      keyPersons: [{ id: 'kb', capacity: 2, placeCosts: [0.1, 0.4] }, { id: 'ka', capacity: 1 }],
      edges: [],
    });
    if (!ok.ok) throw new Error('refused');
    // Capacities clamp to the one newcomer; ka (first in id order) has free places.
    expect(Array.from(ok.indexed.instance.placeCosts!.start)).toEqual([0, 1, 2]);
    expect(Array.from(ok.indexed.instance.placeCosts!.cost)).toEqual([0, 0.1]);
    const bad = indexAssignmentInstance({
      newcomers: [],
      keyPersons: [
        { id: 'a', capacity: 2, placeCosts: [0.1] },
        { id: 'b', capacity: 2, placeCosts: [0.4, 0.1] },
        { id: 'c', capacity: 1, placeCosts: ['x'] },
        { id: 'd', capacity: 1, placeCosts: [-1] },
      ],
      edges: [],
    });
    expect(bad.ok ? [] : bad.violations.map((v) => [v.field, v.rule])).toEqual([
      ['keyPersons[0].placeCosts', 'length'], ['keyPersons[1].placeCosts', 'convex'], ['keyPersons[2].placeCosts', 'type'], ['keyPersons[3].placeCosts', 'convex'],
    ]);
  });
});
