/**
 * A cohort run (SPEC §5, issue 4): all waiting newcomers and all free capacity
 * assigned at once, exactly optimally, then proposed through the same
 * capacity-reserving path as on-demand matching. Its stream `cohort-run-<id>`
 * records who asked, with which parameters, how far it got and what came of it,
 * including the fairness report, so a coordinator can read it and an auditor
 * can see the parameters every run used.
 */
import { Decider, DomainCommand, DomainEvent } from '../decider';
import { assertNever, DomainError } from '../domain-error';
import { JsonObject } from '../rules/json.rules';

export const COHORT_RUN_CATEGORY = 'cohort-run';
export const cohortRunStream = (id: string): string => `${COHORT_RUN_CATEGORY}-${id}`;

export const COHORT_RUN_STAGES = ['collecting', 'solving', 'proposing'] as const;
export type CohortRunStage = (typeof COHORT_RUN_STAGES)[number];

/** The knobs of one run, stored with it (issue 4: "their values are stored on every run"). */
export interface CohortRunParameters {
  /**
   * Each newcomer's best feasible key persons the solver starts from. Tuning
   * only: the solver adds whatever other pairs the optimum needs. (Runs solved
   * before this changed kept only these pairs.)
   */
  readonly candidatesPerNewcomer: number;
  /** Score added per day waited, so that nobody waits forever. */
  readonly waitingBonusPerDay: number;
  /**
   * Convex load cost: a place costs `loadCost · (share of the key person's capacity already taken)²`,
   * so the k-th newcomer of a key person costs more than the first, and no place more than `loadCost`.
   */
  readonly loadCost: number;
}

/** What a run uses when the coordinator asks for nothing else. */
export const DEFAULT_COHORT_RUN_PARAMETERS: CohortRunParameters = { candidatesPerNewcomer: 16, waitingBonusPerDay: 0.005, loadCost: 0.05 };

/** Newcomers of these municipalities only (a coordinator's scope), or all when null. */
export type CohortRunScope = readonly string[] | null;

type RunCommandOf<Type extends string, Data extends object = object> = DomainCommand<Type, { readonly runId: string; readonly at: string } & Readonly<Data>>;
export type StartCohortRun = RunCommandOf<'StartCohortRun', { requestedBy: string; parameters: CohortRunParameters; municipalities: CohortRunScope }>;
export type RecordCohortRunProgress = RunCommandOf<'RecordCohortRunProgress', { stage: CohortRunStage; progress: number }>;
/** One pair the optimiser chose: ids and figures only, no personal data. */
export interface CohortRunAssignment {
  readonly newcomerId: string;
  readonly keyPersonId: string;
  /** The policy's score for the pair. */
  readonly score: number;
  /** Its worth in the run's objective: score + waiting bonus − load cost. */
  readonly weight: number;
}

/**
 * Why a waiting newcomer was left out of a run: `no-eligible-key-person`, every
 * key person failed a hard constraint (the counts per constraint say which);
 * `places-given-to-others`, every eligible key person's free places went to
 * newcomers they did more for (more places would help); `load-cost-outweighs-score`,
 * an eligible key person still had a free place, but its load cost was more
 * than the pair was worth (a lower `loadCost` would place them). The solver's
 * optimality makes the last exact: a free place worth taking would have been.
 */
export const COHORT_RUN_UNPLACED_REASONS = ['no-eligible-key-person', 'places-given-to-others', 'load-cost-outweighs-score'] as const;
export type CohortRunUnplacedReason = (typeof COHORT_RUN_UNPLACED_REASONS)[number];

/**
 * A waiting newcomer the run did not place, and why. Which hard constraints
 * excluded key persons tells something about the newcomer (`gender-required`,
 * `same-origin-declined`), so in a page of the solution each such row is
 * sealed under the newcomer's own key, as their row for the fairness report
 * is.
 */
export interface CohortRunUnplaced {
  readonly newcomerId: string;
  readonly reason: CohortRunUnplacedReason;
  /** Key persons who passed every hard constraint. */
  readonly eligible: number;
  /** The best of their scores; null without any. */
  readonly bestScore: number | null;
  /** Key persons excluded, per hard constraint (the first each failed); only constraints that excluded someone. */
  readonly excluded: Readonly<Record<string, number>>;
}

