import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBody, ApiExtraModels, ApiHeader, ApiOkResponse, ApiOperation, ApiResponse, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { Response } from 'express';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { commandContextFrom } from '../common/command-context.factory';
import { IdempotencyKeys } from '../common/idempotency-key';
import { ApiProblems } from '../common/problem.dto';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { CohortRunListQuery, CohortRunListResponse, CohortRunResponse, OverlappingRunProblemDto, StartCohortRunRequest } from './cohort-run.dto';
import { CohortRunsService } from './cohort-runs.service';

/**
 * Cohort runs (SPEC §5, §9): all waiting newcomers and all free capacity
 * assigned at once, exactly optimally, with a fairness report. The matcher
 * does the work; this only starts runs and shows them.
 */
@ApiTags('cohort-runs')
@Controller('cohort-runs')
export class CohortRunsController {
  constructor(
    private readonly runs: CohortRunsService,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  @Post()
  @HttpCode(202)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Start a cohort run; its proposals still need a coordinator\'s approval' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'The same key with the same body starts one run' })
  @ApiBody({ type: StartCohortRunRequest, required: false, description: 'Optional: without it (no body, or `{}`) the defaults apply' })
  @ApiProblems(422, 503)
  @ApiExtraModels(OverlappingRunProblemDto)
  @ApiResponse({
    status: 409,
    description: 'A run over some of the same newcomers is still running (a run over all municipalities overlaps every run; scoped runs overlap when they share a municipality): nothing was started. `runningRunId` and `Location` name it; start another once it is done. A retry with the Idempotency-Key of the request that started it gets that first answer instead',
    headers: { Location: { description: 'The running run, when you may read it', schema: { type: 'string' } } },
    content: { 'application/problem+json': { schema: { $ref: getSchemaPath(OverlappingRunProblemDto) } } },
  })
  @ApiAcceptedResponse({ type: CohortRunResponse, description: 'Started; follow `Location` for progress and the fairness report' })
  async start(
    @Body() body: StartCohortRunRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CohortRunResponse> {
    const key = this.idempotency.parse(idempotencyKey);
    const run = await this.runs.start(principal, body, (idempotency) => commandContextFrom(request, idempotency), key);
    response.setHeader('Location', `/api/v1/cohort-runs/${run.id}`);
    return run;
  }

  @Get()
  @Roles('coordinator')
  @ApiOperation({
    summary: 'Cohort runs you may read, newest first',
    description: 'Each item is the run as `GET /cohort-runs/{id}` gives it, without the fairness report (read that one run at a time). A token limited to some municipalities sees only runs wholly within them.',
  })
  @ApiProblems(400)
  @ApiOkResponse({ type: CohortRunListResponse })
  list(@Query() query: CohortRunListQuery, @CurrentPrincipal() principal: Principal): Promise<CohortRunListResponse> {
    return this.runs.list(principal, query);
  }

  @Get(':id')
  @Roles('coordinator')
  @ApiOperation({ summary: 'A cohort run: stage and progress, then its figures and fairness report' })
  @ApiOkResponse({ type: CohortRunResponse })
  get(@Param('id', SubjectIdPipe) id: string, @CurrentPrincipal() principal: Principal): Promise<CohortRunResponse> {
    return this.runs.get(principal, id);
  }
}
