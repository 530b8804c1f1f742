/**
 * The scoring policy (SPEC §5) as versioned data. An admin replaces it with
 * `PUT /policy`; each change is an event naming the new version, and every
 * proposal names the version it was scored with, so a proposal can be scored
 * again from the log and give the same result (SPEC §4 inv. 7).
 */

/**
 * Score components in their fixed order: explanations list them, and scores sum them, in this order.
 * A component added later goes at the end, so every earlier one keeps its index.
 */
export const COMPONENT_NAMES = ['language', 'expertise', 'availability', 'proximity', 'load', 'waiting', 'origin', 'gender'] as const;
export type ComponentName = (typeof COMPONENT_NAMES)[number];

/** Position of each component in `COMPONENT_NAMES`, for arrays indexed by component. */
export const COMPONENT_INDEX: { readonly [K in ComponentName]: number } = {
  language: 0,
  expertise: 1,
  availability: 2,
  proximity: 3,
  load: 4,
  waiting: 5,
  origin: 6,
  gender: 7,
};

/**
 * Components that apply to every pair. `expertise` applies only when the
 * newcomer has needs, `origin` only when the newcomer asked for the same
 * origin and `gender` only when the newcomer prefers a gender without
 * requiring it (and the policy weighs it); a policy must give weight to at
 * least one of these so that the weights of a pair never sum to zero.
 */
export const ALWAYS_APPLYING_COMPONENTS = ['language', 'availability', 'proximity', 'load', 'waiting'] as const satisfies readonly ComponentName[];

/** Components every policy weighs, version 1 included. */
type WeighedByEveryPolicy = Exclude<ComponentName, 'gender'>;

/** Relative weights; only their ratios matter, since the score divides by their sum. Read them with `weightOf`. */
export type ComponentWeights = { readonly [K in WeighedByEveryPolicy]: number } & {
  /**
   * A preferred, not required, key-person gender. Optional, and absent in
   * version 1 and in every policy stored before it existed: such a policy
   * does not weigh the component at all (see `weighsGender`), so those
   * versions score, rank and explain as they always did (SPEC §4 inv. 7).
   */
  readonly gender?: number;
};

/** Levels at which a language can count as shared: never `basic` (SPEC §4 inv. 5). */
export const SHARED_LEVELS = ['conversational', 'fluent', 'native'] as const;
export type SharedLevel = (typeof SHARED_LEVELS)[number];

export interface MatchingConstraints {
  /** Both sides must speak one shared language at this level or better; may be raised, never lowered below `conversational`. */
  readonly minSharedLevel: SharedLevel;
  /** Weekly availability overlap a pair needs; may be raised, never lowered below 60 (SPEC §4 inv. 5). */
  readonly minOverlapMinutes: number;
  /** Waives the overlap when both sides accept remote contact (messages, voice notes instead of meetings). */
  readonly allowAsynchronousRemote: boolean;
}

export interface LanguageParameters {
  /** Credit for the shared level (the lower of the two sides' levels). */
  readonly levelCredit: { readonly [L in SharedLevel]: number };
  /** Multiplier when the pair shares only a macrolanguage (e.g. `apc` and `arb` under `ara`), in [0, 1]. */
  readonly macrolanguageCredit: number;
  /**
   * Macrolanguages whose member languages do not count as each other's
   * (e.g. `kur`: Kurmanji and Sorani are distinct languages): a pair that
   * shares only such a macrolanguage shares no language. Optional, and
   * absent in version 1 and in every policy stored before it existed, which
   * means none (read it with `separateMacrolanguagesOf`), so those versions
   * score as they always did (SPEC §4 inv. 7).
   */
  readonly separateMacrolanguages?: readonly string[];
}

export interface ExpertiseParameters {
  /** Weight of a need by its priority; priority 1 is the most urgent. Keys are strings so the JSON round trip is exact. */
  readonly priorityWeights: { readonly '1': number; readonly '2': number; readonly '3': number };
}

export interface AvailabilityParameters {
  /** Weekly overlap hours that earn full credit; credit grows linearly up to it. */
  readonly fullCreditHours: number;
}

export interface ProximityParameters {
  /** Centroid distance at which proximity credit halves: credit = h / (h + km). */
  readonly halfDistanceKm: number;
}

export interface WaitingParameters {
  /** Days of waiting that earn the full bonus; the bonus grows linearly up to it. */
  readonly fullBonusDays: number;
}

export interface ScoringParameters {
  readonly language: LanguageParameters;
  readonly expertise: ExpertiseParameters;
  readonly availability: AvailabilityParameters;
  readonly proximity: ProximityParameters;
  readonly waiting: WaitingParameters;
}

export interface ScoringPolicy {
  /** Positive integer; a new policy gets a new version, old versions are kept for reproduction. */
  readonly version: number;
  readonly weights: ComponentWeights;
  readonly constraints: MatchingConstraints;
  readonly parameters: ScoringParameters;
}