/**
 * One newcomer of a run as its fairness report groups them (the languages
 * they speak best, gender, age band and days waited): personal data, sealed
 * under the newcomer's own key in the run's event, so that an erasure takes
 * them out of the report. An erased newcomer's row reads
 * `{ newcomerId, personal: { erased: true } }`.
 */
export interface CohortRunNewcomer {
  readonly newcomerId: string;
  /**
   * Every language at their best level, by code (`['none']` without any).
   * Pages before schema version 3 recorded one, the first of these, and read
   * as that one alone.
   */
  readonly languages: readonly string[];
  readonly gender: string;
  readonly ageBand: string;
  readonly waitingDays: number;
}
export type CohortRunNewcomerRow = CohortRunNewcomer | { readonly newcomerId: string; readonly personal: JsonObject };
/**
 * A left-out newcomer as a page of schema version 2 holds them: their
 * reasons, or `{ newcomerId, personal: { erased: true } }` once they are
 * erased (or, read with the rows left sealed, the seal itself). Pages of
 * version 1 (runs solved before 2026-11-30) keep the reasons in clear.
 */
export type CohortRunUnplacedRow = CohortRunUnplaced | { readonly newcomerId: string; readonly personal: JsonObject };

/**
 * A solution is recorded in pages, each a slice of the run's newcomers with
 * their pairs, their reasons for being left out and their rows, so that no
 * one append grows with the run: EventStoreDB refuses any write over its
 * maximum append size (1 MiB by default). The pages of one solve share a
 * `solutionId`; they count once `RecordCohortRunSolution` seals that many of
 * them, and pages of a solve that stopped before it (a worker that died) are
 * left behind: folded until the seal, then dropped.
 */
export interface CohortRunSolutionPage {
  readonly solutionId: string;
  /** From 0. */
  readonly page: number;
  readonly assignments: readonly CohortRunAssignment[];
  readonly unplaced: readonly CohortRunUnplaced[];
  readonly newcomers: readonly CohortRunNewcomer[];
}
export type RecordCohortRunSolutionPage = RunCommandOf<'RecordCohortRunSolutionPage', CohortRunSolutionPage>;
export type RecordCohortRunSolution = RunCommandOf<'RecordCohortRunSolution', { solutionId: string; pages: number; summary: JsonObject; load: JsonObject }>;
/**
 * `summary`: the proposing's tally; `notProposedNewcomerIds`: the newcomers
 * whose pair the run did not propose (the newcomer or the key person's place
 * was taken meanwhile), ids only, as the run's pairs already hold them.
 */
export type CompleteCohortRun = RunCommandOf<'CompleteCohortRun', { summary: JsonObject; notProposedNewcomerIds: readonly string[] }>;
export type FailCohortRun = RunCommandOf<'FailCohortRun', { reason: string }>;
export type CohortRunCommand = StartCohortRun | RecordCohortRunProgress | RecordCohortRunSolutionPage | RecordCohortRunSolution | CompleteCohortRun | FailCohortRun;

type RunEventOf<Type extends string, Data extends object> = DomainEvent<Type, { readonly runId: string } & Readonly<Data>>;
export type CohortRunStarted = RunEventOf<'CohortRunStarted', { requestedBy: string; parameters: CohortRunParameters; municipalities: CohortRunScope; startedAt: string }>;
export type CohortRunProgressed = RunEventOf<'CohortRunProgressed', { stage: CohortRunStage; progress: number; at: string }>;
export type CohortRunSolutionPaged = RunEventOf<'CohortRunSolutionPaged', Omit<CohortRunSolutionPage, 'unplaced' | 'newcomers'> & {
  unplaced: readonly CohortRunUnplacedRow[]; newcomers: readonly CohortRunNewcomerRow[]; at: string;
}>;
/**
 * Schema version 2 added `unplaced`; a version-1 run reads as null: not
 * recorded. Version 3 seals `pages` pages of the solve `solutionId`, which
 * hold the pairs, the newcomers left out and each newcomer's row (sealed
 * under the newcomer's key), and records the load spread in place of the
 * whole fairness report, which is computed when read. An earlier run reads
 * with `solutionId` null, its pairs and left-out newcomers inline,
 * `newcomers` and `load` null, and its report as `fairness`, as recorded.
 * Version 4 records no count per reason a newcomer was left out
 * (`summary.unplacedBy`, in clear until then, which named a lone left-out
 * newcomer's reason after their erasure): the API counts them when read,
 * from the rows. A run of version 3 or 2 reads without it.
 */
