import { JobQueueFactory } from './contract-queue';
import { describeDeliveryContract } from './delivery.contract';
import { describeIdempotencyContract } from './idempotency.contract';
import { describeLifecycleContract } from './lifecycle.contract';
import { describeObservationContract } from './observation.contract';
import { describeRefusalContract } from './refusal.contract';
import { describeRetryContract } from './retry.contract';
import { describeMarksContract } from './marks.contract';
import { describeScheduleContract } from './schedule.contract';

export type { JobQueueFactory, OpenedQueue, TestJobs } from './contract-queue';

/**
 * The behaviour every `JobQueue` driver must show. Each driver's spec calls
 * this with a factory that opens a fresh queue under a name of its own per
 * test, so a shared Redis works and tests do not see each other's jobs.
 */
export function describeJobQueueContract(name: string, factory: JobQueueFactory): void {
  describe(`${name}: job-queue contract`, () => {
    describeDeliveryContract(factory);
    describeIdempotencyContract(factory);
    describeRetryContract(factory);
    describeScheduleContract(factory);
    describeMarksContract(factory);
    describeLifecycleContract(factory);
    describeRefusalContract(factory);
    describeObservationContract(factory);
  });
}
