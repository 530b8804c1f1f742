import { Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { EventStore, JsonValue, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, isReadable } from '@sleutel/eventsourcing';
import { EVENT_CODEC, EVENT_STORE } from '@sleutel/platform';
import { isErased, isErasedMarker } from '@sleutel/privacy';
import { Counter, Gauge } from 'prom-client';
import { SubscriptionLag } from '../lag/subscription-lag';
import { MetricsRegistry } from './metrics-registry';

/** Lag is counted up to this many events per subscriber and scrape; beyond it the gauge stays at the cap. */
export const LAG_METRIC_CAP = 10_000;
const PROPOSAL_PAGE = 1_000;
/**
 * Proposals read a scrape, at most (each read whole, its sealed explanation
 * too, some 50 µs on a shared 2-core machine): those made beyond it since the
 * previous scrape are counted by the scrapes after it, so a backlog (a long
 * gap between scrapes, a burst of proposals) costs each scrape a bounded
 * time, not one scrape all of it.
 */
export const PROPOSALS_READ_PER_SCRAPE = 5 * PROPOSAL_PAGE;
/**
 * Of those, proposals of schema version 1 without a run in clear are opened
 * to read their origin: at most this many a scrape, the rest are counted by
 * the scrapes after it.
 */
export const PROPOSALS_OPENED_PER_SCRAPE = 1_000;

type Origin = 'cohort' | 'on-demand' | 'unknown';

/**
 * A cohort run's proposals carry its id in clear since 2026-12-01, and from
 * schema version 2 always: such a proposal tells its origin without being
 * opened, with the id the run's, without it on demand. One of version 1
 * without the id may still be a run's, which only its explanation says:
 * null, it must be opened (`openedOrigin`).
 */
function clearOrigin(event: RecordedEvent): Origin | null {
  if (typeof (event.data as { cohortRunId?: unknown } | null)?.cohortRunId === 'string') return 'cohort';
  return event.schemaVersion >= 2 ? 'on-demand' : null;
}

/**
 * The origin as the explanation says it. The explanation is sealed with the
 * newcomer's personal data and under the key person's key too: after either
 * erasure it cannot be read, and the origin is `unknown`.
 */
async function openedOrigin(event: RecordedEvent, codec: EventCodec): Promise<Origin> {
  const decoded = await codec.decode(event);
  // A match's event stays readable after an erasure (its ids and times are in clear); its explanation does not: the
  // newcomer's erasure takes the whole sealed part, the key person's the explanation alone (sealed under both keys).
  const explanation = (decoded.data as { explanation?: JsonValue }).explanation;
  if (!isReadable(codec, decoded) || isErased(decoded) || explanation === undefined || isErasedMarker(explanation)) return 'unknown';
  return typeof (explanation as { cohortRunId?: unknown } | null)?.cohortRunId === 'string' ? 'cohort' : 'on-demand';
}

/**
 * What the log says: how far each subscriber of this process is behind it,
 * and how many proposals were made. Both are read when Prometheus scrapes,
 * so nothing polls the log in between.
 *
 * Proposals are counted from the log (`MatchProposed`, whichever process
 * appended it) since this process started: every process reports the same
 * installation-wide series, so aggregate them with `max`, not `sum`.
 */
@Injectable()
export class LogMetrics implements OnApplicationBootstrap {
  private readonly proposals: Counter<'origin'>;
  /** Log position up to which proposals are counted; undefined until the starting point is known. */
  private countedUpTo: number | null | undefined = undefined;
  private counting: Promise<void> | null = null;

  constructor(
    metrics: MetricsRegistry,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(EVENT_CODEC) private readonly codec: EventCodec,
    lag: SubscriptionLag,
  ) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'sleutel_subscription_lag_events',
      help: `Events in the log not yet handled, per subscriber of this process (counted up to ${LAG_METRIC_CAP})`,
      labelNames: ['subscriber'],
      registers,
      async collect() {
        const lags = await lag.ofAll(LAG_METRIC_CAP).catch(() => []);
        this.reset();
        for (const { subscriber, events } of lags) this.set({ subscriber }, events);
      },
    });
    const self = this;
    this.proposals = new Counter({
      name: 'sleutel_proposals_total',
      help: 'Proposals made (MatchProposed in the log, by any process) since this process started, by origin: on-demand, cohort (unknown: erased since)',
      labelNames: ['origin'],
      registers,
      async collect() {
        await self.countNewProposals().catch(() => undefined);
      },
    });
    this.proposals.inc({ origin: 'on-demand' }, 0);
    this.proposals.inc({ origin: 'cohort' }, 0);
  }

  async onApplicationBootstrap(): Promise<void> {
    this.countedUpTo = await this.store.headPosition().catch(() => undefined);
  }

  /** One count at a time: concurrent scrapes must not count an event twice. */
  private countNewProposals(): Promise<void> {
    this.counting ??= this.count().finally(() => {
      this.counting = null;
    });
    return this.counting;
  }

  private async count(): Promise<void> {
    const head = await this.store.headPosition();
    if (this.countedUpTo === undefined) {
      this.countedUpTo = head;
      return;
    }
    let opened = 0;
    for (let page = 0; page < PROPOSALS_READ_PER_SCRAPE / PROPOSAL_PAGE; page++) {
      const events = await this.store.readAll({ after: this.countedUpTo, limit: PROPOSAL_PAGE, filter: { eventTypes: ['MatchProposed'] } });
      for (const event of events) {
        let origin = clearOrigin(event);
        if (origin === null) {
          // Opening is what costs: past the budget, this proposal and those after it wait for the next scrape.
          if (opened === PROPOSALS_OPENED_PER_SCRAPE) return;
          opened++;
          origin = await openedOrigin(event, this.codec);
        }
        this.proposals.inc({ origin });
        this.countedUpTo = event.position;
      }
      if (events.length < PROPOSAL_PAGE) {
        // Everything up to the head read before the pages was seen: skip the stretch without proposals next time.
        if (head !== null && (this.countedUpTo === null || head > this.countedUpTo)) this.countedUpTo = head;
        return;
      }
    }
  }
}
