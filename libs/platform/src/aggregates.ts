import {
  eventSchemaVersions, keyPersonDecider, KeyPersonCommand, KeyPersonEvent, KeyPersonState,
  newcomerDecider, NewcomerCommand, NewcomerEvent, NewcomerState, KEY_PERSON_CATEGORY, NEWCOMER_CATEGORY,
} from '@sleutel/domain';
import { AggregateType } from '@sleutel/eventsourcing';

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
