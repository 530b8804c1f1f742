import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CohortRunAssignment, CohortRunCommand, CohortRunState, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, KeyPersonCommand, keyPersonStream,
  MatchCommand, matchStream, NewcomerCommand, newcomerStream,
} from '@sleutel/domain';
import { SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { cohortRunAggregate, keyPersonAggregate, matchAggregate, newcomerAggregate, ReadSide } from '@sleutel/platform';
import { CandidatePool } from '../candidate-pool';
import { Proposer } from '../proposer';
import { Settlement } from '../settlement';
import { toMatchingNewcomer } from '../matching-newcomer.mapper';
import { CohortRuns, cohortMatchId } from './cohort-runs';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from '../testing/fitting-people';
import { ParkedLog } from '../testing/parked-log';
import { solveOnWorkerThread } from './solver-thread';

/** Newcomers and key persons who all fit one another: any pairing of them is a feasible solution. */
const newcomerProfile = fittingNewcomerProfile;
const keyPersonProfile = fittingKeyPersonProfile;
const PAIRS = 6;
/** Key persons the redelivered worker's pool has read when the job reaches it; it has not read the others, nor the run. */
const KNOWN = 3;


/**
 * A cohort run redelivered after its solution was recorded (its worker
 * stopped while proposing), to a worker whose candidate pool has not yet read
 * the log up to the run's own events. The log is one SQLite file. The first
 * worker's solve is the run's events, appended through `store`; the new
 * worker writes through `store` too, but its pool and read side follow the
 * log through a connection of their own, `followed`, that polls too seldom to
 * matter: nothing the test or the worker writes moves them on, only
 * `readOn()`, an append through that connection, which wakes them as any
 * append of their process would. So the pool stays behind exactly as long as
 * the test says: the worker's own writes do not move it on either.
 */
describe('CohortRuns, redelivered to a worker whose pool is behind the run (SQLite)', () => {
  let log: ParkedLog;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let pool: CandidatePool;
  let readSide: ReadSide;

  beforeEach(async () => {
    log = new ParkedLog();
    store = log.store;
    runner = new CommandRunner(store, identityCodec);
    pool = new CandidatePool();
    readSide = ReadSide.open(join(log.dir, 'worker'), 2000);
  });
  afterEach(async () => {
    await pool.stop();
    await readSide.close();
    await log.close();
  });
  const readOn = () => log.readOn();

  async function keyPerson(): Promise<{ id: string; position: number }> {
    const id = randomUUID();
    const { position } = await runner.run(keyPersonAggregate, keyPersonStream(id), (_, at): KeyPersonCommand[] => [
      { type: 'RegisterKeyPerson', data: { keyPersonId: id, at, profile: keyPersonProfile } },
    ], context());
    return { id, position: position! };
  }

  async function newcomer(): Promise<string> {
    const id = randomUUID();
    await runner.run(newcomerAggregate, newcomerStream(id), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId: id, at, profile: newcomerProfile } },
    ], context());
    return id;
  }

  /**
   * The worker starts with KNOWN key persons in the log and reads them; the
   * rest of the key persons, the newcomers and the run (started and solved,
   * as the first delivery recorded it before its worker stopped) come after.
   */
  async function solvedRunBehindThePool(solved = true) {
    const known: string[] = [];
    let readUpTo = 0;
    while (known.length < KNOWN) {
      const { id, position } = await keyPerson();
      known.push(id);
      readUpTo = position;
    }
    await pool.start(log.followed);
    await readSide.start(log.followed);
    expect(await pool.waitFor(readUpTo, 5000)).toBe(true);
    await readSide.waitFor(readUpTo);

    const keyPersons = [...known];
    while (keyPersons.length < PAIRS) keyPersons.push((await keyPerson()).id);
    const newcomers: string[] = [];
    while (newcomers.length < PAIRS) newcomers.push(await newcomer());

    const runId = randomUUID();
    const started = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'test', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
    ], context());
    const assignments: CohortRunAssignment[] = newcomers.map((newcomerId, i) => ({ newcomerId, keyPersonId: keyPersons[i], score: 0.5, weight: 0.45 }));
    const [startedEvent] = await store.readStream(cohortRunStream(runId));
    const job = { id: `cohort-run-${runId}`, data: { runId, causePosition: started.position!, causeEventId: startedEvent.id, correlationId: 'c' } };
    expect(pool.position).toBeLessThan(started.position!);
    if (!solved) return { runId, job, assignments };
    const solutionId = randomUUID();
    const solution = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'RecordCohortRunSolutionPage', data: { runId, at, solutionId, page: 0, assignments, unplaced: [], newcomers: [] } },
      { type: 'RecordCohortRunSolution', data: { runId, at, solutionId, pages: 1, summary: { newcomers: PAIRS, keyPersons: PAIRS, assigned: PAIRS, unassigned: 0 }, load: {} } },
    ], context());

    // The situation under test: the run's solution is in the log, and the pool has read neither it nor half the key persons.
    expect((await runState(runId)).assignments).toHaveLength(PAIRS);
    expect(pool.position).toBeLessThan(solution.position!);
    expect(known.filter((id) => pool.keyPerson(id) !== undefined)).toHaveLength(KNOWN);
    expect(keyPersons.filter((id) => pool.keyPerson(id) === undefined)).toHaveLength(PAIRS - KNOWN);
    return { runId, job, assignments };
  }

  /** The redelivered job's worker, built as the matcher module builds it, writing through `store`. */
  function worker(indexWaitTimeoutMs: number): CohortRuns {
    const proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    return new CohortRuns(runner, pool, readSide, proposer, solveOnWorkerThread, { indexWaitTimeoutMs, progressEveryMs: 250 });
  }

  async function runState(runId: string): Promise<CohortRunState> {
    return (await runner.load(cohortRunAggregate, cohortRunStream(runId))).state;
  }

  /** The run's proposals in the log, as newcomer → key person, keyed by the match id the run derives. */
  async function proposalsOf(runId: string, assignments: readonly CohortRunAssignment[]): Promise<Record<string, string>> {
    const ours = new Set(assignments.map(({ newcomerId }) => cohortMatchId(runId, newcomerId)));
    const proposed = (await store.readAll({ filter: { eventTypes: ['MatchProposed'] } }))
      .map((event) => event.data as { matchId: string; newcomerId: string; keyPersonId: string })
      .filter(({ matchId }) => ours.has(matchId));
    return Object.fromEntries(proposed.map(({ newcomerId, keyPersonId }) => [newcomerId, keyPersonId]));
  }

  const expectedPairs = (assignments: readonly CohortRunAssignment[]) =>
    Object.fromEntries(assignments.map(({ newcomerId, keyPersonId }) => [newcomerId, keyPersonId]));

  it('waits until its pool has read the run, then proposes every pair, counting none as superseded', async () => {
    const { runId, job, assignments } = await solvedRunBehindThePool();
    const headBefore = await store.headPosition();

    const attempt = worker(10_000).run(job);
    const meanwhile = await Promise.race([attempt.then(() => 'finished'), sleep(300).then(() => 'waiting')]);
    const headWhileWaiting = await store.headPosition();
    await readOn();
    const state = await attempt;

    expect(state.summary).toMatchObject({ proposed: PAIRS, supersededNewcomer: 0, supersededKeyPerson: 0 });
    expect(state.status).toBe('done');
    expect(meanwhile).toBe('waiting');
    expect(headWhileWaiting).toBe(headBefore);
    expect(await proposalsOf(runId, assignments)).toEqual(expectedPairs(assignments));
  });

  it('throws when its pool cannot read the run in time, recording nothing, and the retry proposes every pair', async () => {
    const { runId, job, assignments } = await solvedRunBehindThePool();
    const headBefore = await store.headPosition();

    await expect(worker(300).run(job)).rejects.toThrow(`cohort run ${runId}: the candidate pool has not read the log up to`);
    expect(await store.headPosition()).toBe(headBefore);
    const after = await runState(runId);
    expect(after.status).toBe('running');
    expect(after.summary).not.toHaveProperty('proposed');

    // The queue delivers the job again; by then the pool has read the log.
    await readOn();
    const retried = await worker(10_000).run(job);
    expect(retried.summary).toMatchObject({ proposed: PAIRS, supersededNewcomer: 0, supersededKeyPerson: 0 });
    expect(await proposalsOf(runId, assignments)).toEqual(expectedPairs(assignments));
  });

  it('records on completion whose pairs it did not propose: a newcomer withdrawn and a key person paused after the solve', async () => {
    const { runId, job, assignments } = await solvedRunBehindThePool();
    const [withdrawn, , ofPaused] = assignments;
    await runner.run(newcomerAggregate, newcomerStream(withdrawn.newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'WithdrawNewcomer', data: { newcomerId: withdrawn.newcomerId, at, reason: null } },
    ], context());
    await runner.run(keyPersonAggregate, keyPersonStream(ofPaused.keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'PauseKeyPerson', data: { keyPersonId: ofPaused.keyPersonId, at, reason: null } },
    ], context());
    await readOn();

    const state = await worker(10_000).run(job);
    expect(state.status).toBe('done');
    expect(state.summary).toMatchObject({ proposed: PAIRS - 2, supersededNewcomer: 1, supersededKeyPerson: 1 });
    expect(state.notProposedNewcomerIds).toEqual([withdrawn.newcomerId, ofPaused.newcomerId]);
    const proposed = assignments.filter((a) => a !== withdrawn && a !== ofPaused);
    expect(await proposalsOf(runId, assignments)).toEqual(expectedPairs(proposed));
    // The run's pairs are all still there, as the optimiser chose them: the fairness report tells them apart.
    expect(state.assignments).toHaveLength(PAIRS);
  });

  it('counts as proposed the pairs an earlier delivery proposed, whatever became of them since, and proposes none of them again', async () => {
    const { runId, job, assignments } = await solvedRunBehindThePool();
    await readOn();
    const [rejected, accepted, open] = assignments;
    // The first delivery proposed three pairs before its worker stopped, as `proposeOne` does.
    const proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 10_000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    for (const assignment of [rejected, accepted, open]) {
      const { newcomerId, keyPersonId, weight, score } = assignment;
      const matchId = cohortMatchId(runId, newcomerId);
      const { state, revision } = await runner.load(newcomerAggregate, newcomerStream(newcomerId));
      const scored = proposer.scoreHolding(toMatchingNewcomer(newcomerId, state)!, revision, keyPersonId, matchId);
      const proposalJob = { id: `cohort-run-${runId}-${newcomerId}`, data: { ...job.data, newcomerId } };
      expect(await proposer.proposePair(proposalJob, matchId, keyPersonId, scored, { cohortRunId: runId, weight, score })).toBe('proposed');
    }
    // Meanwhile a coordinator rejected one proposal (and its settlement let the newcomer go), and both parties accepted another.
    const decide = (matchId: string, commands: (at: string) => MatchCommand[]) =>
      runner.run(matchAggregate, matchStream(matchId), (_, at) => commands(at), context());
    const rejectedId = cohortMatchId(runId, rejected.newcomerId);
    const decision = await decide(rejectedId, (at) => [{ type: 'RejectMatch', data: { matchId: rejectedId, at, by: 'coordinator', reason: 'Not now' } }]);
    await new Settlement(runner).settle({ id: 'settle-rejected', data: { matchId: rejectedId, causePosition: decision.position!, causeEventId: randomUUID(), correlationId: 'c' } });
    expect((await runner.load(newcomerAggregate, newcomerStream(rejected.newcomerId))).state.openMatch).toBeNull();
    const acceptedId = cohortMatchId(runId, accepted.newcomerId);
    await decide(acceptedId, (at) => [
      { type: 'ApproveMatch', data: { matchId: acceptedId, at, by: 'coordinator', expiresAt: new Date(Date.parse(at) + 86_400_000).toISOString() } },
      { type: 'AcceptMatch', data: { matchId: acceptedId, at, party: 'newcomer' } },
      { type: 'AcceptMatch', data: { matchId: acceptedId, at, party: 'key-person' } },
    ]);
    await readOn();

    const state = await worker(10_000).run(job);
    expect(state.status).toBe('done');
    expect(state.summary).toMatchObject({ proposed: PAIRS, supersededNewcomer: 0, supersededKeyPerson: 0 });
    expect(state.notProposedNewcomerIds).toEqual([]);
    const proposals = (await store.readAll({ filter: { eventTypes: ['MatchProposed'] } }))
      .filter((event) => (event.data as { newcomerId: string }).newcomerId === rejected.newcomerId || (event.data as { newcomerId: string }).newcomerId === accepted.newcomerId);
    expect(proposals).toHaveLength(2);
    expect((await runner.load(matchAggregate, matchStream(acceptedId))).state.status).toBe('accepted');
    expect((await runner.load(matchAggregate, matchStream(rejectedId))).state.status).toBe('rejected');
    expect(await proposalsOf(runId, assignments)).toEqual(expectedPairs(assignments));
  });

  it('ends a running run whose job was given up as failed, saying why, once; a run that ended stays as it is', async () => {
    const { runId, job } = await solvedRunBehindThePool();
    const runs = worker(300);
    await runs.giveUp(job, 'The matcher gave up on this run after it failed 11 times; start a new run');
    await runs.giveUp(job, 'The matcher gave up on this run after it failed 11 times; start a new run');
    expect(await runState(runId)).toMatchObject({ status: 'failed', reason: 'The matcher gave up on this run after it failed 11 times; start a new run' });
    expect((await store.readStream(cohortRunStream(runId))).filter((event) => event.type === 'CohortRunFailed')).toHaveLength(1);

    const done = await solvedRunBehindThePool();
    await readOn();
    expect((await worker(10_000).run(done.job)).status).toBe('done');
    await worker(10_000).giveUp(done.job, 'too late');
    expect((await runState(done.runId)).status).toBe('done');
  });

  describe('a first delivery, before anything was solved', () => {
    it('throws when its pool cannot read the run\'s start in time, recording no solution, and the retry solves with every pair', async () => {
      const { runId, job } = await solvedRunBehindThePool(false);
      const headBefore = await store.headPosition();

      await expect(worker(300).run(job)).rejects.toThrow(`cohort run ${runId}: the candidate pool has not read the log up to`);
      expect(await store.headPosition()).toBe(headBefore);
      expect(await runState(runId)).toMatchObject({ status: 'running', assignments: null });

      await readOn();
      const retried = await worker(10_000).run(job);
      expect(retried.summary).toMatchObject({ proposed: PAIRS, supersededNewcomer: 0, supersededKeyPerson: 0 });
    });

    it('throws when its read models cannot read the run\'s start in time, rather than solving for a partial waiting list', async () => {
      // The pool follows the writing connection and is current; the read side follows `followed` and stays behind.
      await readSide.start(log.followed);
      await pool.start(store);
      for (let pair = 0; pair < PAIRS; pair += 1) {
        await keyPerson();
        await newcomer();
      }
      const runId = randomUUID();
      const started = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
        { type: 'StartCohortRun', data: { runId, at, requestedBy: 'test', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
      ], context());
      const [startedEvent] = await store.readStream(cohortRunStream(runId));
      const job = { id: `cohort-run-${runId}`, data: { runId, causePosition: started.position!, causeEventId: startedEvent.id, correlationId: 'c' } };
      const headBefore = await store.headPosition();
      // The pool has read the start, so a short wait can fail only on the read models (it waited 10 s, and the test
      // ran out of its 30 s on a loaded machine).
      expect(await pool.waitFor(started.position!, 10_000)).toBe(true);

      await expect(worker(300).run(job)).rejects.toThrow(`cohort run ${runId}: the read models are at`);
      expect(await store.headPosition()).toBe(headBefore);

      await readOn();
      const retried = await worker(10_000).run(job);
      expect(retried.summary).toMatchObject({ newcomers: PAIRS, proposed: PAIRS });
    });
  });
});
