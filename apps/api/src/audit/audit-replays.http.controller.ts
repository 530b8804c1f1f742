import { Controller, Get, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ReplayBoardUnavailableError, ReplayRegistry, ReplayRunningError } from '@sleutel/audit';
import { Response } from 'express';
import { Roles } from '../common/auth/roles.decorator';
import { ProblemException } from '../common/problem';
import { ApiProblems } from '../common/problem.dto';
import { SubjectIdPipe } from '../common/subject-id.pipe';
import { ReplayStatusDto } from './audit.dto';

/**
 * Replays (SPEC §6): every projection rebuilt from position zero into fresh
 * storage and compared by digest with the live one. Starting one changes no
 * data (nothing is appended, the live read models are only read), which is
 * why an auditor may.
 */
@ApiTags('audit')
@Controller('audit/replays')
export class AuditReplaysController {
  constructor(private readonly replays: ReplayRegistry) {}

  @Post()
  @HttpCode(202)
  @Roles('auditor')
  @ApiOperation({ summary: 'Start a replay of every projection; follow it at the Location' })
  @ApiProblems(409)
  @ApiAcceptedResponse({ type: ReplayStatusDto, headers: { Location: { description: 'Where to follow the replay', schema: { type: 'string' } } } })
  async start(@Res({ passthrough: true }) response: Response): Promise<ReplayStatusDto> {
    try {
      const replay = await this.replays.start();
      response.setHeader('Location', `/api/v1/audit/replays/${replay.id}`);
      return replay as unknown as ReplayStatusDto;
    } catch (error) {
      if (!(error instanceof ReplayRunningError)) throw error;
      throw new ProblemException(409, error.code, 'Conflict', 'A replay is running; follow it, or start another when it is done.', undefined, {
        Location: `/api/v1/audit/replays/${error.runningId}`,
      });
    }
  }

  @Get(':id')
  @Roles('auditor')
  @ApiOperation({ summary: "A replay's progress and, once done, each projection's live and rebuilt digests" })
  @ApiProblems(503)
  @ApiOkResponse({ type: ReplayStatusDto })
  async get(@Param('id', SubjectIdPipe) id: string): Promise<ReplayStatusDto> {
    let replay;
    try {
      replay = await this.replays.get(id);
    } catch (error) {
      if (!(error instanceof ReplayBoardUnavailableError)) throw error;
      throw new ProblemException(503, error.code, 'Service Unavailable', 'This process did not run the replay, and the replays of the others cannot be read while Redis does not answer.', undefined, {
        'Retry-After': '5',
      });
    }
    if (replay === undefined) {
      const where = this.replays.shared ? 'kept for a week' : 'kept in memory by the process that ran them';
      throw new ProblemException(404, 'HTTP.404', 'Not Found', `No such replay (replays are ${where}).`);
    }
    return replay as unknown as ReplayStatusDto;
  }
}
