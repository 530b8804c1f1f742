/** Cohort runs as `GET /cohort-runs` and `GET /cohort-runs/{id}` answer them (apps/api/src/cohort-runs/cohort-run.dto.ts). */
export const COHORT_RUN_STAGES = ['collecting', 'solving', 'proposing'] as const;
export type CohortRunStage = (typeof COHORT_RUN_STAGES)[number];

export interface CohortRunParameters {
  readonly candidatesPerNewcomer: number;
  readonly waitingBonusPerDay: number;
  readonly loadCost: number;
}

/** What `POST /cohort-runs` falls back to for a field left out (DEFAULT_COHORT_RUN_PARAMETERS), and the ranges it accepts. */
export const COHORT_PARAMETER_FIELDS = [
  { name: 'candidatesPerNewcomer', defaultValue: 16, min: 1, max: 500, integer: true, aboveMin: false },
  // Above 0: at 0 nothing makes a long wait outweigh a lower score (the API refuses it).
  { name: 'waitingBonusPerDay', defaultValue: 0.005, min: 0, max: 1, integer: false, aboveMin: true },
  { name: 'loadCost', defaultValue: 0.05, min: 0, max: 1, integer: false, aboveMin: false },
] as const satisfies readonly { name: keyof CohortRunParameters; defaultValue: number; min: number; max: number; integer: boolean; aboveMin: boolean }[];

export interface GroupFigures {
  /** A language code, a gender, an age band, or `all`. */
  readonly group: string;
  readonly newcomers: number;
  readonly matched: number;
  readonly matchRate: number;
  readonly meanWaitingDays: number;
  readonly meanScore: number | null;
}

export interface LoadSpread {
  readonly keyPersons: number;
  readonly meanUtilisation: number;
  readonly minLoad: number;
  readonly maxLoad: number;
  readonly gini: number;
}

export interface FairnessReport {
  /**
   * What matched counts: the pairs the run proposed, or the optimiser's plan
   * (a run still proposing, failed, or completed before this was recorded
   * with pairs not proposed); absent from an API before 2026-11-30: the plan.
   */
  readonly basis?: 'planned' | 'proposed';
  readonly overall: GroupFigures;
  readonly byLanguage: readonly GroupFigures[];
  readonly byGender: readonly GroupFigures[];
  readonly byAgeBand: readonly GroupFigures[];
  readonly load: LoadSpread;
  /** The run's newcomers erased since, in none of the figures; null (or absent) for a run whose report was recorded whole. */
  readonly erasedNewcomers?: number | null;
}

/** Figures of a solved run; `proposed` and the `superseded…` counts once it is done. */
export interface CohortRunSummary {
  readonly newcomers?: number;
  readonly keyPersons?: number;
  readonly freePlaces?: number;
  readonly candidateEdges?: number;
  readonly assigned?: number;
  readonly unassigned?: number;
  /** Counted when read from the left-out newcomers' reasons: `GET /cohort-runs/{id}` only, never in the list. */
  readonly unplacedBy?: Readonly<Record<string, number>>;
  /** Left-out newcomers erased since, in no count of `unplacedBy`: their reasons went with their data. */
  readonly unplacedErased?: number;
  readonly objective?: number;
  readonly totalScore?: number;
  readonly meanScore?: number | null;
  readonly policyVersion?: number;
  readonly solveMs?: number;
  readonly proposed?: number;
  readonly supersededNewcomer?: number;
  readonly supersededKeyPerson?: number;
}

/**
 * A waiting newcomer a run left out, and why (CohortRunUnplaced in libs/domain). The reasons are kept under the
 * newcomer's key: once they are erased, `reason`, `eligible`, `bestScore` and `excluded` are null.
 */
export interface UnplacedNewcomer {
  readonly newcomerId: string;
  readonly reason: 'no-eligible-key-person' | 'places-given-to-others' | 'load-cost-outweighs-score' | null;
  readonly eligible: number | null;
  readonly bestScore: number | null;
  readonly excluded: Readonly<Record<string, number>> | null;
}

export interface CohortRun {
  readonly id: string;
  readonly status: 'running' | 'done' | 'failed';
  /** null until the matcher picks the run up. */
  readonly stage: CohortRunStage | null;
  /** Share of the current stage done, in [0, 1]. */
  readonly progress: number;
  readonly requestedBy: string;
  readonly parameters: CohortRunParameters;
  readonly municipalities: readonly string[] | null;
  readonly startedAt: string;
  readonly finishedAt: string | null;
  readonly summary: CohortRunSummary | null;
  /** Absent in lists: read one run at a time. */
  readonly fairness?: FairnessReport | null;
  /** Absent in lists; null before the solve, or for a run solved before they were recorded. */
  readonly unplaced?: readonly UnplacedNewcomer[] | null;
  readonly reason: string | null;
}
