import {
  ClosedMatchStatus, DomainError, fold, isOpen, KeyPersonCommand, KeyPersonEvent, KeyPersonState, keyPersonStream, Match, MatchCommand, MatchStatus, matchStream, newcomerOutcomeOf,
  NewcomerCommand, NewcomerEvent, NewcomerState, newcomerStream, pairNoLongerFits,
} from '@sleutel/domain';
import { RecordedEvent } from '@sleutel/event-store';
import { CommandRunner, toDomainEvent } from '@sleutel/eventsourcing';
import { keyPersonAggregate, matchAggregate, newcomerAggregate } from '@sleutel/platform';
import { JobCause, MatcherJobs } from './matcher.jobs';
import { constraintBrokenNow } from './pair-fit';
import { workerContext } from './worker-context';

/** Where the stream's first event of `type` sits in the log; null when it has none, or its adapter could not tell. */
function positionOf(events: readonly RecordedEvent[], type: string): number | null {
  const position = events.find((event) => event.type === type)?.position;
  return position === undefined || position < 0 ? null : position;
}

/** Whether the key person retired (or was erased) before `position` in the log. */
function retiredBefore(keyPersonEvents: readonly RecordedEvent[], position: number | null): boolean {
  if (position === null) return false;
  const retired = positionOf(keyPersonEvents, 'KeyPersonRetired') ?? positionOf(keyPersonEvents, 'KeyPersonErased');
  return retired !== null && retired < position;
}

/** The stream's events that lie before `position` in the log (those whose position its adapter could tell). */
function eventsBefore(events: readonly RecordedEvent[], position: number): RecordedEvent[] {
  return events.filter((event) => event.position >= 0 && event.position < position);
}

/** Whether the key person was paused at `position` in the log: their last pause or resumption before it was a pause. */
function pausedAt(keyPersonEvents: readonly RecordedEvent[], position: number | null): boolean {
  if (position === null) return false;
  const last = eventsBefore(keyPersonEvents, position).filter((event) => event.type === 'KeyPersonPaused' || event.type === 'KeyPersonResumed').pop();
  return last?.type === 'KeyPersonPaused';
}

/**
 * Whether the match's acceptance was given under the rules of 2026-11-30 on
 * (`ACCEPTANCE_RULES` 2), which a pause or a broken pair just before it
 * breaks; one stored before was given under rules that allowed both, and is
 * not undone for them (an in-process queue settles every acceptance in the
 * log again at each start).
 */
function acceptedUnderCurrentRules(accepted: RecordedEvent | undefined): boolean {
  return accepted !== undefined && ((accepted.data as { acceptanceRules?: number }).acceptanceRules ?? 1) >= 2;
}

const acceptanceOf = (matchEvents: readonly RecordedEvent[]): RecordedEvent | undefined => matchEvents.find((event) => event.type === 'MatchAccepted');

type SettleJob = { readonly id: string; readonly data: MatcherJobs['settle-match'] };
type WithdrawJob = { readonly id: string; readonly data: MatcherJobs['withdraw-matches'] };
type RetiredJob = { readonly id: string; readonly data: MatcherJobs['withdraw-proposals'] };

/**
 * The process manager's side effects, each one idempotent:
 *
 * - a closed match lets go of what it held: the key person's place and the
 *   newcomer's reservation (a failure bars the pair for good, even when the
 *   newcomer had let go of the match before; the release itself causes the
 *   next match request);
 * - a proposal whose newcomer no longer holds it (withdrawn in between, or a
 *   reservation cancelled while a slow worker proposed) is withdrawn, so no
 *   proposal ever stands for a newcomer who is not waiting for it;
 * - a withdrawn newcomer's open proposal or match is withdrawn;
 * - a proposal appended after its key person retired, was erased or paused,
 *   and a match accepted after its key person retired, are withdrawn;
 * - a proposed or approved pair that breaks a hard constraint by the
 *   profiles and policy as they are now is withdrawn (SPEC §4 inv. 3 and 5):
 *   a profile change that landed between the proposer's steps was checked by
 *   its own recheck job while the match had no proposal yet, so the
 *   proposal's settlement is the check that comes after it;
 * - an accepted pair that broke a hard constraint by the profiles as they
 *   were when it was accepted (an acceptance that read them just before the
 *   change) is withdrawn, as one accepted after a retirement is.
 */
