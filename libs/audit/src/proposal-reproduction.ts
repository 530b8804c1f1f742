import { fold, KeyPersonEvent, keyPersonDecider, keyPersonStream, matchStream, NewcomerEvent, newcomerDecider, newcomerStream } from '@sleutel/domain';
import { EventStore, JsonObject, RecordedEvent } from '@sleutel/event-store';
import { EventCodec, isReadable, toDomainEvent } from '@sleutel/eventsourcing';
import { toCandidate, toMatchingNewcomer } from '@sleutel/matcher';
import {
  assess, ComponentExplanation, SCORING_POLICY_STREAM, ScoringPolicy, ScoringPolicyEvent, scoringPolicyDecider,
} from '@sleutel/matching';
import { ERASED_PERSONAL_DATA, isErased, isErasedMarker } from '@sleutel/privacy';
import { erasedIn } from './erasures-in-log';
import { RankingReproduction, reproduceRanking, withoutReservation } from './ranking-reproduction';

const DAY_MS = 86_400_000;

/** What a MatchProposed event records about how its score was reached. */
interface ProposalRecord {
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly score: number;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly proposedAt: string;
  readonly explanation: JsonObject;
}

/**
 * Where the instant the proposal was scored at comes from: recorded with the
 * proposal (`explanation.scoredAt`); for proposals made before that was
 * recorded, implied by the waiting component's raw days (waiting since the
 * newcomer last started waiting, so that instant + days is the one used);
 * failing both,
 * the proposal's own time, which is later than the scoring. Where an erasure
 * stopped the reproduction, nothing was scored: the proposal's own time
 * stands in, and says so.
 */
export type ScoringTimeSource = 'recorded' | 'waiting-component' | 'proposed-at';

export interface Reproduction {
  /** The score computed again; null when it could not be (`reason` says why). */
  readonly score: number | null;
  /**
   * SPEC §4 inv. 7 holds as far as it can be checked: the score and the whole
   * ranking (`ranking.equal`) are bit for bit the stored ones. False when
   * either differs, also when the key persons erased since account for every
   * ranking difference (`ranking.unexplained` empty): how they were scored can
   * no longer be checked. `reason` says which.
   */
  readonly equal: boolean;
  /** The score alone computed again is bit-for-bit equal to the stored score. */
  readonly scoreEqual: boolean;
  /** Present whenever `equal` is false: why no score could be computed, or what differs. */
  readonly reason?: string;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly scoredAt: string;
  readonly scoredAtSource: ScoringTimeSource;
  readonly newcomerRevision: number | null;
  readonly keyPersonRevision: number | null;
  readonly components?: readonly ComponentExplanation[];
  /** The whole ranking computed again and held against the stored explanation; absent when the newcomer or policy could not be had. */
  readonly ranking?: RankingReproduction;
}

export interface ProposalExplanation {
  readonly matchId: string;
  readonly newcomerId: string;
  readonly keyPersonId: string;
  readonly score: number;
  readonly policyVersion: number;
  readonly logPosition: number;
  readonly proposedAt: string;
  readonly explanation: JsonObject;
  readonly reproduction: Reproduction;
}

/**
 * SPEC §4 invariant 7: a proposal scored again from the events up to the log
 * position it records, with the policy version it names, gives the same
 * score and ranking; `equal` says both are, `scoreEqual` the score alone. The newcomer is folded up to the revision the proposal scored (or,
 * for older proposals, up to the recorded position), the key person up to the
 * recorded position without the place reserved for this very match (the
 * matcher scores a resumed proposal the same way), the policy is the named
 * version from the policy's stream; then the one pair is assessed again with
 * the matching library the matcher uses. The ranking is computed again too,
 * against every key person as of the recorded position (`reproduceRanking`),
 * so the stored alternatives, counts and share of the best are checked, not
 * only the score. Null when no proposal was made.
 *
 * The explanation is sealed under both people's keys (it describes both):
 * once either is erased, it is gone, and with it what the scoring read (the
 * newcomer's revision, the instant); the reproduction then says whose erasure
 * stopped it rather than attempting it. Erasure is read from the two
 * people's streams before anything of theirs is used, so a data key still
 * cached in this process opens nothing.
 */
export async function explainProposal(store: EventStore, codec: EventCodec, matchId: string): Promise<ProposalExplanation | null> {
  const stored = (await store.readStream(matchStream(matchId))).find((event) => event.type === 'MatchProposed');
  if (stored === undefined) return null;
  const proposed = await codec.decode(stored);
  const record = proposed.data as unknown as ProposalRecord;
  const { newcomerId, keyPersonId, score, policyVersion, logPosition, proposedAt } = record;
  const [newcomerStreamEvents, keyPersonStreamEvents] = await Promise.all([store.readStream(newcomerStream(newcomerId)), store.readStream(keyPersonStream(keyPersonId))]);
  const erased = (reason: string, explanation: JsonObject): ProposalExplanation => {
    const reproduction: Reproduction = {
      score: null, equal: false, scoreEqual: false, reason, policyVersion, logPosition, scoredAt: proposedAt, scoredAtSource: 'proposed-at', newcomerRevision: null, keyPersonRevision: null,
    };
    return { matchId, newcomerId, keyPersonId, score, policyVersion, logPosition, proposedAt, explanation, reproduction };
  };
  // `{ erased: true }` as `GET /matches/{id}` shows it: an empty object would read as "nothing was recorded".
  if (isErased(proposed) || erasedIn(newcomerStreamEvents)) return erased("the newcomer's personal data was erased", { ...ERASED_PERSONAL_DATA });
  if (isErasedMarker(record.explanation) || erasedIn(keyPersonStreamEvents)) return erased("the key person's personal data was erased", { ...ERASED_PERSONAL_DATA });
  const reproduction = await reproduce(store, codec, matchId, record, newcomerStreamEvents, keyPersonStreamEvents);
  return { matchId, newcomerId, keyPersonId, score, policyVersion, logPosition, proposedAt, explanation: record.explanation, reproduction };
}

