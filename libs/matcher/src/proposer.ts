import {
  DomainError, derivedId, KeyPersonCommand, keyPersonStream, MatchCommand, matchStream, NewcomerCommand, NewcomerState, newcomerStream,
} from '@sleutel/domain';
import { DuplicateEventIdError } from '@sleutel/event-store';
import { CommandRunner, StaleRevisionError } from '@sleutel/eventsourcing';
import { explain, MatchingNewcomer, Ranking } from '@sleutel/matching';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { answeredInLog } from './answered-request';
import { CandidatePool } from './candidate-pool';
import { MatcherJobs } from './matcher.jobs';
import { toMatchingNewcomer } from './matching-newcomer.mapper';
import { workerContext } from './worker-context';

export interface ProposerSettings {
  /** How long a coordinator has to decide on a proposal. */
  readonly proposalDeadlineSeconds: number;
  /** How long to wait for the candidate pool to include the job's cause; the job fails, to be tried again, past it. */
  readonly indexWaitTimeoutMs: number;
  /** Candidates tried, best first, before ranking again; races for the last place are lost to other workers. */
  readonly candidatesPerRound: number;
  readonly rounds: number;
  /** Another job's reservation younger than this is that job's to finish (about a queue lock's duration). */
  readonly resumeAfterMs: number;
}

/** A match request, or one newcomer's part of a cohort run. */
export type ProposalJob = { readonly id: string; readonly data: MatcherJobs['match-request'] };
type Job = ProposalJob;

/**
 * A ranking with what it takes to score it again later (SPEC §4.7): the
 * candidate pool's log position and the newcomer's stream revision it was
 * computed from, and the time it used for the waiting component.
 */
export interface ScoredRanking {
  readonly ranking: Ranking;
  readonly scoredAt: string;
  readonly logPosition: number;
  readonly newcomerRevision: number;
}

/** Where a proposal came from, when not from the newcomer's own match request. */
export interface ProposalOrigin {
  readonly cohortRunId: string;
  /** What the pair was worth in the run's objective (score + waiting bonus − load cost). */
  readonly weight: number;
  /**
   * The policy's score for the pair in the run, with the key person's load
   * before it. The proposal's own score, taken again when it is proposed,
   * counts the run's earlier proposals in that load, so it can be lower.
   */
  readonly score: number;
}

/** What a match request came to, for logs and tests; `answered`: the log holds a look after the request's cause already. */
export type ProposalOutcome = 'proposed' | 'resumed' | 'deferred' | 'not-waiting' | 'answered' | 'gave-up';

/**
 * Answers one match request (SPEC §5, on demand). A proposal is three appends,
 * each guarded by its stream's expected revision, so the invariants of SPEC §4
 * hold with any number of workers and redeliveries:
 *
 *   1. reserve the newcomer for match M with key person K  (one open match per newcomer; failed pairs never again)
 *   2. reserve a place in K's capacity for M                 (capacity never exceeded; paused/retired refuse)
 *   3. MatchProposed on match-M with score and explanation   (the proposal a coordinator reviews),
 *      unless the newcomer let go of M or K stopped taking proposals since
 *
 * Losing step 2 (someone took the last place) cancels step 1 and tries the
 * next candidate. A job redelivered after a crash finds its reservation from
 * step 1 and resumes with the same M and K; every command id derives from the
 * job, so repeated steps append nothing.
 */
export class Proposer {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pool: CandidatePool,
    private readonly settings: ProposerSettings,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async handle(job: Job): Promise<ProposalOutcome> {
    const { newcomerId } = job.data;
    await this.pool.catchUp(job.data.causePosition, this.settings.indexWaitTimeoutMs);
    for (let round = 0; round < this.settings.rounds; round++) {
      const { state, revision, events } = await this.runner.load(newcomerAggregate, newcomerStream(newcomerId));
      if (state.status !== 'active') return 'not-waiting';
      if (state.openMatch !== null) return (await this.resume(job, state, revision)) ? 'resumed' : 'not-waiting';
      // Their match ended: a profile change or a freed place is no reason to match them again, only a request is.
      if (state.matchEnded) return 'not-waiting';
      // A request derived again from the log (every start of an in-process queue) that was answered before.
      if (answeredInLog(events, job.data.causeEventId)) return 'answered';
      const newcomer = toMatchingNewcomer(newcomerId, state);
      if (newcomer === null) return 'not-waiting';
      const scored = this.score(newcomer, revision, this.settings.candidatesPerRound + 3);
      if (scored.ranking.ranking.length === 0) {
        if (await this.recordDeferral(job, scored.ranking, revision)) return 'deferred';
        // The newcomer changed since this look (a profile change, another job's step): look again at them as they are now.
        continue;
      }
      for (const [index, candidate] of scored.ranking.ranking.slice(0, this.settings.candidatesPerRound).entries()) {
        const matchId = derivedId(`match|${job.id}|${round}|${index}`);
        const outcome = await this.proposePair(job, matchId, candidate.keyPersonId, scored);
        if (outcome !== 'lost-race') return outcome;
      }
    }
    return 'gave-up';
  }

