/**
 * The value types of a profile (SPEC §3), shared by newcomers and key persons.
 * Everything here is personal data.
 */
export const LANGUAGE_LEVELS = ['native', 'fluent', 'conversational', 'basic'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

/** A language by ISO 639-3 code with a level. */
export interface LanguageSkill {
  readonly code: string;
  readonly level: LanguageLevel;
}

/** Topics of the municipal broad intake; needs for newcomers, expertise for key persons. */
export const TOPICS = [
  'health', 'housing', 'work', 'education', 'language',
  'finance', 'administration', 'family', 'social', 'legal',
] as const;
export type Topic = (typeof TOPICS)[number];

export interface Need {
  readonly topic: Topic;
  /** 1 is most urgent. */
  readonly priority: 1 | 2 | 3;
}

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

/** A weekly slot in Europe/Amsterdam wall-clock time, `HH:MM`, end after start. */
export interface Slot {
  readonly day: Day;
  readonly start: string;
  readonly end: string;
}

/**
 * Weekly slots with optional ISO dates (YYYY-MM-DD, inclusive) bounding when they
 * apply. Stored form: an absent bound is `null`, never missing, so event data is
 * plain JSON that survives a round trip unchanged.
 */
export interface Availability {
  readonly slots: readonly Slot[];
  readonly from: string | null;
  readonly until: string | null;
}

/** Availability as a command carries it: the date bounds may be left out. */
export interface AvailabilityInput {
  readonly slots: readonly Slot[];
  readonly from?: string | null;
  readonly until?: string | null;
}

export const GENDERS = ['female', 'male', 'other'] as const;
export type Gender = (typeof GENDERS)[number];

/**
 * Stored form: a key is present only when there is a value (`{}` is "no contact
 * details"); a key is never `undefined`.
 */
export interface Contact {
  readonly phone?: string;
  readonly email?: string;
}

/** Contact as a command carries it: `null` or `''` means "none". */
export interface ContactInput {
  readonly phone?: string | null;
  readonly email?: string | null;
}

export interface Origin {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
}

export const GENDER_PREFERENCES = ['any', 'female', 'male'] as const;
export type GenderPreference = (typeof GENDER_PREFERENCES)[number];

export const SAME_ORIGIN_CHOICES = ['yes', 'no', 'no-preference'] as const;
export type SameOriginChoice = (typeof SAME_ORIGIN_CHOICES)[number];

export interface NewcomerPreferences {
  readonly keyPersonGender: GenderPreference;
  readonly genderRequired: boolean;
  readonly sameOrigin: SameOriginChoice;
  readonly remoteOk: boolean;
}

export const ENGAGEMENTS = ['volunteer', 'paid'] as const;
export type Engagement = (typeof ENGAGEMENTS)[number];

export const CAPACITY_MIN = 1;
export const CAPACITY_MAX = 20;
/** A month has at most 744 hours; a sane upper bound on declared hours. */
export const MONTHLY_HOURS_MAX = 200;
