/**
 * `@sleutel/matching/solver`: only what the cohort solver's thread runs, the
 * exact solver over typed arrays and its soundness check. A thread that
 * imported the whole of `@sleutel/matching` loaded every module of the
 * library (policy, scoring, ranking, the reference data they use) to call
 * two functions; from TypeScript sources (Jest, ts-node), where each module
 * is compiled as it loads, that was 2.4–3.9 s of every run's start against
 * 0.45 s for these (load average 6–8, 2026-12-02).
 */
export { solveIndexedAssignment } from './cohort/solve-indexed';
export type { IndexedSolveOptions } from './cohort/solve-indexed';
export { indexedInstanceProblem } from './cohort/indexed-instance';
export type { IndexedAssignmentInstance, IndexedAssignmentSolution } from './cohort/indexed-instance';
