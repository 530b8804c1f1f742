/**
 * @sleutel/matching: who should be a newcomer's key person, and why (SPEC §5).
 * Pure and deterministic — no Nest, no I/O, no clock (`now` is passed in) —
 * so a proposal can be scored again from the log and give the same result.
 *
 * - `ScoringPolicy` / `DEFAULT_POLICY` / `validatePolicy`: the policy as versioned data.
 * - `rank`: the reference ranking over a list of key persons; `assess` for one pair.
 * - `CandidateIndex`: the matcher worker's in-memory index, same results, fast.
 * - `explain`: the explanation a proposal stores.
 * libs/matching/README.md describes how the parts fit and why the defaults are what they are.
 */
export type { MatchingNewcomer } from './matching-newcomer';
export type { MatchingKeyPerson, MatchingKeyPersonStatus } from './matching-key-person';
export { EXCLUSION_REASONS, noExclusions } from './exclusion-reason';
export type { ExclusionCounts, ExclusionReason } from './exclusion-reason';

export { ALWAYS_APPLYING_COMPONENTS, COMPONENT_INDEX, COMPONENT_NAMES, SHARED_LEVELS } from './policy/scoring-policy';
export type {
  AvailabilityParameters, ComponentName, ComponentWeights, ExpertiseParameters, LanguageParameters, MatchingConstraints,
  ProximityParameters, ScoringParameters, ScoringPolicy, SharedLevel, WaitingParameters,
} from './policy/scoring-policy';
export { DEFAULT_POLICY } from './policy/default.policy';
export { SEPARATE_MACROLANGUAGES_RECOMMENDED, separateMacrolanguagesOf } from './policy/separate-macrolanguages';
export { GENDER_WEIGHT_RECOMMENDED, genderWeightOf, weighsGender, weightOf } from './policy/gender-weight';
export { isValidPolicy, validatePolicy } from './policy/policy.validation';

export type { ComponentExplanation } from './components/component-explanation';
export type { AvailabilityRaw } from './components/availability.component';
export type { ExpertiseRaw } from './components/expertise.component';
export type { GenderRaw } from './components/gender.component';
export type { LanguageRaw } from './components/language.component';
export type { LoadRaw } from './components/load.component';
export type { OriginRaw } from './components/origin.component';
export type { ProximityRaw } from './components/proximity.component';
export type { WaitingRaw } from './components/waiting.component';

export { assess, brokenConstraintOf } from './scoring/assess';
export { rank } from './ranking/rank';
export { explain } from './ranking/explain';
export { withBestAttainableAsRecorded } from './ranking/recorded-best-attainable';
export { compareCandidates } from './ranking/ranking-order';
export type { Alternative, Assessment, Explanation, Ranking, ScoredCandidate } from './ranking/ranking.types';

export { CandidateIndex } from './index/candidate-index';
export type { IndexRankOptions } from './index/candidate-index';
export type { FeasibleScores } from './index/indexed-rank';

export { kmBetween } from './measures/municipality-distance';

export { initialScoringPolicyState, SCORING_POLICY_ERRORS, SCORING_POLICY_STREAM, scoringPolicyDecider } from './policy/policy.decider';
export type { ChangeScoringPolicy, ScoringPolicyChanged, ScoringPolicyCommand, ScoringPolicyEvent, ScoringPolicyState } from './policy/policy.decider';

export { fairnessFacts, fairnessReport, gini, loadSpread } from './fairness/fairness-report';
export type { FairnessBasis, FairnessFacts, FairnessInput, FairnessReport, GroupFigures, LoadSpread } from './fairness/fairness-report';

// Cohort assignment (SPEC §5 cohort mode, §9 `assign`): the exact capacitated assignment solver.
export { INVALID_ASSIGNMENT_INSTANCE, InvalidAssignmentInstanceError, solveAssignment } from './cohort/solve-assignment';
export { indexAssignmentInstance, validateAssignmentInstance } from './cohort/instance-indexing';
export type { IndexedWithIds, IndexingResult } from './cohort/instance-indexing';
export { solveIndexedAssignment } from './cohort/solve-indexed';
export { certificateProblem } from './cohort/optimality-certificate';
export { exactSum } from './cohort/exact-sum';
export { CohortEdgeList, placeCost, reduceCohort } from './cohort/fair-cohort';
export type { CohortAssignment, CohortEdges, CohortKeyPerson, CohortNewcomer, CohortProblem, CohortSolution, FairnessTerms, ReducedCohort } from './cohort/fair-cohort';
export { indexedInstanceProblem } from './cohort/indexed-instance';
export type { IndexedSolveOptions } from './cohort/solve-indexed';
export type { IndexedAssignmentInstance, IndexedAssignmentSolution } from './cohort/indexed-instance';
export type {
  Assignment, AssignmentEdge, AssignmentInstance, AssignmentKeyPerson, AssignmentNewcomer, AssignmentResult, SolveOptions,
} from './cohort/assignment.types';
