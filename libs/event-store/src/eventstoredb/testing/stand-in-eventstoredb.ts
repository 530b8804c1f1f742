import {
  AllStreamRecordedEvent,
  AllStreamResolvedEvent,
  AllStreamSubscription,
  AppendExpectedRevision,
  AppendResult,
  AppendToStreamOptions,
  ANY,
  BACKWARDS,
  END,
  EventData,
  EventType,
  NO_STREAM,
  ReadAllOptions,
  ReadStreamOptions,
  ResolvedEvent,
  START,
  STREAM_EXISTS,
  StreamingRead,
  StreamNotFoundError,
  SubscribeToAllOptions,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { Readable } from 'node:stream';
import { EventStoreDbClient } from '../eventstoredb-client';
import { StandInSubscription } from './stand-in-subscription';

/** One event as the stand-in keeps it: serialised, like the server's log. */
export interface StandInRecord {
  readonly streamId: string;
  readonly id: string;
  readonly type: string;
  readonly revision: number;
  readonly data: string;
  readonly metadata: string | undefined;
  readonly position: bigint;
}

/**
 * An in-process stand-in for an EventStoreDB node, so the adapter's own logic
 * (read-then-append, event-id reservations, filtering, resubscribing) runs in
 * every test run. It mimics what the client shows of the server: byte-like
 * positions with gaps, system events in `$all`, reads of `$all` inclusive of
 * their start, subscriptions exclusive of it, filtered subscriptions
 * reporting checkpoints every 32 events looked at, idempotent appends at an
 * exact revision, and errors as the client's classes. It is not the server:
 * the live contract run is what vouches for the real thing.
 */
export class StandInEventStoreDb {
  private readonly log: StandInRecord[] = [];
  private readonly streams = new Map<string, StandInRecord[]>();
  private readonly subscriptions = new Set<StandInSubscription>();
  private readonly appendWaiters = new Set<() => void>();
  private nextPosition = 4096n;

  constructor() {
    this.writeSystemEvent();
  }

  client(): EventStoreDbClient {
    return new StandInClient(this);
  }

  /** Ends every live subscription with an error, as a lost connection would. */
  dropSubscriptions(error: Error): void {
    for (const subscription of [...this.subscriptions]) subscription.sever(error);
  }

  append(streamId: string, events: readonly EventData[], expected: AppendExpectedRevision): AppendResult {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : stream.length - 1;
    const replay = this.idempotentReplay(stream, events, expected);
    if (replay !== null) return replay;
    if (!satisfies(expected, current)) {
      throw new WrongExpectedVersionError(undefined, {
        streamName: streamId,
        expected,
        current: current === null ? NO_STREAM : BigInt(current),
      });
    }
    let last: StandInRecord | undefined;
    for (const event of events) {
      last = {
        streamId,
        id: event.id,
        type: event.type,
        revision: stream.length,
        data: event.contentType === 'application/json' ? JSON.stringify(event.data) : Buffer.from(event.data).toString('utf8'),
        metadata: event.metadata === undefined ? undefined : JSON.stringify(event.metadata),
        position: this.takePosition(),
      };
      stream.push(last);
      this.log.push(last);
    }
    this.streams.set(streamId, stream);
    if (this.log.length % 7 === 0) this.writeSystemEvent();
    for (const wake of [...this.appendWaiters]) wake();
    const position = last?.position ?? 0n;
    return { success: true, nextExpectedRevision: BigInt(stream.length - 1), position: { commit: position, prepare: position } };
  }

  streamRecords(streamId: string): readonly StandInRecord[] | undefined {
    return this.streams.get(streamId);
  }

  /** Records after `position` (null: from the start), in log order. */
  recordsAfter(position: bigint | null): StandInRecord[] {
    return this.log.filter((record) => position === null || record.position > position);
  }

  get lastPosition(): bigint | null {
    return this.log.at(-1)?.position ?? null;
  }

  /** Resolves on the next append. */
  nextAppend(): { readonly appended: Promise<void>; cancel(): void } {
    let wake: () => void = () => undefined;
    const appended = new Promise<void>((resolve) => {
      wake = () => {
        this.appendWaiters.delete(wake);
        resolve();
      };
      this.appendWaiters.add(wake);
    });
    return { appended, cancel: wake };
  }

  track(subscription: StandInSubscription): void {
    this.subscriptions.add(subscription);
  }

  forget(subscription: StandInSubscription): void {
    this.subscriptions.delete(subscription);
  }

  /** Like the server: a retried append at the same exact revision succeeds without writing, and without a position. */
  private idempotentReplay(stream: readonly StandInRecord[], events: readonly EventData[], expected: AppendExpectedRevision): AppendResult | null {
    const from = expected === NO_STREAM ? 0 : typeof expected === 'bigint' ? Number(expected) + 1 : null;
    if (from === null || from + events.length > stream.length) return null;
    if (!events.every((event, index) => stream[from + index].id === event.id)) return null;
    return { success: true, nextExpectedRevision: BigInt(from + events.length - 1) };
  }

  private writeSystemEvent(): void {
    const position = this.takePosition();
    this.log.push({ streamId: '$stats-127.0.0.1:2113', id: `00000000-0000-4000-8000-${position.toString().padStart(12, '0')}`, type: '$statsCollected', revision: 0, data: '{}', metadata: undefined, position });
  }

  private takePosition(): bigint {
    const position = this.nextPosition;
    this.nextPosition += 300n + BigInt(Math.floor(Math.random() * 500));
    return position;
  }
}

function satisfies(expected: AppendExpectedRevision, current: number | null): boolean {
  if (expected === ANY) return true;
  if (expected === NO_STREAM) return current === null;
  if (expected === STREAM_EXISTS) return current !== null;
  return current !== null && BigInt(current) === expected;
}

/** A record the way the client hands it out. */
export function toResolved(record: StandInRecord, withCommitPosition: boolean): AllStreamResolvedEvent {
  const event = {
    streamId: record.streamId,
    id: record.id,
    isJson: true,
    revision: BigInt(record.revision),
    type: record.type,
    created: new Date(),
    data: JSON.parse(record.data) as Record<string, unknown>,
    metadata: record.metadata === undefined ? undefined : (JSON.parse(record.metadata) as Record<string, unknown>),
    position: { commit: record.position, prepare: record.position },
  } as AllStreamRecordedEvent;
  return withCommitPosition ? { event, commitPosition: record.position } : { event };
}

class StandInClient implements EventStoreDbClient {
  constructor(private readonly server: StandInEventStoreDb) {}

  async appendToStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    events: EventData<KnownEventType> | EventData<KnownEventType>[],
    options: AppendToStreamOptions = {},
  ): Promise<AppendResult> {
    await Promise.resolve(); // a network round trip: let other callers in between
    const batch = (Array.isArray(events) ? events : [events]) as EventData[];
    return this.server.append(streamName, batch, options.expectedRevision ?? ANY);
  }

  readStream<KnownEventType extends EventType = EventType>(
    streamName: string,
    options: ReadStreamOptions = {},
  ): StreamingRead<ResolvedEvent<KnownEventType>> {
    const records = this.server.streamRecords(streamName);
    if (records === undefined) return failingRead(new StreamNotFoundError(undefined, streamName));
    const backwards = options.direction === BACKWARDS;
    const ordered = backwards ? [...records].reverse() : [...records];
    const from = options.fromRevision;
    const start = from === undefined || from === START || from === END ? 0 : ordered.findIndex((record) => BigInt(record.revision) === from);
    const count = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const picked = start < 0 ? [] : ordered.slice(start, start + count);
    // Stream reads carry the event's position (servers from 22.6) but no commit position.
    return streamingRead(picked.map((record) => toResolved(record, false)) as unknown as ResolvedEvent<KnownEventType>[]);
  }

  readAll(options: ReadAllOptions = {}): StreamingRead<AllStreamResolvedEvent> {
    const from = options.fromPosition ?? (options.direction === BACKWARDS ? END : START);
    const all = this.server.recordsAfter(null);
    const count = Number(options.maxCount ?? Number.MAX_SAFE_INTEGER);
    const picked =
      options.direction === BACKWARDS
        ? all.filter((record) => from === END || from === START || record.position < from.commit).reverse()
        : all.filter((record) => from === START || from === END || record.position >= from.commit);
    return streamingRead(picked.slice(0, count).map((record) => toResolved(record, true)));
  }

  subscribeToAll(options: SubscribeToAllOptions = {}): AllStreamSubscription {
    return new StandInSubscription(this.server, options) as unknown as AllStreamSubscription;
  }

  dispose = async (): Promise<void> => undefined;
}

function streamingRead<E>(items: readonly E[]): StreamingRead<E> {
  return Object.assign(Readable.from(items), { cancel: async () => undefined }) as unknown as StreamingRead<E>;
}

function failingRead<E>(error: Error): StreamingRead<E> {
  const readable = new Readable({
    objectMode: true,
    read() {
      this.destroy(error);
    },
  });
  return Object.assign(readable, { cancel: async () => undefined }) as unknown as StreamingRead<E>;
}
