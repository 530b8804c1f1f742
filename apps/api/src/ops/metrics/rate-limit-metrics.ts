import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { getStorageToken } from '@nestjs/throttler';
import { Gauge } from 'prom-client';
import { SharedRateLimitStorage } from '../../common/rate-limit/rate-limit-storage';
import { lazyOptionalProvider } from '../optional-provider';
import { MetricsRegistry } from './metrics-registry';

/**
 * Where this process counts requests against the rate limits: 1 on Redis,
 * shared with every replica; 0 in this process (no Redis configured, or Redis
 * not answering the last count), when each replica allows the limit itself.
 */
@Injectable()
export class RateLimitMetrics {
  constructor(metrics: MetricsRegistry, moduleRef: ModuleRef) {
    const storage = lazyOptionalProvider<unknown>(moduleRef, getStorageToken());
    const shared = (): boolean => {
      const found = storage();
      return found instanceof SharedRateLimitStorage && found.countingIn === 'shared';
    };
    new Gauge({
      name: 'sleutel_rate_limit_shared',
      help: '1 while rate limits are counted on Redis, shared by every API replica; 0 while counted in this process alone',
      registers: [metrics.registry],
      collect() {
        this.set(shared() ? 1 : 0);
      },
    });
  }
}
