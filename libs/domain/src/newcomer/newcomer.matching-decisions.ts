/**
 * The newcomer's part in proposing a match, one function per command.
 *
 * A refusal that holds now wins over idempotency: a repeated reservation is a
 * no-op only while it would still be allowed, so a job resumed after a crash
 * stops at a withdrawal or a new do-not-match entry instead of carrying its
 * proposal past them. Releases are no-ops unless they release the open match,
 * or bar the key person of a failed match released before.
 */
import { rejectIfInvalid } from '../rules/violation';
import { isStructurallyEqual } from '../structural-equality';
import { RecordNewcomerUnmatched, ReleaseNewcomerMatch, RequestNewcomerMatching, ReserveNewcomerForMatch } from './newcomer.commands';
import {
  NEWCOMER_ERRORS, newcomerAlreadyMatching, newcomerDoNotMatch, newcomerMatchEnded, newcomerMatchKeyPersonMismatch, newcomerMatchReleased, newcomerNotFound,
  newcomerPairFailedBefore, newcomerWithdrawn,
} from './newcomer.errors';
import { NewcomerEvent } from './newcomer.events';
import { deferralViolations, toDeferral } from './newcomer.matching';
import { NewcomerState } from './newcomer.state';

export function reserveForMatch({ data }: ReserveNewcomerForMatch, state: NewcomerState): NewcomerEvent[] {
  if (state.status === 'unregistered' || state.profile === null) throw newcomerNotFound();
  if (state.status === 'withdrawn') throw newcomerWithdrawn();
  if (includesId(state.profile.doNotMatch, data.keyPersonId)) throw newcomerDoNotMatch();
  if (includesId(state.failedKeyPersonIds, data.keyPersonId)) throw newcomerPairFailedBefore();
  if (state.openMatch !== null) {
    // The same reservation again (a resumed job) changes nothing; anything else is a second match.
    if (state.openMatch.matchId === data.matchId && state.openMatch.keyPersonId === data.keyPersonId) return [];
    throw newcomerAlreadyMatching();
  }
  if (state.releasedMatchIds.includes(data.matchId)) throw newcomerMatchReleased();
  if (state.matchEnded) throw newcomerMatchEnded();
  return [
    { type: 'NewcomerMatchReserved', data: { newcomerId: data.newcomerId, matchId: data.matchId, keyPersonId: data.keyPersonId, reservedAt: data.at } },
  ];
}

/** Allowed after withdrawal: withdrawing is what releases the match then. */
export function releaseMatch({ data }: ReleaseNewcomerMatch, state: NewcomerState): NewcomerEvent[] {
  if (state.status === 'unregistered') throw newcomerNotFound();
  if (state.openMatch === null || state.openMatch.matchId !== data.matchId) return barAfterRelease(data, state);
  if (data.keyPersonId !== undefined && data.keyPersonId.toLowerCase() !== state.openMatch.keyPersonId.toLowerCase()) throw newcomerMatchKeyPersonMismatch();
  return [
    {
      type: 'NewcomerMatchReleased',
      data: {
        newcomerId: data.newcomerId, matchId: data.matchId, keyPersonId: state.openMatch.keyPersonId, outcome: data.outcome, releasedAt: data.at,
        // An accepted match withdrawn under the newcomer (their key person was erased) puts them back in line from now:
        // the time in the match was not waiting. Any other release leaves their wait where it was.
        waitStartedAt: data.outcome === 'withdrawn' && data.wasAccepted === true ? data.at : null,
      },
    },
  ];
}

/**
 * A failed match the newcomer no longer holds: a proposal whose reservation
 * was let go while a slow worker proposed it (the proposer's step-3 race),
 * then rejected, declined or expired before its settlement withdrew it. The
 * pair failed all the same and is never proposed again (SPEC §4 inv. 3): the
 * release is recorded again, as failed, and only adds the key person to
 * those failed before. Only for a match this newcomer held and let go of,
 * and once per key person.
 */
function barAfterRelease(data: ReleaseNewcomerMatch['data'], state: NewcomerState): NewcomerEvent[] {
  const { keyPersonId } = data;
  if (data.outcome !== 'failed' || keyPersonId === undefined || !state.releasedMatchIds.includes(data.matchId)) return [];
  if (includesId(state.failedKeyPersonIds, keyPersonId)) return [];
  return [
    { type: 'NewcomerMatchReleased', data: { newcomerId: data.newcomerId, matchId: data.matchId, keyPersonId, outcome: 'failed', releasedAt: data.at, waitStartedAt: null } },
  ];
}

/**
 * Records why nobody was found, unless the deferral on record already says
 * it. The same reasons again add nothing to the log. Nor does a look at the
 * waiting list (`retry`) that finds nobody again under the policy version the
 * deferral on record was decided by, whatever its counts: only a key person,
 * a place or the policy changed, not the newcomer, and nobody fits either
 * way, so their prospects are as recorded. The counts would differ at almost
 * every look (each place taken or freed anywhere, each key person registered
 * or edited shifts them), and recording them appended a deferral for every
 * waiting newcomer at every look: 154,000 of the first 390,000 events of a
 * seeded review (20,000 newcomers, 2,000 key persons). The deferral on record
 * then says how things stood at its `deferredAt`. A request of the
 * newcomer's own (intake, a profile change, a release, an explicit request)
 * records changed counts as before, and so does a retry under a new policy.
 */
export function recordUnmatched({ data }: RecordNewcomerUnmatched, state: NewcomerState): NewcomerEvent[] {
  if (state.status === 'unregistered') throw newcomerNotFound();
  if (state.status === 'withdrawn') throw newcomerWithdrawn();
  if (state.openMatch !== null) throw newcomerAlreadyMatching();
  if (state.matchEnded) throw newcomerMatchEnded();
  rejectIfInvalid(NEWCOMER_ERRORS.invalidDeferral, 'deferral', deferralViolations(data));
  const deferral = toDeferral(data);
  const onRecord = state.lastDeferral === null ? null : toDeferral(state.lastDeferral);
  if (isStructurallyEqual(onRecord, deferral)) return [];
  if (data.retry === true && onRecord?.policyVersion === deferral.policyVersion) return [];
  return [{ type: 'NewcomerMatchingDeferred', data: { newcomerId: data.newcomerId, ...deferral, deferredAt: data.at } }];
}

/**
 * A request while a match is open would be ignored by the matcher: say so
 * instead. After an ended match the request starts a new wait (the months in
 * the match were not spent waiting); a newcomer already waiting keeps their place.
 */
export function requestMatching({ data }: RequestNewcomerMatching, state: NewcomerState): NewcomerEvent[] {
  if (state.status === 'unregistered') throw newcomerNotFound();
  if (state.status === 'withdrawn') throw newcomerWithdrawn();
  if (state.openMatch !== null) throw newcomerAlreadyMatching();
  return [{ type: 'NewcomerMatchingRequested', data: { newcomerId: data.newcomerId, requestedAt: data.at, waitStartedAt: state.matchEnded ? data.at : null } }];
}

/** Do-not-match ids are stored in lower case (as in stream names); compare whatever case a caller used. */
const includesId = (ids: readonly string[], id: string): boolean => ids.some((candidate) => candidate.toLowerCase() === id.toLowerCase());
