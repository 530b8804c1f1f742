/**
 * Profiles as the API reads and writes them (SPEC §3, §9). The lists of codes
 * repeat the domain's on purpose: the console is a separate bundle and must
 * not import server code; the API stays the authority on every value.
 */
export const TOPICS = ['health', 'housing', 'work', 'education', 'language', 'finance', 'administration', 'family', 'social', 'legal'] as const;
export type Topic = (typeof TOPICS)[number];

export const LANGUAGE_LEVELS = ['native', 'fluent', 'conversational', 'basic'] as const;
export type LanguageLevel = (typeof LANGUAGE_LEVELS)[number];

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Day = (typeof DAYS)[number];

export const GENDERS = ['female', 'male', 'other'] as const;
export const GENDER_PREFERENCES = ['any', 'female', 'male'] as const;
export const SAME_ORIGIN_CHOICES = ['yes', 'no', 'no-preference'] as const;
export const ENGAGEMENTS = ['volunteer', 'paid'] as const;
export const PRIORITIES = [1, 2, 3] as const;

export interface LanguageSkill {
  readonly code: string;
  readonly level: LanguageLevel;
}

export interface Slot {
  readonly day: Day;
  readonly start: string;
  readonly end: string;
}

export interface Availability {
  readonly slots: readonly Slot[];
  readonly from?: string | null;
  readonly until?: string | null;
}

export interface Contact {
  readonly phone?: string;
  readonly email?: string;
}

export interface Need {
  readonly topic: Topic;
  readonly priority: number;
}

export interface NewcomerPreferences {
  readonly keyPersonGender?: string;
  readonly genderRequired?: boolean;
  readonly sameOrigin?: string;
  readonly remoteOk?: boolean;
}

/** What every subject view carries besides its profile. */
export interface SubjectRecord {
  readonly id: string;
  readonly status: string;
  readonly revision: number;
  readonly registeredAt: string;
}

/** Where a newcomer stands in matching, and why nobody was proposed yet (`NewcomerMatchingResponse`). */
export interface NewcomerMatching {
  readonly state: 'waiting' | 'open-match' | 'match-ended' | 'not-matching';
  readonly waitingSince: string | null;
  readonly openMatchId: string | null;
  readonly lastDeferral: {
    readonly deferredAt: string;
    readonly policyVersion: number;
    readonly considered: number;
    readonly excluded: Readonly<Record<string, number>>;
  } | null;
}

/** `GET /newcomers/{id}` (an erased newcomer answers 410 instead). */
export interface NewcomerView extends SubjectRecord {
  readonly withdrawnAt?: string | null;
  readonly matching?: NewcomerMatching;
  readonly displayName?: string;
  readonly contact?: Contact | null;
  readonly birthYear?: number;
  readonly gender?: string | null;
  readonly municipality?: string;
  readonly postcodeArea?: string | null;
  readonly languages?: readonly LanguageSkill[];
  readonly origin?: { readonly country: string };
  readonly needs?: readonly Need[];
  readonly availability?: Availability;
  readonly preferences?: NewcomerPreferences;
  readonly doNotMatch?: readonly string[];
  readonly notes?: string | null;
}

/** `GET /key-persons/{id}`. */
export interface KeyPersonView extends SubjectRecord {
  /** Open proposals and accepted matches counted against the capacity (absent from an API before 2026-12-02). */
  readonly placesTaken?: number;
  readonly displayName?: string;
  readonly contact?: Contact | null;
  readonly gender?: string;
  readonly municipality?: string;
  readonly postcodeArea?: string | null;
  readonly travelRadiusKm?: number | null;
  readonly remoteOnly?: boolean;
  readonly languages?: readonly LanguageSkill[];
  readonly origin?: { readonly country: string };
  readonly expertise?: readonly Topic[];
  readonly capacity?: number;
  readonly maxHoursPerMonth?: number;
  readonly availability?: Availability;
  readonly engagement?: string;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** `POST /newcomers` and `POST /key-persons`. */
export interface Created {
  readonly id: string;
  readonly revision: number;
}

/** The part of a match this area shows (SPEC §9). */
export interface MatchSummary {
  readonly id: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly status: string;
  readonly score?: number | null;
  readonly proposedAt?: string | null;
}
