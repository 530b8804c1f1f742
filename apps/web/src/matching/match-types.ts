/**
 * Proposals and matches as `GET /matches` and `GET /matches/{id}` answer them
 * (apps/api/src/matches/match.dto.ts). The explanation is stored JSON: every
 * field is read defensively, because an older proposal may lack newer fields.
 */
export const MATCH_STATUSES = ['proposed', 'approved', 'accepted', 'ended', 'rejected', 'declined', 'expired', 'withdrawn'] as const;
export type MatchStatus = (typeof MATCH_STATUSES)[number];

export const MATCH_PARTIES = ['newcomer', 'key-person'] as const;
export type MatchParty = (typeof MATCH_PARTIES)[number];

export const MATCH_END_OUTCOMES = ['completed', 'ended-early'] as const;
export type MatchEndOutcome = (typeof MATCH_END_OUTCOMES)[number];

/** One line of the score: the measurement behind it (`raw.value` in [0, 1]), the policy weight and its share of the score. */
export interface ExplanationComponent {
  readonly name: string;
  readonly raw: Readonly<Record<string, unknown>>;
  readonly weight: number;
  readonly contribution: number;
}

export interface ExplanationAlternative {
  readonly keyPersonId: string;
  readonly score: number;
  /** How far below the proposed key person. */
  readonly gap?: number;
}

export interface Explanation {
  readonly components?: readonly ExplanationComponent[];
  /** Candidates excluded per failed hard constraint. */
  readonly excluded?: Readonly<Record<string, number>>;
  readonly considered?: number;
  readonly alternatives?: readonly ExplanationAlternative[];
  readonly score?: number;
  readonly shareOfBest?: number;
  readonly bestAttainable?: number;
  readonly policyVersion?: number;
  readonly scoredAt?: string;
  readonly cohortRunId?: string;
  readonly cohortWeight?: number;
  readonly cohortScore?: number;
}

export const isRecord = (value: unknown): value is Readonly<Record<string, unknown>> => typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const textOr = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** An explanation from stored JSON, keeping only well-formed parts, so that an old or odd proposal still shows what it has. */
export function readExplanation(value: unknown): Explanation {
  if (!isRecord(value)) return {};
  const components = Array.isArray(value.components)
    ? value.components.filter(isRecord).map((c) => ({
        name: textOr(c.name) ?? '?',
        raw: isRecord(c.raw) ? c.raw : {},
        weight: numberOr(c.weight) ?? 0,
        contribution: numberOr(c.contribution) ?? 0,
      }))
    : undefined;
  const excluded = isRecord(value.excluded)
    ? Object.fromEntries(Object.entries(value.excluded).filter((entry): entry is [string, number] => numberOr(entry[1]) !== undefined))
    : undefined;
  const alternatives = Array.isArray(value.alternatives)
    ? value.alternatives
        .filter(isRecord)
        .filter((a) => typeof a.keyPersonId === 'string' && numberOr(a.score) !== undefined)
        .map((a) => ({ keyPersonId: a.keyPersonId as string, score: a.score as number, gap: numberOr(a.gap) }))
    : undefined;
  return {
    components,
    excluded,
    considered: numberOr(value.considered),
    alternatives,
    score: numberOr(value.score),
    shareOfBest: numberOr(value.shareOfBest),
    bestAttainable: numberOr(value.bestAttainable),
    policyVersion: numberOr(value.policyVersion),
    scoredAt: textOr(value.scoredAt),
    cohortRunId: textOr(value.cohortRunId),
    cohortWeight: numberOr(value.cohortWeight),
    cohortScore: numberOr(value.cohortScore),
  };
}

/**
 * Whether the explanation can no longer be read: sealed under both people's
 * keys, it is `{ erased: true }` once either was erased (an older API left it
 * out altogether).
 */
export const isErasedExplanation = (value: unknown): boolean => value === undefined || value === null || (isRecord(value) && value.erased === true);

/** The cohort run that proposed the match, if it was one and the API (or, from an older API, the explanation) still says so. */
export const cohortRunIdOf = (match: Match): string | undefined => match.cohortRunId ?? readExplanation(match.explanation).cohortRunId;

/** What was written when a match closed; `{ erased: true }` once either person's data was erased (sealed under both keys). */
export type ClosingReason = string | { readonly erased: true };

export type MatchClosing =
  | { readonly status: 'rejected'; readonly by: string; readonly reason: ClosingReason }
  | { readonly status: 'declined'; readonly party: MatchParty | null; readonly reason: ClosingReason }
  | { readonly status: 'expired' }
  | { readonly status: 'ended'; readonly outcome: MatchEndOutcome; readonly reason: ClosingReason }
  | { readonly status: 'withdrawn'; readonly reason: ClosingReason };

export interface Match {
  readonly id: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly status: MatchStatus;
  readonly score: number;
  readonly policyVersion: number;
  readonly proposedAt: string;
  /** Deadline of the answer awaited now: the coordinator's, then the parties'. */
  readonly expiresAt: string;
  readonly approvedBy: string | null;
  readonly approvedAt: string | null;
  readonly acceptedBy: readonly MatchParty[];
  readonly closedAt: string | null;
  readonly closing: MatchClosing | null;
  readonly revision: number;
  /** The cohort run that chose the pair (kept after an erasure since 2026-12-01); absent from an older API. */
  readonly cohortRunId?: string | null;
  /** Read it with `readExplanation`: `{ erased: true }`, or absent, once it can no longer be read (`isErasedExplanation`). */
  readonly explanation?: Explanation | { readonly erased: true } | null;
}

export interface Page<T> {
  readonly items: readonly T[];
  readonly nextCursor: string | null;
}

/** Still waiting for an answer: a coordinator may reject, a party decline. */
export const isPending = (status: MatchStatus): boolean => status === 'proposed' || status === 'approved';
