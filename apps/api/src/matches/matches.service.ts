import { Inject, Injectable } from '@nestjs/common';
import { Principal } from '@sleutel/auth';
import { withErasedPartsUnreadable } from '@sleutel/audit';
import {
  KeyPersonState, keyPersonPausedAnswering, keyPersonRetired, keyPersonStream, Match, MatchCommand, matchNotAwaited, matchPairNoLongerFits, matchStream, NewcomerCommand, newcomerErased, NewcomerState, newcomerStream, newcomerWithdrawn, withoutBrokenConstraint,
} from '@sleutel/domain';
import { CommandContext, CommandRunner, StaleRevisionError } from '@sleutel/eventsourcing';
import { ERASED_PERSONAL_DATA } from '@sleutel/privacy';
import { constraintBrokenNow } from '@sleutel/matcher';
import {
  APP_CONFIG, AppConfigType, keyPersonAggregate, matchAggregate, newcomerAggregate, ReadSide,
} from '@sleutel/platform';
import { inScope, notFound } from '../common/auth/municipality-scope';
import { decodeCursor, encodeCursor } from '../common/page-cursor';
import { MatchListQuery, MatchResponse } from './match.dto';

/**
 * Proposals and matches over HTTP: reads from the match streams (the
 * explanation is stored with each proposal), lists from the match board,
 * lifecycle commands through the runner. Scope (SPEC §7): a match belongs to
 * the municipalities of both its people as they live now, so the newcomer's
 * coordinators and the key person's both see it and act on it (the other
 * person's profile stays out of their reach); checked on every object.
 */
@Injectable()
export class MatchesService {
  constructor(
    private readonly runner: CommandRunner,
    private readonly readSide: ReadSide,
    @Inject(APP_CONFIG) private readonly config: AppConfigType,
  ) {}

  async get(principal: Principal, id: string): Promise<MatchResponse> {
    const match = await this.readable(principal, id);
    if (match === null) throw notFound('match');
    return match;
  }

  /**
   * The match as the caller may see it; null when it does not exist or is
   * outside their scope. What either person's erasure made unreadable reads
   * erased as soon as the log records it, though this process's cached keys
   * would still open it until its read side passes the erasure (made by
   * another process), as the audit's state of a match does.
   */
  private async readable(principal: Principal, id: string, people: PeopleReader = this.peopleReader()): Promise<MatchResponse | null> {
    const { state, revision } = await this.runner.load(matchAggregate, matchStream(id));
    if (state.status === 'unproposed') return null;
    const found = await people(state);
    if (!visible(principal, found)) return null;
    return view(withErasedPartsUnreadable(state, erasedOf(found)), revision, readsBoth(principal, found));
  }

  async list(principal: Principal, query: MatchListQuery): Promise<{ items: MatchResponse[]; nextCursor: string | null }> {
    const limit = query.limit ?? 20;
    const page = this.readSide.matchBoard.list({
      newcomerId: query.newcomerId, keyPersonId: query.keyPersonId, status: query.status, cohortRunId: query.cohortRunId,
      municipalities: principal.municipalities, newcomerSideOnly: !managesKeyPersons(principal), after: decodeCursor(query.cursor), limit,
    });
    // The board can trail the log for a moment (a move or a status not yet projected, or appended by another
    // process): an entry the caller may not see after all, or whose status or cohort run no longer fits the filters,
    // is left out of the page, as the board will leave it out, not a 404 for the page.
    const fits = (item: MatchResponse) => (query.status === undefined || item.status === query.status)
      && (query.cohortRunId === undefined || item.cohortRunId === query.cohortRunId);
    // One read of each person per page: a key person's page of matches names them on every entry.
    const people = this.peopleReader();
    const items = (await Promise.all(page.entries.map((entry) => this.readable(principal, entry.id, people))))
      .filter((item): item is MatchResponse => item !== null && fits(item));
    const last = page.entries[page.entries.length - 1];
    return { items, nextCursor: page.more && last ? encodeCursor(last.proposedPosition) : null };
  }

