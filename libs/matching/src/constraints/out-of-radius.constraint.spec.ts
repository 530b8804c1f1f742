import { aKeyPerson, aNewcomer, pairOf } from '../testing/matching.fixtures';
import { outOfRadius } from './out-of-radius.constraint';

const inAmsterdam = aNewcomer({ municipality: 'GM0363' }); // about 35 km from Utrecht
const remoteOk = aNewcomer({ municipality: 'GM0363', preferences: { ...aNewcomer().preferences, remoteOk: true } });

describe('out-of-radius', () => {
  it('passes a key person whose radius reaches the newcomer’s municipality centroid', () => {
    expect(outOfRadius.excludes(pairOf(inAmsterdam, aKeyPerson({ travelRadiusKm: 40 })))).toBe(false);
    expect(outOfRadius.excludes(pairOf(aNewcomer(), aKeyPerson({ travelRadiusKm: 0 })))).toBe(false);
  });

  it('excludes one whose radius falls short, even if the newcomer accepts remote contact', () => {
    expect(outOfRadius.excludes(pairOf(inAmsterdam, aKeyPerson({ travelRadiusKm: 30 })))).toBe(true);
    expect(outOfRadius.excludes(pairOf(remoteOk, aKeyPerson({ travelRadiusKm: 30 })))).toBe(true);
  });

  it('lets a remote-only key person reach a newcomer who accepts remote contact, and no other', () => {
    const remoteOnly = aKeyPerson({ remoteOnly: true, travelRadiusKm: null, municipality: 'GM0014' });
    expect(outOfRadius.excludes(pairOf(remoteOk, remoteOnly))).toBe(false);
    expect(outOfRadius.excludes(pairOf(inAmsterdam, remoteOnly))).toBe(true);
  });

  it('excludes when a municipality has no known centroid', () => {
    expect(outOfRadius.excludes(pairOf(aNewcomer({ municipality: 'GM9999' }), aKeyPerson({ travelRadiusKm: 500 })))).toBe(true);
  });

  it('reads a missing radius of an in-person key person as their own municipality only', () => {
    expect(outOfRadius.excludes(pairOf(aNewcomer(), aKeyPerson({ travelRadiusKm: null })))).toBe(false);
    expect(outOfRadius.excludes(pairOf(aNewcomer({ municipality: 'GM0356' }), aKeyPerson({ travelRadiusKm: null })))).toBe(true);
  });
});
