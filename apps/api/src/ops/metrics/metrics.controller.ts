import { Controller, Get, Header, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Response } from 'express';
import { Public, ROLES_EXTENSION } from '../../common/auth/roles.decorator';
import { ApiProblems } from '../../common/problem.dto';
import { MetricsAccessGuard } from './metrics-access.guard';
import { MetricsRegistry } from './metrics-registry';

/** Prometheus scrapes this (SPEC §9 operations, outside `/api/v1`). */
@ApiTags('operations')
@Controller('metrics')
@Public() // to the role guard: MetricsAccessGuard decides, the same way in the API and in a matcher worker
@UseGuards(MetricsAccessGuard)
@ApiBearerAuth()
@ApiExtension(ROLES_EXTENSION, ['admin']) // and the static METRICS_TOKEN, as the description says
@ApiProblems(401, 403, 429)
export class MetricsController {
  constructor(private readonly metrics: MetricsRegistry) {}

  @Get()
  @ApiOperation({
    summary: 'Prometheus metrics',
    description: 'Text exposition format 0.0.4. For admins, or for the static `METRICS_TOKEN` (Prometheus `authorization: { credentials: … }`). Labels carry route templates, job names and subscriber names only, never ids or personal data.',
  })
  @ApiProduces('text/plain')
  @ApiOkResponse({ description: 'The metrics of this process', content: { 'text/plain': { schema: { type: 'string' } } } })
  @Header('Cache-Control', 'no-store')
  async scrape(@Res() response: Response): Promise<void> {
    // Written as is: Express's `send` would rewrite the media type's parameters.
    const text = await this.metrics.exposition();
    response.status(200).setHeader('Content-Type', this.metrics.contentType);
    response.end(text);
  }
}