  /**
   * A lifecycle command on a match the caller may see, at the revision the
   * caller read when they name one (`If-Match`; a stale one is a 412 before
   * anything is judged, as for the subjects' lifecycle commands). A step
   * towards the pair meeting (`towardsMeeting`: approve, accept) is refused
   * with 409 when a profile changed since the proposal so that the pair
   * breaks a hard constraint: the matcher's check withdraws such a proposal,
   * but it runs after the change, through the queue, and must not be overtaken.
   */
  async decide(
    principal: Principal, id: string, build: (at: string) => readonly MatchCommand[], context: CommandContext,
    options: { towardsMeeting?: boolean; expectedRevision?: number } = {},
  ): Promise<MatchResponse> {
    const { expectedRevision } = options;
    const current = await this.runner.load(matchAggregate, matchStream(id));
    if (current.state.status === 'unproposed') throw notFound('match');
    const people = await this.peopleReader()(current.state);
    if (!visible(principal, people)) throw notFound('match');
    if (expectedRevision !== undefined && expectedRevision !== current.revision) throw new StaleRevisionError(matchStream(id), expectedRevision, current.revision);
    if (options.towardsMeeting) await this.assertPairStillFits(current.state, people, readsBoth(principal, people));
    const outcome = await this.runner.run(matchAggregate, matchStream(id), (_, at) => build(at), context, { expectedRevision });
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
    // Answered as a read is: the runner decoded the match with this process's cached keys, which may still open
    // what another process's erasure made unreadable (a repeated closing appends nothing and answers the match).
    return view(withErasedPartsUnreadable(outcome.state as Match, erasedOf(people)), outcome.revision, readsBoth(principal, people));
  }

  /** When the parties must have answered an approved proposal. */
  answerDeadline(at: string): string {
    return new Date(Date.parse(at) + this.config.matcher.answerDeadlineSeconds * 1000).toISOString();
  }

  /** `POST /newcomers/{id}/match-requests`: ask the matcher again. */
  async requestMatching(principal: Principal, newcomerId: string, context: CommandContext): Promise<void> {
    const outcome = await this.runner.run(newcomerAggregate, newcomerStream(newcomerId), (state, at): NewcomerCommand[] => {
      // As the newcomer's GET answers: unknown or out of scope 404 (an erased newcomer's municipality is gone with the
      // profile, so a scoped token cannot tell them from an unknown id), then erased 410.
      if (state.status === 'unregistered' || !inScope(principal, state.profile?.municipality ?? '')) throw notFound('newcomer');
      if (state.erasedAt !== null) throw newcomerErased(state.erasedAt);
      if (!state.profile) throw notFound('newcomer');
      return [{ type: 'RequestNewcomerMatching', data: { newcomerId, at } }];
    }, context);
    if (outcome.position !== null) await this.readSide.waitFor(outcome.position);
  }

  /**
   * The matcher's judgement of proposed pairs (`constraintBrokenBy`), on the
   * streams as they are now; and, before that, whether the two can still
   * meet at all: a withdrawn (or erased) newcomer, a newcomer who no longer
   * holds this match, or a retired key person is refused here at once, not
   * only when the queued settlement withdraws the proposal.
   */
  private async assertPairStillFits(match: Match, { newcomer: newcomerState, keyPerson: keyPersonState }: People, namesConstraint: boolean): Promise<void> {
    // Accepted or closed: nothing to judge.
    if (match.status !== 'proposed' && match.status !== 'approved') return;
    if (newcomerState.status === 'withdrawn') throw newcomerWithdrawn();
    // An orphan of a race between matcher workers (SPEC §4 inv. 2): its settlement withdraws it, but may not have run yet.
    if (newcomerState.openMatch?.matchId !== match.matchId) throw matchNotAwaited();
    if (keyPersonState.status === 'retired') throw keyPersonRetired();
    // Before the pause's job has withdrawn the proposal: agreeing now would give a newcomer to someone on a break.
    if (keyPersonState.status === 'paused') throw keyPersonPausedAnswering();
    const broken = await constraintBrokenNow(this.runner, match, newcomerState, keyPersonState, new Date().toISOString());
    if (broken !== null) throw matchPairNoLongerFits(namesConstraint ? broken : null);
  }

