import { DEFAULT_POLICY } from '../policy/default.policy';
import { aKeyPerson, aNewcomer, NOW } from '../testing/matching.fixtures';
import { explain } from './explain';
import { rank } from './rank';

describe('explain', () => {
  const loads = [0, 1, 2, 0, 1];
  const keyPersons = loads.map((load, i) => aKeyPerson({ id: `k-${i}`, load, capacity: i === 3 ? 1 : 3 }));
  const result = rank(aNewcomer(), [...keyPersons, aKeyPerson({ id: 'k-paused', status: 'paused' })], DEFAULT_POLICY, NOW);

  it('explains the best candidate with the next three as alternatives and their gaps', () => {
    const explanation = explain(result);
    expect(explanation?.keyPersonId).toBe('k-0');
    expect(explanation?.alternatives.map((a) => a.keyPersonId)).toEqual(['k-3', 'k-1', 'k-4']);
    for (const alternative of explanation?.alternatives ?? []) expect(alternative.gap).toBe((explanation?.score ?? 0) - alternative.score);
    expect(explanation).toMatchObject({ policyVersion: 1, considered: 6, excluded: { 'not-active': 1 } });
  });

  it('gives the score as a share of the best attainable', () => {
    const explanation = explain(result);
    expect(explanation?.shareOfBest).toBe((explanation?.score ?? 0) / result.bestAttainable);
  });

  it('explains another ranked candidate on request, against the best others', () => {
    const explanation = explain(result, 'k-2');
    expect(explanation?.alternatives.map((a) => a.keyPersonId)).toEqual(['k-0', 'k-3', 'k-1']);
    expect(explanation?.alternatives[0].gap).toBeLessThan(0);
  });

  it('has nothing to explain without a feasible candidate', () => {
    expect(explain(rank(aNewcomer(), [], DEFAULT_POLICY, NOW))).toBeNull();
    expect(explain(result, 'k-paused')).toBeNull();
  });
});
