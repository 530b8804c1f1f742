import { Module } from '@nestjs/common';
import { PolicyController } from '../policy/policy.http.controller';
import { MatchRequestsController } from './match-requests.http.controller';
import { MatchesController } from './matches.http.controller';
import { MatchesService } from './matches.service';

/** Proposals, matches and the scoring policy over HTTP. */
@Module({
  controllers: [MatchesController, MatchRequestsController, PolicyController],
  providers: [MatchesService],
})
export class MatchesModule {}
