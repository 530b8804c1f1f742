import { Injectable, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { MATCHER_QUEUE, MatcherJobs } from '@sleutel/matcher';
import { JobCounts, JobQueue } from '@sleutel/queue';
import { Gauge, Histogram } from 'prom-client';
import { QueueInspector } from '../redis/queue-inspector';
import { MetricsRegistry } from './metrics-registry';

const STATES: readonly (keyof JobCounts)[] = ['waiting', 'active', 'delayed', 'completed', 'failed'];

/**
 * The matcher's queue: depth by state (read at scrape time from the queue
 * this process runs, else from Redis), and for the jobs this process runs,
 * time in line and run time per job name (through the queue's observer hook).
 */
@Injectable()
export class JobMetrics implements OnModuleInit, OnModuleDestroy {
  private local: JobQueue<MatcherJobs> | null = null;
  private stopObserving: (() => void) | null = null;
  private readonly waited: Histogram<'job'>;
  private readonly ran: Histogram<'job' | 'outcome'>;

  constructor(metrics: MetricsRegistry, private readonly moduleRef: ModuleRef, private readonly inspector: QueueInspector) {
    const registers = [metrics.registry];
    const self = this;
    new Gauge({
      name: 'sleutel_queue_jobs',
      help: 'Jobs in the matcher queue by state (completed and failed: those still retained)',
      labelNames: ['state'],
      registers,
      async collect() {
        const counts = await self.counts().catch(() => null);
        this.reset();
        if (counts !== null) for (const state of STATES) this.set({ state }, counts[state]);
      },
    });
    this.waited = new Histogram({
      name: 'sleutel_job_wait_seconds',
      help: 'Time a job waited in line once due, by job name (jobs run by this process)',
      labelNames: ['job'],
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60],
      registers,
    });
    this.ran = new Histogram({
      name: 'sleutel_job_duration_seconds',
      help: 'Run time of jobs by job name and outcome (completed, failed, handed-back), run by this process',
      labelNames: ['job', 'outcome'],
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
  }

  onModuleInit(): void {
    try {
      this.local = this.moduleRef.get<JobQueue<MatcherJobs>>(MATCHER_QUEUE, { strict: false });
    } catch {
      return; // no matcher in this process: depth comes from Redis, if any
    }
    this.stopObserving = this.local.observe({
      runStarted: ({ name, waitedMs }) => {
        if (waitedMs !== null) this.waited.observe({ job: name }, waitedMs / 1000);
      },
      runEnded: ({ name, outcome, durationMs }) => this.ran.observe({ job: name, outcome }, durationMs / 1000),
    });
  }

  onModuleDestroy(): void {
    this.stopObserving?.();
  }

  private counts(): Promise<JobCounts | null> {
    return this.local !== null ? this.local.counts() : this.inspector.counts();
  }
}
