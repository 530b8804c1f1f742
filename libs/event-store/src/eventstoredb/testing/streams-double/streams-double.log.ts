/**
 * TEST DOUBLE: the in-memory transaction log behind the Streams-service double
 * (see streams-double.server.ts). It copies the EventStoreDB rules the adapter
 * depends on, as the server's source states them, and nothing else:
 *
 * - positions are byte offsets of records in one log; an appended event is
 *   its own commit, so its commit and prepare positions are equal;
 * - a read or subscription may only start at the start of a record or at the
 *   end of the log: any other position is an invalid position;
 * - the optimistic-concurrency and idempotency rules of the server's commit
 *   check (`IndexWriter.CheckCommit`), with an unbounded id cache;
 * - system events (`$`-prefixed stream and type) interleaved with ours.
 */

export type Expected = 'any' | 'no-stream' | 'stream-exists' | bigint;

export interface ProposedEvent {
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

export interface LogRecord extends ProposedEvent {
  readonly streamId: string;
  readonly revision: bigint;
  /** Pre-position: where the record starts in the log. */
  readonly position: bigint;
  /** Post-position: where the next record starts. */
  readonly end: bigint;
  /** .NET ticks (100 ns since 0001-01-01), as the server sends `created`. */
  readonly created: bigint;
}

/** A position in `$all`; events have commit = prepare. */
export interface LogPosition {
  readonly commit: bigint;
  readonly prepare: bigint;
}

export type AppendOutcome =
  | { readonly kind: 'written'; readonly revision: bigint; readonly position: bigint }
  /** The same events were already at that place: nothing written, no position (as the server answers). */
  | { readonly kind: 'idempotent'; readonly revision: bigint }
  | { readonly kind: 'wrong-expected-version'; readonly current: bigint | null };

/** Record header size the double pretends each record has, so positions have gaps like the real log. */
const RECORD_OVERHEAD = 120n;
const TICKS_AT_UNIX_EPOCH = 621_355_968_000_000_000n;
/** Write one system event after this many appends, so `$all` holds records that are not ours. */
const SYSTEM_EVENT_EVERY = 7;

export class InvalidPositionError extends Error {
  constructor(readonly position: LogPosition) {
    super(`Trying to read from an invalid position (${position.commit}/${position.prepare}).`);
  }
}

export class StreamsDoubleLog {
  private readonly records: LogRecord[] = [];
  private readonly indexByPosition = new Map<bigint, number>();
  private readonly streams = new Map<string, LogRecord[]>();
  /** The server's id cache: event id → the record written with it. */
  private readonly byEventId = new Map<string, LogRecord>();
  private readonly listeners = new Set<() => void>();
  private appends = 0;
  private nextPosition = 0n;

  constructor() {
    this.writeSystemEvent('$epoch-information');
  }

  get end(): bigint {
    return this.nextPosition;
  }

  get length(): number {
    return this.records.length;
  }

  recordAt(index: number): LogRecord | undefined {
    return this.records[index];
  }

  stream(streamId: string): readonly LogRecord[] | undefined {
    return this.streams.get(streamId);
  }

  append(streamId: string, expected: Expected, events: readonly ProposedEvent[]): AppendOutcome {
    const stream = this.streams.get(streamId) ?? [];
    const current = stream.length === 0 ? null : BigInt(stream.length - 1);
    if (events.length === 0) return this.emptyAppend(current, expected);
    const decision = this.checkCommit(streamId, stream, current, expected, events);
    if (decision !== 'ok') return decision;
    let last: LogRecord | undefined;
    for (const event of events) {
      last = this.write(streamId, BigInt(stream.length), event);
      stream.push(last);
    }
    this.streams.set(streamId, stream);
    this.appends += 1;
    if (this.appends % SYSTEM_EVENT_EVERY === 0) this.writeSystemEvent('$statsCollected');
    for (const listener of [...this.listeners]) listener();
    return { kind: 'written', revision: BigInt(stream.length - 1), position: last?.position ?? -1n };
  }

  /**
   * Index of the first record a forward read from `position` returns (inclusive).
   * Throws InvalidPositionError unless `position.commit` starts a record or is the end.
   */
  indexFrom(position: LogPosition): number {
    return this.firstAfterOrAt(position, true);
  }

  /** Index of the first record strictly after `position`: where a subscription starts. */
  indexAfter(position: LogPosition): number {
    return this.firstAfterOrAt(position, false);
  }

