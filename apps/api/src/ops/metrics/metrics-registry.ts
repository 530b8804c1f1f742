import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** Node's own figures (CPU, memory, event-loop delay, GC): once per process, however many apps it creates (tests create many). */
let processMetrics: Registry | null = null;

function processRegistry(): Registry {
  if (processMetrics === null) {
    processMetrics = new Registry();
    collectDefaultMetrics({ register: processMetrics });
  }
  return processMetrics;
}

/**
 * The metrics of one application: its own series in a registry of its own,
 * so two apps in one process (tests) never clash, plus the process's.
 */
@Injectable()
export class MetricsRegistry {
  readonly registry = new Registry();

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The Prometheus text exposition of everything. */
  async exposition(): Promise<string> {
    const [process, own] = await Promise.all([processRegistry().metrics(), this.registry.metrics()]);
    return `${process}\n${own}`;
  }
}
