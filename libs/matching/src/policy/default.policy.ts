/**
 * Version 1 of the scoring policy. The weights read as points out of 100 for
 * the components that always apply (origin adds 20 when a newcomer asks for
 * it); libs/matching/README.md gives the reason for each value. It never
 * changes (SPEC §4 inv. 7): fields added since are left out of it.
 */
import { ScoringPolicy } from './scoring-policy';

export const DEFAULT_POLICY: ScoringPolicy = deepFreeze({
  version: 1,
  weights: {
    // Understanding each other is what a key person is for.
    language: 30,
    // A key person who knows the newcomer's urgent topics (health, housing) helps most.
    expertise: 20,
    // Room in both calendars makes the first meetings happen.
    availability: 15,
    // Nearby means meeting in person and knowing the same municipality's services.
    proximity: 15,
    // Spreads newcomers over key persons at little cost in quality (FIELD-NOTES, Bansak & Paulson).
    load: 10,
    // Same for all candidates of one newcomer; in cohort runs it moves long waiters forward.
    waiting: 10,
    // Only when the newcomer opted in; then it matters as much as their needs.
    origin: 20,
    // No gender: version 1 predates it and must score and explain as it always did (SPEC §4 inv. 7), so a
    // preferred gender that is not required counts for nothing here; later versions set it (GENDER_WEIGHT_RECOMMENDED).
  },
  constraints: {
    // The floor of SPEC §4 inv. 5.
    minSharedLevel: 'conversational',
    // The floor of SPEC §4 inv. 5: one hour a week.
    minOverlapMinutes: 60,
    // Both sides opted in to remote contact; much key-person contact is by phone and messages.
    allowAsynchronousRemote: true,
  },
  parameters: {
    language: {
      // Conversational is enough to talk, not to explain a GP referral or a tenancy contract.
      levelCredit: { native: 1, fluent: 0.9, conversational: 0.6 },
      // Related varieties (Levantine and Standard Arabic, Dari and Farsi) mostly understand each other, with friction.
      macrolanguageCredit: 0.7,
      // No separateMacrolanguages: version 1 predates it and must score as it always did (SPEC §4 inv. 7),
      // Kurmanji and Sorani sharing Kurdish included; later versions set it (SEPARATE_MACROLANGUAGES_RECOMMENDED).
    },
    // Priority 1 counts three times priority 3.
    expertise: { priorityWeights: { '1': 3, '2': 2, '3': 1 } },
    // A weekly meeting of an hour or two fits easily in four shared hours.
    availability: { fullCreditHours: 4 },
    // Within a city or its region credit stays high; 30 km (a neighbouring region) gets a quarter.
    proximity: { halfDistanceKm: 10 },
    // After three months of waiting the bonus is full, so nobody is overtaken forever.
    waiting: { fullBonusDays: 90 },
  },
});

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (typeof child === 'object' && child !== null) deepFreeze(child);
  }
  return Object.freeze(value);
}
