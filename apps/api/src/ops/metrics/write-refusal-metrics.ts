import { Inject, Injectable } from '@nestjs/common';
import { EventStore, reportsWriteFailures } from '@sleutel/event-store';
import { EVENT_STORE, KEY_STORE } from '@sleutel/platform';
import { KeyStore } from '@sleutel/privacy';
import { Counter, Gauge } from 'prom-client';
import { MetricsRegistry } from './metrics-registry';

type Store = 'event-log' | 'key-store';

/**
 * Writes this process's SQLite stores refused for a full disk or a failed
 * write (each answered 503 with Retry-After), as readiness shows them in
 * `writesRefused`: a counter since the process started, and since when they
 * are refused, 0 once a write goes through again. A store that cannot say
 * (EventStoreDB, Redis) reports 0. Read from the stores at each scrape.
 */
@Injectable()
export class WriteRefusalMetrics {
  constructor(metrics: MetricsRegistry, @Inject(EVENT_STORE) eventLog: EventStore, @Inject(KEY_STORE) keyStore: KeyStore) {
    const stores: readonly (readonly [Store, unknown])[] = [['event-log', eventLog], ['key-store', keyStore]];
    const registers = [metrics.registry];
    /** What the counter has been raised to, per store: it only takes the difference. */
    const counted = new Map<Store, number>(stores.map(([store]) => [store, 0]));
    const refused = new Counter({
      name: 'sleutel_writes_refused_total',
      help: 'Writes refused for a full disk or a failed write (answered 503), per store of this process, since it started',
      labelNames: ['store'],
      registers,
      collect() {
        for (const [store, reporter] of stores) {
          const total = reportsWriteFailures(reporter) ? reporter.writesRefused() : 0;
          if (total <= counted.get(store)!) continue;
          this.inc({ store }, total - counted.get(store)!);
          counted.set(store, total);
        }
      },
    });
    for (const [store] of stores) refused.inc({ store }, 0);
    new Gauge({
      name: 'sleutel_writes_refused_since_timestamp_seconds',
      help: 'Unix time of the first write refused since the last one that went through, per store; 0 while writes go through',
      labelNames: ['store'],
      registers,
      collect() {
        for (const [store, reporter] of stores) {
          const failure = reportsWriteFailures(reporter) ? reporter.writeFailure() : null;
          this.set({ store }, failure === null ? 0 : Date.parse(failure.since) / 1000);
        }
      },
    });
  }
}
