import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { KeyStoreTombstones } from '@sleutel/platform';
import { Gauge } from 'prom-client';
import { lazyOptionalProvider } from '../optional-provider';
import { MetricsRegistry } from './metrics-registry';

/**
 * Tombstones in the key store whose subject the log records no erasure of,
 * as the last check found them (at start-up, and at each audit replay in
 * this process): a key destroyed outside an erasure. Alert on anything above 0.
 */
@Injectable()
export class KeyStoreMetrics {
  constructor(metrics: MetricsRegistry, moduleRef: ModuleRef) {
    const tombstones = lazyOptionalProvider(moduleRef, KeyStoreTombstones);
    new Gauge({
      name: 'sleutel_key_store_tombstones_without_erasure',
      help: 'Tombstones in the key store (keys destroyed) whose subject the log records no erasure of, at the last check (start-up, audit replay)',
      registers: [metrics.registry],
      collect() {
        this.set(tombstones()?.latest?.withoutErasure ?? 0);
      },
    });
  }
}