  /**
   * Ranks the newcomer against the pool as it is now. Synchronous from the
   * position to the ranking, so the position is exactly what was scored.
   */
  score(newcomer: MatchingNewcomer, newcomerRevision: number, limit?: number): ScoredRanking {
    const scoredAt = this.clock().toISOString();
    const logPosition = this.pool.indexPosition;
    const ranking = this.pool.index.rank(newcomer, this.pool.policy, scoredAt, limit === undefined ? {} : { limit });
    return { ranking, scoredAt, logPosition, newcomerRevision };
  }

  /**
   * Steps 1–3 for one pair: the best candidate of a match request, or a pair
   * a cohort run chose (`origin`). 'lost-race' when K's last place went to
   * someone else; 'not-waiting' when the newcomer was withdrawn or has an
   * open match by now.
   */
  async proposePair(job: Job, matchId: string, keyPersonId: string, scored: ScoredRanking, origin?: ProposalOrigin): Promise<'proposed' | 'not-waiting' | 'lost-race'> {
    const { newcomerId } = job.data;
    try {
      await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        { type: 'ReserveNewcomerForMatch', data: { newcomerId, at, matchId, keyPersonId } },
      ], workerContext(job.id, job.data, `reserve-newcomer|${matchId}`));
    } catch (error) {
      // Withdrawn, or another job opened a match meanwhile: nothing left to do here.
      if (error instanceof DomainError && error.kind === 'conflict') return 'not-waiting';
      throw error;
    }
    if (!(await this.reserveCapacity(job, matchId, keyPersonId))) return 'lost-race';
    return this.proposeIfStillOpen(job, matchId, keyPersonId, scored, origin);
  }

  /**
   * Step 3, unless the pair came apart since step 1: the newcomer let go of
   * M (withdrawn, or another job cancelled the reservation and proposed
   * someone else), or K was paused or retired after step 2. Proposing then
   * would leave the newcomer two open proposals (SPEC §4 inv. 2) or give K a
   * new one (inv. 4) until the settlement withdrew it, and a coordinator
   * could approve it meanwhile; M is let go instead. The streams are
   * separate, so this narrows the window rather than closing it: what lands
   * after this check is withdrawn by the proposal's settlement.
   */
  private async proposeIfStillOpen(
    job: Job, matchId: string, keyPersonId: string, scored: ScoredRanking, origin?: ProposalOrigin,
  ): Promise<'proposed' | 'not-waiting' | 'lost-race'> {
    const [{ state: newcomer }, { state: keyPerson }] = await Promise.all([
      this.runner.load(newcomerAggregate, newcomerStream(job.data.newcomerId)),
      this.runner.load(keyPersonAggregate, keyPersonStream(keyPersonId)),
    ]);
    const held = newcomer.status === 'active' && newcomer.openMatch?.matchId === matchId;
    if (held && keyPerson.status === 'active') {
      await this.propose(job, matchId, keyPersonId, scored, origin);
      return 'proposed';
    }
    await this.cancel(job, matchId, keyPersonId);
    // A key person who stopped taking proposals is a race lost: the next candidate may still be free.
    return held ? 'lost-race' : 'not-waiting';
  }

  /** Step 2; on refusal, step 1 is let go so the newcomer can be tried with someone else. */
  private async reserveCapacity(job: Job, matchId: string, keyPersonId: string): Promise<boolean> {
    const { newcomerId } = job.data;
    try {
      await this.runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
        { type: 'ReserveKeyPersonCapacity', data: { keyPersonId, at, matchId, newcomerId } },
      ], workerContext(job.id, job.data, `reserve-capacity|${matchId}`));
      return true;
    } catch (error) {
      if (!(error instanceof DomainError && (error.kind === 'conflict' || error.kind === 'not-found'))) throw error;
      await this.cancel(job, matchId, keyPersonId);
      return false;
    }
  }

  /**
   * Step 3, with the explanation of why K and not the others, and what a
   * reproduction needs: the pool's position and the newcomer's revision that
   * were scored, and the time the scoring used.
   */
  private async propose(job: Job, matchId: string, keyPersonId: string, scored: ScoredRanking, origin?: ProposalOrigin): Promise<void> {
    const { ranking } = scored;
    const explanation = explain(ranking, keyPersonId);
    const chosen = ranking.ranking.find((candidate) => candidate.keyPersonId === keyPersonId);
    const proposedAt = this.clock();
    const expiresAt = new Date(proposedAt.getTime() + this.settings.proposalDeadlineSeconds * 1000).toISOString();
    await this.runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
      {
        type: 'ProposeMatch',
        data: {
          matchId, at, newcomerId: job.data.newcomerId, keyPersonId,
          score: chosen?.score ?? 0,
          policyVersion: ranking.policyVersion,
          logPosition: scored.logPosition,
          expiresAt,
          explanation: {
            ...(explanation ?? {}),
            scoredAt: scored.scoredAt,
            newcomerRevision: scored.newcomerRevision,
            ...(origin ? { cohortRunId: origin.cohortRunId, cohortWeight: origin.weight, cohortScore: origin.score } : {}),
          },
          ...(origin ? { cohortRunId: origin.cohortRunId } : {}),
        },
      },
    ], workerContext(job.id, job.data, `propose|${matchId}`));
  }

  /**
   * The newcomer holds a reservation without a proposal yet: this job died
   * between steps and was delivered again, another job is between its steps
   * right now, or a job was lost (the sweep then asks again). A fresh
   * reservation of another job is left to that job; otherwise the steps are
   * carried through with the same M and K (they are idempotent), provided K
   * still fits, and the proposal is explained from a full ranking.
   */
  private async resume(job: Job, state: NewcomerState, newcomerRevision: number): Promise<boolean> {
    const open = state.openMatch!;
    const { state: match } = await this.runner.load(matchAggregate, matchStream(open.matchId));
    if (match.status !== 'unproposed') return false;
    const now = this.clock();
    const ours = this.ownMatchIds(job).has(open.matchId);
    if (!ours && now.getTime() - Date.parse(open.reservedAt) < this.settings.resumeAfterMs) return false;
    const scored = this.scoreHolding(toMatchingNewcomer(job.data.newcomerId, state)!, newcomerRevision, open.keyPersonId, open.matchId);
    if (!scored.ranking.ranking.some((candidate) => candidate.keyPersonId === open.keyPersonId)) {
      await this.cancel(job, open.matchId, open.keyPersonId);
      return true;
    }
    if (await this.reserveCapacity(job, open.matchId, open.keyPersonId)) await this.proposeIfStillOpen(job, open.matchId, open.keyPersonId, scored);
    return true;
  }

  /** Every match id this job may have used, in the order it would have. */
  private ownMatchIds(job: Job): Set<string> {
    const ids = new Set<string>();
    for (let round = 0; round < this.settings.rounds; round++) {
      for (let index = 0; index < this.settings.candidatesPerRound; index++) ids.add(derivedId(`match|${job.id}|${round}|${index}`));
    }
    return ids;
  }

  /**
   * The full ranking as it was when K was chosen: K's place for M, if already
   * taken, must not count against K. The index is adjusted and restored within
   * one synchronous call, so no other job sees the change.
   */
  scoreHolding(newcomer: MatchingNewcomer, newcomerRevision: number, keyPersonId: string, matchId: string, limit?: number): ScoredRanking {
    const holds = this.pool.keyPerson(keyPersonId)?.reservations.some((reservation) => reservation.matchId === matchId) ?? false;
    const load = this.pool.index.get(keyPersonId)?.load;
    if (holds && load !== undefined) this.pool.index.setLoad(keyPersonId, load - 1);
    try {
      return this.score(newcomer, newcomerRevision, limit);
    } finally {
      if (holds && load !== undefined) this.pool.index.setLoad(keyPersonId, load);
    }
  }

  /** Let go of both reservations of M (either may or may not be held). */
  private async cancel(job: Job, matchId: string, keyPersonId: string): Promise<void> {
    const { newcomerId } = job.data;
    await this.runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'ReleaseKeyPersonCapacity', data: { keyPersonId, at, matchId } },
    ], workerContext(job.id, job.data, `cancel-capacity|${matchId}`));
    await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'ReleaseNewcomerMatch', data: { newcomerId, at, matchId, outcome: 'cancelled' } },
    ], workerContext(job.id, job.data, `cancel|${matchId}`));
  }

  /**
   * Unlike the other steps, a deferral can be decided again differently: a job
   * redelivered after its deferral was appended (the worker died before the
   * job was marked done) may find other reasons by then, and the same command
   * id would then put the same event id at another revision. That id already
   * in the stream means this job's deferral is recorded: its first delivery's
   * decision stands, and the cause that changed the reasons has its own job.
   * A request of a look at the waiting list (`retry`) that finds nobody
   * appends nothing while the newcomer's deferral on record is of the policy
   * in force: the ranking ran in full, so anyone who fits now is proposed.
   *
   * Only on the newcomer as ranked (`newcomerRevision`): false, recording
   * nothing, when their stream moved on since. A deferral appended after a
   * profile change it never saw would stand as the answer to that change's
   * own request (`answeredInLog`), which would then look no further: a
   * newcomer who had just been given a language a key person speaks stayed
   * waiting, with reasons that were no longer theirs.
   */
  private async recordDeferral(job: Job, ranking: Ranking, newcomerRevision: number): Promise<boolean> {
    const { newcomerId } = job.data;
    try {
      await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
        {
          type: 'RecordNewcomerUnmatched',
          data: { newcomerId, at, policyVersion: ranking.policyVersion, considered: ranking.considered, excluded: ranking.excluded, retry: job.data.retry === true },
        },
      ], workerContext(job.id, job.data, 'deferral'), { expectedRevision: newcomerRevision });
    } catch (error) {
      if (error instanceof StaleRevisionError) return false;
      if (error instanceof DuplicateEventIdError) return true;
      if (!(error instanceof DomainError && error.kind === 'conflict')) throw error;
    }
    return true;
  }
}