  /**
   * Reads a match's two people as the log has them now (whose municipalities
   * the match belongs to, and whether either was erased), each person once
   * for all the matches it is asked about.
   */
  private peopleReader(): PeopleReader {
    const newcomers = new Map<string, Promise<NewcomerState>>();
    const keyPersons = new Map<string, Promise<KeyPersonState>>();
    const once = <S>(seen: Map<string, Promise<S>>, id: string, load: () => Promise<S>): Promise<S> => {
      let found = seen.get(id);
      if (found === undefined) {
        found = load();
        seen.set(id, found);
      }
      return found;
    };
    return async (match) => {
      const [newcomer, keyPerson] = await Promise.all([
        once(newcomers, match.newcomerId, async () => (await this.runner.load(newcomerAggregate, newcomerStream(match.newcomerId))).state),
        once(keyPersons, match.keyPersonId, async () => (await this.runner.load(keyPersonAggregate, keyPersonStream(match.keyPersonId))).state),
      ]);
      return { newcomer, keyPerson };
    };
  }
}

type PeopleReader = (match: Match) => Promise<People>;

interface People {
  readonly newcomer: NewcomerState;
  readonly keyPerson: KeyPersonState;
}

/** Whose erasure the log records, of the match's two people. */
const erasedOf = ({ newcomer, keyPerson }: People) => ({ newcomer: newcomer.erasedAt !== null, keyPerson: keyPerson.erasedAt !== null });

/**
 * Whether the principal may read both people's profiles: only then does a refusal, or the reason of a withdrawal,
 * name the hard constraint the pair broke (which tells something of each).
 */
function readsBoth(principal: Principal, { newcomer, keyPerson }: People): boolean {
  if (principal.municipalities === null) return true;
  return newcomer.profile !== null && inScope(principal, newcomer.profile.municipality)
    && keyPerson.profile !== null && inScope(principal, keyPerson.profile.municipality);
}

/**
 * A match belongs to the municipalities of both its people, as they live now (an erased person's is gone), for those
 * who manage key persons (coordinators, SPEC §2): the key person's coordinators answer for their places. To an intake
 * worker, whose row of SPEC §2 is newcomers alone (a key person's profile is a 403 to them), it belongs to the
 * newcomer's municipality only: else an intake worker of the key person's municipality read the matches, and the
 * explanations (needs covered, languages, distance, a gender preference), of newcomers registered elsewhere.
 */
function visible(principal: Principal, { newcomer, keyPerson }: People): boolean {
  if (principal.municipalities === null) return true;
  return (newcomer.profile !== null && inScope(principal, newcomer.profile.municipality))
    || (managesKeyPersons(principal) && keyPerson.profile !== null && inScope(principal, keyPerson.profile.municipality));
}

/** Whether the principal's roles include managing key persons (SPEC §2: coordinators). */
function managesKeyPersons(principal: Principal): boolean {
  return principal.roles.includes('coordinator');
}

function view(match: Match, revision: number, namesConstraint: boolean): MatchResponse {
  return {
    id: match.matchId,
    newcomerId: match.newcomerId,
    keyPersonId: match.keyPersonId,
    status: match.status,
    score: match.score,
    policyVersion: match.policyVersion,
    logPosition: match.logPosition,
    proposedAt: match.proposedAt,
    expiresAt: match.expiresAt,
    approvedBy: match.approvedBy,
    approvedAt: match.approvedAt,
    acceptedBy: [...match.acceptedBy],
    closedAt: match.closedAt,
    closing: closingView(match.closing, namesConstraint),
    revision,
    // In clear since 2026-12-01; before, only the sealed explanation named the run.
    cohortRunId: match.cohortRunId ?? runNamedBy(match.explanation),
    // Sealed under the newcomer's key (and the key person's): after the newcomer's erasure nothing of it can be read.
    explanation: (match.explanation ?? ERASED_PERSONAL_DATA) as unknown as MatchResponse['explanation'],
  };
}

/** The cohort run an explanation names, while it can be read. */
function runNamedBy(explanation: Match['explanation'] | undefined): string | null {
  const runId = explanation?.cohortRunId;
  return typeof runId === 'string' ? runId : null;
}

/**
 * Every closing has a reason. A coordinator's is sealed under both people's keys, so once either is erased it says
 * so instead; the matcher's names the hard constraint a withdrawn pair broke only to whoever may read both people.
 */
function closingView(closing: Match['closing'], namesConstraint: boolean): MatchResponse['closing'] {
  if (closing === null || !('reason' in closing)) return closing;
  if (typeof closing.reason !== 'string') return { ...closing, reason: ERASED_PERSONAL_DATA };
  return namesConstraint ? closing : { ...closing, reason: withoutBrokenConstraint(closing.reason) };
}
