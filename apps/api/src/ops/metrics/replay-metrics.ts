import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { ReplayRegistry } from '@sleutel/audit';
import { Gauge } from 'prom-client';
import { lazyOptionalProvider } from '../optional-provider';
import { MetricsRegistry } from './metrics-registry';

/** Audit replays (`POST /audit/replays`) run in the API process; a worker has none. */
@Injectable()
export class ReplayMetrics {
  constructor(metrics: MetricsRegistry, moduleRef: ModuleRef) {
    const registry = lazyOptionalProvider(moduleRef, ReplayRegistry);
    const registers = [metrics.registry];
    new Gauge({
      name: 'sleutel_replay_progress',
      help: 'Share of the log replayed (0..1) by the running audit replay, else by the last one; 0 before any',
      registers,
      collect() {
        this.set(registry()?.latest()?.progress ?? 0);
      },
    });
    new Gauge({
      name: 'sleutel_replay_running',
      help: '1 while an audit replay runs in this process',
      registers,
      collect() {
        this.set(registry()?.latest()?.status === 'running' ? 1 : 0);
      },
    });
  }
}
