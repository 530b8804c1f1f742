import { DomainCommand, DomainError, DomainEvent } from '@sleutel/domain';
import {
  EventStore, JsonObject, NewEvent, NO_STREAM, RecordedEvent, WrongExpectedRevisionError,
} from '@sleutel/event-store';
import { AggregateType } from './aggregate-type';
import { CommandContext } from './command-context';
import { ContentionError, StaleRevisionError } from './command-errors';
import { EventCodec, isReadable } from './event-codec';
import { eventIdFor } from './event-ids';

/** A stream folded into state; `revision` is -1 when the stream does not exist. */
export interface LoadedAggregate<State> {
  readonly state: State;
  readonly revision: number;
  readonly events: readonly RecordedEvent[];
}

export interface CommandOutcome<State> {
  readonly state: State;
  /** The stream's revision after the command (unchanged when nothing was appended). */
  readonly revision: number;
  /** Log position of the last appended event; null when nothing was appended. */
  readonly position: number | null;
  readonly appended: number;
}

export interface RunOptions<State = unknown> {
  /** The revision the caller saw (If-Match); a different one is a StaleRevisionError. */
  readonly expectedRevision?: number;
  /**
   * Checked on every attempt after loading and before deciding; throw to refuse.
   * For preconditions on something other than the stream revision, e.g. the
   * revision of a profile whose stream also holds the matcher's bookkeeping.
   */
  readonly precondition?: (loaded: LoadedAggregate<State>) => void;
  /**
   * Folds only events of these types before deciding, for a command whose
   * decision the others cannot change (a cohort run's progress or end, which
   * its megabytes of solution pages do not decide). The append still expects
   * the stream's last revision, whatever its type.
   */
  readonly foldOnly?: readonly string[];
  /**
   * The stream is new as far as the caller can tell (its id was just drawn at
   * random): the first attempt decides on the initial state without reading
   * the stream and appends expecting none. If it exists after all, the append
   * conflicts and the next attempt reads it, as after any conflict. Saves a
   * registration its one read of the store.
   */
  readonly assumeNew?: boolean;
}

/** Builds the domain commands from the current state and the decision time. */
export type CommandBuilder<Command, State> = (state: State, now: string) => readonly Command[];

/**
 * The only writer: load a stream, fold it, decide, wrap the events in the
 * envelope (ids, schema version, metadata), encode and append with the
 * expected revision. A conflict means someone wrote in between: decide again on
 * the new state, a bounded number of times, unless the caller pinned the
 * revision, in which case the conflict is theirs to resolve (412).
 */
export class CommandRunner {
  constructor(
    private readonly store: EventStore,
    private readonly codec: EventCodec,
    private readonly clock: () => Date = () => new Date(),
    private readonly maxAttempts = 5,
  ) {}

