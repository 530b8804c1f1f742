import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@sleutel/auth';
import {
  COHORT_RUN_SUMMARY_EVENT_TYPES, CohortRunCommand, CohortRunParameters, CohortRunScope, CohortRunState, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS,
  derivedId, DomainError,
} from '@sleutel/domain';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { APP_CONFIG, AppConfigType, cohortRunAggregate, KEY_STORE, ReadSide, ROWS_SEALED_RUNNER } from '@sleutel/platform';
import { CachingKeyStore } from '@sleutel/privacy';
import { notFound } from '../common/auth/municipality-scope';
import { idempotentName, IdempotencyKeys } from '../common/idempotency-key';
import { decodeCursor, encodeCursor } from '../common/page-cursor';
import { fairnessOf } from './cohort-run-fairness';
import { unplacedFigures, unplacedOf } from './cohort-run-unplaced';
import { OpenedRuns } from './opened-runs';
import { CohortRunListItem, CohortRunListQuery, CohortRunResponse, StartCohortRunRequest } from './cohort-run.dto';
import { overlappingRunProblem } from './overlapping-run.problem';

type IdempotentContext = (idempotency?: { key: string; fingerprint: string }) => CommandContext;

/**
 * Cohort runs over HTTP (SPEC §9). Starting one appends `CohortRunStarted`;
 * the matcher (in this process or a worker) picks it up from the log, so the
 * answer is 202 and the run's progress is read from its stream. Lists page
 * through the cohort-runs read model and read each run from its stream too,
 * without its solution pages (`summaryOf`).
 * A run is refused (409) while another over some of the same newcomers is
 * running: see `refuseWhileOverlapping`.
 */
