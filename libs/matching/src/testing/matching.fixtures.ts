/**
 * A newcomer and a key person who match on every constraint, for specs to
 * change one thing at a time: both in Utrecht, both speak North Levantine
 * Arabic natively, both free on Monday mornings (two hours overlap).
 */
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { DEFAULT_POLICY } from '../policy/default.policy';
import { LanguageParameters, ScoringPolicy } from '../policy/scoring-policy';
import { CandidatePair } from '../scoring/candidate-pair';
import { newcomerFacts } from '../scoring/newcomer-facts';

export const NOW = '2026-03-02T10:00:00Z';

export function aNewcomer(overrides: Partial<MatchingNewcomer> = {}): MatchingNewcomer {
  return {
    id: 'n-1',
    gender: 'female',
    birthYear: 1990,
    municipality: 'GM0344',
    postcodeArea: '3511',
    languages: [{ code: 'apc', level: 'native' }, { code: 'eng', level: 'basic' }],
    origin: { country: 'SY' },
    needs: [{ topic: 'health', priority: 1 }, { topic: 'housing', priority: 2 }],
    availability: { slots: [{ day: 'mon', start: '09:00', end: '12:00' }, { day: 'wed', start: '09:00', end: '12:00' }], from: null, until: null },
    preferences: { keyPersonGender: 'any', genderRequired: false, sameOrigin: 'no-preference', remoteOk: false },
    doNotMatch: [],
    excludedKeyPersons: [],
    waitingSince: '2026-02-01T10:00:00Z',
    ...overrides,
  };
}

export function aKeyPerson(overrides: Partial<MatchingKeyPerson> = {}): MatchingKeyPerson {
  return {
    id: 'k-1',
    gender: 'female',
    municipality: 'GM0344',
    postcodeArea: '3512',
    travelRadiusKm: 15,
    remoteOnly: false,
    languages: [{ code: 'apc', level: 'native' }, { code: 'nld', level: 'fluent' }],
    origin: { country: 'SY' },
    expertise: ['health', 'work'],
    capacity: 3,
    load: 1,
    status: 'active',
    availability: { slots: [{ day: 'mon', start: '10:00', end: '13:00' }], from: null, until: null },
    ...overrides,
  };
}

/** The pair as the constraints and components see it. */
export function pairOf(
  newcomer: MatchingNewcomer,
  keyPerson: MatchingKeyPerson,
  policy: ScoringPolicy = DEFAULT_POLICY,
  now: string = NOW,
): CandidatePair {
  return new CandidatePair(newcomerFacts(newcomer, policy, now), keyPerson);
}

/** DEFAULT_POLICY with some parts replaced. */
export function policyWith(change: {
  readonly weights?: Partial<ScoringPolicy['weights']>;
  readonly constraints?: Partial<ScoringPolicy['constraints']>;
  readonly language?: Partial<LanguageParameters>;
  readonly version?: number;
}): ScoringPolicy {
  return {
    ...DEFAULT_POLICY,
    version: change.version ?? DEFAULT_POLICY.version,
    weights: { ...DEFAULT_POLICY.weights, ...change.weights },
    constraints: { ...DEFAULT_POLICY.constraints, ...change.constraints },
    parameters: { ...DEFAULT_POLICY.parameters, language: { ...DEFAULT_POLICY.parameters.language, ...change.language } },
  };
}
