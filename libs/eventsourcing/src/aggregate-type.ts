import { Decider, DomainCommand, DomainEvent } from '@sleutel/domain';

/** Everything the runner needs to know about one kind of aggregate. */
export interface AggregateType<Command extends DomainCommand, Event extends DomainEvent, State> {
  /**
   * Stream category, `<subjectType>-<id>`; also the data-subject type named in
   * each event's metadata, for privacy. Null for streams that hold no
   * personal data (the scoring policy).
   */
  readonly subjectType: string | null;
  readonly decider: Decider<Command, Event, State>;
  /** Current schema version of every event type the decider emits. */
  readonly schemaVersions: Readonly<Record<string, number>>;
}