export type CohortRunSolved = RunEventOf<'CohortRunSolved', {
  solutionId: string | null; pages: number;
  assignments: readonly CohortRunAssignment[]; unplaced: readonly CohortRunUnplaced[] | null; summary: JsonObject;
  newcomers: readonly CohortRunNewcomerRow[] | null; load: JsonObject | null; fairness?: JsonObject; solvedAt: string;
}>;
/**
 * Schema version 2 records which newcomers' pairs were not proposed
 * (`notProposedNewcomerIds`), so that the fairness report counts as matched
 * only the pairs proposed. A version-1 run reads with an empty list when its
 * tally says every pair was proposed, else null: not recorded.
 */
export type CohortRunCompleted = RunEventOf<'CohortRunCompleted', { summary: JsonObject; notProposedNewcomerIds: readonly string[] | null; completedAt: string }>;
export type CohortRunFailed = RunEventOf<'CohortRunFailed', { reason: string; failedAt: string }>;
export type CohortRunEvent = CohortRunStarted | CohortRunProgressed | CohortRunSolutionPaged | CohortRunSolved | CohortRunCompleted | CohortRunFailed;

export type CohortRunStatus = 'unstarted' | 'running' | 'done' | 'failed';

/**
 * Every event of a run but its solution pages. Folded alone they give the
 * run's status, stage, progress, requester, parameters, scope, times,
 * figures and reason exactly as the whole stream does: a page only adds
 * pairs, left-out newcomers and rows (`assignments`, `unplaced`,
 * `newcomers`), which the seal then takes up. A list of runs reads these
 * and not the pages, which grow with the run (megabytes for ten thousand
 * newcomers).
 */
export const COHORT_RUN_SUMMARY_EVENT_TYPES = [
  'CohortRunStarted', 'CohortRunProgressed', 'CohortRunSolved', 'CohortRunCompleted', 'CohortRunFailed',
] as const satisfies readonly Exclude<CohortRunEvent['type'], 'CohortRunSolutionPaged'>[];

export interface CohortRunState {
  readonly status: CohortRunStatus;
  readonly requestedBy: string | null;
  readonly parameters: CohortRunParameters | null;
  readonly municipalities: CohortRunScope;
  readonly startedAt: string | null;
  readonly stage: CohortRunStage | null;
  /** Share of the current stage done, in [0, 1]; 1 once done. */
  readonly progress: number;
  /** What the optimiser chose, recorded once: a redelivered run proposes these, not a second solution. */
  readonly assignments: readonly CohortRunAssignment[] | null;
  /**
   * The waiting newcomers it left out, and why (an erased one as their id and the erased marker); null before the
   * solve, or for a run solved before this was recorded.
   */
  readonly unplaced: readonly CohortRunUnplacedRow[] | null;
  /** The solve's figures (people, edges, objective), then the proposing's added on completion. */
  readonly summary: JsonObject | null;
  /** Who the run was over, for its fairness report; null before the solve, or for a run solved before these were recorded. */
  readonly newcomers: readonly CohortRunNewcomerRow[] | null;
  /** How the key persons' load spread after the run; null as `newcomers`. */
  readonly load: JsonObject | null;
  /** The fairness report of a run solved before the newcomers' rows were recorded, as it was recorded then; null otherwise. */
  readonly recordedFairness: JsonObject | null;
  /**
   * The newcomers whose pair the run did not propose (withdrawn or matched
   * meanwhile, or the key person's place taken); null until the run
   * completes, or for a run completed before this was recorded whose pairs
   * were not all proposed.
   */
  readonly notProposedNewcomerIds: readonly string[] | null;
  /** Pages recorded before their solve is sealed, by solve; emptied once one is. */
  readonly pendingPages: Readonly<Record<string, readonly CohortRunSolutionPaged['data'][]>>;
  readonly reason: string | null;
  readonly finishedAt: string | null;
}

