import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KeyPersonCommand, KeyPersonProfileInput, keyPersonStream, NewcomerCommand, newcomerStream } from '@sleutel/domain';
import { InMemoryCheckpointStore, RecordedEvent, SqliteEventStore } from '@sleutel/event-store';
import { CommandRunner, identityCodec } from '@sleutel/eventsourcing';
import { DEFAULT_POLICY, SCORING_POLICY_STREAM, ScoringPolicyCommand } from '@sleutel/matching';
import { keyPersonAggregate, newcomerAggregate, ReadSide, scoringPolicyAggregate } from '@sleutel/platform';
import { createJobQueue, JobHandlers, JobQueue, JobWorker } from '@sleutel/queue';
import { CandidatePool } from './candidate-pool';
import { MatchRequestRelay } from './match-request.relay';
import { MatcherJobs } from './matcher.jobs';
import { ProposalOutcome, Proposer } from './proposer';
import { fittingKeyPersonProfile, fittingNewcomerProfile, testContext as context } from './testing/fitting-people';
import { WaitingList } from './waiting-list';

/** A handler for every job name: those given, and ones that do nothing for the rest. */
function handlers(given: Partial<JobHandlers<MatcherJobs>>): JobHandlers<MatcherJobs> {
  const none = async () => undefined;
  return {
    'match-request': none, 'settle-match': none, 'withdraw-matches': none, 'withdraw-proposals': none, 'retry-waiting': none,
    'recheck-pairs': none, 'expiry-sweep': none, 'cohort-run': none, 'cohort-schedule': none, ...given,
  };
}

/** Speaks Dari only: no language in common with the Tigrinya-speaking newcomer. */
const dariSpeaker: KeyPersonProfileInput = { ...fittingKeyPersonProfile, languages: [{ code: 'prs', level: 'native' }] };
/** Speaks Tigrinya, but lives in Groningen with a radius of 15 km: out of reach of the newcomer in Utrecht. */
const farAway: KeyPersonProfileInput = { ...fittingKeyPersonProfile, municipality: 'GM0014', postcodeArea: '9711' };

interface Answer {
  readonly newcomerId: string;
  readonly retry: boolean;
  readonly causePosition: number;
  readonly outcome: ProposalOutcome;
}

/**
 * Deferrals on the on-demand path, end to end in one process: the relay
 * turns the log into jobs, looks at the waiting list ask for every waiting
 * newcomer, and the proposer ranks and records, on a real SQLite log, real
 * read models and the in-process queue. A newcomer who speaks only
 * Tigrinya waits while key persons who cannot take her register, change
 * capacity and are edited: each such change is looked at, and none appends
 * a deferral (before, each appended one with new counts). A key person who
 * fits is proposed; a new policy records again.
 */