@Injectable()
export class CohortRunsService {
  /** Runs with their newcomers' rows opened, for the reports (`get`). */
  private readonly opened: OpenedRuns;

  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    private readonly idempotency: IdempotencyKeys,
    /** Reads runs where no newcomer's row is shown (lists, the scope check): those stay sealed (a large run has thousands). */
    @Inject(ROWS_SEALED_RUNNER) private readonly listing: CommandRunner,
    @Inject(APP_CONFIG) private readonly config: AppConfigType,
    @Inject(KEY_STORE) keys: CachingKeyStore,
  ) {
    this.opened = new OpenedRuns(runner, keys);
  }

  async start(principal: Principal, body: StartCohortRunRequest, context: IdempotentContext, key?: string): Promise<CohortRunResponse> {
    const parameters: CohortRunParameters = {
      candidatesPerNewcomer: body.candidatesPerNewcomer ?? DEFAULT_COHORT_RUN_PARAMETERS.candidatesPerNewcomer,
      waitingBonusPerDay: body.waitingBonusPerDay ?? DEFAULT_COHORT_RUN_PARAMETERS.waitingBonusPerDay,
      loadCost: body.loadCost ?? DEFAULT_COHORT_RUN_PARAMETERS.loadCost,
    };
    // A coordinator limited to some municipalities runs a cohort of their newcomers only.
    const municipalities = principal.municipalities === null ? null : [...principal.municipalities].sort();
    const fingerprint = key === undefined ? undefined : this.idempotency.fingerprint({ parameters, municipalities });
    const runId = key === undefined ? randomUUID() : derivedId(idempotentName('cohort-run', principal.subject, key));
    const idempotency = key === undefined || fingerprint === undefined ? undefined : { key, fingerprint };
    await this.refuseWhileOverlapping(principal, municipalities, runId, key !== undefined);
    try {
      const outcome = await this.runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
        { type: 'StartCohortRun', data: { runId, at, requestedBy: principal.subject, parameters, municipalities } },
      ], context(idempotency));
      // Read-your-writes: the list shows the run as soon as its Location is answered.
      if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    } catch (error) {
      // The same key again: the first run is the answer, provided it was asked with the same body.
      if (!(idempotency && error instanceof DomainError && error.code.endsWith('.ALREADY_STARTED'))) throw error;
    }
    const { state, events } = await this.runner.load(cohortRunAggregate, cohortRunStream(runId));
    const asked = events[0]?.metadata.idempotency;
    if (idempotency && (asked?.key !== idempotency.key || asked.fingerprint !== idempotency.fingerprint)) throw IdempotencyKeys.reused();
    // The first answer again, so read-your-writes again: the run may have been started through another replica.
    if (events.length > 0) await this.readSide.waitFor(events[0].position);
    return view(runId, state);
  }

  /**
   * Refuses (409, nothing appended) while a run over some of the same
   * newcomers is running (`CohortRunsProjection.runningOverlapping`), so that
   * a client starting runs in a loop has one running at a time per scope:
   * each run records every newcomer it leaves out, some 336 KB a page of 500.
   * Looked up in this process's read model, which holds every run this
   * process started before answering (read-your-writes) but may not yet hold
   * one another replica has just started: two requests on two replicas within
   * that lag can both start a run. This bounds loops, not races. A run the
   * read model still has as running is looked at in its stream, which may
   * already say it finished. A retry of the request that started a run (the
   * same Idempotency-Key) is answered as before, whatever runs meanwhile; a
   * run started `cohortRunStaleAfterMs` ago or longer holds nothing back.
   */
  private async refuseWhileOverlapping(principal: Principal, scope: CohortRunScope, runId: string, keyed: boolean): Promise<void> {
    const since = new Date(Date.now() - this.config.matcher.cohortRunStaleAfterMs).toISOString();
    const candidates = this.readSide.cohortRuns.runningOverlapping(scope, since);
    if (candidates.length === 0) return;
    if (keyed && (await this.summaryOf(runId)).status !== 'unstarted') return;
    for (const candidate of candidates) {
      const state = await this.summaryOf(candidate.id);
      if (state.status !== 'running') continue;
      throw overlappingRunProblem(mayRead(principal, state) ? { id: candidate.id, municipalities: state.municipalities } : null);
    }
  }

  async get(principal: Principal, id: string): Promise<CohortRunResponse> {
    // Scope first, with the rows left sealed: a token that may not read the run makes no key be opened.
    const summary = await this.summaryOf(id);
    if (summary.status === 'unstarted' || !mayRead(principal, summary)) throw notFound('cohort run');
    return view(id, await this.opened.state(id));
  }

  /** Runs the token may read, newest first. */
  async list(principal: Principal, query: CohortRunListQuery): Promise<{ items: CohortRunListItem[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const page = this.readSide.cohortRuns.list({ municipalities: principal.municipalities, before: decodeCursor(query.cursor), limit });
    const states = await Promise.all(page.entries.map(async (entry) => ({ id: entry.id, state: await this.summaryOf(entry.id) })));
    // The read model applies the same scope rule; checked again on the stream, as every read is.
    const items = states.filter(({ state }) => state.status !== 'unstarted' && mayRead(principal, state)).map(({ id, state }) => listItem(id, state));
    const last = page.entries[page.entries.length - 1];
    return { items, nextCursor: page.more && last ? encodeCursor(last.startedPosition) : null };
  }

  /**
   * A run folded from its stream without the solution pages, rows left
   * sealed: everything a list item and the scope check read, the same as the
   * whole stream gives (`COHORT_RUN_SUMMARY_EVENT_TYPES`), without reading
   * the pages, megabytes for a large run.
   */
  private async summaryOf(id: string): Promise<CohortRunState> {
    return (await this.listing.load(cohortRunAggregate, cohortRunStream(id), { eventTypes: COHORT_RUN_SUMMARY_EVENT_TYPES })).state;
  }
}

/** A scoped token reads runs within its municipalities only; an unscoped run covers everyone, so only unscoped tokens read it. */
function mayRead(principal: Principal, state: CohortRunState): boolean {
  if (principal.municipalities === null) return true;
  return state.municipalities !== null && state.municipalities.every((code) => principal.municipalities!.includes(code));
}

/**
 * A run with its fairness report and the newcomers it left out, and in its
 * figures how many it left out per reason, counted from their rows (an
 * erased one's reason went with their key: `unplacedErased` counts them).
 */
function view(id: string, state: CohortRunState): CohortRunResponse {
  const item = listItem(id, state);
  const figures = unplacedFigures(state);
  return {
    ...item,
    summary: item.summary === null || figures === null ? item.summary : { ...item.summary, ...figures },
    fairness: fairnessOf(state),
    unplaced: state.unplaced === null ? null : state.unplaced.map(unplacedOf),
  };
}

/**
 * A run without its fairness report and the newcomers it left out, nor their
 * counts per reason, which are counted from the newcomers' rows: a list
 * reads runs with those rows left sealed.
 */
function listItem(id: string, state: CohortRunState): CohortRunListItem {
  return {
    id,
    status: state.status,
    stage: state.stage,
    progress: state.progress,
    requestedBy: state.requestedBy ?? '',
    parameters: state.parameters ?? DEFAULT_COHORT_RUN_PARAMETERS,
    municipalities: state.municipalities === null ? null : [...state.municipalities],
    startedAt: state.startedAt ?? '',
    finishedAt: state.finishedAt,
    summary: state.summary === null ? null : { ...state.summary },
    reason: state.reason,
  };
}