export const COHORT_RUN_ERRORS = {
  notFound: 'COHORT_RUN.NOT_FOUND',
  alreadyStarted: 'COHORT_RUN.ALREADY_STARTED',
  finished: 'COHORT_RUN.FINISHED',
  invalid: 'COHORT_RUN.INVALID',
} as const;

const STAGE_ORDER: Readonly<Record<CohortRunStage, number>> = { collecting: 0, solving: 1, proposing: 2 };

function decide(command: CohortRunCommand, state: CohortRunState): CohortRunEvent[] {
  const { runId, at } = command.data;
  if (command.type === 'StartCohortRun') {
    if (state.status !== 'unstarted') throw new DomainError(COHORT_RUN_ERRORS.alreadyStarted, 'conflict', 'This cohort run has already started');
    const violations = parameterViolations(command.data.parameters);
    if (violations.length > 0) throw new DomainError(COHORT_RUN_ERRORS.invalid, 'invalid', 'The cohort run parameters are not valid', violations);
    const { requestedBy, parameters, municipalities } = command.data;
    return [{ type: 'CohortRunStarted', data: { runId, requestedBy, parameters, municipalities, startedAt: at } }];
  }
  if (state.status === 'unstarted') throw new DomainError(COHORT_RUN_ERRORS.notFound, 'not-found', 'No cohort run under this id');
  if (state.status !== 'running') {
    // A redelivered job finishing again changes nothing; anything else on a finished run is refused.
    if (command.type === 'CompleteCohortRun' && state.status === 'done') return [];
    if (command.type === 'FailCohortRun' && state.status === 'failed') return [];
    if (command.type === 'RecordCohortRunProgress' || command.type === 'RecordCohortRunSolution' || command.type === 'RecordCohortRunSolutionPage') return [];
    throw new DomainError(COHORT_RUN_ERRORS.finished, 'conflict', 'This cohort run has finished');
  }
  switch (command.type) {
    case 'RecordCohortRunProgress': {
      const { stage, progress } = command.data;
      const clamped = Math.min(1, Math.max(0, progress));
      const current = state.stage === null ? -1 : STAGE_ORDER[state.stage];
      // Progress only moves forward: a slow or repeated report is dropped.
      if (STAGE_ORDER[stage] < current || (STAGE_ORDER[stage] === current && clamped <= state.progress)) return [];
      return [{ type: 'CohortRunProgressed', data: { runId, stage, progress: clamped, at } }];
    }
    case 'RecordCohortRunSolutionPage': {
      // The first solution stands: a page of a later solve, or one recorded already, changes nothing.
      const { solutionId, page, assignments, unplaced, newcomers } = command.data;
      if (state.assignments !== null || (state.pendingPages[solutionId] ?? []).some((p) => p.page === page)) return [];
      return [{ type: 'CohortRunSolutionPaged', data: { runId, solutionId, page, assignments, unplaced, newcomers, at } }];
    }
    case 'RecordCohortRunSolution': {
      // The first solution stands: a redelivered job that solved again proposes the recorded one.
      if (state.assignments !== null) return [];
      const { solutionId, pages, summary, load } = command.data;
      const recorded = new Set((state.pendingPages[solutionId] ?? []).map((p) => p.page));
      const missing = Array.from({ length: pages }, (_, page) => page).filter((page) => !recorded.has(page));
      if (missing.length > 0 || recorded.size !== pages) {
        throw new DomainError(COHORT_RUN_ERRORS.invalid, 'invalid', `Solve ${solutionId} has ${recorded.size} pages recorded, not the ${pages} to seal`);
      }
      return [{ type: 'CohortRunSolved', data: { runId, solutionId, pages, assignments: [], unplaced: [], summary, newcomers: [], load, solvedAt: at } }];
    }
    case 'CompleteCohortRun': {
      const { summary, notProposedNewcomerIds } = command.data;
      return [{ type: 'CohortRunCompleted', data: { runId, summary, notProposedNewcomerIds: [...notProposedNewcomerIds], completedAt: at } }];
    }
    case 'FailCohortRun':
      return [{ type: 'CohortRunFailed', data: { runId, reason: command.data.reason.slice(0, 1000), failedAt: at } }];
    default:
      return assertNever(command);
  }
}

