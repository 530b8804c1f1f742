import { DeciderSpecification } from '../decider-specification';
import { CohortRunCommand, cohortRunDecider, CohortRunEvent } from './cohort-run';
import { cohortRunCompletedV1, cohortRunSolutionPagedV1, cohortRunSolutionPagedV2, cohortRunSolvedV1, cohortRunSolvedV2, cohortRunSolvedV3 } from './cohort-run.upcasters';

const spec = () => DeciderSpecification.for(cohortRunDecider);
const runId = '5b7f3c2e-8a41-4d0e-9c6b-2f1e0d9c8b7a';
const parameters = { candidatesPerNewcomer: 50, waitingBonusPerDay: 0.002, loadCost: 0.05 };
const start: CohortRunCommand = { type: 'StartCohortRun', data: { runId, at: 't0', requestedBy: 'coordinator-1', parameters, municipalities: ['GM0344'] } };
const started: CohortRunEvent = { type: 'CohortRunStarted', data: { runId, requestedBy: 'coordinator-1', parameters, municipalities: ['GM0344'], startedAt: 't0' } };
const progress = (stage: 'collecting' | 'solving' | 'proposing', value: number, at = 't1'): CohortRunCommand => ({ type: 'RecordCohortRunProgress', data: { runId, at, stage, progress: value } });
const progressed = (stage: 'collecting' | 'solving' | 'proposing', value: number, at = 't1'): CohortRunEvent => ({ type: 'CohortRunProgressed', data: { runId, stage, progress: value, at } });
const assignments = [{ newcomerId: 'n1', keyPersonId: 'k1', score: 0.8, weight: 0.85 }];
const unplaced = [{ newcomerId: 'n2', reason: 'no-eligible-key-person' as const, eligible: 0, bestScore: null, excluded: { 'no-shared-language': 3 } }];
const newcomers = [
  { newcomerId: 'n1', languages: ['tir'], gender: 'female', ageBand: '26–35', waitingDays: 4 },
  { newcomerId: 'n2', languages: ['apc', 'prs'], gender: 'male', ageBand: '18–25', waitingDays: 9 },
];
const load = { keyPersons: 1, meanUtilisation: 0.5, minLoad: 1, maxLoad: 1, gini: 0 };
const solutionId = 's-1';
const page = (n: number, chosen = assignments, id = solutionId): CohortRunCommand => ({
  type: 'RecordCohortRunSolutionPage', data: { runId, at: 't2', solutionId: id, page: n, assignments: n === 0 ? chosen : [], unplaced: n === 0 ? unplaced : [], newcomers: [newcomers[n]] },
});
const paged = (n: number, chosen = assignments, id = solutionId): CohortRunEvent => ({
  type: 'CohortRunSolutionPaged', data: { runId, solutionId: id, page: n, assignments: n === 0 ? chosen : [], unplaced: n === 0 ? unplaced : [], newcomers: [newcomers[n]], at: 't2' },
});
const solve = (id = solutionId, pages = 2): CohortRunCommand => ({
  type: 'RecordCohortRunSolution', data: { runId, at: 't2', solutionId: id, pages, summary: { assigned: 1 }, load },
});
const solved = (id = solutionId, pages = 2): CohortRunEvent => ({
  type: 'CohortRunSolved', data: { runId, solutionId: id, pages, assignments: [], unplaced: [], summary: { assigned: 1 }, newcomers: [], load, solvedAt: 't2' },
});
const complete: CohortRunCommand = { type: 'CompleteCohortRun', data: { runId, at: 't2', summary: { proposed: 1 }, notProposedNewcomerIds: [] } };
const completed: CohortRunEvent = { type: 'CohortRunCompleted', data: { runId, summary: { proposed: 1 }, notProposedNewcomerIds: [], completedAt: 't2' } };

