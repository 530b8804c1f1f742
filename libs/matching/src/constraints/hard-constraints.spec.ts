import { EXCLUSION_REASONS } from '../exclusion-reason';
import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { firstFailedConstraint, HARD_CONSTRAINTS } from './hard-constraints';

describe('the hard constraints', () => {
  it('run in the documented order of the reason codes', () => {
    expect(HARD_CONSTRAINTS.map((c) => c.reason)).toEqual([...EXCLUSION_REASONS]);
  });

  it('name the first one a pair fails', () => {
    const paused = aKeyPerson({ status: 'paused', load: 3, languages: [{ code: 'tir', level: 'native' }] });
    expect(firstFailedConstraint(pairOf(aNewcomer(), paused))).toBe('not-active');
    expect(firstFailedConstraint(pairOf(aNewcomer(), { ...paused, status: 'active' }))).toBe('no-capacity');
    expect(firstFailedConstraint(pairOf(aNewcomer(), aKeyPerson({ municipality: 'GM0014', languages: [{ code: 'tir', level: 'native' }] })))).toBe('out-of-radius');
    expect(firstFailedConstraint(pairOf(aNewcomer(), aKeyPerson()))).toBeNull();
  });
});
