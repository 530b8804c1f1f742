import { DomainError, MatchCommand, matchStream } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { matchAggregate, ReadSide } from '@sleutel/platform';
import { workerContext } from './worker-context';

const BATCH = 200;

/**
 * Expires proposals nobody answered in time (SPEC §4). The deadlines live in
 * the log (each proposal and approval records its own), and the sweep reads
 * them from the match board, so a restart or a lost timer loses nothing: the
 * next sweep finds what is overdue. The decider checks the deadline again.
 */
export class ExpirySweep {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async sweep(): Promise<number> {
    let expired = 0;
    for (const entry of this.readSide.matchBoard.overdue(this.clock().toISOString(), BATCH)) {
      const matchId = entry.id;
      try {
        const outcome = await this.runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
          { type: 'ExpireMatch', data: { matchId, at } },
        ], workerContext(`expire-${matchId}`, null, 'expire'));
        expired += outcome.appended;
      } catch (error) {
        // Answered or extended meanwhile: the board had not caught up yet.
        if (!(error instanceof DomainError && (error.code === 'MATCH.CLOSED' || error.code === 'MATCH.NOT_DUE'))) throw error;
      }
    }
    return expired;
  }
}