async function reproduce(
  store: EventStore, codec: EventCodec, matchId: string, record: ProposalRecord, newcomerStreamEvents: RecordedEvent[], keyPersonStreamEvents: RecordedEvent[],
): Promise<Reproduction> {
  // Events whose subject was erased say nothing any more: left out, as the command runner leaves them out.
  const decode = async (events: RecordedEvent[]) => (await Promise.all(events.map((event) => codec.decode(event)))).filter((event) => isReadable(codec, event));
  const recordedRevision = typeof record.explanation.newcomerRevision === 'number' ? record.explanation.newcomerRevision : null;
  // Cut before decoding (decoding keeps positions and revisions): what came after is never opened.
  const newcomerEvents = await decode(newcomerStreamEvents
    .filter((event) => (recordedRevision === null ? event.position <= record.logPosition : event.revision <= recordedRevision)));
  const keyPersonEvents = await decode(keyPersonStreamEvents.filter((event) => event.position <= record.logPosition));
  const newcomerState = fold(newcomerDecider, newcomerEvents.map(toDomainEvent<NewcomerEvent>));
  const keyPersonState = withoutReservation(fold(keyPersonDecider, keyPersonEvents.map(toDomainEvent<KeyPersonEvent>)), matchId);
  const { scoredAt, source } = scoringTime(record, newcomerState.waitingSince);
  const base = {
    policyVersion: record.policyVersion,
    logPosition: record.logPosition,
    scoredAt,
    scoredAtSource: source,
    newcomerRevision: newcomerEvents.at(-1)?.revision ?? null,
    keyPersonRevision: keyPersonEvents.at(-1)?.revision ?? null,
  };
  const unreproducible = (reason: string): Reproduction => ({ ...base, score: null, equal: false, scoreEqual: false, reason });

  const policy = await policyOfVersion(store, codec, record.policyVersion);
  if (policy === undefined) return unreproducible(`policy version ${record.policyVersion} is not in the policy's history`);
  const newcomer = toMatchingNewcomer(record.newcomerId, newcomerState);
  if (newcomer === null) return unreproducible('the newcomer was not registered at the recorded position');
  const ranking = await reproduceRanking(store, codec, { ...record, matchId }, newcomer, policy, scoredAt);
  const keyPerson = toCandidate(record.keyPersonId, keyPersonState);
  if (keyPerson === null) return { ...unreproducible('the key person was not registered at the recorded position'), ranking };
  const assessment = assess(newcomer, keyPerson, policy, scoredAt);
  if (!assessment.feasible) return { ...unreproducible(`the pair fails the hard constraint ${assessment.reason}`), ranking };
  const { score, components } = assessment.candidate;
  const scoreEqual = score === record.score;
  const equal = scoreEqual && ranking.equal;
  const reason = equal ? undefined : differenceReason(score, record.score, ranking);
  return { ...base, score, equal, scoreEqual, ...(reason === undefined ? {} : { reason }), components, ranking };
}

/** What keeps a reproduced proposal from being equal: the score, the ranking (in `ranking.reason`'s words), or both. */
function differenceReason(score: number, stored: number, ranking: RankingReproduction): string {
  const scoreWords = `the score computed again, ${score}, differs from the stored ${stored}`;
  if (ranking.equal) return scoreWords;
  const rankingWords = `the ranking differs: ${ranking.reason ?? ranking.differences.join(', ')}`;
  return score === stored ? `the score is equal; ${rankingWords}` : `${scoreWords}; ${rankingWords}`;
}

function scoringTime(record: ProposalRecord, waitingSince: string | null): { scoredAt: string; source: ScoringTimeSource } {
  if (typeof record.explanation.scoredAt === 'string') return { scoredAt: record.explanation.scoredAt, source: 'recorded' };
  const waiting = (record.explanation.components as { name?: string; raw?: { days?: unknown } }[] | undefined)
    ?.find((component) => component.name === 'waiting');
  const days = waiting?.raw?.days;
  if (typeof days === 'number' && days > 0 && waitingSince !== null) {
    // days = (scoredAt − waitingSince) / DAY_MS over whole milliseconds, so rounding gives the instant back exactly.
    return { scoredAt: new Date(Date.parse(waitingSince) + Math.round(days * DAY_MS)).toISOString(), source: 'waiting-component' };
  }
  return { scoredAt: record.proposedAt, source: 'proposed-at' };
}

async function policyOfVersion(store: EventStore, codec: EventCodec, version: number): Promise<ScoringPolicy | undefined> {
  const events = await Promise.all((await store.readStream(SCORING_POLICY_STREAM)).map((event) => codec.decode(event)));
  return fold(scoringPolicyDecider, events.map(toDomainEvent<ScoringPolicyEvent>)).versions.get(version);
}
