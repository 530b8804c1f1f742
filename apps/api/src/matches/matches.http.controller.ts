import { Body, Controller, Get, Headers, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBody, ApiHeader, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { MATCH_PARTIES, MatchCommand } from '@sleutel/domain';
import { Response } from 'express';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { commandContextFrom } from '../common/command-context.factory';
import { ApiProblems } from '../common/problem.dto';
import { etag, parseIfMatch } from '../common/revision-headers';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { AcceptMatchRequest, DeclineMatchRequest, EndMatchRequest, MatchListQuery, MatchListResponse, MatchResponse, RejectMatchRequest } from './match.dto';
import { MatchesService } from './matches.service';

const IF_MATCH = {
  name: 'If-Match', required: false,
  description: 'The ETag you read (optional): a match changed since is a 412 with its current ETag, and nothing is recorded. `*`, or none, means whatever revision is current',
};

/**
 * Proposals and matches (SPEC §4, §9). The matcher proposes; a coordinator
 * approves or rejects (a human decides, GDPR art. 22) and records the
 * newcomer's and key person's answers; the match ends as completed or early.
 */
@ApiTags('matches')
@Controller('matches')
export class MatchesController {
  constructor(private readonly matches: MatchesService) {}

  @Get()
  @Roles('coordinator', 'intake')
  @ApiOperation({ summary: 'Proposals and matches in your municipalities (where the newcomer or the key person lives), oldest proposal first' })
  @ApiProblems(400)
  @ApiOkResponse({ type: MatchListResponse })
  list(@Query() query: MatchListQuery, @CurrentPrincipal() principal: Principal): Promise<MatchListResponse> {
    return this.matches.list(principal, query);
  }

  @Get(':id')
  @Roles('coordinator', 'intake')
  @ApiOperation({ summary: 'One proposal or match, with why it was proposed' })
  @ApiOkResponse({ type: MatchResponse })
  async get(@Param('id', SubjectIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    return withETag(response, await this.matches.get(principal, id));
  }

  @Post(':id/approve')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Approve a proposal: the newcomer and key person are asked next', description: '409 `MATCH.PAIR_NO_LONGER_FITS` when a profile changed since the proposal so that the pair breaks a hard constraint, named only to whoever may read both people (the matcher then withdraws it); 409 `MATCH.NOT_AWAITED` when the newcomer no longer holds this proposal (left behind by a race between matcher workers, withdrawn by the matcher)' })
  @ApiHeader(IF_MATCH)
  @ApiProblems(409, 412, 503)
  @ApiOkResponse({ type: MatchResponse })
  async approve(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    return withETag(response, await this.matches.decide(principal, id, (at) => [this.approval(id, at, principal)], commandContextFrom(request), { towardsMeeting: true, expectedRevision: parseIfMatch(ifMatch) }));
  }

  @Post(':id/reject')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'Reject a proposal; the newcomer is matched again, never with this key person' })
  @ApiHeader(IF_MATCH)
  @ApiProblems(409, 412, 503)
  @ApiOkResponse({ type: MatchResponse })
  async reject(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: RejectMatchRequest, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    return withETag(response, await this.matches.decide(principal, id, (at) => [{ type: 'RejectMatch', data: { matchId: id, at, by: principal.subject, reason: body.reason } }], commandContextFrom(request), { expectedRevision: parseIfMatch(ifMatch) }));
  }

  @Post(':id/accept')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({
    summary: "Record one party's acceptance (accepted once both have), or, without `party`, that the pair agreed",
    description:
      'With `party`: that party accepted an approved proposal (409 `MATCH.NOT_APPROVED` before approval). Without it (no body, or `{}`, as SPEC §9 shows the call): ' +
      'the coordinator records that both accepted, approving the proposal first when it is still proposed, in one append: the events name each step. ' +
      '409 `MATCH.PAIR_NO_LONGER_FITS` when a profile changed since the proposal so that the pair breaks a hard constraint (named only to whoever may read both people); ' +
      '409 `MATCH.NOT_AWAITED` when the newcomer no longer holds this proposal.',
  })
  @ApiBody({ type: AcceptMatchRequest, required: false, description: 'Optional: without it (no body, or `{}`) both parties accepted' })
  @ApiHeader(IF_MATCH)
  @ApiProblems(409, 412, 503)
  @ApiOkResponse({ type: MatchResponse })
  async accept(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: AcceptMatchRequest, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    const party = body?.party;
    return withETag(response, await this.matches.decide(
      principal,
      id,
      (at) => party !== undefined
        ? [{ type: 'AcceptMatch', data: { matchId: id, at, party } }]
        // Approving an approved match is no change, nor is a party accepting twice: what was recorded before stands.
        : [this.approval(id, at, principal), ...MATCH_PARTIES.map((each): MatchCommand => ({ type: 'AcceptMatch', data: { matchId: id, at, party: each } }))],
      commandContextFrom(request),
      { towardsMeeting: true, expectedRevision: parseIfMatch(ifMatch) },
    ));
  }

  @Post(':id/decline')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: "Record a party's decline, with the reason; the newcomer is matched again", description: 'Without `party` the decline is recorded without saying by whom.' })
  @ApiHeader(IF_MATCH)
  @ApiProblems(409, 412, 503)
  @ApiOkResponse({ type: MatchResponse })
  async decline(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: DeclineMatchRequest, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    return withETag(response, await this.matches.decide(principal, id, (at) => [{ type: 'DeclineMatch', data: { matchId: id, at, party: body.party ?? null, reason: body.reason } }], commandContextFrom(request), { expectedRevision: parseIfMatch(ifMatch) }));
  }

  @Post(':id/end')
  @HttpCode(200)
  @Roles('coordinator')
  @ApiOperation({ summary: 'End an accepted match: completed (unless `outcome` says ended-early), with the reason' })
  @ApiHeader(IF_MATCH)
  @ApiProblems(409, 412, 503)
  @ApiOkResponse({ type: MatchResponse })
  async end(@Param('id', SubjectIdPipe) id: string, @Headers('if-match') ifMatch: string | undefined, @Body() body: EndMatchRequest, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest, @Res({ passthrough: true }) response: Response): Promise<MatchResponse> {
    return withETag(response, await this.matches.decide(principal, id, (at) => [{ type: 'EndMatch', data: { matchId: id, at, outcome: body.outcome ?? 'completed', reason: body.reason } }], commandContextFrom(request), { expectedRevision: parseIfMatch(ifMatch) }));
  }

  /** The calling coordinator's approval; the parties then have the configured time to answer. */
  private approval(id: string, at: string, principal: Principal): MatchCommand {
    return { type: 'ApproveMatch', data: { matchId: id, at, by: principal.subject, expiresAt: this.matches.answerDeadline(at) } };
  }
}

/** Every answer that is the match carries its revision as the ETag, as its GET does. */
function withETag(response: Response, match: MatchResponse): MatchResponse {
  response.setHeader('ETag', etag(match.revision));
  return match;
}
