import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CohortRunAssignment, CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, KeyPersonCommand, keyPersonStream, NewcomerCommand,
  newcomerStream,
} from '@sleutel/domain';
import { RecordedEvent, SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { cohortRunAggregate, keyPersonAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { CandidatePool } from '../candidate-pool';
import { Proposer } from '../proposer';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from '../testing/fitting-people';
import { CohortRuns } from './cohort-runs';
import { solveOnWorkerThread } from './solver-thread';

const KEY_PERSONS = 4;
const CAPACITY = 3;

/**
 * A run's proposing stage on a real SQLite log: the pairs of different key
 * persons proposed side by side (their appends share commits), each key
 * person's one after another, none over capacity; and the run's progress and
 * end recorded without reading its solution pages again.
 */
describe('CohortRuns, proposing a solved run (SQLite)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let pool: CandidatePool;
  let readSide: ReadSide;

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-cohort-proposing-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    runner = new CommandRunner(store, identityCodec);
    pool = new CandidatePool();
    readSide = ReadSide.open(join(dir, 'read-models'), 5000);
    await pool.start(store);
    await readSide.start(store);
  });
  afterEach(async () => {
    await pool.stop();
    await readSide.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Key persons of capacity 3 and three newcomers for each, solved as a run (one page), the pairs alternating between key persons. */
  async function solvedRun() {
    const keyPersons: string[] = [];
    for (let k = 0; k < KEY_PERSONS; k += 1) {
      const id = randomUUID();
      await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [
        { type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: { ...fittingKeyPersonProfile, capacity: CAPACITY } } },
      ], context());
      keyPersons.push(id);
    }
    const assignments: CohortRunAssignment[] = [];
    for (let n = 0; n < KEY_PERSONS * CAPACITY; n += 1) {
      const newcomerId = randomUUID();
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
      ], context());
      assignments.push({ newcomerId, keyPersonId: keyPersons[n % KEY_PERSONS], score: 0.5, weight: 0.45 });
    }
    const runId = randomUUID();
    const started = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'test', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
    ], context());
    const solutionId = randomUUID();
    const summary = { newcomers: assignments.length, keyPersons: KEY_PERSONS, assigned: assignments.length, unassigned: 0 };
    const solved = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'RecordCohortRunSolutionPage', data: { runId, at, solutionId, page: 0, assignments, unplaced: [], newcomers: [] } },
      { type: 'RecordCohortRunSolution', data: { runId, at, solutionId, pages: 1, summary, load: {} } },
    ], context());
    const [startedEvent] = await store.readStream(cohortRunStream(runId));
    const job = { id: `cohort-run-${runId}`, data: { runId, causePosition: started.position!, causeEventId: startedEvent.id, correlationId: 'c' } };
    return { runId, job, keyPersons, assignments, solvedAt: solved.position! };
  }

  function worker(): CohortRuns {
    const proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 10_000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    return new CohortRuns(runner, pool, readSide, proposer, solveOnWorkerThread, { indexWaitTimeoutMs: 10_000, progressEveryMs: 0 });
  }

  it('proposes the pairs of different key persons side by side, every pair, and no key person over capacity', async () => {
    const { job, keyPersons, assignments, solvedAt } = await solvedRun();

    const state = await worker().run(job);

    expect(state.status).toBe('done');
    expect(state.summary).toMatchObject({ proposed: assignments.length, supersededNewcomer: 0, supersededKeyPerson: 0 });
    const proposed = (await store.readAll({ after: solvedAt, filter: { eventTypes: ['MatchProposed'] } })).map((event) => event.data as { newcomerId: string; keyPersonId: string });
    expect(Object.fromEntries(proposed.map(({ newcomerId, keyPersonId }) => [newcomerId, keyPersonId])))
      .toEqual(Object.fromEntries(assignments.map(({ newcomerId, keyPersonId }) => [newcomerId, keyPersonId])));
    for (const keyPersonId of keyPersons) {
      const { state: keyPerson } = await runner.load(keyPersonAggregate, keyPersonStream(keyPersonId));
      expect(keyPerson.reservations).toHaveLength(CAPACITY);
    }
    // One pair at a time, a pair's three steps followed one another: only one newcomer was reserved before the first proposal.
    const log = await store.readAll({ after: solvedAt, filter: { eventTypes: ['NewcomerMatchReserved', 'MatchProposed'] } });
    const firstProposal = log.findIndex((event) => event.type === 'MatchProposed');
    expect(new Set(log.slice(0, firstProposal).map((event) => (event.data as { newcomerId: string }).newcomerId)).size).toBeGreaterThan(1);
  });

  it('records its progress and its end without reading its solution pages: only its first load and its answer read them', async () => {
    const { runId, job } = await solvedRun();
    const reads = jest.spyOn(store, 'readStream');

    const state = await worker().run(job);

    expect(state.status).toBe('done');
    const runReads = reads.mock.calls.map(([streamId], call) => ({ streamId, result: reads.mock.results[call].value as Promise<RecordedEvent[]> }))
      .filter(({ streamId }) => streamId === cohortRunStream(runId));
    const pagesRead = (await Promise.all(runReads.map(({ result }) => result))).filter((events) => events.some((event) => event.type === 'CohortRunSolutionPaged'));
    expect(runReads.length).toBeGreaterThan(4);
    expect(pagesRead).toHaveLength(2);
  });
});
