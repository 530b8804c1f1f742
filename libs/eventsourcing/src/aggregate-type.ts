import { Decider, DomainCommand, DomainEvent } from '@sleutel/domain';

/** Everything the runner needs to know about one kind of aggregate. */
export interface AggregateType<Command extends DomainCommand, Event extends DomainEvent, State> {
  /**
   * Stream category, `<subjectType>-<id>`; also the data-subject type named in
   * each event's metadata, for privacy. Null for streams that hold no
   * personal data (the scoring policy).
   */
  readonly subjectType: string | null;
  /**
   * Whose personal data an event carries when that is not the stream's own
   * subject: a match's events belong to its newcomer (their explanation and
   * reasons describe the newcomer). Named in `metadata.subject` instead of the
   * stream's; null: none. Absent: the stream's subject, as above.
   */
  readonly dataSubjectOf?: (state: State, event: Event) => { readonly type: string; readonly id: string } | null;
  /**
   * A second person the event says things about, beside its subject: a
   * match's key person, whose facts its explanation holds (the language they
   * share with the newcomer, the needs they cover, their load, the distance).
   * Named in `metadata.pairSubject`; the privacy layer seals such facts under
   * both people's keys. Absent or null: none.
   */
  readonly pairSubjectOf?: (state: State, event: Event) => { readonly type: string; readonly id: string } | null;
  readonly decider: Decider<Command, Event, State>;
  /** Current schema version of every event type the decider emits. */
  readonly schemaVersions: Readonly<Record<string, number>>;
}
