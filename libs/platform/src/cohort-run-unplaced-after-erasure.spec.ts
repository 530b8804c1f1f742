import { CohortRunCommand, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, eventSchemaVersions } from '@sleutel/domain';
import { InMemoryEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { randomUUID } from 'node:crypto';
import { cohortRunAggregate } from './aggregates';
import { platformEventCodec } from './platform.module';

const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'c', causationId: 'r', commandId });
const [amal, bilal] = [randomUUID(), randomUUID()];
const amalWhy = { newcomerId: amal, reason: 'no-eligible-key-person' as const, eligible: 0, bestScore: null, excluded: { 'gender-required': 2, 'out-of-radius': 5 } };
const bilalWhy = { newcomerId: bilal, reason: 'places-given-to-others' as const, eligible: 1, bestScore: 0.6, excluded: { 'same-origin-declined': 1 } };
const rows = [amal, bilal].map((newcomerId) => ({ newcomerId, languages: ['tir'], gender: 'female', ageBand: '26–35', waitingDays: 3 }));

/**
 * Which constraints excluded key persons for a left-out newcomer says something of their preferences: from
 * `CohortRunSolutionPaged` version 2 it goes with their key. Pages recorded before kept it in clear, and still read.
 */
describe('a cohort run’s left-out newcomers after one is erased', () => {
  async function solvedRun(
    runner: CommandRunner, aggregate: typeof cohortRunAggregate, newcomers: readonly object[] = rows, summary: Record<string, unknown> = { newcomers: 2 },
  ): Promise<string> {
    const runId = randomUUID();
    const at = '2026-11-30T10:00:00.000Z';
    const commands: CohortRunCommand[] = [
      { type: 'StartCohortRun', data: { runId, at, requestedBy: 'schedule', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities: null } },
      { type: 'RecordCohortRunSolutionPage', data: { runId, at, solutionId: 's-1', page: 0, assignments: [], unplaced: [amalWhy, bilalWhy], newcomers: newcomers as typeof rows } },
      { type: 'RecordCohortRunSolution', data: { runId, at, solutionId: 's-1', pages: 1, summary: summary as never, load: {} } },
    ];
    for (const [index, command] of commands.entries()) await runner.run(aggregate, cohortRunStream(runId), () => [command], context(`${runId}-${index}`));
    return runId;
  }

  it('reads a new page\'s erased newcomer by id alone, the other\'s reasons as they were, and a page of version 1 in clear', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const runner = new CommandRunner(store, platformEventCodec(keys));
    // As runs were recorded before version 2.
    const before = await solvedRun(runner, { ...cohortRunAggregate, schemaVersions: { ...eventSchemaVersions, CohortRunSolutionPaged: 1 } });
    const now = await solvedRun(runner, cohortRunAggregate);
    const pageOf = async (runId: string) => (await store.readStream(cohortRunStream(runId))).find((event) => event.type === 'CohortRunSolutionPaged')!;
    expect((await pageOf(now)).schemaVersion).toBe(3);
    expect(JSON.stringify(await pageOf(now))).not.toContain('gender-required');
    expect((await pageOf(before)).data.unplaced).toEqual([amalWhy, bilalWhy]);

    await keys.destroy({ type: 'newcomer', id: amal });
    expect((await runner.load(cohortRunAggregate, cohortRunStream(now))).state.unplaced).toEqual([{ newcomerId: amal, personal: { erased: true } }, bilalWhy]);
    expect((await runner.load(cohortRunAggregate, cohortRunStream(before))).state.unplaced).toEqual([amalWhy, bilalWhy]);
    // Read with the rows left sealed (the list, the matcher), both fold without opening a row.
    const listing = new CommandRunner(store, platformEventCodec(keys, { leaveRowsSealed: true }));
    for (const runId of [before, now]) expect((await listing.load(cohortRunAggregate, cohortRunStream(runId))).state.unplaced).toHaveLength(2);
  });

  it('reads a run that counted its left-out newcomers per reason in clear (CohortRunSolved version 3) without the counts, which the log keeps', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const runner = new CommandRunner(store, platformEventCodec(keys));
    const unplacedBy = { 'no-eligible-key-person': 1, 'places-given-to-others': 1, 'load-cost-outweighs-score': 0 };
    const before = await solvedRun(runner, { ...cohortRunAggregate, schemaVersions: { ...eventSchemaVersions, CohortRunSolved: 3 } }, rows, { newcomers: 2, unplacedBy });
    const solvedOf = async (runId: string) => (await store.readStream(cohortRunStream(runId))).find((event) => event.type === 'CohortRunSolved')!;
    expect((await solvedOf(before)).data.summary).toEqual({ newcomers: 2, unplacedBy });

    await keys.destroy({ type: 'newcomer', id: amal });
    const { state } = await runner.load(cohortRunAggregate, cohortRunStream(before));
    // The API counts them again from the rows: Bilal's reason, and Amal erased.
    expect(state.summary).toEqual({ newcomers: 2 });
    expect(state.unplaced).toEqual([{ newcomerId: amal, personal: { erased: true } }, bilalWhy]);
    // A new run's seal is of version 4, which holds no such counts (the matcher records none: test/cohort-runs.e2e-spec.ts).
    const now = await solvedRun(runner, cohortRunAggregate);
    expect(await solvedOf(now)).toMatchObject({ schemaVersion: 4, data: { summary: { newcomers: 2 } } });
  });

  it('reads the one language a page of version 2 recorded for a newcomer, sealed under their key, as their languages', async () => {
    const store = new InMemoryEventStore();
    const keys = new InMemoryKeyStore(MasterKey.generate());
    const runner = new CommandRunner(store, platformEventCodec(keys));
    const oneLanguage = [amal, bilal].map((newcomerId) => ({ newcomerId, language: 'tir', gender: 'female', ageBand: '26–35', waitingDays: 3 }));
    const runId = await solvedRun(runner, { ...cohortRunAggregate, schemaVersions: { ...eventSchemaVersions, CohortRunSolutionPaged: 2 } }, oneLanguage);
    expect(JSON.stringify(await store.readStream(cohortRunStream(runId)))).not.toContain('26–35');

    await keys.destroy({ type: 'newcomer', id: amal });
    expect((await runner.load(cohortRunAggregate, cohortRunStream(runId))).state.newcomers).toEqual([{ newcomerId: amal, personal: { erased: true } }, rows[1]]);
  });
});