  /** Index one past the last record a backward read from `position` returns (records ending at or before it). */
  indexBefore(position: LogPosition): number {
    this.assertBoundary(position);
    let index = this.records.length;
    while (index > 0 && this.records[index - 1].end > position.commit) index -= 1;
    return index;
  }

  /**
   * Replaces the stored data of one event in place, as someone with write
   * access to the server's files could: for tests of the hash-chain check.
   */
  tamper(streamId: string, revision: number, data: Uint8Array): void {
    const stream = this.streams.get(streamId);
    const old = stream?.[revision];
    if (stream === undefined || old === undefined) throw new Error(`no event ${streamId}@${revision} to tamper with`);
    const tampered: LogRecord = { ...old, data };
    stream[revision] = tampered;
    this.records[this.indexByPosition.get(old.position)!] = tampered;
    this.byEventId.set(old.id, tampered);
  }

  /** Calls `listener` after every append until the returned function is called. */
  onAppend(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private firstAfterOrAt(position: LogPosition, inclusive: boolean): number {
    this.assertBoundary(position);
    const at = this.indexByPosition.get(position.commit) ?? this.records.length;
    const record = this.records[at];
    if (record === undefined) return at;
    // Compare as the server does: (commit, prepare) pairs, an event being (p, p).
    const includeAt = inclusive ? record.position >= position.prepare : record.position > position.prepare;
    return includeAt ? at : at + 1;
  }

  private assertBoundary(position: LogPosition): void {
    if (position.commit !== this.nextPosition && !this.indexByPosition.has(position.commit)) {
      throw new InvalidPositionError(position);
    }
  }

  /** The server's commit check: ok, idempotent, or wrong expected version (also for a partial replay). */
  private checkCommit(
    streamId: string,
    stream: readonly LogRecord[],
    current: bigint | null,
    expected: Expected,
    events: readonly ProposedEvent[],
  ): 'ok' | AppendOutcome {
    const wrong: AppendOutcome = { kind: 'wrong-expected-version', current };
    if (expected === 'any' || expected === 'stream-exists') {
      if (expected === 'stream-exists' && current === null) return wrong;
      const first = this.byEventId.get(events[0].id);
      if (first === undefined || first.streamId !== streamId) return 'ok';
      return this.replayAt(stream, Number(first.revision), events) ?? wrong;
    }
    const after = expected === 'no-stream' ? -1n : expected;
    if (after === (current ?? -1n)) return 'ok';
    if (current === null || after > current) return wrong;
    return this.replayAt(stream, Number(after + 1n), events) ?? wrong;
  }

  /** An append without events writes nothing but still checks the expected revision. */
  private emptyAppend(current: bigint | null, expected: Expected): AppendOutcome {
    const satisfied =
      expected === 'any' ||
      (expected === 'stream-exists' ? current !== null : (expected === 'no-stream' ? -1n : expected) === (current ?? -1n));
    return satisfied ? { kind: 'idempotent', revision: current ?? -1n } : { kind: 'wrong-expected-version', current };
  }

  private replayAt(stream: readonly LogRecord[], from: number, events: readonly ProposedEvent[]): AppendOutcome | null {
    const matches = events.every((event, index) => stream[from + index]?.id === event.id);
    return matches ? { kind: 'idempotent', revision: BigInt(from + events.length - 1) } : null;
  }

  private write(streamId: string, revision: bigint, event: ProposedEvent): LogRecord {
    const position = this.nextPosition;
    const size = RECORD_OVERHEAD + BigInt(event.data.length + event.metadata.length + streamId.length + event.type.length);
    const record: LogRecord = {
      ...event,
      streamId,
      revision,
      position,
      end: position + size,
      created: TICKS_AT_UNIX_EPOCH + BigInt(Date.now()) * 10_000n,
    };
    this.nextPosition = record.end;
    this.indexByPosition.set(position, this.records.length);
    this.records.push(record);
    this.byEventId.set(event.id, record);
    return record;
  }

  private writeSystemEvent(type: string): void {
    const streamId = type === '$statsCollected' ? '$stats-127.0.0.1:2113' : '$epoch-information';
    const stream = this.streams.get(streamId) ?? [];
    const id = `00000000-0000-4000-8000-${this.nextPosition.toString(16).padStart(12, '0')}`;
    const data = new TextEncoder().encode('{}');
    stream.push(this.write(streamId, BigInt(stream.length), { id, type, contentType: 'application/json', data, metadata: new Uint8Array() }));
    this.streams.set(streamId, stream);
  }
}
