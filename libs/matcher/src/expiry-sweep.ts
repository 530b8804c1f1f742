import { DomainError, MatchCommand, matchStream } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { matchAggregate, ReadSide } from '@sleutel/platform';
import { JobQueue } from '@sleutel/queue';
import { MatcherJobs } from './matcher.jobs';
import { workerContext } from './worker-context';

const BATCH = 200;

/** What an overdue match on a board that lags behind the log may have become since: nothing left to expire. */
const SETTLED_MEANWHILE: readonly string[] = ['MATCH.CLOSED', 'MATCH.NOT_DUE', 'MATCH.ALREADY_ACCEPTED'];

/**
 * Expires proposals nobody answered in time (SPEC §4). The deadlines live in
 * the log (each proposal and approval records its own), and the sweep reads
 * them from the match board, so a restart or a lost timer loses nothing: the
 * next sweep finds what is overdue. The decider checks the deadline again.
 */
export class ExpirySweep {
  private tick = 0;
  /** Where the next look for paused key persons' proposals starts (a key person id; '' for the first page). */
  private pausedAfter = '';

  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    private readonly queue: JobQueue<MatcherJobs>,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  /**
   * A reservation with no proposal after a sweep interval means its job was
   * lost (failed for good, or an in-process queue that stopped). A fresh match
   * request resumes it: the proposer carries a reservation through, or lets it
   * go when its key person no longer fits. Resuming one a live worker is still
   * busy with is harmless: every step is idempotent.
   */
  async resumeDangling(): Promise<number> {
    this.tick += 1;
    const dangling = this.readSide.danglingReservations(BATCH);
    if (dangling.length === 0) return 0;
    const position = this.readSide.position ?? 0;
    await this.queue.addBulk(dangling.map(({ newcomerId, matchId }) => ({
      name: 'match-request' as const,
      id: `resume-${matchId}-${this.clock().getTime()}-${this.tick}`,
      data: { newcomerId, causePosition: position, causeEventId: matchId, correlationId: matchId },
    })));
    return dangling.length;
  }

  /**
   * A paused key person's proposals still awaiting an answer, which the
   * pause's job should have withdrawn: one more such job each (a key person
   * paused under an older release, whose relay had read past the pause, or
   * whose job was given up). Meanwhile `approve` and `accept` refuse them,
   * so without this they would wait out their deadline. The job reads the
   * key person again and does nothing once they are resumed.
   */
  async withdrawPausedProposals(): Promise<number> {
    // A page a sweep, in turn: key persons whose proposals stay (a job failing) cannot hide the others for good.
    const keyPersonIds = this.readSide.pausedWithProposals(this.pausedAfter, BATCH);
    this.pausedAfter = keyPersonIds.length < BATCH ? '' : keyPersonIds[keyPersonIds.length - 1];
    if (keyPersonIds.length === 0) return 0;
    const position = this.readSide.position ?? 0;
    const at = this.clock().getTime();
    await this.queue.addBulk(keyPersonIds.map((keyPersonId) => ({
      name: 'withdraw-proposals' as const,
      id: `withdraw-paused-${keyPersonId}-${at}-${this.tick}`,
      data: { keyPersonId, paused: true, causePosition: position, causeEventId: keyPersonId, correlationId: keyPersonId },
    })));
    return keyPersonIds.length;
  }

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
        // Answered (closed, or accepted by both), or extended meanwhile: the board had not caught up yet. Thrown, one such
        // match failed the whole sweep, and the overdue matches after it in the batch waited for the next one.
        if (!(error instanceof DomainError && SETTLED_MEANWHILE.includes(error.code))) throw error;
      }
    }
    return expired;
  }
}
