import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { LevelWithSilent } from 'pino';
import { ProblemDetailsFilter } from '../common/problem-details.filter';
import { HealthModule } from '../health/health.module';
import { createJsonLogger } from './logging/json-logger';
import { LoggingModule } from './logging/logging.module';
import { MetricsModule } from './metrics/metrics.module';
import { OpsCoreModule } from './ops-core.module';
import { QueueDashboardModule } from './queue-dashboard/queue-dashboard.module';

export interface OpsOptions {
  /** Lowest level logged. */
  readonly logLevel: LevelWithSilent;
  /** BullMQ is in use (REDIS_URL): serve the queue dashboard (API only). */
  readonly queueDashboard: boolean;
}

/**
 * Operations (SPEC §9, issue 7): JSON logs, health, metrics and, with BullMQ,
 * the queue dashboard. The same parts serve the API process and a matcher
 * worker's operations port.
 */
@Module({})
export class OpsModule {
  static forApi(options: OpsOptions): DynamicModule {
    return {
      module: OpsModule,
      imports: [
        LoggingModule.register(createJsonLogger({ level: options.logLevel, service: 'api' })),
        OpsCoreModule,
        HealthModule,
        MetricsModule,
        ...(options.queueDashboard ? [QueueDashboardModule] : []),
      ],
      exports: [LoggingModule, MetricsModule],
    };
  }

  /** A matcher worker has no API: its operations port answers problems as the API does, without the API's filter module. */
  static forWorker(options: Pick<OpsOptions, 'logLevel'>): DynamicModule {
    return {
      module: OpsModule,
      imports: [LoggingModule.register(createJsonLogger({ level: options.logLevel, service: 'matcher' })), OpsCoreModule, HealthModule, MetricsModule],
      providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }],
      exports: [LoggingModule],
    };
  }
}
