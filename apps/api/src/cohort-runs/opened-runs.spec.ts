import { randomUUID } from 'node:crypto';
import { CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS } from '@sleutel/domain';
import { InMemoryEventStore, RecordedEvent } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { cohortRunAggregate, platformEventCodec } from '@sleutel/platform';
import { CachingKeyStore, InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { OpenedRuns } from './opened-runs';

const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'c', causationId: 'r', commandId });
const [amal, bilal] = [randomUUID(), randomUUID()];
const rows = [amal, bilal].map((newcomerId) => ({ newcomerId, languages: ['tir'], gender: 'female', ageBand: '26–35', waitingDays: 3 }));
const why = [amal, bilal].map((newcomerId) => ({ newcomerId, reason: 'no-eligible-key-person' as const, eligible: 0, bestScore: null, excluded: { 'gender-required': 2 } }));

describe('OpenedRuns', () => {
  let store: InMemoryEventStore;
  let keys: CachingKeyStore;
  let runner: CommandRunner;
  let clock: number;
  let opened: OpenedRuns;

  beforeEach(() => {
    store = new InMemoryEventStore();
    keys = new CachingKeyStore(new InMemoryKeyStore(MasterKey.generate()), { ttlMs: 60_000 });
    runner = new CommandRunner(store, platformEventCodec(keys));
    clock = 0;
    opened = new OpenedRuns(runner, keys, () => clock);
  });

  async function record(runId: string, ...commands: CohortRunCommand[]): Promise<void> {
    for (const command of commands) await runner.run(cohortRunAggregate, cohortRunStream(runId), () => [command], context(randomUUID()));
  }

  /** A run solved in one page of two left-out newcomers, their rows each sealed under their own key. */
  async function solvedRun(): Promise<string> {
    const runId = randomUUID();
    const at = '2026-12-01T10:00:00.000Z';
    await record(
      runId,
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'schedule', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
      { type: 'RecordCohortRunSolutionPage', data: { runId, at, solutionId: 's-1', page: 0, assignments: [], unplaced: why, newcomers: rows } },
      { type: 'RecordCohortRunSolution', data: { runId, at, solutionId: 's-1', pages: 1, summary: { newcomers: 2 } as never, load: {} } },
    );
    return runId;
  }

  /** How many solution pages the reads `reads` saw returned. */
  async function pagesRead(reads: jest.SpyInstance<Promise<RecordedEvent[]>>): Promise<number> {
    const answers = await Promise.all(reads.mock.results.map((result) => result.value as Promise<RecordedEvent[]>));
    return answers.flat().filter((event) => event.type === 'CohortRunSolutionPaged').length;
  }

  it('reads a run again without opening its rows again, brought up to its stream\'s end', async () => {
    const runId = await solvedRun();
    expect((await opened.state(runId)).unplaced).toEqual(why);
    const at = '2026-12-01T10:01:00.000Z';
    await record(
      runId,
      { type: 'RecordCohortRunProgress', data: { runId, at, stage: 'proposing', progress: 0.5 } },
      { type: 'CompleteCohortRun', data: { runId, at, summary: { proposed: 0 }, notProposedNewcomerIds: [] } },
    );
    const reads = jest.spyOn(store, 'readStream');

    const again = await opened.state(runId);

    // Only what came after the seal (revision 2) was read.
    expect(reads.mock.calls.map(([, options]) => options)).toEqual([{ fromRevision: 3 }]);
    expect(await pagesRead(reads)).toBe(0);
    expect(again).toEqual((await runner.load(cohortRunAggregate, cohortRunStream(runId))).state);
    expect(again).toMatchObject({ status: 'done', progress: 1, unplaced: why, newcomers: rows });
  });

  it('opens the rows again after a key was destroyed, or an erasure seen: the erased newcomer\'s row reads as erased', async () => {
    const runId = await solvedRun();
    await opened.state(runId);

    await keys.destroy({ type: 'newcomer', id: amal });
    expect((await opened.state(runId)).unplaced).toEqual([{ newcomerId: amal, personal: { erased: true } }, why[1]]);

    keys.forgetErased({ type: 'newcomer', id: bilal }, '2026-12-01T11:00:00.000Z');
    expect((await opened.state(runId)).newcomers).toEqual([{ newcomerId: amal, personal: { erased: true } }, { newcomerId: bilal, personal: { erased: true } }]);
  });

  it('opens the rows again once they were opened longer ago than the key cache keeps a key', async () => {
    const runId = await solvedRun();
    await opened.state(runId);
    clock = 59_999;
    const kept = jest.spyOn(store, 'readStream');
    await opened.state(runId);
    expect(await pagesRead(kept)).toBe(0);

    clock = 60_000;
    const anew = jest.spyOn(store, 'readStream').mockClear();
    await opened.state(runId);
    expect(await pagesRead(anew)).toBe(1);
  });
});
