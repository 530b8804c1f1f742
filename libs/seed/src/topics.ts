/**
 * Needs and expertise over the topics of the broad intake. Weights are
 * assumptions from what municipal broad intakes and key-person programmes
 * report most: learning Dutch, health (GP, mental health), housing and work
 * come first, then dealing with letters and institutions, money, family and
 * social contacts; legal help is the least common. Age shifts them: education
 * matters most to the young, work to those of working age, health to older
 * newcomers.
 */
import { Need, Topic } from '@sleutel/domain';
import { Random, Weighted } from './random';

const NEED_WEIGHTS: Readonly<Record<Topic, number>> = {
  language: 0.6, health: 0.55, housing: 0.55, work: 0.5, administration: 0.4,
  finance: 0.35, social: 0.3, family: 0.25, education: 0.25, legal: 0.15,
};

/** Most people come with a handful of needs; a few intakes are recorded before needs are known. */
const NEED_COUNT: Weighted<number> = [[0, 3], [1, 12], [2, 25], [3, 30], [4, 20], [5, 10]];

function needWeightsAt(age: number): Weighted<Topic> {
  const factor = (topic: Topic): number => {
    if (topic === 'education') return age < 25 ? 2.5 : age < 35 ? 1.2 : 0.5;
    if (topic === 'work') return age >= 25 && age < 55 ? 1.3 : 0.6;
    if (topic === 'health') return age >= 55 ? 1.8 : 1;
    return 1;
  };
  return (Object.keys(NEED_WEIGHTS) as Topic[]).map((topic) => [topic, NEED_WEIGHTS[topic] * factor(topic)] as const);
}

/** Needs in order of weight; the first is urgent, the next often so, the rest less. */
export function needsFor(age: number, random: Random): Need[] {
  const topics = random.sample(needWeightsAt(age), random.weighted(NEED_COUNT));
  return topics.map((topic, index): Need => ({ topic, priority: priorityAt(index, random) }));
}

function priorityAt(index: number, random: Random): Need['priority'] {
  if (index === 0) return 1;
  if (index === 1) return random.chance(0.5) ? 1 : 2;
  return random.chance(0.4) ? 2 : 3;
}

/** Key persons are generalists first: institutions, language, housing, health. */
const EXPERTISE_WEIGHTS: Weighted<Topic> = [
  ['administration', 0.9], ['language', 0.8], ['housing', 0.7], ['health', 0.7], ['work', 0.7],
  ['social', 0.6], ['finance', 0.5], ['family', 0.5], ['education', 0.5], ['legal', 0.2],
];
const EXPERTISE_COUNT: Weighted<number> = [[1, 20], [2, 35], [3, 30], [4, 15]];

export const expertiseFor = (random: Random): Topic[] => random.sample(EXPERTISE_WEIGHTS, random.weighted(EXPERTISE_COUNT));
