import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EventStoreDBClient } from '@eventstore/db-client';
import {
  CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, KeyPersonCommand, keyPersonStream, NewcomerCommand, newcomerStream,
} from '@sleutel/domain';
import { EventStoreDbEventStore } from '@sleutel/event-store/eventstoredb';
import { CommandRunner } from '@sleutel/eventsourcing';
import { cohortRunAggregate, keyPersonAggregate, newcomerAggregate, platformEventCodec, ReadSide } from '@sleutel/platform';
import { DataSubject, InMemoryKeyStore, KeyStore, MasterKey } from '@sleutel/privacy';
import { StreamsDouble } from '../../../event-store/src/eventstoredb/testing/streams-double/streams-double.server';
import { CandidatePool } from '../candidate-pool';
import { Proposer } from '../proposer';
import { CohortRuns } from './cohort-runs';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from '../testing/fitting-people';
import { solveOnWorkerThread } from './solver-thread';

const newcomerProfile = fittingNewcomerProfile;
const keyPersonProfile = fittingKeyPersonProfile;
const PEOPLE = 40;
const PAGE = 10;
/** 80 people registered, solved and proposed over gRPC: about 15 s alone, longer beside other work. */
jest.setTimeout(120_000);

/** The server's `MaxAppendSize`, lowered as an operator may lower it, so that a run of 40 is "large". */
const MAX_APPEND_SIZE = 16 * 1024;


/**
 * A cohort run larger than one EventStoreDB append may carry, through the
 * real client on the Streams TEST DOUBLE, which refuses an append over its
 * maximum size as the server does. The solution is recorded in pages, each
 * well under the limit, though together they are over it; each newcomer's
 * row is sealed as in production (the platform's codec), and the matcher
 * reads the run's stream with the rows left sealed, as the matcher module
 * wires it.
 */
describe('CohortRuns on EventStoreDB (the Streams test double), a run larger than one append', () => {
  let double: StreamsDouble;
  let store: EventStoreDbEventStore;
  let dir: string;
  let pool: CandidatePool;
  let readSide: ReadSide;

  beforeAll(async () => {
    double = await StreamsDouble.start({ maxAppendSize: MAX_APPEND_SIZE });
    store = new EventStoreDbEventStore(EventStoreDBClient.connectionString(double.connectionString));
    dir = mkdtempSync(join(tmpdir(), 'sleutel-cohort-esdb-'));
  });
  afterAll(async () => {
    await pool?.stop();
    await readSide?.close();
    await store.close();
    await double.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('records the solution in pages under the limit, and reads them back whole', async () => {
    // Counts the keys read, to show the matcher does not open the rows on every load of the run.
    const inner = new InMemoryKeyStore(MasterKey.generate());
    let keysRead = 0;
    const keys: KeyStore = {
      get: (subject: DataSubject) => {
        keysRead += 1;
        return inner.get(subject);
      },
      getOrCreate: (subject) => inner.getOrCreate(subject),
      destroy: (subject) => inner.destroy(subject),
      erasuresCheckedThrough: () => inner.erasuresCheckedThrough(),
      markErasuresCheckedThrough: (position) => inner.markErasuresCheckedThrough(position),
      listTombstones: (cursor, limit) => inner.listTombstones(cursor, limit),
      close: () => inner.close(),
    };
    const codec = platformEventCodec(keys);
    const runner = new CommandRunner(store, codec);
    for (let i = 0; i < PEOPLE; i += 1) {
      const keyPersonId = randomUUID();
      await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
        { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile: keyPersonProfile } },
      ], context());
      const newcomerId = randomUUID();
      await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'RegisterNewcomer', data: { newcomerId, at, profile: newcomerProfile } },
      ], context());
    }
    const runId = randomUUID();
    const started = await runner.run(cohortRunAggregate, cohortRunStream(runId), (_, at): CohortRunCommand[] => [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'test', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
    ], context());
    const [startedEvent] = await store.readStream(cohortRunStream(runId));

    pool = new CandidatePool();
    await pool.start(store, codec);
    readSide = ReadSide.open(dir, 5000);
    await readSide.start(store, codec);
    const settings = { indexWaitTimeoutMs: 10_000, progressEveryMs: 250 };
    const proposer = new Proposer(runner, pool, { ...settings, proposalDeadlineSeconds: 3600, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 });
    const runRunner = new CommandRunner(store, platformEventCodec(keys, { leaveRowsSealed: true }));
    const runs = new CohortRuns(runner, pool, readSide, proposer, solveOnWorkerThread, { ...settings, solutionPageNewcomers: PAGE, runRunner });
    const job = { id: `cohort-run-${runId}`, data: { runId, causePosition: started.position!, causeEventId: startedEvent.id, correlationId: 'c' } };

    keysRead = 0;
    const done = await runs.run(job);
    expect(done.status).toBe('done');
    // The run's own stream is read with its rows left sealed: the keys read are the people's own events' (11 each
    // here, the newcomer's and key person's streams read again before each proposal). Opening the rows at every load
    // of the run (each page, progress report and the seal) read 780 before those two reads.
    expect(keysRead).toBeLessThan(12 * PEOPLE);
    // As the API reads it: every row opened.
    const state = (await runner.load(cohortRunAggregate, cohortRunStream(runId))).state;
    expect(state.assignments).toHaveLength(PEOPLE);
    expect(state.summary).toMatchObject({ newcomers: PEOPLE, assigned: PEOPLE, proposed: PEOPLE });
    expect(state.newcomers).toHaveLength(PEOPLE);
    expect(state.newcomers!.every((row) => 'languages' in row && row.languages.join() === 'tir')).toBe(true);

    // As stored: four pages, each under the limit, together over it; so one event could not have held the solution.
    const pages = (await store.readStream(cohortRunStream(runId))).filter((event) => event.type === 'CohortRunSolutionPaged');
    const sizes = pages.map((event) => Buffer.byteLength(JSON.stringify(event.data)));
    expect(sizes).toHaveLength(PEOPLE / PAGE);
    expect(Math.max(...sizes)).toBeLessThan(MAX_APPEND_SIZE / 2);
    expect(sizes.reduce((sum, size) => sum + size, 0)).toBeGreaterThan(MAX_APPEND_SIZE);
  });
});
