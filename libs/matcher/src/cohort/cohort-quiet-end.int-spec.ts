/**
 * A redelivered cohort run on a log whose subscriptions are filtered on the server (EventStoreDB) and
 * whose last event (the run's own CohortRunSolved / CohortRunProgressed) is one the read models do not project.
 * EventStoreDB reports progress past filtered-out events only every 32 events, so at a quiet end of the log
 * the read side's `position` stays at the last projected event. Simulated by dropping `onProgress`.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CohortRunAssignment, CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, KeyPersonCommand, keyPersonStream, NewcomerCommand, newcomerStream,
} from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { cohortRunAggregate, keyPersonAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { CandidatePool } from '../candidate-pool';
import { Proposer } from '../proposer';
import { CohortRuns } from './cohort-runs';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from '../testing/fitting-people';
import { solveOnWorkerThread } from './solver-thread';
import { withoutProgress } from '../testing/quiet-end';

describe('a redelivered cohort run at a quiet end of a server-filtered log', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let pool: CandidatePool;
  let readSide: ReadSide;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-quiet-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'), { pollIntervalMs: 20 });
    runner = new CommandRunner(store, identityCodec);
    pool = new CandidatePool();
    readSide = ReadSide.open(join(dir, 'worker'), 1000);
  });
  afterEach(async () => {
    await pool.stop();
    await readSide.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('proposes the recorded solution once everything projected has been read', async () => {
    const keyPersons: string[] = [];
    const newcomers: string[] = [];
    for (let i = 0; i < 3; i += 1) {
      const k = randomUUID();
      await runner.run(keyPersonAggregate, keyPersonStream(k), (_, at): KeyPersonCommand[] => [{ type: 'RegisterKeyPerson', data: { keyPersonId: k, at, profile: fittingKeyPersonProfile } }], context());
      const n = randomUUID();
      await runner.run(newcomerAggregate, newcomerStream(n), (_, at): NewcomerCommand[] => [{ type: 'RegisterNewcomer', data: { newcomerId: n, at, profile: fittingNewcomerProfile } }], context());
      keyPersons.push(k); newcomers.push(n);
    }
    const runId = randomUUID();
    const started = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'test', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
    ], context());
    const assignments: CohortRunAssignment[] = newcomers.map((newcomerId, i) => ({ newcomerId, keyPersonId: keyPersons[i], score: 0.5, weight: 0.45 }));
    const solutionId = randomUUID();
    // The first delivery recorded its solution, then its worker stopped: the log ends with CohortRunSolved.
    const solved = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'RecordCohortRunSolutionPage', data: { runId, at, solutionId, page: 0, assignments, unplaced: [], newcomers: [] } },
      { type: 'RecordCohortRunSolution', data: { runId, at, solutionId, pages: 1, summary: { newcomers: 3, keyPersons: 3, assigned: 3, unassigned: 0 }, load: {} } },
    ], context());

    const quiet = withoutProgress(store);
    await pool.start(quiet);
    await readSide.start(quiet);
    // Both have read everything they follow; nothing after the run's start is projected.
    expect(await pool.reached(solved.position!, 5000)).toBe(true);
    expect(await readSide.reached(solved.position!, 5000)).toBe(true);
    expect(readSide.position).toBe(started.position);

    const [startedEvent] = await store.readStream(cohortRunStream(runId));
    const job = { id: `cohort-run-${runId}`, data: { runId, causePosition: started.position!, causeEventId: startedEvent.id, correlationId: 'c' } };
    const proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 500, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    const worker = new CohortRuns(runner, pool, readSide, proposer, solveOnWorkerThread, { indexWaitTimeoutMs: 500, progressEveryMs: 250 });
    // Before, every delivery failed alike ("the read models are at …, not yet at …") until the queue gave up.
    const state = await worker.run(job);
    expect(state.status).toBe('done');
  });
});
