import { Module } from '@nestjs/common';
import { HttpMetrics } from './http-metrics';
import { JobMetrics } from './job-metrics';
import { KeyStoreMetrics } from './key-store-metrics';
import { LogMetrics } from './log-metrics';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsController } from './metrics.controller';
import { MetricsRegistry } from './metrics-registry';
import { RateLimitMetrics } from './rate-limit-metrics';
import { ReplayMetrics } from './replay-metrics';
import { WriteRefusalMetrics } from './write-refusal-metrics';

/**
 * `GET /metrics` (Prometheus) with this process's series: HTTP latency,
 * the matcher queue, the log (subscription lag, proposals), audit replays,
 * where rate limits are counted, tombstones without an erasure, and writes
 * the SQLite stores refuse (a full disk).
 * Needs the providers of `OpsCoreModule` (lag, queue inspector).
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsRegistry, MetricsAccessGuard, HttpMetrics, JobMetrics, LogMetrics, ReplayMetrics, RateLimitMetrics, KeyStoreMetrics, WriteRefusalMetrics],
  exports: [HttpMetrics],
})
export class MetricsModule {}
