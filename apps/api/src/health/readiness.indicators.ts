import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { EventStore, reportsWriteFailures } from '@sleutel/event-store';
import { APP_CONFIG, AppConfigType, EVENT_STORE, KEY_STORE, ReadSide } from '@sleutel/platform';
import { KeyStore } from '@sleutel/privacy';
import { SubscriptionLag } from '../ops/lag/subscription-lag';
import { OpsRedis } from '../ops/redis/ops-redis';
import { ShutdownDrain } from '../ops/shutdown/shutdown-drain';
import { reasonOf, within } from './within';

/** Each dependency gets this long to answer a readiness probe. */
const PROBE_TIMEOUT_MS = 2_000;
/** Looked up, never created: no subject has this id, so the key store only answers "no key". */
const PROBE_SUBJECT = { type: 'newcomer', id: 'readiness-probe' } as const;

/**
 * What readiness checks, one terminus indicator each. None throws: a failure
 * is a `down` with its reason, so the answer always lists every check.
 */
@Injectable()
export class ReadinessIndicators {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(APP_CONFIG) private readonly config: AppConfigType,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(KEY_STORE) private readonly keys: KeyStore,
    private readonly redis: OpsRedis,
    private readonly lag: SubscriptionLag,
    private readonly drain: ShutdownDrain,
    private readonly readSide: ReadSide,
  ) {}

  /** The checks of this process: Redis only where it is configured. */
  all(): (() => Promise<HealthIndicatorResult>)[] {
    return [
      () => this.accepting(),
      () => this.eventStore(),
      ...(this.redis.client === null ? [] : [() => this.redisServer()]),
      () => this.keyStore(),
      () => this.projections(),
    ];
  }

  /** Down from SIGTERM on: load balancers stop sending while requests in flight finish. */
  async accepting(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('shutdown');
    return this.drain.isDraining ? check.down({ message: 'shutting down' }) : check.up();
  }

  async eventStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('eventStore');
    try {
      return check.up({ head: await within(PROBE_TIMEOUT_MS, 'The event store', this.store.headPosition()), ...refusedWrites(this.store) });
    } catch (error) {
      return check.down({ message: reasonOf(error) });
    }
  }

  async redisServer(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('redis');
    try {
      return check.up({ roundTripMs: await within(PROBE_TIMEOUT_MS, 'Redis', this.redis.ping()) });
    } catch (error) {
      return check.down({ message: reasonOf(error) });
    }
  }

  async keyStore(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('keyStore');
    try {
      await within(PROBE_TIMEOUT_MS, 'The key store', this.keys.get(PROBE_SUBJECT));
      return check.up({ kind: this.config.privacy.keyStore, ...refusedWrites(this.keys) });
    } catch (error) {
      return check.down({ kind: this.config.privacy.keyStore, message: reasonOf(error) });
    }
  }

  /** The read models answer every read: too far behind the log, and reads would show a stale world. */
  async projections(): Promise<HealthIndicatorResult> {
    const check = this.indicators.check('projections');
    const maxLagEvents = this.config.ops.readyMaxLagEvents;
    try {
      const lag = await within(PROBE_TIMEOUT_MS, 'The log', this.lag.ofReadSide(maxLagEvents));
      const figures = { position: lag.position, eventsBehind: lag.saturated ? `more than ${maxLagEvents}` : lag.events, maxLagEvents };
      // Behind and failing: the event after their position fails on every retry (e.g. one of a newer release), so they
      // would stay behind for good, however few events that is. Only the error's name: this answer is public.
      const failure = this.readSide.failure;
      if (failure !== null && lag.events > 0) {
        return check.down({ ...figures, message: `the read models cannot handle the event after position ${lag.position ?? 0} (${failure.name}); they keep trying: see the log` });
      }
      return lag.saturated ? check.down({ ...figures, message: 'the read models are catching up with the log' }) : check.up(figures);
    } catch (error) {
      return check.down({ maxLagEvents, message: reasonOf(error) });
    }
  }
}

/**
 * Writes the store refuses for a full disk or a failed write (503 with
 * Retry-After), since the first of them, until one goes through. The check
 * stays up: reads still answer, and a process taken out of service would get
 * no write that could show the disk has room again.
 */
function refusedWrites(store: unknown): { writesRefused?: string } {
  const failure = reportsWriteFailures(store) ? store.writeFailure() : null;
  if (failure === null) return {};
  const why = failure.reason === 'disk-full' ? 'the disk is full' : 'a write to the disk failed';
  return { writesRefused: `since ${failure.since}: ${why} (${failure.code}); reads still answer` };
}
