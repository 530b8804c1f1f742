import { Controller, HttpCode, Param, Post, Req } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Principal } from '@sleutel/auth';
import { AuthenticatedRequest } from '../common/auth/auth.guard';
import { CurrentPrincipal } from '../common/auth/principal.decorator';
import { Roles } from '../common/auth/roles.decorator';
import { commandContextFrom } from '../common/command-context.factory';
import { ApiProblems } from '../common/problem.dto';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { MatchesService } from './matches.service';

/** `POST /newcomers/{id}/match-requests`: ask the matcher to look again (SPEC §9). */
@ApiTags('matches')
@Controller('newcomers')
export class MatchRequestsController {
  constructor(private readonly matches: MatchesService) {}

  @Post(':id/match-requests')
  @HttpCode(202)
  @Roles('intake', 'coordinator')
  @ApiOperation({ summary: 'Ask for matching again; the matcher answers asynchronously' })
  @ApiProblems(409, 503)
  @ApiAcceptedResponse({ description: 'Queued: a proposal, or a recorded reason why none, follows', schema: { type: 'object', properties: { status: { type: 'string', example: 'queued' } } } })
  async request(@Param('id', SubjectIdPipe) id: string, @CurrentPrincipal() principal: Principal, @Req() request: AuthenticatedRequest): Promise<{ status: 'queued' }> {
    await this.matches.requestMatching(principal, id, commandContextFrom(request));
    return { status: 'queued' };
  }
}