export class Settlement {
  constructor(
    private readonly runner: CommandRunner,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async settle(job: SettleJob): Promise<void> {
    const { matchId } = job.data;
    const { state: match, events: matchEvents } = await this.runner.load(matchAggregate, matchStream(matchId));
    if (match.status === 'unproposed') return;
    const { newcomerId, keyPersonId } = match;
    if (isOpen(match.status)) {
      const { state: newcomer, events: newcomerEvents } = await this.runner.load(newcomerAggregate, newcomerStream(newcomerId));
      const held = newcomer.status === 'active' && newcomer.openMatch?.matchId === matchId;
      if (!held) {
        await this.withdraw(job.id, job.data, matchId, 'The newcomer no longer awaits this proposal');
        return;
      }
      const keyPerson = await this.runner.load(keyPersonAggregate, keyPersonStream(keyPersonId));
      const refusal = this.keyPersonRefusal(match.status, keyPerson, matchEvents);
      const broken = refusal !== null ? null
        : match.status === 'accepted' ? await this.brokenWhenAccepted(match, { state: newcomer, events: newcomerEvents }, keyPerson, matchEvents)
          : await constraintBrokenNow(this.runner, match, newcomer, keyPerson.state, this.clock().toISOString());
      if (refusal !== null) await this.withdraw(job.id, job.data, matchId, refusal);
      else if (broken !== null) await this.withdraw(job.id, job.data, matchId, pairNoLongerFits(broken));
      return;
    }
    await this.runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'ReleaseKeyPersonCapacity', data: { keyPersonId, at, matchId } },
    ], workerContext(job.id, job.data, 'release-capacity'));
    await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      {
        type: 'ReleaseNewcomerMatch',
        // The key person too: a failed proposal the newcomer had let go of already (an orphan of the proposer's race) still bars them.
        data: {
          newcomerId, at, matchId, keyPersonId,
          outcome: newcomerOutcomeOf(match.status as ClosedMatchStatus), wasAccepted: positionOf(matchEvents, 'MatchAccepted') !== null,
        },
      },
    ], workerContext(job.id, job.data, 'release-newcomer'));
  }

  async withdrawNewcomer(job: WithdrawJob): Promise<void> {
    const { newcomerId } = job.data;
    const { state: newcomer } = await this.runner.load(newcomerAggregate, newcomerStream(newcomerId));
    const open = newcomer.openMatch;
    if (open === null) return;
    const { state: match } = await this.runner.load(matchAggregate, matchStream(open.matchId));
    if (match.status !== 'unproposed') {
      // The closing is settled like any other: the relay sees MatchWithdrawn.
      await this.withdraw(job.id, job.data, open.matchId, job.data.erased ? "The newcomer's data was erased" : 'The newcomer was withdrawn');
      return;
    }
    const { matchId, keyPersonId } = open;
    await this.runner.run(keyPersonAggregate, keyPersonStream(keyPersonId), (_, at): KeyPersonCommand[] => [
      { type: 'ReleaseKeyPersonCapacity', data: { keyPersonId, at, matchId } },
    ], workerContext(job.id, job.data, 'release-capacity'));
    await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (_, at): NewcomerCommand[] => [
      { type: 'ReleaseNewcomerMatch', data: { newcomerId, at, matchId, outcome: 'withdrawn' } },
    ], workerContext(job.id, job.data, 'release-newcomer'));
  }

  /**
   * A retired or paused key person answers no proposal (a paused one until
   * resumed): those still awaiting a decision are withdrawn, which bars no
   * pair, and their newcomers are matched again rather than wait out the
   * deadline for someone on a break. Accepted matches run on; ending them is
   * the coordinator's call. A pause's job that finds the key person no longer
   * paused (resumed, or retired, whose own job follows) leaves the proposals.
   * An erased key person's accepted matches are withdrawn as well (SPEC §7:
   * erasure removes them from the matcher), each saying so, and their places
   * are released.
   */
  async withdrawProposalsOf(job: RetiredJob): Promise<void> {
    const { erased = false, paused = false } = job.data;
    const closing: readonly string[] = erased ? ['proposed', 'approved', 'accepted'] : ['proposed', 'approved'];
    const reason = erased ? "The key person's data was erased" : paused ? 'The key person was paused' : 'The key person retired';
    const keyPerson = () => this.runner.load(keyPersonAggregate, keyPersonStream(job.data.keyPersonId));
    const { state } = await keyPerson();
    if (paused && state.status !== 'paused') return;
    for (const { matchId } of state.reservations) {
      const { state: match } = await this.runner.load(matchAggregate, matchStream(matchId));
      if (!closing.includes(match.status)) continue;
      // Resumed while this job went through their proposals: the rest stand.
      if (paused && (await keyPerson()).state.status !== 'paused') return;
      await this.withdraw(job.id, job.data, matchId, reason);
    }
  }

  /**
   * Why the key person's side no longer lets an open match stand, or null.
   *
   * The API refuses an acceptance once the key person is retired, but one
   * that read the key person just before the retirement was appended can
   * still land after it, and after the settlement of the retirement looked
   * at this match: that acceptance is undone here.
   *
   * A proposal can be appended after its key person retired, was erased or
   * paused (SPEC §4 inv. 4): its place was reserved while they were active,
   * and the retirement's own job, running before the proposal existed, found
   * nothing to withdraw. Retired or erased, no proposal of theirs may stand;
   * paused, one made before the pause is left to the pause's own job (which
   * withdraws it unless they were resumed meanwhile), one made while paused
   * does not stand, even once it was approved and accepted before its
   * settlement ran: it is judged by the log position of MatchProposed,
   * whatever its status now. Likewise an acceptance appended after a pause.
   */
  private keyPersonRefusal(status: MatchStatus, { state, events }: { state: KeyPersonState; events: readonly RecordedEvent[] }, matchEvents: readonly RecordedEvent[]): string | null {
    const pausedWhenProposed = pausedAt(events, positionOf(matchEvents, 'MatchProposed'));
    if (status === 'accepted') {
      const acceptedAt = positionOf(matchEvents, 'MatchAccepted');
      if (retiredBefore(events, acceptedAt)) return 'The key person retired before the match was accepted';
      // Approved and accepted before the proposal's own settlement ran: it was never theirs to accept.
      if (pausedWhenProposed) return 'The key person was paused when the proposal was made';
      // Accepted by a request that read them just before the pause, after the pause's job looked at the match.
      return acceptedUnderCurrentRules(acceptanceOf(matchEvents)) && pausedAt(events, acceptedAt) ? 'The key person was paused before the match was accepted' : null;
    }
    if (state.erasedAt !== null) return "The key person's data was erased";
    if (state.status === 'retired') return 'The key person retired';
    return pausedWhenProposed ? 'The key person was paused when the proposal was made' : null;
  }

  /**
   * The hard constraint an accepted pair broke by the profiles as the log had
   * them when `MatchAccepted` was appended, or null. The API refuses an
   * acceptance of a pair that no longer fits, but one that read the profiles
   * just before a change (a new do-not-match entry, a required gender, …)
   * can land after it, and the check of that change, queued behind it, then
   * finds the match accepted and leaves it: that acceptance is undone here,
   * as one landing after a retirement is. A change made after the acceptance
   * is not judged: the two had agreed, and ending it is the coordinator's call.
   */
  private async brokenWhenAccepted(
    match: Match,
    newcomer: { state: NewcomerState; events: readonly RecordedEvent[] },
    keyPerson: { state: KeyPersonState; events: readonly RecordedEvent[] },
    matchEvents: readonly RecordedEvent[],
  ): Promise<string | null> {
    // An erasure withdraws the match by its own job; the erased person's earlier events are unreadable.
    if (newcomer.state.erasedAt !== null || keyPerson.state.erasedAt !== null) return null;
    const accepted = acceptanceOf(matchEvents);
    // Given under older rules, or at a position its adapter could not tell: not judged.
    if (accepted === undefined || !acceptedUnderCurrentRules(accepted) || accepted.position < 0) return null;
    const before = <E>(events: readonly RecordedEvent[]): E[] => eventsBefore(events, accepted.position).map((event) => toDomainEvent(event) as E);
    const newcomerThen = fold(newcomerAggregate.decider, before<NewcomerEvent>(newcomer.events));
    const keyPersonThen = fold(keyPersonAggregate.decider, before<KeyPersonEvent>(keyPerson.events));
    const { acceptedAt } = accepted.data as { acceptedAt: string };
    return constraintBrokenNow(this.runner, { ...match, status: 'approved' }, newcomerThen, keyPersonThen, acceptedAt);
  }

  /** Withdraws an open match for `reason`; one closed meanwhile stays as it is. */
  async withdraw(jobId: string, cause: JobCause, matchId: string, reason: string): Promise<void> {
    try {
      await this.runner.run(matchAggregate, matchStream(matchId), (_, at): MatchCommand[] => [
        { type: 'WithdrawMatch', data: { matchId, at, reason } },
      ], workerContext(jobId, cause, `withdraw|${matchId}`));
    } catch (error) {
      // Closed meanwhile by someone else: its own closing event settles it.
      if (!(error instanceof DomainError && error.code === 'MATCH.CLOSED')) throw error;
    }
  }
}