  /**
   * The stream folded into state. With `eventTypes`, only events of those
   * types are read and folded: for a read whose answer the others cannot
   * change (a cohort run's summary without its solution pages), never for
   * deciding; `revision` is then that of the last event read.
   */
  async load<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>,
    streamId: string,
    options: { readonly eventTypes?: readonly E['type'][] } = {},
  ): Promise<LoadedAggregate<S>> {
    const recorded = await this.store.readStream(streamId, options.eventTypes === undefined ? undefined : { eventTypes: options.eventTypes });
    return this.foldFromStart(aggregate, recorded);
  }

  /**
   * Several streams folded, each as `load` folds it, in the order of
   * `streamIds`: read from the store at once and opened side by side, for a
   * reader of many small streams (a cohort run's waiting newcomers).
   */
  async loadMany<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>,
    streamIds: readonly string[],
  ): Promise<LoadedAggregate<S>[]> {
    const streams = await this.store.readStreams(streamIds);
    return Promise.all(streams.map((recorded) => this.foldFromStart(aggregate, recorded)));
  }

  /** A stream's events, as read, folded from the initial state. */
  private async foldFromStart<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>, recorded: readonly RecordedEvent[],
  ): Promise<LoadedAggregate<S>> {
    const { state, events } = await this.foldOnto(aggregate, aggregate.decider.initialState(), recorded);
    return { state, revision: events.length === 0 ? -1 : events[events.length - 1].revision, events };
  }

  /**
   * `loaded` brought up to the stream's end: only the events after its
   * revision are read and folded onto its state. For a reader that keeps a
   * large stream folded (a cohort run's report), never for deciding.
   */
  async catchUp<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>,
    streamId: string,
    loaded: { readonly state: S; readonly revision: number },
  ): Promise<{ state: S; revision: number }> {
    const recorded = await this.store.readStream(streamId, { fromRevision: loaded.revision + 1 });
    if (recorded.length === 0) return loaded;
    const { state } = await this.foldOnto(aggregate, loaded.state, recorded);
    return { state, revision: recorded[recorded.length - 1].revision };
  }

  /** `recorded` decoded and folded onto `state`. Events whose personal data was erased say nothing any more; the erasure event after them sets the state. */
  private async foldOnto<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>, state: S, recorded: readonly RecordedEvent[],
  ): Promise<{ state: S; events: RecordedEvent[] }> {
    const events = await Promise.all(recorded.map((event) => this.codec.decode(event)));
    const readable = events.filter((event) => isReadable(this.codec, event)).map(toDomainEvent<E>);
    return { state: readable.reduce(aggregate.decider.evolve, state), events };
  }

  async run<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>,
    streamId: string,
    build: CommandBuilder<C, S>,
    context: CommandContext,
    options: RunOptions<S> = {},
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const loaded = options.assumeNew && attempt === 1
        ? { state: aggregate.decider.initialState(), revision: -1, events: [] }
        : options.foldOnly === undefined ? await this.load(aggregate, streamId) : await this.loadFolding(aggregate, streamId, options.foldOnly);
      if (loaded === null) continue;
      if (options.expectedRevision !== undefined && options.expectedRevision !== loaded.revision) {
        throw new StaleRevisionError(streamId, options.expectedRevision, loaded.revision);
      }
      options.precondition?.(loaded);
      const now = this.clock().toISOString();
      const { state, decided } = decideAll(aggregate, loaded.state, build(loaded.state, now));
      if (decided.length === 0) return { state, revision: loaded.revision, position: null, appended: 0 };

      let envelopes: NewEvent[];
      try {
        envelopes = await Promise.all(
          decided.map(({ command, event }, index) =>
            this.codec.encode(envelope(aggregate, loaded.state, streamId, command, event, index, context, now), streamId),
          ),
        );
      } catch (error) {
        // Decided on a state that has moved on since (the codec refuses to seal for a subject erased meanwhile):
        // as with a conflict, decide again on the new state, whose answer is the one to give.
        if (!(await this.movedOn(streamId, loaded.revision))) throw error;
        if (options.expectedRevision !== undefined) throw new StaleRevisionError(streamId, options.expectedRevision, await this.revisionOf(streamId));
        continue;
      }
      try {
        const result = await this.store.append(streamId, envelopes, loaded.revision < 0 ? NO_STREAM : loaded.revision);
        return { state, revision: result.nextRevision, position: result.position, appended: envelopes.length };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (options.expectedRevision !== undefined) {
          throw new StaleRevisionError(streamId, options.expectedRevision, typeof error.actual === 'number' ? error.actual : -1);
        }
      }
    }
    throw new ContentionError(streamId, this.maxAttempts);
  }

  /**
   * The stream folded from `types` only, at the stream's last revision: the
   * events after the last one folded are read for their revision alone. Null
   * when one of `types` landed between the two reads (decide again).
   */
  private async loadFolding<C extends DomainCommand, E extends DomainEvent, S>(
    aggregate: AggregateType<C, E, S>, streamId: string, types: readonly string[],
  ): Promise<LoadedAggregate<S> | null> {
    const folded = await this.load(aggregate, streamId, { eventTypes: types as E['type'][] });
    const after = await this.store.readStream(streamId, { fromRevision: folded.revision + 1 });
    if (after.some((event) => types.includes(event.type))) return null;
    return after.length === 0 ? folded : { ...folded, revision: after[after.length - 1].revision };
  }

  private async movedOn(streamId: string, revision: number): Promise<boolean> {
    return (await this.store.readStream(streamId, { fromRevision: revision + 1, maxCount: 1 })).length > 0;
  }

  private async revisionOf(streamId: string): Promise<number> {
    const events = await this.store.readStream(streamId);
    return events.length === 0 ? -1 : events[events.length - 1].revision;
  }
}

