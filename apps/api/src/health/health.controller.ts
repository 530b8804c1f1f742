import { Controller, Get, Logger, Res } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Response } from 'express';
import { Public } from '../common/auth/roles.decorator';
import { PROBLEM_CONTENT_TYPE, problemType } from '../common/problem';
import { ProblemDto } from '../common/problem.dto';
import { ReadinessIndicators } from './readiness.indicators';

/**
 * Liveness and readiness for orchestrators (SPEC §9 operations); open
 * without a token, carrying no personal data. The same controller serves an
 * API process and a matcher worker's operations port.
 */
@ApiTags('operations')
@Controller('health')
@Public()
export class HealthController {
  private readonly logger = new Logger('health');
  private wasReady: boolean | null = null;

  constructor(private readonly health: HealthCheckService, private readonly readiness: ReadinessIndicators) {}

  @Get('live')
  @ApiOperation({ summary: 'Liveness: the process is up and its event loop turns' })
  @ApiOkResponse({ description: '`{"status":"ok"}`' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @ApiOperation({
    summary: 'Readiness: the event store, Redis (when configured) and the key store answer, the read models are close enough to the log, and the process is not shutting down',
  })
  @ApiOkResponse({ description: 'Ready; every check with its figures (log head, Redis round trip, events behind)' })
  @ApiServiceUnavailableResponse({
    description: 'Not ready: `HEALTH.NOT_READY` naming the failing checks in `detail`, with every check under `checks`, and `Retry-After`',
    content: { [PROBLEM_CONTENT_TYPE]: { schema: { $ref: getSchemaPath(ProblemDto) } } },
  })
  async ready(@Res() response: Response): Promise<void> {
    // Terminus throws on a failed check; its figures are kept here rather than in a thrown exception.
    const result = await this.health.check(this.readiness.all()).catch((error: unknown) => resultOf(error));
    const ready = result.status === 'ok';
    this.report(ready, result);
    if (ready) {
      response.status(200).json(result);
      return;
    }
    const failing = Object.keys(result.error ?? {});
    response.status(503).setHeader('Retry-After', '5');
    response.type(PROBLEM_CONTENT_TYPE).send(JSON.stringify({
      type: problemType('HEALTH.NOT_READY'), title: 'Service Unavailable', status: 503, code: 'HEALTH.NOT_READY',
      detail: `Not ready: ${failing.join(', ') || 'shutting down'}.`,
      checks: result.details,
    }));
  }

  /** A line when readiness changes, not one per probe (a dependency's own trouble is logged where it happens). */
  private report(ready: boolean, result: HealthCheckResult): void {
    if (ready === this.wasReady) return;
    this.logger.log(ready ? 'ready' : `not ready: ${JSON.stringify(result.error ?? {})}`);
    this.wasReady = ready;
  }
}

function resultOf(error: unknown): HealthCheckResult {
  const body = (error as { getResponse?: () => unknown }).getResponse?.();
  if (body !== undefined && typeof body === 'object' && body !== null && 'details' in body) return body as HealthCheckResult;
  throw error;
}
