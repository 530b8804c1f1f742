import { randomUUID } from 'node:crypto';
import {
  COHORT_RUN_SUMMARY_EVENT_TYPES, CohortRunAssignment, CohortRunCommand, CohortRunStage, CohortRunState, cohortRunStream, CohortRunUnplaced,
  DEFAULT_COHORT_RUN_PARAMETERS, derivedId, DomainError, matchStream, newcomerStream,
} from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { CohortEdgeList, CohortProblem, fairnessFacts, loadSpread, MatchingKeyPerson, reduceCohort } from '@sleutel/matching';
import { cohortRunAggregate, matchAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { CandidatePool, CandidatePoolBehindError } from '../candidate-pool';
import { causeOf, MatcherJobs } from '../matcher.jobs';
import { toMatchingNewcomer } from '../matching-newcomer.mapper';
import { Proposer, ProposalJob } from '../proposer';
import { workerContext } from '../worker-context';
import { inLanes } from './lanes';
import { CohortSolver } from './solver-thread';
import { waitingNewcomers } from './waiting-newcomers';

type CohortJob = { readonly id: string; readonly data: MatcherJobs['cohort-run'] };

export interface CohortRunSettings {
  readonly indexWaitTimeoutMs: number;
  /** Progress is recorded at most this often per stage (and at every stage's start and end). */
  readonly progressEveryMs: number;
  /** Key persons whose pairs are proposed side by side; `PROPOSING_LANES` by default, 1 for one pair at a time. */
  readonly proposingLanes?: number;
  /** Newcomers per page of a recorded solution; `SOLUTION_PAGE_NEWCOMERS` by default. */
  readonly solutionPageNewcomers?: number;
  /**
   * Reads and writes the run's own stream. The matcher never reads the
   * newcomers' sealed rows, so give it a runner whose codec leaves them
   * sealed (the platform's `ROWS_SEALED_RUNNER`): every
   * load of the run would otherwise open each row under its own key. The
   * main runner by default.
   */
  readonly runRunner?: CommandRunner;
}

/**
 * Newcomers per page of a recorded solution. A newcomer takes at most about
 * 950 bytes of a page (their pair, or their reasons for being left out, and
 * their row, each sealed under their key), so a page stays far below
 * EventStoreDB's maximum append size (1 MiB by default), however large the run.
 */
export const SOLUTION_PAGE_NEWCOMERS = 500;

/**
 * Key persons whose pairs a run proposes side by side. One pair at a time,
 * each of a proposal's three appends waited for its own fsync, and a run of a
 * few hundred pairs took minutes; side by side they share commits.
 */
export const PROPOSING_LANES = 8;

/** What became of one run's pairs when they were proposed. */
interface ProposingTally {
  proposed: number;
  /** The newcomer was withdrawn or had a proposal from on-demand matching by then. */
  supersededNewcomer: number;
  /** The key person's free place was taken, or they were no longer a feasible candidate. */
  supersededKeyPerson: number;
}

/** The match id a cohort run uses for a newcomer: the same on every delivery of the job. */
export const cohortMatchId = (runId: string, newcomerId: string): string => derivedId(`cohort-match|${runId}|${newcomerId}`);

/**
 * A cohort run (SPEC §5): every waiting newcomer and every free place at
 * once, exactly optimal for score + waiting bonus − convex load cost.
 *
 *   collecting  waiting newcomers of the run's scope, each scored against the
 *               pool: every feasible key person is an edge (the solver starts
 *               from each newcomer's best `candidatesPerNewcomer` and proves
 *               the answer optimal over all edges);
 *   solving     the exact solver on a worker thread; the chosen pairs, the
 *               reasons of those left out and each newcomer's facts for the
 *               fairness report are recorded in pages of the solve
 *               (CohortRunSolutionPaged), then the figures and the load
 *               spread seal them (CohortRunSolved), once;
 *   proposing   each pair through the Proposer's capacity-reserving steps, the
 *               same as on-demand matching, so both modes can run at once:
 *               a pair whose newcomer or place was taken meanwhile is counted
 *               as superseded, never forced. The pairs of different key
 *               persons are proposed side by side (`PROPOSING_LANES`), each
 *               key person's one after another.
 *
 * A redelivered job finds the recorded solution and proposes it again; every
 * proposing step's command id derives from the run and the newcomer, so no
 * pair is proposed twice. A delivery that stopped before the seal leaves its
 * pages behind, and the next one solves again under a new solve id: the seal
 * takes only its own solve's pages, and the first seal stands. Proposals
 * still wait for a coordinator's approval.
 */
export class CohortRuns {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pool: CandidatePool,
    private readonly readSide: ReadSide,
    private readonly proposer: Proposer,
    private readonly solve: CohortSolver,
    private readonly settings: CohortRunSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private get runs(): CommandRunner {
    return this.settings.runRunner ?? this.runner;
  }

  async run(job: CohortJob): Promise<CohortRunState> {
    const loaded = await this.runs.load(cohortRunAggregate, cohortRunStream(job.data.runId));
    let state = loaded.state;
    if (state.status !== 'running') return state;
    if (state.assignments === null) {
      try {
        await this.solveRun(job, state);
      } catch (error) {
        // The solver is deterministic: what failed once fails again, so the run ends here, saying why.
        if (!(error instanceof CohortSolveError)) throw error;
        await this.command(job, 'fail', (at) => ({ type: 'FailCohortRun', data: { runId: job.data.runId, at, reason: error.message } }));
        return this.load(job);
      }
      state = await this.load(job);
    } else {
      // Redelivered after the solution was recorded (a worker stopped while proposing), maybe to a worker that has
      // just started and whose pool is still reading the log: propose only once it has read the run's own events,
      // or every pair would look taken and the figures would say so.
      await this.catchUp(job, Math.max(job.data.causePosition, loaded.events.at(-1)?.position ?? 0));
    }
    const { tally, notProposed } = await this.proposeAll(job, state.assignments ?? []);
    await this.command(job, 'complete', (at) => ({
      type: 'CompleteCohortRun', data: { runId: job.data.runId, at, summary: { ...tally }, notProposedNewcomerIds: notProposed },
    }));
    return this.load(job);
  }

  /** Ends a run that is still running as failed, for `reason`; a run that ended meanwhile stays as it is. */
  async giveUp(job: CohortJob, reason: string): Promise<void> {
    if ((await this.load(job)).status !== 'running') return;
    await this.command(job, 'give-up', (at) => ({ type: 'FailCohortRun', data: { runId: job.data.runId, at, reason } }));
  }

  private async solveRun(job: CohortJob, state: CohortRunState): Promise<void> {
    const { causePosition } = job.data;
    const parameters = state.parameters ?? DEFAULT_COHORT_RUN_PARAMETERS;
    // Collected from a partial directory or ranked against a partial pool, the run would leave out newcomers and
    // places as if they did not exist, and record that as its solution for good.
    await this.catchUp(job, causePosition);
    const progress = this.progressReporter(job);
    await progress('collecting', 0, true);
    const newcomers = await waitingNewcomers(this.runner, this.readSide.directory, state.municipalities);

    // Ranking is synchronous and the pool moves on between awaits: one tick ranks everyone,
    // so every edge is scored against the same pool, at the position recorded below.
    const now = this.clock();
    const scoredAt = now.toISOString();
    const logPosition = this.pool.indexPosition;
    const policy = this.pool.policy;
    const activeKeyPersons = this.pool.index.table.records.filter((k): k is MatchingKeyPerson => k !== undefined && k.status === 'active');
    const keyPersonAt = new Map(activeKeyPersons.map(({ id }, index) => [id, index]));
    // Pairs by position in `newcomers` and `activeKeyPersons`, in typed arrays: a run has hundreds of feasible pairs per newcomer.
    const edgeList = new CohortEdgeList();
    const eligibility = new Map<string, Omit<CohortRunUnplaced, 'newcomerId' | 'reason'>>();
    // Every feasible pair is an edge: the solver keeps each newcomer's best few in its first
    // candidate graph and proves the answer optimal over all of them, adding what the proof needs.
    for (const [index, newcomer] of newcomers.entries()) {
      const { scores, excluded } = this.pool.index.feasibleScores(newcomer, policy, scoredAt);
      for (const { keyPersonId, score } of scores) {
        const keyPerson = keyPersonAt.get(keyPersonId);
        // Feasible means active, so every one is listed; a pair outside the list would be a bug, never worth a failed run.
        if (keyPerson !== undefined) edgeList.add(index, keyPerson, score);
      }
      eligibility.set(newcomer.id, {
        eligible: scores.length,
        bestScore: scores[0]?.score ?? null,
        excluded: Object.fromEntries(Object.entries(excluded).filter(([, count]) => count > 0)),
      });
    }
    // What the fairness report will group each newcomer by, and the days they waited, which the solver's bonus counts too.
    const facts = newcomers.map((newcomer) => fairnessFacts(newcomer, scoredAt));
    const problem: CohortProblem = {
      newcomers: facts.map(({ newcomerId, waitingDays }) => ({ id: newcomerId, waitingDays })),
      keyPersons: activeKeyPersons.map(({ id, capacity, load }) => ({ id, freeCapacity: Math.max(0, capacity - load), load, capacity })),
      edges: edgeList.edges(),
    };
    await progress('collecting', 1, true);

    await progress('solving', 0, true);
    const reduced = reduceCohort(problem, parameters);
    const started = performance.now();
    // Without a single feasible pair there is nothing to solve, and no thread is started for it (a scheduled run over an empty queue).
    const result = reduced.instance.edgeScore.length === 0
      ? { edgeOf: new Int32Array(reduced.instance.newcomerCount).fill(-1) }
      : await this.solve(reduced.instance, (fraction) => void progress('solving', fraction), { candidatesPerNewcomer: parameters.candidatesPerNewcomer }).catch((error: unknown) => {
        throw new CohortSolveError(error instanceof Error ? error.message : String(error));
      });
    const solveMs = Math.round(performance.now() - started);
    const solution = reduced.decode(result);
    await progress('solving', 1, true);

    const scores = new Map(solution.assignments.map((a) => [a.newcomer, a.score]));
    // The fairness report is computed when read, from each newcomer's facts, which the codec seals under their own key.
    const load = loadSpread(activeKeyPersons.map((k) => ({ load: k.load + (solution.taken.get(k.id) ?? 0), capacity: k.capacity })));
    const assignments: CohortRunAssignment[] = solution.assignments.map(({ newcomer, keyPerson, score, weight }) => ({
      newcomerId: newcomer, keyPersonId: keyPerson, score, weight,
    }));
    // Everyone left out, and why, so that a coordinator can act (recruit, widen a radius) and an auditor can see it was not arbitrary.
    const placeLeft = problem.keyPersons.map(({ id, freeCapacity }) => freeCapacity - (solution.taken.get(id) ?? 0) > 0);
    const besidesFreePlace = new Set<string>();
    for (let e = 0; e < problem.edges.newcomer.length; e += 1) {
      const { id } = newcomers[problem.edges.newcomer[e]];
      if (!scores.has(id) && placeLeft[problem.edges.keyPerson[e]]) besidesFreePlace.add(id);
    }
    const unplaced: CohortRunUnplaced[] = newcomers.filter(({ id }) => !scores.has(id)).map(({ id }) => {
      const figures = eligibility.get(id)!;
      const reason = figures.eligible === 0 ? 'no-eligible-key-person' : besidesFreePlace.has(id) ? 'load-cost-outweighs-score' : 'places-given-to-others';
      return { newcomerId: id, reason, ...figures };
    });
    // No count per reason in clear (CohortRunSolved v4): in a run leaving out one newcomer it would say why after their
    // erasure. The API counts them when read, from the left-out newcomers' rows, each sealed under their own key.
    const summary = {
      newcomers: newcomers.length,
      keyPersons: activeKeyPersons.length,
      freePlaces: problem.keyPersons.reduce((sum, k) => sum + k.freeCapacity, 0),
      candidateEdges: problem.edges.newcomer.length,
      assigned: solution.matched,
      unassigned: newcomers.length - solution.matched,
      objective: solution.objective,
      totalScore: solution.totalScore,
      meanScore: solution.matched === 0 ? null : solution.totalScore / solution.matched,
      policyVersion: policy.version,
      logPosition,
      scoredAt,
      solveMs,
    };
    // In pages, then sealed: no append grows with the run. A solve that stops between them leaves pages that count
    // for nothing, and the next delivery solves again under a new id.
    const solutionId = randomUUID();
    const { runId } = job.data;
    const pageSize = this.settings.solutionPageNewcomers ?? SOLUTION_PAGE_NEWCOMERS;
    const assignmentOf = new Map(assignments.map((a) => [a.newcomerId, a]));
    const unplacedOf = new Map(unplaced.map((u) => [u.newcomerId, u]));
    const pages = Math.ceil(newcomers.length / pageSize);
    for (let page = 0; page < pages; page += 1) {
      const slice = facts.slice(page * pageSize, (page + 1) * pageSize);
      const data = {
        solutionId, page,
        assignments: slice.flatMap(({ newcomerId }) => assignmentOf.get(newcomerId) ?? []),
        unplaced: slice.flatMap(({ newcomerId }) => unplacedOf.get(newcomerId) ?? []),
        newcomers: slice,
      };
      await this.command(job, `solution|${solutionId}|${page}`, (at) => ({ type: 'RecordCohortRunSolutionPage', data: { runId, at, ...data } }), 'whole');
    }
    await this.command(job, `solution|${solutionId}`, (at) => ({ type: 'RecordCohortRunSolution', data: { runId, at, solutionId, pages, summary, load: { ...load } } }), 'whole');
  }

  /**
   * Proposes every pair; what came of them, and the newcomers whose pair was
   * not proposed (superseded either way), which the fairness report leaves
   * out of the matched once the run completes.
   */
  private async proposeAll(job: CohortJob, assignments: readonly CohortRunAssignment[]): Promise<{ tally: ProposingTally; notProposed: string[] }> {
    const progress = this.progressReporter(job);
    await progress('proposing', 0, true);
    const outcomes: ('proposed' | 'not-waiting' | 'lost-race')[] = new Array(assignments.length);
    let done = 0;
    // A lane per key person, so the run's own proposals never race for one key person's stream; lanes run side by
    // side, so their appends share a commit (and its fsync). Every step is still checked against the streams as they
    // are then, and guarded by their revisions, as on-demand proposals running at the same time are.
    await inLanes([...assignments.keys()], (index) => assignments[index].keyPersonId, this.settings.proposingLanes ?? PROPOSING_LANES, async (index) => {
      outcomes[index] = await this.proposeOne(job, assignments[index]);
      done += 1;
      await progress('proposing', done / assignments.length);
    });
    await progress('proposing', 1, true);
    const tally: ProposingTally = { proposed: 0, supersededNewcomer: 0, supersededKeyPerson: 0 };
    const notProposed: string[] = [];
    for (const [index, outcome] of outcomes.entries()) {
      if (outcome === 'proposed') tally.proposed += 1;
      else if (outcome === 'not-waiting') tally.supersededNewcomer += 1;
      else tally.supersededKeyPerson += 1;
      if (outcome !== 'proposed') notProposed.push(assignments[index].newcomerId);
    }
    return { tally, notProposed };
  }

  /** One pair, scored again now for its explanation, then the three reserving steps. */
  private async proposeOne(job: CohortJob, { newcomerId, keyPersonId, weight, score }: CohortRunAssignment): Promise<'proposed' | 'not-waiting' | 'lost-race'> {
    const { runId } = job.data;
    const matchId = cohortMatchId(runId, newcomerId);
    // Proposed by an earlier delivery of this job, whose worker stopped before completing the run: proposed by this
    // run, whatever became of it since (a rejection has let the newcomer go, and would read as a pair lost).
    if ((await this.runner.load(matchAggregate, matchStream(matchId))).state.status !== 'unproposed') return 'proposed';
    const { state, revision } = await this.runner.load(newcomerAggregate, newcomerStream(newcomerId));
    if (state.status !== 'active') return 'not-waiting';
    if (state.openMatch !== null && state.openMatch.matchId !== matchId) return 'not-waiting';
    if (state.openMatch === null && state.matchEnded) return 'not-waiting';
    const newcomer = toMatchingNewcomer(newcomerId, state);
    if (newcomer === null) return 'not-waiting';
    const includes = (scored: { ranking: { ranking: readonly { keyPersonId: string }[] } }) =>
      scored.ranking.ranking.some((candidate) => candidate.keyPersonId === keyPersonId);
    let scored = this.proposer.scoreHolding(newcomer, revision, keyPersonId, matchId, 8);
    if (!includes(scored)) scored = this.proposer.scoreHolding(newcomer, revision, keyPersonId, matchId);
    // No longer feasible (paused, retired, full, or the profiles changed): the run does not force it.
    if (!includes(scored)) return 'lost-race';
    const proposalJob: ProposalJob = {
      id: `cohort-run-${runId}-${newcomerId}`,
      data: { ...causeOf(job.data), newcomerId },
    };
    return this.proposer.proposePair(proposalJob, matchId, keyPersonId, scored, { cohortRunId: runId, weight, score });
  }

  /**
   * Progress events, forward only (the decider drops the rest), at most one
   * per `progressEveryMs` unless forced; one write at a time, and the solver
   * thread's reports in between are dropped rather than queued.
   */
  private progressReporter(job: CohortJob): (stage: CohortRunStage, fraction: number, force?: boolean) => Promise<void> {
    let last = Number.NEGATIVE_INFINITY;
    let writing: Promise<void> | null = null;
    return async (stage, fraction, force = false) => {
      // A monotonic clock: with the wall clock set back, reports paused until it caught up again.
      const now = performance.now();
      if (!force && (writing !== null || now - last < this.settings.progressEveryMs)) return;
      if (writing !== null) await writing;
      last = now;
      const step = `progress|${stage}|${Math.round(fraction * 1000)}`;
      writing = this.command(job, step, (at) => ({ type: 'RecordCohortRunProgress', data: { runId: job.data.runId, at, stage, progress: fraction } }))
        .catch(() => undefined)
        .finally(() => void (writing = null));
      await writing;
    };
  }

  /**
   * Waits until the candidate pool and the read side have read the log up to
   * `position`; the job fails, and the queue tries it again, when either
   * does not get there in time (a worker still reading the log from its start).
   */
  private async catchUp(job: CohortJob, position: number): Promise<void> {
    try {
      await this.pool.catchUp(position, this.settings.indexWaitTimeoutMs);
    } catch (error) {
      if (!(error instanceof CandidatePoolBehindError)) throw error;
      throw new Error(`cohort run ${job.data.runId}: the candidate pool has not read the log up to ${position} yet; the job is tried again`);
    }
    // `reached`, not the read models' position alone: a run's own last events are none they project, and at a quiet
    // end of a log filtered on the server (EventStoreDB) their position may stay before them.
    if (!(await this.readSide.reached(position))) {
      throw new Error(`cohort run ${job.data.runId}: the read models are at ${this.readSide.position ?? -1}, not yet at ${position}; the job is tried again`);
    }
  }

  private async load(job: CohortJob): Promise<CohortRunState> {
    return (await this.runs.load(cohortRunAggregate, cohortRunStream(job.data.runId))).state;
  }

  /**
   * Appends `build`'s command to the run's stream. Deciding a page or the seal
   * reads the pages (`fold: 'whole'`); progress and the run's end are decided
   * on the run's summary alone, not on its pages, megabytes for a large run,
   * read again for every progress report otherwise.
   */
  private async command(job: CohortJob, step: string, build: (at: string) => CohortRunCommand, fold: 'summary' | 'whole' = 'summary'): Promise<void> {
    try {
      await this.runs.run(
        cohortRunAggregate, cohortRunStream(job.data.runId), (_, at): CohortRunCommand[] => [build(at)], workerContext(job.id, job.data, step),
        fold === 'summary' ? { foldOnly: COHORT_RUN_SUMMARY_EVENT_TYPES } : {},
      );
    } catch (error) {
      // A run that finished meanwhile (a redelivery racing the first delivery) has nothing left to record.
      if (error instanceof DomainError && error.kind === 'conflict') return;
      throw error;
    }
  }
}

class CohortSolveError extends Error {}