/**
 * Decide each command on the state the previous ones left, so a PATCH of
 * several sections is one atomic append. Invalid input in several sections is
 * reported together: one answer names every field that broke a rule.
 */
function decideAll<C extends DomainCommand, E extends DomainEvent, S>(
  aggregate: AggregateType<C, E, S>,
  initial: S,
  commands: readonly C[],
): { state: S; decided: { command: C; event: E }[] } {
  let state = initial;
  const decided: { command: C; event: E }[] = [];
  const invalid: DomainError[] = [];
  for (const command of commands) {
    let events: readonly E[];
    try {
      events = aggregate.decider.decide(command, state);
    } catch (error) {
      if (error instanceof DomainError && error.kind === 'invalid') {
        invalid.push(error);
        continue;
      }
      throw error;
    }
    for (const event of events) {
      decided.push({ command, event });
      state = aggregate.decider.evolve(state, event);
    }
  }
  if (invalid.length === 1) throw invalid[0];
  if (invalid.length > 1) {
    throw new DomainError(invalid[0].code, 'invalid', combinedMessage(invalid), invalid.flatMap((error) => error.violations));
  }
  return { state, decided };
}

/**
 * One message for several commands refused at once (a PATCH naming several
 * sections). The rules word theirs "The newcomer profile has invalid fields:
 * languages[0].code": when every message opens alike, it is said once,
 * followed by every field named, not repeated per section.
 */
function combinedMessage(errors: readonly DomainError[]): string {
  const messages = [...new Set(errors.map((error) => error.message))];
  const openings = new Set(messages.map((message) => message.slice(0, message.lastIndexOf(': ') + 2)));
  const [opening] = openings;
  if (openings.size !== 1 || opening === '') return messages.join(' ');
  const fields = messages.flatMap((message) => message.slice(opening.length).split(', '));
  return `${opening}${[...new Set(fields)].join(', ')}`;
}

function envelope<C extends DomainCommand, E extends DomainEvent, S>(
  aggregate: AggregateType<C, E, S>,
  state: S,
  streamId: string,
  command: C,
  event: E,
  index: number,
  context: CommandContext,
  now: string,
): NewEvent {
  const schemaVersion = aggregate.schemaVersions[event.type];
  if (schemaVersion === undefined) throw new Error(`Event type ${event.type} has no schema version`);
  const { subjectType } = aggregate;
  const subject = aggregate.dataSubjectOf
    ? aggregate.dataSubjectOf(state, event)
    : subjectType ? { type: subjectType, id: streamId.slice(subjectType.length + 1) } : null;
  const pairSubject = aggregate.pairSubjectOf?.(state, event) ?? null;
  return {
    id: eventIdFor(context.commandId, streamId, index),
    type: event.type,
    schemaVersion,
    data: event.data as unknown as JsonObject,
    metadata: {
      actor: context.actor,
      command: command.type,
      correlationId: context.correlationId,
      causationId: context.causationId,
      occurredAt: now,
      source: context.source,
      ...(subject ? { subject } : {}),
      ...(pairSubject ? { pairSubject } : {}),
      ...(index === 0 && context.idempotency ? { idempotency: context.idempotency } : {}),
    },
  };
}

export function toDomainEvent<E extends DomainEvent>(event: RecordedEvent): E {
  return { type: event.type, data: event.data } as unknown as E;
}
