/**
 * The policy's promises (issue 3, "Must show"), for any newcomer, candidates
 * and valid policy.
 */
import fc from 'fast-check';
import { EXCLUSION_REASONS } from '../exclusion-reason';
import type { MatchingKeyPerson } from '../matching-key-person';
import type { MatchingNewcomer } from '../matching-newcomer';
import { ScoringPolicy } from '../policy/scoring-policy';
import { validatePolicy } from '../policy/policy.validation';
import { brokenConstraints } from '../testing/constraint-oracle';
import * as arb from '../testing/matching.arbitraries';
import { explain } from './explain';
import { rank } from './rank';

const runs = { numRuns: 300 };
const input = arb.rankingInput();

describe('rank, for any input', () => {
  it('is fed valid policies', () => {
    fc.assert(fc.property(arb.policy, (policy) => expect(validatePolicy(policy)).toEqual([])), runs);
  });

  it('never ranks a pair that breaks a hard constraint, and ranks every pair that breaks none', () => {
    fc.assert(
      fc.property(input, ({ newcomer, candidates, policy, now }) => {
        const ranked = new Set(rank(newcomer, candidates, policy, now).ranking.map((c) => c.keyPersonId));
        for (const candidate of candidates) {
          const broken = brokenConstraints(newcomer, candidate, policy, now);
          expect({ id: candidate.id, ranked: ranked.has(candidate.id), broken }).toEqual({ id: candidate.id, ranked: broken.length === 0, broken });
        }
      }),
      runs,
    );
  });

  it('counts each excluded candidate once, under the first constraint it breaks', () => {
    fc.assert(
      fc.property(input, ({ newcomer, candidates, policy, now }) => {
        const result = rank(newcomer, candidates, policy, now);
        const expected = Object.fromEntries(EXCLUSION_REASONS.map((reason) => [reason, 0]));
        for (const candidate of candidates) {
          const first = brokenConstraints(newcomer, candidate, policy, now)[0];
          if (first !== undefined) expected[first] += 1;
        }
        expect(result.excluded).toEqual(expected);
        expect(result.considered).toBe(candidates.length);
      }),
      runs,
    );
  });

  it('never brings a candidate in as days pass: whoever is excluded now is excluded later too (a deferral needs no look for time alone)', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 120 * 86_400_000 }), ({ newcomer, candidates, policy, now }, later) => {
        const feasibleNow = new Set(rank(newcomer, candidates, policy, now).ranking.map((c) => c.keyPersonId));
        const then = new Date(Date.parse(now) + later).toISOString();
        for (const candidate of rank(newcomer, candidates, policy, then).ranking) expect(feasibleNow.has(candidate.keyPersonId)).toBe(true);
      }),
      runs,
    );
  });

  it('gives scores in [0, 1], never above the best attainable', () => {
    fc.assert(
      fc.property(input, ({ newcomer, candidates, policy, now }) => {
        const result = rank(newcomer, candidates, policy, now);
        expect(result.bestAttainable).toBeGreaterThanOrEqual(0);
        expect(result.bestAttainable).toBeLessThanOrEqual(1);
        for (const { score, components } of result.ranking) {
          expect(score).toBeGreaterThanOrEqual(0);
          expect(score).toBeLessThanOrEqual(result.bestAttainable);
          for (const component of components) {
            expect(component.raw.value).toBeGreaterThanOrEqual(0);
            expect(component.raw.value).toBeLessThanOrEqual(1);
          }
        }
      }),
      runs,
    );
  });

  it('ranks best first, ties broken by key-person id', () => {
    fc.assert(
      fc.property(input, ({ newcomer, candidates, policy, now }) => {
        const { ranking } = rank(newcomer, candidates, policy, now);
        for (let i = 1; i < ranking.length; i += 1) {
          const [before, after] = [ranking[i - 1], ranking[i]];
          expect(before.score > after.score || (before.score === after.score && before.keyPersonId < after.keyPersonId)).toBe(true);
        }
      }),
      runs,
    );
  });

  it('gives the same result for the same input, whatever the order of the candidates', () => {
    fc.assert(
      fc.property(input, fc.nat(), ({ newcomer, candidates, policy, now }, seed) => {
        const shuffled = fc.sample(fc.shuffledSubarray(candidates, { minLength: candidates.length }), { seed, numRuns: 1 })[0];
        const once = rank(newcomer, candidates, policy, now);
        expect(rank(newcomer, candidates, policy, now)).toEqual(once);
        expect(rank(newcomer, shuffled, policy, now)).toEqual(once);
        // A JSON round trip (how inputs reach a worker or an auditor) changes nothing either.
        const [n, c, p] = JSON.parse(JSON.stringify([newcomer, candidates, policy])) as [typeof newcomer, typeof candidates, typeof policy];
        expect(rank(n, c, p, now)).toEqual(once);
      }),
      runs,
    );
  });

  it('explains with contributions that add up to the score exactly, in any order', () => {
    fc.assert(
      fc.property(input, ({ newcomer, candidates, policy, now }) => {
        const result = rank(newcomer, candidates, policy, now);
        for (const candidate of result.ranking) {
          const explanation = explain(result, candidate.keyPersonId);
          if (explanation === null) throw new Error('a ranked candidate must have an explanation');
          const contributions = explanation.components.map((c) => c.contribution);
          expect(contributions.reduce((sum, c) => sum + c, 0)).toBe(explanation.score);
          expect([...contributions].reverse().reduce((sum, c) => sum + c, 0)).toBe(explanation.score);
          expect(explanation.shareOfBest).toBeGreaterThanOrEqual(0);
          expect(explanation.shareOfBest).toBeLessThanOrEqual(1);
          for (const alternative of explanation.alternatives) expect(alternative.gap).toBe(explanation.score - alternative.score);
        }
      }),
      runs,
    );
  });

  it('lets origin count only when the newcomer chose same origin', () => {
    const notAsked = input.filter(({ newcomer }) => newcomer.preferences.sameOrigin !== 'yes');
    fc.assert(
      fc.property(notAsked, fc.constantFrom(...arb.COUNTRY_POOL), ({ newcomer, candidates, policy, now }, elsewhere) => {
        const before = rank(newcomer, candidates, policy, now);
        for (const candidate of before.ranking) expect(candidate.components.map((c) => c.name)).not.toContain('origin');
        // Moving key persons of another origin to yet another country changes nothing, even for `no`.
        const others = candidates.map((k) => (k.origin.country === newcomer.origin.country || elsewhere === newcomer.origin.country ? k : { ...k, origin: { country: elsewhere } }));
        expect(rank(newcomer, others, policy, now)).toEqual(before);
        // Without a preference, no origin of anyone matters at all.
        if (newcomer.preferences.sameOrigin === 'no-preference') {
          const everyone = candidates.map((k) => ({ ...k, origin: { country: elsewhere } }));
          expect(rank(newcomer, everyone, policy, now)).toEqual(before);
        }
      }),
      runs,
    );
  });

  describe('gender', () => {
    const withoutGenderWeight = ({ weights: { gender: _gender, ...weights }, ...policy }: ScoringPolicy): ScoringPolicy => ({ ...policy, weights });
    const preferring = (newcomer: MatchingNewcomer, keyPersonGender: 'any' | 'female' | 'male', genderRequired: boolean): MatchingNewcomer => ({
      ...newcomer,
      preferences: { ...newcomer.preferences, keyPersonGender, genderRequired },
    });

    it('counts for nothing under a policy without a gender weight (version 1 and every policy stored before it): a preference ranks as "any" did', () => {
      fc.assert(
        fc.property(input, fc.constantFrom('female' as const, 'male' as const), ({ newcomer, candidates, policy, now }, preferred) => {
          const stored = withoutGenderWeight(policy);
          const before = rank(preferring(newcomer, 'any', false), candidates, stored, now);
          expect(rank(preferring(newcomer, preferred, false), candidates, stored, now)).toEqual(before);
        }),
        runs,
      );
    });

    it('changes no score, share or order, bit for bit, when weighed at 0; the explanation only gains a gender line contributing 0', () => {
      fc.assert(
        fc.property(input, fc.constantFrom('female' as const, 'male' as const), ({ newcomer, candidates, policy, now }, preferred) => {
          const someone = preferring(newcomer, preferred, false);
          const without = rank(someone, candidates, withoutGenderWeight(policy), now);
          const zero = rank(someone, candidates, { ...policy, weights: { ...policy.weights, gender: 0 } }, now);
          expect({ ...zero, ranking: zero.ranking.map((c) => ({ ...c, components: c.components.filter((line) => line.name !== 'gender') })) }).toEqual(without);
          for (const candidate of zero.ranking) expect(candidate.components.at(-1)).toMatchObject({ name: 'gender', weight: 0, contribution: 0 });
        }),
        runs,
      );
    });

    it('applies only to a preference that is not required, under a policy that weighs it, and then says only whether the key person matches', () => {
      fc.assert(
        fc.property(input, ({ newcomer, candidates, policy, now }) => {
          const { keyPersonGender, genderRequired } = newcomer.preferences;
          const applies = keyPersonGender !== 'any' && !genderRequired && policy.weights.gender !== undefined;
          for (const candidate of rank(newcomer, candidates, policy, now).ranking) {
            const gender = candidate.components.find((c) => c.name === 'gender');
            const matches = candidates.find((k) => k.id === candidate.keyPersonId)?.gender === keyPersonGender;
            expect(gender?.raw).toEqual(applies ? { value: matches ? 1 : 0, matchesPreference: matches } : undefined);
          }
        }),
        runs,
      );
    });

    it('puts a key person of the preferred gender above one who differs only in gender, under a weight above 0', () => {
      // Not so small a weight that its share rounds down to 0 (2⁻⁴⁰), which would leave a tie.
      const weighing = input.filter(({ policy }) => (policy.weights.gender ?? 0) >= 0.01);
      fc.assert(
        fc.property(weighing, fc.constantFrom('female' as const, 'male' as const), ({ newcomer, candidates, policy, now }, preferred) => {
          const someone = preferring(newcomer, preferred, false);
          const other = preferred === 'female' ? 'male' : 'female';
          // Each candidate twice: with the other gender, and as a twin of the preferred gender whose id sorts last (ties would go against it).
          const twins = candidates.flatMap((k): MatchingKeyPerson[] => [{ ...k, gender: other }, { ...k, id: `~${k.id}`, gender: preferred }]);
          const { ranking } = rank(someone, twins, policy, now);
          const place = new Map(ranking.map((c, i) => [c.keyPersonId, i]));
          for (const [id, at] of place) if (!id.startsWith('~')) expect(place.get(`~${id}`)).toBeLessThan(at);
        }),
        { numRuns: 100 },
      );
    });
  });

  it('lets origin raise, never lower, a score when the newcomer chose same origin', () => {
    const asked = input.map(({ newcomer, ...rest }) => ({ ...rest, newcomer: { ...newcomer, preferences: { ...newcomer.preferences, sameOrigin: 'yes' as const } } }));
    fc.assert(
      fc.property(asked, ({ newcomer, candidates, policy, now }) => {
        const result = rank(newcomer, candidates, policy, now);
        for (const candidate of result.ranking) {
          const origin = candidate.components.find((c) => c.name === 'origin');
          const same = candidates.find((k) => k.id === candidate.keyPersonId)?.origin.country === newcomer.origin.country;
          expect(origin?.raw).toEqual({ value: same ? 1 : 0, sameCountry: same });
        }
      }),
      runs,
    );
  });
});
