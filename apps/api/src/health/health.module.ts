import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller';
import { ReadinessIndicators } from './readiness.indicators';

/**
 * `GET /health/live` and `GET /health/ready` with @nestjs/terminus. Needs
 * the providers of `OpsCoreModule` (lag, Redis, shutdown drain).
 */
@Module({
  // Failed probes are reported by the controller when readiness changes, not on every probe.
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
  providers: [ReadinessIndicators],
})
export class HealthModule {}
