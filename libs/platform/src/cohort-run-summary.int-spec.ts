import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import {
  COHORT_RUN_SUMMARY_EVENT_TYPES, CohortRunCommand, CohortRunState, cohortRunStream, DEFAULT_COHORT_RUN_PARAMETERS, eventSchemaVersions,
} from '@sleutel/domain';
import { JsonObject, NewEvent, NO_STREAM, SqliteEventStore } from '@sleutel/event-store';
import { CommandContext, CommandRunner } from '@sleutel/eventsourcing';
import { InMemoryKeyStore, MasterKey } from '@sleutel/privacy';
import { cohortRunAggregate } from './aggregates';
import { platformEventCodec } from './platform.module';

const context = (commandId: string): CommandContext => ({ actor: { id: 'matcher', role: 'system' }, source: 'worker', correlationId: 'c', causationId: 'r', commandId });
const newcomerIds = Array.from({ length: 6 }, () => randomUUID());
const keyPersonId = randomUUID();
const rowOf = (newcomerId: string) => ({ newcomerId, languages: ['tir'], gender: 'female', ageBand: '26–35', waitingDays: 3 });
const whyOf = (newcomerId: string) => ({ newcomerId, reason: 'places-given-to-others' as const, eligible: 1, bestScore: 0.5, excluded: { 'out-of-radius': 2 } });
const pairOf = (newcomerId: string) => ({ newcomerId, keyPersonId, score: 0.8, weight: 0.79 });
const at = (minute: number) => `2026-11-30T10:${String(minute).padStart(2, '0')}:00.000Z`;

/** What a run is folded into when its pages are read too; the pages add only these. */
const PAGE_FIELDS = ['assignments', 'unplaced', 'newcomers', 'pendingPages'] as const;
const withoutPageFields = (state: CohortRunState) => Object.fromEntries(Object.entries(state).filter(([field]) => !(PAGE_FIELDS as readonly string[]).includes(field)));

/**
 * `GET /cohort-runs` reads each listed run without its solution pages
 * (`COHORT_RUN_SUMMARY_EVENT_TYPES`): on a real SQLite log, runs of every
 * schema version fold to the same state as from their whole stream, apart
 * from what only the pages hold, and no page is read.
 */
