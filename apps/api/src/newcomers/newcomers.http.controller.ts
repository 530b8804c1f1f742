import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { IsIn, IsOptional } from 'class-validator';
import { Response } from 'express';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { CreatedResponse, ReasonRequest } from '../common/command-accepted.dto';
import { commandContextFrom } from '../common/command-context.factory';
import { ApiProblems } from '../common/problem.dto';
import { IdempotencyKeys } from '../common/idempotency-key';
import { ListQuery } from '../common/list-query.dto';
import { etag, parseIfMatch, requireIfMatch } from '../common/revision-headers';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { ChangeNewcomerRequest, RegisterNewcomerRequest } from './newcomer.request.dto';
import { NewcomerListResponse, NewcomerResponse } from './newcomer.response.dto';
import { NEWCOMERS, NewcomerService } from './newcomers.tokens';

class NewcomerListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['active', 'withdrawn'] })
  @IsOptional() @IsIn(['active', 'withdrawn'])
  status?: string;
}

/** Newcomer intake (SPEC §9): thin HTTP over SubjectService; no rules here. */
@ApiTags('newcomers')
@Controller('newcomers')
export class NewcomersController {
  constructor(
    @Inject(NEWCOMERS) private readonly newcomers: NewcomerService,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  @Post()
  @ApiProblems(403, 422, 503)
  @Roles('intake')
  @ApiOperation({ summary: 'Register a newcomer' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first answer again, nothing appended. Same key, other body: 422. Once the person so registered is erased: 410. Kept in clear in the log: put no personal data in it.' })
  @ApiCreatedResponse({ type: CreatedResponse, description: 'Registered; Location names the newcomer' })
  async register(
    @Body() body: RegisterNewcomerRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedResponse> {
    const key = this.idempotency.parse(idempotencyKey);
    const { view, revision } = await this.newcomers.register(principal, body, (idem) => commandContextFrom(request, idem), key);
    response.status(201).location(`/api/v1/newcomers/${view.id}`).setHeader('ETag', etag(revision));
    return { id: view.id, revision };
  }

  @Get()
  @ApiProblems(400)
  @Roles('intake', 'coordinator')
  @ApiOperation({ summary: 'Newcomers in your municipalities, oldest registration first' })
  @ApiOkResponse({ type: NewcomerListResponse })
  list(@Query() query: NewcomerListQuery, @CurrentPrincipal() principal: Principal): Promise<NewcomerListResponse> {
    return this.newcomers.list(principal, query);
  }

  @Get(':id')
  @Roles('intake', 'coordinator')
  @ApiOperation({ summary: 'One newcomer; the ETag is its revision' })
  @ApiOkResponse({ type: NewcomerResponse })
  async get(@Param('id', SubjectIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<NewcomerResponse> {
    const { view, revision } = await this.newcomers.get(principal, id);
    response.setHeader('ETag', etag(revision));
    return view;
  }

  @Patch(':id')
  @ApiProblems(403, 409, 412, 428, 503)
  @Roles('intake')
  @ApiOperation({ summary: 'Change any sections of the profile', description: 'Each section sent replaces the stored one whole (`contact: {email}` leaves no phone; `availability: {slots}` clears `from` and `until`; lists are replaced whole), except `preferences`, which is merged member by member (a member left out keeps its value). A section sent with its current value appends nothing.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag you read (strong, e.g. "3"), or * for whatever revision is current' })
  @ApiOkResponse({ type: NewcomerResponse })
  async change(
    @Param('id', SubjectIdPipe) id: string,
    @Body() body: ChangeNewcomerRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NewcomerResponse> {
    const expected = requireIfMatch(ifMatch);
    const { view, revision } = await this.newcomers.change(principal, id, body, commandContextFrom(request), expected);
    response.setHeader('ETag', etag(revision));
    return view;
  }

  @Post(':id/withdraw')
  @ApiProblems(412, 503)
  @HttpCode(200)
  @Roles('intake')
  @ApiOperation({ summary: 'Stop matching this newcomer' })
  @ApiBody({ type: ReasonRequest, required: false, description: 'Optional: no body, or `{}`, records no reason' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: NewcomerResponse })
  async withdraw(
    @Param('id', SubjectIdPipe) id: string,
    @Body() body: ReasonRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<NewcomerResponse> {
    const { view, revision } = await this.newcomers.execute(
      principal, id,
      (at) => [{ type: 'WithdrawNewcomer', data: { newcomerId: id, at, reason: body.reason ?? null } }],
      commandContextFrom(request), parseIfMatch(ifMatch),
    );
    response.setHeader('ETag', etag(revision));
    return view;
  }
}