describe('cohort run', () => {
  it('starts once, storing who asked and the parameters', () => {
    spec().given([]).when(start).then([started]);
    spec().given([started]).when(start).thenThrows('COHORT_RUN.ALREADY_STARTED');
  });

  it('refuses parameters out of range, naming each', () => {
    spec().given([]).when({ ...start, data: { ...start.data, parameters: { candidatesPerNewcomer: 0, waitingBonusPerDay: -1, loadCost: 2 } } })
      .thenThrows('COHORT_RUN.INVALID', ['candidatesPerNewcomer', 'waitingBonusPerDay', 'loadCost']);
  });

  it('refuses a waiting bonus of 0, which would let a newcomer who scores lower wait for ever (SPEC §5)', () => {
    spec().given([]).when({ ...start, data: { ...start.data, parameters: { ...parameters, waitingBonusPerDay: 0 } } })
      .thenThrows('COHORT_RUN.INVALID', ['waitingBonusPerDay']);
  });

  it('records progress only forward, stage by stage', () => {
    spec().given([started]).when(progress('solving', 0.5)).then([progressed('solving', 0.5)]);
    spec().given([started, progressed('solving', 0.5)]).when(progress('solving', 0.4)).thenNothing();
    spec().given([started, progressed('solving', 0.5)]).when(progress('collecting', 1)).thenNothing();
    spec().given([started, progressed('solving', 0.5)]).when(progress('proposing', 0)).then([progressed('proposing', 0)]);
  });

  it('completes once; a repeated completion or late progress changes nothing; other changes are refused', () => {
    spec().given([started]).when(complete).then([completed]);
    spec().given([started, completed]).when(complete).thenNothing();
    spec().given([started, completed]).when(progress('proposing', 1)).thenNothing();
    spec().given([started, completed]).when({ type: 'FailCohortRun', data: { runId, at: 't3', reason: 'late' } }).thenThrows('COHORT_RUN.FINISHED');
  });

  it('records a solution in pages, then seals them; each page once', () => {
    spec().given([started]).when(page(0)).then([paged(0)]);
    spec().given([started, paged(0)]).when(page(0)).thenNothing();
    spec().given([started, paged(0), paged(1)]).when(solve()).then([solved()]);
  });

  it('refuses to seal a solve whose pages are not all recorded', () => {
    spec().given([started, paged(1)]).when(solve()).thenThrows('COHORT_RUN.INVALID');
    spec().given([started, paged(0), paged(1)]).when(solve(solutionId, 1)).thenThrows('COHORT_RUN.INVALID');
    spec().given([started]).when(solve('s-2', 0)).then([solved('s-2', 0)]);
  });

  it('records one solution: a second one (a redelivered job solving again) changes nothing', () => {
    const first = [started, paged(0), paged(1), solved()];
    spec().given(first).when(page(0, [], 's-2')).thenNothing();
    spec().given(first).when(solve('s-2', 0)).thenNothing();
    spec().given([...first, completed]).when(solve()).thenNothing();
  });

  it('reads the sealed solve\'s pages in order, and leaves the pages of a solve that stopped unread', () => {
    const stopped = paged(0, [{ newcomerId: 'n2', keyPersonId: 'k9', score: 0.1, weight: 0.1 }], 's-0');
    const state = [started, stopped, paged(1), paged(0), solved()].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({ assignments, unplaced, newcomers, load, pendingPages: {} });
  });

  it('is unknown before it starts', () => {
    spec().given([]).when(complete).thenThrows('COHORT_RUN.NOT_FOUND');
  });

  it('folds into a state a reader can show', () => {
    const state = [started, progressed('solving', 0.5), paged(0), paged(1), solved(), completed].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({
      status: 'done', progress: 1, parameters, municipalities: ['GM0344'], requestedBy: 'coordinator-1',
      assignments, unplaced, summary: { assigned: 1, proposed: 1 }, newcomers, load, recordedFairness: null, notProposedNewcomerIds: [],
    });
  });

  it('records on completion whose pairs were not proposed; until then that is not known', () => {
    const tally = { proposed: 0, supersededNewcomer: 1, supersededKeyPerson: 0 };
    const solvedRun = [started, paged(0), paged(1), solved()];
    const withdrawn: CohortRunEvent = { type: 'CohortRunCompleted', data: { runId, summary: tally, notProposedNewcomerIds: ['n1'], completedAt: 't3' } };
    spec().given(solvedRun).when({ type: 'CompleteCohortRun', data: { runId, at: 't3', summary: tally, notProposedNewcomerIds: ['n1'] } }).then([withdrawn]);
    expect(solvedRun.reduce(cohortRunDecider.evolve, cohortRunDecider.initialState()).notProposedNewcomerIds).toBeNull();
    expect([...solvedRun, withdrawn].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState())).toMatchObject({ status: 'done', notProposedNewcomerIds: ['n1'] });
  });

  it('reads a completion that recorded only its tally (schema version 1) as every pair proposed when none was superseded, else as not recorded', () => {
    const allProposed = { runId, summary: { proposed: 2, supersededNewcomer: 0, supersededKeyPerson: 0 }, completedAt: 't3' };
    expect(cohortRunCompletedV1.upcast(allProposed)).toEqual({ ...allProposed, notProposedNewcomerIds: [] });
    const someNot = { runId, summary: { proposed: 1, supersededNewcomer: 0, supersededKeyPerson: 1 }, completedAt: 't3' };
    expect(cohortRunCompletedV1.upcast(someNot)).toEqual({ ...someNot, notProposedNewcomerIds: null });
    const noTally = { runId, summary: {}, completedAt: 't3' };
    expect(cohortRunCompletedV1.upcast(noTally)).toEqual({ ...noTally, notProposedNewcomerIds: null });
  });

  it('reads a run solved before the left-out newcomers were recorded (schema version 1) as "not recorded", not as "none"', () => {
    const stored = { runId, assignments, summary: { assigned: 1 }, fairness: { overall: {} }, solvedAt: 't2' };
    const upcast = cohortRunSolvedV1.upcast(stored);
    expect(upcast).toEqual({ ...stored, unplaced: null });
    const state = [started, { type: 'CohortRunSolved', data: cohortRunSolvedV2.upcast(upcast) } as CohortRunEvent].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({ assignments, unplaced: null });
  });

  it('reads a run that recorded its whole fairness report (schema version 2) with that report, and no newcomers\' rows', () => {
    const stored = { runId, assignments, unplaced, summary: { assigned: 1 }, fairness: { overall: { group: 'all' } }, solvedAt: 't2' };
    const upcast = cohortRunSolvedV2.upcast(stored);
    expect(upcast).toEqual({ ...stored, solutionId: null, pages: 0, newcomers: null, load: null });
    const state = [started, { type: 'CohortRunSolved', data: upcast } as CohortRunEvent].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({ assignments, unplaced, newcomers: null, load: null, recordedFairness: { overall: { group: 'all' } } });
  });

  it('reads a run that counted its left-out newcomers per reason in clear (schema version 3) without those counts, which are counted again from the rows', () => {
    // One newcomer left out: the count said her reason, which an erasure of her key did not take away.
    const summary = { assigned: 1, unassigned: 1, unplacedBy: { 'no-eligible-key-person': 1, 'places-given-to-others': 0, 'load-cost-outweighs-score': 0 } };
    const stored = { runId, solutionId, pages: 2, assignments: [], unplaced: [], summary, newcomers: [], load, solvedAt: 't2' };
    const upcast = cohortRunSolvedV3.upcast(stored);
    expect(upcast).toEqual({ ...stored, summary: { assigned: 1, unassigned: 1 } });
    expect(stored.summary).toHaveProperty('unplacedBy');
    const state = [started, paged(0), paged(1), { type: 'CohortRunSolved', data: upcast } as CohortRunEvent].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({ summary: { assigned: 1, unassigned: 1 }, unplaced });
    expect(state.summary).not.toHaveProperty('unplacedBy');
    // Each step before reads on to version 4 the same way; a summary without the counts stays as it is.
    expect(cohortRunSolvedV3.upcast(cohortRunSolvedV2.upcast({ runId, assignments, unplaced, summary, fairness: {}, solvedAt: 't2' })).summary).toEqual({ assigned: 1, unassigned: 1 });
    expect(cohortRunSolvedV3.upcast({ ...stored, summary: { assigned: 1 } })).toEqual({ ...stored, summary: { assigned: 1 } });
  });

  it('reads a page that kept its left-out newcomers\' reasons in clear (schema version 1) as it was, beside a left-out newcomer erased since', () => {
    const stored = { runId, solutionId, page: 0, assignments, unplaced, newcomers: [newcomers[0]], at: 't2' };
    const upcast = cohortRunSolutionPagedV1.upcast(stored);
    expect(upcast).toEqual(stored);
    // From version 2 each reason is sealed under the newcomer's key: an erased one reads as their id and the marker.
    const erased = { newcomerId: 'n3', personal: { erased: true } };
    const later = { ...paged(1), data: { ...paged(1).data, unplaced: [erased] } } as CohortRunEvent;
    const state = [started, { type: 'CohortRunSolutionPaged', data: upcast } as CohortRunEvent, later, solved()].reduce(cohortRunDecider.evolve, cohortRunDecider.initialState());
    expect(state).toMatchObject({ assignments, unplaced: [...unplaced, erased], newcomers, pendingPages: {} });
  });

  it('reads a page that recorded one language per newcomer (schema version 2) as that language alone; erased and sealed rows as they are', () => {
    const erased = { newcomerId: 'n3', personal: { erased: true } };
    const sealed = { newcomerId: 'n4', personal: { alg: 'A256GCM', kv: 1, iv: 'i', ct: 'c', tag: 't' } };
    const stored = {
      runId, solutionId, page: 0, assignments, unplaced,
      newcomers: [{ newcomerId: 'n1', language: 'tir', gender: 'female', ageBand: '26–35', waitingDays: 4 }, erased, sealed], at: 't2',
    };
    const upcast = cohortRunSolutionPagedV2.upcast(stored);
    expect(upcast).toEqual({ ...stored, newcomers: [newcomers[0], erased, sealed] });
  });
});
