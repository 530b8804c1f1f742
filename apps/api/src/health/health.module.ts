import { Controller, Get, Inject, Module } from '@nestjs/common';
import { ApiOkResponse, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { EventStore } from '@sleutel/event-store';
import { EVENT_STORE, ReadSide } from '@sleutel/platform';
import { Public } from '../common/auth/roles.decorator';
import { ProblemException } from '../common/problem';

/** Liveness and readiness for orchestrators; open without a token, no personal data. */
@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly readSide: ReadSide) {}

  @Get('live')
  @ApiOkResponse({ description: 'The process is up' })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @ApiOkResponse({ description: 'The event store answers; read models and their lag' })
  @ApiServiceUnavailableResponse({ description: 'The event store does not answer' })
  async ready(): Promise<{ status: 'ok'; head: number | null; projected: number | null }> {
    try {
      const head = await this.store.headPosition();
      return { status: 'ok', head, projected: this.readSide.position };
    } catch {
      throw new ProblemException(503, 'HEALTH.NOT_READY', 'Service Unavailable', 'The event store does not answer.', undefined, { 'Retry-After': '5' });
    }
  }
}

@Module({ controllers: [HealthController] })
export class HealthModule {}
