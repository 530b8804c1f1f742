import { cohortRunDecider, CohortRunEvent, eventUpcasters } from '@sleutel/domain';
import { fairnessOf } from './cohort-run-fairness';

const runId = 'run-1';
const load = { keyPersons: 1, meanUtilisation: 1, minLoad: 2, maxLoad: 2, gini: 0 };
const row = (newcomerId: string) => ({ newcomerId, languages: ['tir'], gender: 'female', ageBand: '26–35', waitingDays: 10 });
/** One key person with two places, both given to the run's two newcomers. */
const solvedRun: CohortRunEvent[] = [
  { type: 'CohortRunStarted', data: { runId, requestedBy: 'c', parameters: { candidatesPerNewcomer: 16, waitingBonusPerDay: 0.005, loadCost: 0.05 }, municipalities: null, startedAt: 't0' } },
  {
    type: 'CohortRunSolutionPaged',
    data: {
      runId, solutionId: 's', page: 0, at: 't1', unplaced: [], newcomers: [row('amal'), row('bilal')],
      assignments: [{ newcomerId: 'amal', keyPersonId: 'k', score: 0.9, weight: 0.9 }, { newcomerId: 'bilal', keyPersonId: 'k', score: 0.5, weight: 0.5 }],
    },
  },
  { type: 'CohortRunSolved', data: { runId, solutionId: 's', pages: 1, assignments: [], unplaced: [], summary: { assigned: 2 }, newcomers: [], load, solvedAt: 't1' } },
];
const tally = { proposed: 1, supersededNewcomer: 1, supersededKeyPerson: 0 };
/** How a completion of schema version 1 reads now. */
const upcastCompletedV1 = eventUpcasters.find((u) => u.type === 'CohortRunCompleted' && u.fromVersion === 1)!;
const fold = (events: readonly CohortRunEvent[]) => events.reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());

describe('a cohort run\'s fairness report', () => {
  it('counts as matched only the pairs a completed run proposed: a pair dropped at proposing (Amal withdrawn meanwhile) is not', () => {
    const report = fairnessOf(fold([
      ...solvedRun,
      { type: 'CohortRunCompleted', data: { runId, summary: tally, notProposedNewcomerIds: ['amal'], completedAt: 't2' } },
    ]))!;
    expect(report.basis).toBe('proposed');
    expect(report.overall).toMatchObject({ newcomers: 2, matched: 1, matchRate: 0.5, meanScore: 0.5 });
    expect(report.byLanguage).toEqual([expect.objectContaining({ group: 'tir', matched: 1 })]);
  });

  it('says the figures are the plan while the run is still proposing, or failed while it was', () => {
    for (const events of [solvedRun, [...solvedRun, { type: 'CohortRunFailed', data: { runId, reason: 'gave up', failedAt: 't2' } } as CohortRunEvent]]) {
      const report = fairnessOf(fold(events))!;
      expect(report.basis).toBe('planned');
      expect(report.overall).toMatchObject({ newcomers: 2, matched: 2, matchRate: 1, meanScore: 0.7 });
    }
  });

  it('reads a run completed before whose pairs were not proposed was recorded: every pair proposed by its tally, else the plan', () => {
    const completedV1 = (summary: Record<string, number>): CohortRunEvent =>
      ({ type: 'CohortRunCompleted', data: upcastCompletedV1.upcast({ runId, summary, completedAt: 't2' }) }) as CohortRunEvent;
    expect(fairnessOf(fold([...solvedRun, completedV1(tally)]))).toMatchObject({ basis: 'planned', overall: { matched: 2 } });
    const everyPair = { proposed: 2, supersededNewcomer: 0, supersededKeyPerson: 0 };
    expect(fairnessOf(fold([...solvedRun, completedV1(everyPair)]))).toMatchObject({ basis: 'proposed', overall: { matched: 2 } });
  });

  it('says a report recorded whole at solve time (runs solved before the rows were recorded) is the plan', () => {
    const recorded: CohortRunEvent = {
      type: 'CohortRunSolved',
      data: { runId, solutionId: null, pages: 0, assignments: [], unplaced: null, summary: {}, newcomers: null, load: null, fairness: { overall: { matched: 2 } }, solvedAt: 't1' },
    };
    expect(fairnessOf(fold([solvedRun[0], recorded]))).toEqual({ overall: { matched: 2 }, basis: 'planned', erasedNewcomers: null });
  });
});
