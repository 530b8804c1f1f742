import { Decider, DomainCommand, DomainEvent } from '@sleutel/domain';

/** Everything the runner needs to know about one kind of aggregate. */
export interface AggregateType<Command extends DomainCommand, Event extends DomainEvent, State> {
  /** Data-subject type of its streams (`newcomer`, `key-person`), for privacy. */
  readonly subjectType: string;
  readonly decider: Decider<Command, Event, State>;
  /** Current schema version of every event type the decider emits. */
  readonly schemaVersions: Readonly<Record<string, number>>;
}
