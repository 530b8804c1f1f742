import { Inject, Injectable, Type } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventStore } from '@sleutel/event-store';
import { CandidatePool, MatchRequestRelay } from '@sleutel/matcher';
import { EVENT_STORE, ReadSide } from '@sleutel/platform';
import { optionalProvider } from '../optional-provider';

/** One of this process's log subscribers and how far it got. */
export interface Subscriber {
  readonly name: string;
  /** Log position up to which it handled every event; null before the first. */
  position(): number | null;
}

export interface SubscriberLag {
  readonly subscriber: string;
  readonly position: number | null;
  /** Events in the log after its position, counted up to the cap. */
  readonly events: number;
  /** True when there were more than the cap: `events` is then the cap. */
  readonly saturated: boolean;
}

/**
 * How far each subscriber of this process is behind the log, in events.
 * Counted by reading the log after its position (at most `cap + 1` events),
 * because positions are not event counts on every store: EventStoreDB's are
 * byte offsets. A subscriber that is caught up costs one empty read.
 *
 * Subscribers: the read side's projections in every process; the match
 * request relay and the candidate pool where the matcher runs.
 */
@Injectable()
export class SubscriptionLag {
  private found: readonly Subscriber[] | null = null;

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly readSide: ReadSide,
    private readonly moduleRef: ModuleRef,
  ) {}

  /** The read models' lag: what readiness checks (they answer every read). */
  async ofReadSide(cap: number): Promise<SubscriberLag> {
    return this.measure({ name: 'projections', position: () => this.readSide.position }, cap);
  }

  async ofAll(cap: number): Promise<SubscriberLag[]> {
    return Promise.all(this.subscribers().map((subscriber) => this.measure(subscriber, cap)));
  }

  private async measure(subscriber: Subscriber, cap: number): Promise<SubscriberLag> {
    const position = subscriber.position();
    const after = await this.store.readAll({ after: position, limit: cap + 1 });
    return { subscriber: subscriber.name, position, events: Math.min(after.length, cap), saturated: after.length > cap };
  }

  /** Found once, after start-up: the matcher's parts exist only where it runs. */
  private subscribers(): readonly Subscriber[] {
    this.found ??= [
      { name: 'projections', position: () => this.readSide.position },
      ...optional(this.moduleRef, MatchRequestRelay, (relay) => ({ name: 'match-request-relay', position: () => relay.position })),
      ...optional(this.moduleRef, CandidatePool, (pool) => ({ name: 'candidate-pool', position: () => pool.position })),
    ];
    return this.found;
  }
}

function optional<T>(moduleRef: ModuleRef, type: Type<T>, describe: (instance: T) => Subscriber): Subscriber[] {
  const instance = optionalProvider(moduleRef, type);
  return instance === null ? [] : [describe(instance)];
}
