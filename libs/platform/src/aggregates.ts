import {
  eventSchemaVersions, keyPersonDecider, KeyPersonCommand, KeyPersonEvent, KeyPersonState,
  newcomerDecider, NewcomerCommand, NewcomerEvent, NewcomerState, KEY_PERSON_CATEGORY, NEWCOMER_CATEGORY,
  MATCH_CATEGORY, matchDecider, MatchCommand, MatchEvent, MatchState,
  cohortRunDecider, CohortRunCommand, CohortRunEvent, CohortRunState,
} from '@sleutel/domain';
import { AggregateType } from '@sleutel/eventsourcing';
import { ScoringPolicyCommand, scoringPolicyDecider, ScoringPolicyEvent, ScoringPolicyState } from '@sleutel/matching';

/** The aggregates as the command runner sees them. */
export const newcomerAggregate: AggregateType<NewcomerCommand, NewcomerEvent, NewcomerState> = {
  subjectType: NEWCOMER_CATEGORY,
  decider: newcomerDecider,
  schemaVersions: eventSchemaVersions,
};

export const keyPersonAggregate: AggregateType<KeyPersonCommand, KeyPersonEvent, KeyPersonState> = {
  subjectType: KEY_PERSON_CATEGORY,
  decider: keyPersonDecider,
  schemaVersions: eventSchemaVersions,
};

/** Matches carry no subject of their own: their personal data belongs to the newcomer they pair. */
export const matchAggregate: AggregateType<MatchCommand, MatchEvent, MatchState> = {
  subjectType: MATCH_CATEGORY,
  // Sealed under the newcomer's key: the explanation (their languages, needs, distances) and every free-text reason.
  dataSubjectOf: (state, event) => {
    const newcomerId = ('newcomerId' in state ? state.newcomerId : null) ?? (event.data as { newcomerId?: string }).newcomerId ?? null;
    return newcomerId === null ? null : { type: NEWCOMER_CATEGORY, id: newcomerId };
  },
  // The explanation holds facts about the key person too (shared language, needs covered, load, distance): sealed under both keys.
  pairSubjectOf: (state, event) => {
    const keyPersonId = ('keyPersonId' in state ? state.keyPersonId : null) ?? (event.data as { keyPersonId?: string }).keyPersonId ?? null;
    return keyPersonId === null ? null : { type: KEY_PERSON_CATEGORY, id: keyPersonId };
  },
  decider: matchDecider,
  schemaVersions: eventSchemaVersions,
};

/** The scoring policy's history: one stream, `scoring-policy`. */
export const scoringPolicyAggregate: AggregateType<ScoringPolicyCommand, ScoringPolicyEvent, ScoringPolicyState> = {
  subjectType: null,
  decider: scoringPolicyDecider,
  schemaVersions: { ScoringPolicyChanged: 1 },
};

/** A cohort run's stream, `cohort-run-<id>`: who asked, the parameters, progress, the solution and its fairness. No personal data. */
export const cohortRunAggregate: AggregateType<CohortRunCommand, CohortRunEvent, CohortRunState> = {
  subjectType: null,
  decider: cohortRunDecider,
  schemaVersions: eventSchemaVersions,
};
