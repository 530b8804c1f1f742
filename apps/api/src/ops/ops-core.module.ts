import { Global, Module } from '@nestjs/common';
import { SubscriptionLag } from './lag/subscription-lag';
import { OpsRedis } from './redis/ops-redis';
import { QueueInspector } from './redis/queue-inspector';
import { ShutdownDrain } from './shutdown/shutdown-drain';

/** What health, metrics and the dashboard share within one process. */
@Global()
@Module({
  providers: [ShutdownDrain, SubscriptionLag, OpsRedis, QueueInspector],
  exports: [ShutdownDrain, SubscriptionLag, OpsRedis, QueueInspector],
})
export class OpsCoreModule {}
