import { Inject, Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { EventFilter, EventStore } from '@sleutel/event-store';
import { CandidatePool, MatchRequestRelay } from '@sleutel/matcher';
import { EVENT_STORE, ReadSide } from '@sleutel/platform';
import { optionalProvider } from '../optional-provider';

/** One of this process's log subscribers and how far it got. */
export interface Subscriber {
  readonly name: string;
  /** Log position up to which it handled every event; null before the first. */
  position(): number | null;
  /** The events it reads: only those count as lag. */
  readonly filter: EventFilter;
}

export interface SubscriberLag {
  readonly subscriber: string;
  readonly position: number | null;
  /** Events of its filter in the log after its position, counted up to the cap. */
  readonly events: number;
  /** True when there were more than the cap: `events` is then the cap. */
  readonly saturated: boolean;
}

/**
 * How far each subscriber of this process is behind the log, in events of the
 * kinds it reads. Counted by reading the log after its position through its
 * filter (at most `cap + 1` events), because positions are not event counts on
 * every store: EventStoreDB's are byte offsets. Only its own events count: a
 * subscription filtered on EventStoreDB hears of the others only every 32 the
 * server looked at, so at a quiet end of the log its position may stay at its
 * last own event, with others after it that it has nothing to do with.
 * A subscriber that is caught up costs one empty read.
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

  /** The subscribers of a process with these parts (the matcher's exist only where it runs). */
  static subscribersOf(parts: { readonly readSide: ReadSide; readonly relay?: MatchRequestRelay | null; readonly pool?: CandidatePool | null }): Subscriber[] {
    const { readSide, relay, pool } = parts;
    return [
      { name: 'projections', position: () => readSide.position, filter: readSide.filter },
      ...(relay ? [{ name: 'match-request-relay', position: () => relay.position, filter: relay.filter }] : []),
      ...(pool ? [{ name: 'candidate-pool', position: () => pool.position, filter: pool.filter }] : []),
    ];
  }

  /** How far `subscriber` is behind the log in `store`. */
  static async measure(store: EventStore, subscriber: Subscriber, cap: number): Promise<SubscriberLag> {
    const position = subscriber.position();
    const after = await store.readAll({ after: position, limit: cap + 1, filter: subscriber.filter });
    return { subscriber: subscriber.name, position, events: Math.min(after.length, cap), saturated: after.length > cap };
  }

  /** The read models' lag: what readiness checks (they answer every read). */
  async ofReadSide(cap: number): Promise<SubscriberLag> {
    return SubscriptionLag.measure(this.store, SubscriptionLag.subscribersOf({ readSide: this.readSide })[0], cap);
  }

  async ofAll(cap: number): Promise<SubscriberLag[]> {
    return Promise.all(this.subscribers().map((subscriber) => SubscriptionLag.measure(this.store, subscriber, cap)));
  }

  /** Found once, after start-up: the matcher's parts exist only where it runs. */
  private subscribers(): readonly Subscriber[] {
    this.found ??= SubscriptionLag.subscribersOf({
      readSide: this.readSide,
      relay: optionalProvider(this.moduleRef, MatchRequestRelay),
      pool: optionalProvider(this.moduleRef, CandidatePool),
    });
    return this.found;
  }
}
