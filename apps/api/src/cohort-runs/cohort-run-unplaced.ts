import { COHORT_RUN_UNPLACED_REASONS, CohortRunState, CohortRunUnplacedRow } from '@sleutel/domain';
import { isReadable } from './cohort-run-fairness';
import { UnplacedNewcomerDto } from './cohort-run.dto';

/** A left-out newcomer and why; one erased since by id alone, since their reasons went with their key. */
export function unplacedOf(row: CohortRunUnplacedRow): UnplacedNewcomerDto {
  if (!isReadable(row)) return { newcomerId: row.newcomerId, reason: null, eligible: null, bestScore: null, excluded: null };
  return { ...row, excluded: { ...row.excluded } };
}

/** How many newcomers a run left out per reason, and how many of them were erased since. */
export interface UnplacedFigures {
  readonly unplacedBy: Record<string, number>;
  readonly unplacedErased: number;
}

/**
 * The run's left-out newcomers counted per reason, when read, from their rows:
 * each sealed under that newcomer's key (pages from schema version 2), so an
 * erased newcomer is counted in `unplacedErased` and under no reason. A run
 * records no such count in clear (`CohortRunSolved` v4): in a run that left
 * out one newcomer it said that newcomer's reason after their erasure, and
 * the counts runs recorded before are dropped on read (the log keeps them).
 * Rows of runs solved before 2026-11-30 were recorded in clear and still
 * read, so their newcomers count under their reason after an erasure, as
 * their `unplaced` list shows them. Null before the solve, or for a run solved
 * before the left-out newcomers were recorded (it recorded no counts either).
 */
export function unplacedFigures(state: CohortRunState): UnplacedFigures | null {
  if (state.unplaced === null || state.summary === null) return null;
  const readable = state.unplaced.filter(isReadable);
  const unplacedBy = Object.fromEntries(COHORT_RUN_UNPLACED_REASONS.map((reason) => [reason, readable.filter((u) => u.reason === reason).length]));
  return { unplacedBy, unplacedErased: state.unplaced.length - readable.length };
}