describe('a cohort run read without its solution pages', () => {
  let directory: string;
  let store: SqliteEventStore;
  let runner: CommandRunner;

  beforeAll(() => {
    directory = mkdtempSync(join(tmpdir(), 'sleutel-run-summary-'));
    store = SqliteEventStore.open(join(directory, 'events.sqlite'));
    runner = new CommandRunner(store, platformEventCodec(new InMemoryKeyStore(MasterKey.generate()), { leaveRowsSealed: true }));
  });
  afterAll(async () => {
    await store.close();
    rmSync(directory, { recursive: true, force: true });
  });

  /** Commands through the runner, with the schema versions of the time given. */
  async function recorded(commands: (runId: string) => CohortRunCommand[], versions: Partial<Record<keyof typeof eventSchemaVersions, number>> = {}): Promise<string> {
    const runId = randomUUID();
    const aggregate = { ...cohortRunAggregate, schemaVersions: { ...eventSchemaVersions, ...versions } };
    for (const [index, command] of commands(runId).entries()) await runner.run(aggregate, cohortRunStream(runId), () => [command], context(`${runId}-${index}`));
    return runId;
  }

  /** Events as an older release stored them, appended as they are. */
  async function stored(events: { type: string; schemaVersion: number; data: (runId: string) => JsonObject }[]): Promise<string> {
    const runId = randomUUID();
    const envelopes: NewEvent[] = events.map(({ type, schemaVersion, data }, index) => ({
      id: randomUUID(), type, schemaVersion, data: data(runId),
      metadata: { actor: { id: 'matcher', role: 'system' }, command: type, correlationId: 'c', causationId: 'r', occurredAt: at(index), source: 'worker' },
    }));
    await store.append(cohortRunStream(runId), envelopes, NO_STREAM);
    return runId;
  }

  const start = (runId: string, municipalities: string[] | null = null): CohortRunCommand =>
    ({ type: 'StartCohortRun', data: { runId, at: at(0), requestedBy: 'coordinator-7', parameters: DEFAULT_COHORT_RUN_PARAMETERS, municipalities } });
  const progress = (runId: string, stage: 'collecting' | 'solving' | 'proposing', share: number, minute: number): CohortRunCommand =>
    ({ type: 'RecordCohortRunProgress', data: { runId, at: at(minute), stage, progress: share } });
  const page = (runId: string, solutionId: string, number: number, ids: string[]): CohortRunCommand => ({
    type: 'RecordCohortRunSolutionPage',
    data: { runId, at: at(10 + number), solutionId, page: number, assignments: ids.slice(0, 1).map(pairOf), unplaced: ids.slice(1).map(whyOf), newcomers: ids.map(rowOf) },
  });
  const seal = (runId: string, solutionId: string, pages: number, summary: JsonObject): CohortRunCommand =>
    ({ type: 'RecordCohortRunSolution', data: { runId, at: at(20), solutionId, pages, summary, load: { keyPersons: 1, gini: 0, maxLoad: 3 } } });
  const complete = (runId: string): CohortRunCommand =>
    ({ type: 'CompleteCohortRun', data: { runId, at: at(30), summary: { proposed: 3, supersededNewcomer: 0, supersededKeyPerson: 0 }, notProposedNewcomerIds: [] } });
  const started = { type: 'CohortRunStarted', schemaVersion: 1, data: (runId: string) => ({ runId, requestedBy: 'schedule', parameters: { ...DEFAULT_COHORT_RUN_PARAMETERS }, municipalities: ['GM0363'], startedAt: at(0) }) };

  it.each([
    ['done, solved in three pages (as recorded today)', () => recorded((runId) => [
      start(runId), progress(runId, 'collecting', 1, 1), progress(runId, 'solving', 0.5, 2),
      page(runId, 's-1', 0, newcomerIds.slice(0, 2)), page(runId, 's-1', 1, newcomerIds.slice(2, 4)), page(runId, 's-1', 2, newcomerIds.slice(4)),
      seal(runId, 's-1', 3, { newcomers: 6, assigned: 3 }), progress(runId, 'proposing', 1, 25), complete(runId),
    ]), 3],
    ['done, after a solve a dead worker left unsealed', () => recorded((runId) => [
      start(runId, ['GM0363', 'GM0344']), page(runId, 's-dead', 0, newcomerIds.slice(0, 3)),
      page(runId, 's-2', 0, newcomerIds.slice(0, 3)), page(runId, 's-2', 1, newcomerIds.slice(3)), seal(runId, 's-2', 2, { newcomers: 6 }), complete(runId),
    ]), 3],
    ['still running, a solve half recorded', () => recorded((runId) => [
      start(runId), progress(runId, 'solving', 0.9, 3), page(runId, 's-1', 0, newcomerIds.slice(0, 3)),
    ]), 1],
    ['failed while proposing', () => recorded((runId) => [
      start(runId), page(runId, 's-1', 0, newcomerIds), seal(runId, 's-1', 1, { newcomers: 6 }), progress(runId, 'proposing', 0.4, 21),
      { type: 'FailCohortRun', data: { runId, at: at(22), reason: 'The event store was unreachable' } },
    ]), 1],
    ['solved with counts per reason in clear and pages of one language per newcomer (CohortRunSolved 3, pages 2, completed 1)', () => recorded((runId) => [
      start(runId), page(runId, 's-1', 0, newcomerIds.slice(0, 3)), page(runId, 's-1', 1, newcomerIds.slice(3)),
      seal(runId, 's-1', 2, { newcomers: 6, unplacedBy: { 'no-eligible-key-person': 0, 'places-given-to-others': 4, 'load-cost-outweighs-score': 0 } }), complete(runId),
    ], { CohortRunSolved: 3, CohortRunSolutionPaged: 2, CohortRunCompleted: 1 }), 2],
    ['solved inline with its fairness report (CohortRunSolved 2, completed 1)', () => stored([
      started,
      { type: 'CohortRunSolved', schemaVersion: 2, data: (runId) => ({ runId, assignments: newcomerIds.slice(0, 2).map(pairOf), unplaced: newcomerIds.slice(2).map(whyOf), summary: { newcomers: 6, assigned: 2 }, fairness: { overall: { group: 'all', newcomers: 6, matched: 2 } }, solvedAt: at(5) }) },
      { type: 'CohortRunCompleted', schemaVersion: 1, data: (runId) => ({ runId, summary: { proposed: 1, supersededNewcomer: 1, supersededKeyPerson: 0 }, completedAt: at(6) }) },
    ]), 0],
    ['solved inline before the left-out newcomers were recorded (CohortRunSolved 1)', () => stored([
      started,
      { type: 'CohortRunSolved', schemaVersion: 1, data: (runId) => ({ runId, assignments: newcomerIds.slice(0, 2).map(pairOf), summary: { newcomers: 6, assigned: 2 }, fairness: { overall: { group: 'all' } }, solvedAt: at(5) }) },
      { type: 'CohortRunCompleted', schemaVersion: 1, data: (runId) => ({ runId, summary: { proposed: 2, supersededNewcomer: 0, supersededKeyPerson: 0 }, completedAt: at(6) }) },
    ]), 0],
  ])('folds a run %s to the same state as its whole stream, reading none of its pages', async (_, record, pages) => {
    const runId = await record();
    const whole = await runner.load(cohortRunAggregate, cohortRunStream(runId));
    const summary = await runner.load(cohortRunAggregate, cohortRunStream(runId), { eventTypes: COHORT_RUN_SUMMARY_EVENT_TYPES });
    expect(whole.events.filter((event) => event.type === 'CohortRunSolutionPaged')).toHaveLength(pages);
    expect(summary.events.map((event) => event.type)).toEqual(whole.events.map((event) => event.type).filter((type) => type !== 'CohortRunSolutionPaged'));
    expect(withoutPageFields(summary.state)).toEqual(withoutPageFields(whole.state));
    expect(whole.state.status).not.toBe('unstarted');
  });
});