describe('deferrals of waiting newcomers (real SQLite log and read models, the in-process queue)', () => {
  let dir: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;
  let readSide: ReadSide;
  let pool: CandidatePool;
  let queue: JobQueue<MatcherJobs>;
  let relay: MatchRequestRelay;
  let worker: JobWorker;
  let now: Date;
  let answers: Answer[];

  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'sleutel-deferrals-'));
    store = SqliteEventStore.open(join(dir, 'events.sqlite'));
    now = new Date('2026-12-01T10:00:00.000Z');
    runner = new CommandRunner(store, identityCodec, () => now);
    readSide = ReadSide.open(dir, 5000);
    await readSide.start(store);
    pool = new CandidatePool();
    await pool.start(store);
    queue = await createJobQueue<MatcherJobs>({ redisUrl: null, queueName: 'deferrals-test' });
    relay = new MatchRequestRelay(store, new InMemoryCheckpointStore(), queue);
    await relay.start();
    const proposer = new Proposer(runner, pool, { proposalDeadlineSeconds: 3600, indexWaitTimeoutMs: 5000, candidatesPerRound: 3, rounds: 3, resumeAfterMs: 0 }, () => now);
    const list = new WaitingList(store, readSide, queue);
    answers = [];
    worker = queue.process(handlers({
      'match-request': async (job) => {
        const outcome = await proposer.handle(job);
        answers.push({ newcomerId: job.data.newcomerId, retry: job.data.retry === true, causePosition: job.data.causePosition, outcome });
      },
      'retry-waiting': (job) => list.retry(job),
    }), { concurrency: 2 });
  });
  afterEach(async () => {
    await worker.close();
    await relay.stop();
    await queue.close();
    await pool.stop();
    await readSide.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Polls until `probe` answers; bounded by jest's timeout. */
  async function until<T>(probe: () => Promise<T | undefined | false>): Promise<T> {
    for (;;) {
      const value = await probe();
      if (value !== undefined && value !== false) return value;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }

  async function newcomer(): Promise<string> {
    const newcomerId = randomUUID();
    const { position } = await runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'RegisterNewcomer', data: { newcomerId, at, profile: fittingNewcomerProfile } },
    ], context());
    // Her own request (intake) answered: the deferral on record.
    await until(async () => answers.some((a) => a.newcomerId === newcomerId && !a.retry && a.causePosition >= position!));
    return newcomerId;
  }

  /** Runs key-person commands, then waits for a look at the waiting list after them to have answered for the newcomer. */
  async function keyPersonChange(newcomerId: string, keyPersonId: string, commands: (at: string) => KeyPersonCommand[]): Promise<void> {
    const { position } = await runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at) => commands(at), context());
    await lookedAt(newcomerId, position!);
  }

  async function lookedAt(newcomerId: string, position: number): Promise<Answer> {
    return until(async () => answers.find((a) => a.newcomerId === newcomerId && a.retry && a.causePosition >= position));
  }

  const register = (keyPersonId: string, profile: KeyPersonProfileInput) => (at: string): KeyPersonCommand[] => [
    { type: 'RegisterKeyPerson', data: { keyPersonId, at, profile } },
  ];
  const deferrals = async (newcomerId: string): Promise<RecordedEvent[]> =>
    (await store.readStream(newcomerStream(newcomerId))).filter((e) => e.type === 'NewcomerMatchingDeferred');
  const proposals = async (newcomerId: string): Promise<RecordedEvent[]> =>
    (await store.readAll()).filter((e) => e.type === 'MatchProposed' && e.data.newcomerId === newcomerId);

  it('records no new deferral while key persons who do not fit register, change capacity or are edited, and proposes one who fits', async () => {
    const [dari, far] = [randomUUID(), randomUUID()];
    await runner.run(keyPersonAggregate, keyPersonStream(dari), (_, at) => register(dari, dariSpeaker)(at), context());
    const id = await newcomer();
    const [first] = await deferrals(id);
    expect(first.data).toMatchObject({ policyVersion: 1, considered: 1, excluded: expect.objectContaining({ 'no-shared-language': 1 }) });

    const others = [randomUUID(), randomUUID()];
    for (const other of others) await keyPersonChange(id, other, register(other, dariSpeaker));
    await keyPersonChange(id, far, register(far, farAway));
    await keyPersonChange(id, dari, (at) => [{ type: 'ChangeKeyPersonCapacity', data: { keyPersonId: dari, at, capacity: 3 } }]);
    await keyPersonChange(id, others[0], (at) => [{ type: 'ChangeKeyPersonLanguages', data: { keyPersonId: others[0], at, languages: [{ code: 'som', level: 'native' }] } }]);
    await keyPersonChange(id, far, (at) => [{ type: 'ChangeKeyPersonExpertise', data: { keyPersonId: far, at, expertise: ['housing'] } }]);

    // Six looks, each of which asked for her and found nobody: the counts moved (4 key persons, one out of reach), the record did not.
    expect(answers.filter((a) => a.newcomerId === id && a.retry).length).toBeGreaterThanOrEqual(6);
    expect((await deferrals(id)).map((e) => e.id)).toEqual([first.id]);
    expect(await proposals(id)).toEqual([]);

    const fits = randomUUID();
    await keyPersonChange(id, fits, register(fits, fittingKeyPersonProfile));
    const [proposed] = await proposals(id);
    expect(proposed.data).toMatchObject({ newcomerId: id, keyPersonId: fits });
    // Explained from a ranking of the pool as it is now, not as the deferral had it.
    expect(proposed.data.explanation).toMatchObject({ considered: 5, excluded: expect.objectContaining({ 'no-shared-language': 3, 'out-of-radius': 1 }) });
  });

  it('records again under a new policy, and a look under that policy then records nothing', async () => {
    const dari = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(dari), (_, at) => register(dari, dariSpeaker)(at), context());
    const id = await newcomer();
    const { position } = await runner.run(scoringPolicyAggregate, SCORING_POLICY_STREAM, (_, at): ScoringPolicyCommand[] => [
      { type: 'ChangeScoringPolicy', data: { at, policy: { ...DEFAULT_POLICY, version: 2 }, reason: null } },
    ], context());
    await lookedAt(id, position!);
    expect((await deferrals(id)).map((e) => e.data.policyVersion)).toEqual([1, 2]);

    const other = randomUUID();
    await keyPersonChange(id, other, register(other, dariSpeaker));
    expect((await deferrals(id)).map((e) => e.data.considered)).toEqual([1, 1]);
  });

  it('records nothing when a place is freed by a key person whose availability has ended since (time moves no one in, only out)', async () => {
    // The only Tigrinya speaker nearby has one place, taken, and is available until 5 December.
    const busy = randomUUID();
    const untilFifth = { ...fittingKeyPersonProfile, availability: { ...fittingKeyPersonProfile.availability, until: '2026-12-05' } };
    const held = randomUUID();
    await runner.run(keyPersonAggregate, keyPersonStream(busy), (_, at): KeyPersonCommand[] => [
      ...register(busy, untilFifth)(at),
      { type: 'ReserveKeyPersonCapacity', data: { keyPersonId: busy, at, matchId: held, newcomerId: randomUUID() } },
    ], context());
    const id = await newcomer();
    const [first] = await deferrals(id);
    expect(first.data).toMatchObject({ considered: 1, excluded: expect.objectContaining({ 'no-capacity': 1 }) });

    // Ten days on, the place is freed: the look it causes finds her availability ended, and nobody else.
    now = new Date('2026-12-11T10:00:00.000Z');
    await keyPersonChange(id, busy, (at) => [{ type: 'ReleaseKeyPersonCapacity', data: { keyPersonId: busy, at, matchId: held } }]);
    expect(answers.filter((a) => a.newcomerId === id && a.retry).every((a) => a.outcome === 'deferred')).toBe(true);
    expect((await deferrals(id)).map((e) => e.id)).toEqual([first.id]);
    expect(await proposals(id)).toEqual([]);
  });
});
