import { keyPersonStream, matchStream, newcomerStream, pairNoLongerFits } from '@sleutel/domain';
import { CommandRunner } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { CandidatePool } from './candidate-pool';
import { MatcherJobs } from './matcher.jobs';
import { constraintBrokenBy } from './pair-fit';
import { Settlement } from './settlement';

type RecheckJob = { readonly id: string; readonly data: MatcherJobs['recheck-pairs'] };

/** What a check of one person's proposed pairs came to, for tests; logs name the matches, never the constraint (a person's preference). */
export interface RecheckOutcome {
  readonly checked: number;
  readonly withdrawn: readonly { readonly matchId: string; readonly constraint: string }[];
}

/**
 * Keeps proposals honest after a profile changes (SPEC §4 inv. 3 and 5 "at
 * all times"): a proposal or approved proposal whose pair now breaks a hard
 * constraint between the two people — the newcomer put the key person on
 * their do-not-match list, made a gender preference required, or either
 * side's languages, availability or residence no longer fit — is withdrawn,
 * naming the constraint, before anyone can accept it. The newcomer is then
 * matched again (on demand through the released place, in cohort mode by
 * the next run). An accepted match stands: the two have agreed, and ending
 * it is the coordinator's call.
 *
 * The newcomer's profile is read from their stream, the key person's from
 * the candidate pool once it includes the change, and the pair is judged
 * under the policy version the proposal names. The API makes the same check
 * when a coordinator approves or a party accepts, so the moment between the
 * change and this job cannot be used to approve such a pair. Withdrawing is
 * idempotent, so a job delivered twice has the effect of one.
 */
export class PairCheck {
  constructor(
    private readonly runner: CommandRunner,
    private readonly pool: CandidatePool,
    private readonly settlement: Settlement,
    private readonly indexWaitTimeoutMs: number,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async recheck(job: RecheckJob): Promise<RecheckOutcome> {
    // Judged by a pool without the change, a broken pair would pass; the job is tried again instead.
    await this.pool.catchUp(job.data.causePosition, this.indexWaitTimeoutMs);
    const withdrawn: { matchId: string; constraint: string }[] = [];
    const matchIds = await this.openMatchIds(job.data);
    for (const matchId of matchIds) {
      const constraint = await this.brokenConstraint(matchId);
      if (constraint === null) continue;
      await this.settlement.withdraw(job.id, job.data, matchId, pairNoLongerFits(constraint));
      withdrawn.push({ matchId, constraint });
    }
    return { checked: matchIds.length, withdrawn };
  }

  /** The newcomer's open match, or every match the key person holds a place for. */
  private async openMatchIds(data: RecheckJob['data']): Promise<string[]> {
    if ('newcomerId' in data) {
      const { state } = await this.runner.load(newcomerAggregate, newcomerStream(data.newcomerId));
      return state.openMatch === null ? [] : [state.openMatch.matchId];
    }
    const { state } = await this.runner.load(keyPersonAggregate, keyPersonStream(data.keyPersonId));
    return state.reservations.map(({ matchId }) => matchId);
  }

  /** For a proposed or approved match: the constraint its pair now breaks, or null. */
  private async brokenConstraint(matchId: string): Promise<string | null> {
    const { state: match } = await this.runner.load(matchAggregate, matchStream(matchId));
    // Accepted or closed: no need to read the newcomer.
    if (match.status !== 'proposed' && match.status !== 'approved') return null;
    const { state: newcomer } = await this.runner.load(newcomerAggregate, newcomerStream(match.newcomerId));
    // A withdrawn newcomer's match is withdrawn by that withdrawal's own job, with its own reason.
    if (newcomer.status !== 'active') return null;
    const policyOf = (version: number) => this.pool.policyVersion(version) ?? this.pool.policy;
    return constraintBrokenBy(match, newcomer, this.pool.index.get(match.keyPersonId) ?? null, policyOf, this.clock().toISOString());
  }
}
