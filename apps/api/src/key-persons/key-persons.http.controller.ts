import { Body, Controller, Get, Headers, HttpCode, Inject, Param, Patch, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { KeyPersonCommand } from '@sleutel/domain';
import { IsIn, IsOptional, Matches } from 'class-validator';
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
import { ChangeKeyPersonRequest, RegisterKeyPersonRequest } from './key-person.request.dto';
import { KeyPersonListResponse, KeyPersonResponse } from './key-person.response.dto';
import { KEY_PERSONS, KeyPersonService } from './key-persons.tokens';

class KeyPersonListQuery extends ListQuery {
  @ApiPropertyOptional({ enum: ['active', 'paused', 'retired'] })
  @IsOptional() @IsIn(['active', 'paused', 'retired'])
  status?: string;

  @ApiPropertyOptional({ description: 'ISO 639-3 code the key person speaks', example: 'tir' })
  @IsOptional() @Matches(/^[a-z]{3}$/, { message: 'must be an ISO 639-3 code such as tir' })
  language?: string;
}

/** The key-person registry (SPEC §9): thin HTTP over SubjectService. */
@ApiTags('key-persons')
@Controller('key-persons')
@Roles('coordinator')
export class KeyPersonsController {
  constructor(
    @Inject(KEY_PERSONS) private readonly keyPersons: KeyPersonService,
    private readonly idempotency: IdempotencyKeys,
  ) {}

  @Post()
  @ApiProblems(403, 422, 503)
  @ApiOperation({ summary: 'Register a key person' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body: the first answer again, nothing appended. Same key, other body: 422. Once the person so registered is erased: 410. Kept in clear in the log: put no personal data in it.' })
  @ApiCreatedResponse({ type: CreatedResponse })
  async register(
    @Body() body: RegisterKeyPersonRequest,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<CreatedResponse> {
    const key = this.idempotency.parse(idempotencyKey);
    const { view, revision } = await this.keyPersons.register(principal, body, (idem) => commandContextFrom(request, idem), key);
    response.status(201).location(`/api/v1/key-persons/${view.id}`).setHeader('ETag', etag(revision));
    return { id: view.id, revision };
  }

  @Get()
  @ApiProblems(400)
  @ApiOperation({ summary: 'Key persons in your municipalities, oldest registration first' })
  @ApiOkResponse({ type: KeyPersonListResponse })
  list(@Query() query: KeyPersonListQuery, @CurrentPrincipal() principal: Principal): Promise<KeyPersonListResponse> {
    return this.keyPersons.list(principal, query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One key person; the ETag is its revision' })
  @ApiOkResponse({ type: KeyPersonResponse })
  async get(@Param('id', SubjectIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<KeyPersonResponse> {
    const { view, revision } = await this.keyPersons.get(principal, id);
    response.setHeader('ETag', etag(revision));
    return view;
  }

  @Patch(':id')
  @ApiProblems(403, 409, 412, 428, 503)
  @ApiOperation({ summary: 'Change any sections of the profile, capacity or monthly hours', description: 'Each section sent replaces the stored one whole (`contact: {email}` leaves no phone; `availability: {slots}` clears `from` and `until`; lists are replaced whole), except `preferences`, which is merged member by member (a member left out keeps its value). A section sent with its current value appends nothing.' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'The ETag you read (strong, e.g. "3"), or * for whatever revision is current' })
  @ApiOkResponse({ type: KeyPersonResponse })
  async change(
    @Param('id', SubjectIdPipe) id: string,
    @Body() body: ChangeKeyPersonRequest,
    @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal,
    @Req() request: AuthenticatedRequest,
    @Res({ passthrough: true }) response: Response,
  ): Promise<KeyPersonResponse> {
    const expected = requireIfMatch(ifMatch);
    const { view, revision } = await this.keyPersons.change(principal, id, body, commandContextFrom(request), expected);
    response.setHeader('ETag', etag(revision));
    return view;
  }

  @Post(':id/pause')
  @ApiProblems(409, 412, 503)
  @HttpCode(200)
  @ApiOperation({
    summary: 'Pause: no new proposals until resumed',
    description: 'Proposals still awaiting an answer are withdrawn (`The key person was paused`), barring no pair, and their newcomers are matched with someone else; accepted matches go on. Until the withdrawal has run, approving or accepting them answers 409 `KEY_PERSON.PAUSED`.',
  })
  @ApiBody({ type: ReasonRequest, required: false, description: 'Optional: no body, or `{}`, records no reason' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KeyPersonResponse })
  pause(@Param('id', SubjectIdPipe) id: string, @Body() body: ReasonRequest, @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<KeyPersonResponse> {
    return this.lifecycle(id, (at) => ({ type: 'PauseKeyPerson', data: { keyPersonId: id, at, reason: body.reason ?? null } }), ifMatch, principal, request, response);
  }

  @Post(':id/resume')
  @ApiProblems(409, 412, 503)
  @HttpCode(200)
  @ApiOperation({ summary: 'Resume after a pause' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KeyPersonResponse })
  resume(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<KeyPersonResponse> {
    return this.lifecycle(id, (at) => ({ type: 'ResumeKeyPerson', data: { keyPersonId: id, at } }), ifMatch, principal, request, response);
  }

  @Post(':id/retire')
  @ApiProblems(412, 503)
  @HttpCode(200)
  @ApiOperation({ summary: 'Retire for good', description: 'Proposals still awaiting an answer are withdrawn and their newcomers matched with someone else; accepted matches go on.' })
  @ApiBody({ type: ReasonRequest, required: false, description: 'Optional: no body, or `{}`, records no reason' })
  @ApiHeader({ name: 'If-Match', required: false })
  @ApiOkResponse({ type: KeyPersonResponse })
  retire(@Param('id', SubjectIdPipe) id: string, @Body() body: ReasonRequest, @Headers('if-match') ifMatch: string | undefined,
    @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<KeyPersonResponse> {
    return this.lifecycle(id, (at) => ({ type: 'RetireKeyPerson', data: { keyPersonId: id, at, reason: body.reason ?? null } }), ifMatch, principal, request, response);
  }

  private async lifecycle(id: string, command: (at: string) => KeyPersonCommand, ifMatch: string | undefined,
    principal: Principal, request: AuthenticatedRequest, response: Response): Promise<KeyPersonResponse> {
    const { view, revision } = await this.keyPersons.execute(principal, id, (at) => [command(at)], commandContextFrom(request), parseIfMatch(ifMatch));
    response.setHeader('ETag', etag(revision));
    return view;
  }
}