function parameterViolations(parameters: CohortRunParameters): { field: string; rule: string; message: string }[] {
  const violations = [];
  const { candidatesPerNewcomer, waitingBonusPerDay, loadCost } = parameters;
  if (!Number.isInteger(candidatesPerNewcomer) || candidatesPerNewcomer < 1 || candidatesPerNewcomer > 500) {
    violations.push({ field: 'candidatesPerNewcomer', rule: 'range', message: 'must be a whole number from 1 to 500' });
  }
  // Above 0: the bonus is what lets a long wait outweigh any difference in score, so that nobody waits forever
  // (SPEC §5); at 0 a newcomer who scores lower loses a contested place to every fresh arrival, run after run.
  if (!Number.isFinite(waitingBonusPerDay) || waitingBonusPerDay <= 0 || waitingBonusPerDay > 1) {
    violations.push({ field: 'waitingBonusPerDay', rule: 'range', message: 'must be more than 0 and at most 1' });
  }
  if (!Number.isFinite(loadCost) || loadCost < 0 || loadCost > 1) violations.push({ field: 'loadCost', rule: 'range', message: 'must be from 0 to 1' });
  return violations;
}

function evolve(state: CohortRunState, event: CohortRunEvent): CohortRunState {
  switch (event.type) {
    case 'CohortRunStarted':
      return {
        ...state, status: 'running', requestedBy: event.data.requestedBy, parameters: event.data.parameters,
        municipalities: event.data.municipalities ?? null, startedAt: event.data.startedAt,
      };
    case 'CohortRunProgressed':
      return { ...state, stage: event.data.stage, progress: event.data.progress };
    case 'CohortRunSolutionPaged':
      if (state.assignments !== null) return state;
      return { ...state, pendingPages: { ...state.pendingPages, [event.data.solutionId]: [...(state.pendingPages[event.data.solutionId] ?? []), event.data] } };
    case 'CohortRunSolved': {
      // The solution is what it holds inline (a run solved before pages) and its sealed pages, in page order.
      const pages = event.data.solutionId === null ? [] : [...(state.pendingPages[event.data.solutionId] ?? [])].sort((a, b) => a.page - b.page);
      const { assignments, unplaced, newcomers } = event.data;
      return {
        ...state,
        assignments: [...assignments, ...pages.flatMap((p) => p.assignments)],
        unplaced: unplaced === null ? null : [...unplaced, ...pages.flatMap((p) => p.unplaced)],
        newcomers: newcomers === null ? null : [...newcomers, ...pages.flatMap((p) => p.newcomers)],
        summary: event.data.summary, load: event.data.load, recordedFairness: event.data.fairness ?? null, pendingPages: {},
      };
    }
    case 'CohortRunCompleted':
      return {
        ...state, status: 'done', progress: 1, summary: { ...state.summary, ...event.data.summary },
        notProposedNewcomerIds: event.data.notProposedNewcomerIds ?? null, finishedAt: event.data.completedAt,
      };
    case 'CohortRunFailed':
      return { ...state, status: 'failed', reason: event.data.reason, finishedAt: event.data.failedAt };
    default:
      return assertNever(event);
  }
}

export const initialCohortRunState = (): CohortRunState => ({
  status: 'unstarted', requestedBy: null, parameters: null, municipalities: null, startedAt: null, stage: null, progress: 0,
  assignments: null, unplaced: null, summary: null, newcomers: null, load: null, recordedFairness: null, notProposedNewcomerIds: null, pendingPages: {},
  reason: null, finishedAt: null,
});

export const cohortRunDecider: Decider<CohortRunCommand, CohortRunEvent, CohortRunState> = { decide, evolve, initialState: initialCohortRunState };
