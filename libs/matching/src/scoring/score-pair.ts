/**
 * Scores a pair that passed every hard constraint: each component that
 * applies, with its raw value, weight and contribution, in `COMPONENT_NAMES`
 * order; the score is the sum of the contributions.
 */
import { availabilityOf } from '../components/availability.component';
import type { ComponentExplanation } from '../components/component-explanation';
import { expertiseOf } from '../components/expertise.component';
import { genderOf, matchesGenderPreference } from '../components/gender.component';
import { bestSharedLanguage } from '../components/language.component';
import { loadOf } from '../components/load.component';
import { originOf } from '../components/origin.component';
import { proximityOf } from '../components/proximity.component';
import { waitingOf } from '../components/waiting.component';
import { weightOf } from '../policy/gender-weight';
import { COMPONENT_INDEX, ComponentName } from '../policy/scoring-policy';
import type { ScoredCandidate } from '../ranking/ranking.types';
import { CandidatePair } from './candidate-pair';
import { contributionOf } from './contributions';

export function scorePair(pair: CandidatePair): ScoredCandidate {
  const { facts, keyPerson, newcomer, policy } = pair;
  const { parameters, weights } = policy;
  const language = bestSharedLanguage(newcomer.languages, keyPerson.languages, facts.minSharedRank, parameters.language);
  // The no-shared-language constraint ran first; reaching here without a pair is a bug, not an input error.
  if (language === null) throw new Error('scorePair called for a pair without a shared language');
  const line = <N extends ComponentName, R extends { readonly value: number }>(name: N, raw: R) => ({
    name,
    raw,
    weight: weightOf(weights, name),
    contribution: contributionOf(raw.value, facts.factors[COMPONENT_INDEX[name]]),
  });
  const all: ComponentExplanation[] = [
    line('language', language),
    line('expertise', expertiseOf(newcomer.needs, keyPerson.expertise, parameters.expertise)),
    line('availability', availabilityOf(pair.overlapMinutes, pair.overlapWaived, parameters.availability)),
    line('proximity', proximityOf(pair.distanceKm, parameters.proximity)),
    line('load', loadOf(keyPerson.load, keyPerson.capacity)),
    line('waiting', waitingOf(facts.waitingDays, parameters.waiting)),
    line('origin', originOf(keyPerson.origin.country === newcomer.origin.country)),
    line('gender', genderOf(matchesGenderPreference(newcomer, keyPerson))),
  ];
  const lines = all.filter((component) => facts.applies[component.name]);
  return { keyPersonId: keyPerson.id, score: sumOf(lines), components: lines };
}

/** Exact: contributions are multiples of 2⁻⁴⁰ (see contributions.ts). */
export function sumOf(lines: readonly ComponentExplanation[]): number {
  let score = 0;
  for (const line of lines) score += line.contribution;
  return score;
}
