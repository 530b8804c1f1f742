import { cohortRunDecider, CohortRunEvent, CohortRunUnplacedRow, eventUpcasters } from '@sleutel/domain';
import { unplacedFigures, unplacedOf } from './cohort-run-unplaced';

const runId = 'run-1';
const load = { keyPersons: 1, meanUtilisation: 1, minLoad: 1, maxLoad: 1, gini: 0 };
const started: CohortRunEvent = {
  type: 'CohortRunStarted', data: { runId, requestedBy: 'c', parameters: { candidatesPerNewcomer: 16, waitingBonusPerDay: 0.005, loadCost: 0.05 }, municipalities: null, startedAt: 't0' },
};
const amalWhy = { newcomerId: 'amal', reason: 'no-eligible-key-person' as const, eligible: 0, bestScore: null, excluded: { 'gender-required': 2 } };
const bilalWhy = { newcomerId: 'bilal', reason: 'places-given-to-others' as const, eligible: 1, bestScore: 0.6, excluded: {} };
const amalErased = { newcomerId: 'amal', personal: { erased: true } };
const paged = (unplaced: readonly CohortRunUnplacedRow[]): CohortRunEvent => ({
  type: 'CohortRunSolutionPaged', data: { runId, solutionId: 's', page: 0, at: 't1', assignments: [], unplaced, newcomers: [] },
});
const solved = (summary: Record<string, unknown>): CohortRunEvent => ({
  type: 'CohortRunSolved', data: { runId, solutionId: 's', pages: 1, assignments: [], unplaced: [], summary: summary as never, newcomers: [], load, solvedAt: 't1' },
});
/** How a `CohortRunSolved` of schema version 3, which counted the left-out newcomers per reason in clear, reads now. */
const upcastSolvedV3 = eventUpcasters.find((u) => u.type === 'CohortRunSolved' && u.fromVersion === 3)!;
const fold = (events: readonly CohortRunEvent[]) => events.reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
const none = { 'no-eligible-key-person': 0, 'places-given-to-others': 0, 'load-cost-outweighs-score': 0 };

describe('a cohort run\'s left-out newcomers per reason', () => {
  it('counts them from their rows when read, an erased one apart and under no reason', () => {
    expect(unplacedFigures(fold([started, paged([amalWhy, bilalWhy]), solved({ unassigned: 2 })]))).toEqual({
      unplacedBy: { ...none, 'no-eligible-key-person': 1, 'places-given-to-others': 1 }, unplacedErased: 0,
    });
    const state = fold([started, paged([amalErased, bilalWhy]), solved({ unassigned: 2 })]);
    expect(unplacedFigures(state)).toEqual({ unplacedBy: { ...none, 'places-given-to-others': 1 }, unplacedErased: 1 });
    expect(state.unplaced!.map(unplacedOf)).toEqual([{ newcomerId: 'amal', reason: null, eligible: null, bestScore: null, excluded: null }, bilalWhy]);
  });

  it('no longer gives the counts a run solved before recorded in clear once its one left-out newcomer is erased (the log keeps them)', () => {
    const recorded = { unassigned: 1, unplacedBy: { ...none, 'no-eligible-key-person': 1 } };
    const state = fold([started, paged([amalErased]), { type: 'CohortRunSolved', data: upcastSolvedV3.upcast({ ...solved(recorded).data }) } as CohortRunEvent]);
    expect(state.summary).toEqual({ unassigned: 1 });
    expect(unplacedFigures(state)).toEqual({ unplacedBy: none, unplacedErased: 1 });
  });

  it('gives none before the solve, nor for a run solved before the left-out newcomers were recorded', () => {
    expect(unplacedFigures(fold([started]))).toBeNull();
    const solvedV1: CohortRunEvent = {
      type: 'CohortRunSolved', data: { runId, solutionId: null, pages: 0, assignments: [], unplaced: null, summary: { unassigned: 3 }, newcomers: null, load: null, fairness: {}, solvedAt: 't1' },
    };
    expect(unplacedFigures(fold([started, solvedV1]))).toBeNull();
  });
});
