import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ANCHOR_PATTERN, STATE_KINDS, TRAIL_KINDS } from '@sleutel/audit';
import { MATCH_PARTIES } from '@sleutel/domain';
import { IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { FREE_FORM_OBJECT, COUNT_PER_REASON } from '../common/free-form';
import { QueryInteger } from '../common/query-integer';
import { MatchComponentDto, MatchExplanationDto } from '../matches/match.dto';

export const AUDIT_PAGE_DEFAULT = 100;
export const AUDIT_PAGE_MAX = 1000;

export class AuditEventsQuery {
  @ApiPropertyOptional({ description: 'Log position to read after: the `nextCursor` of the previous page; absent for the start', example: '1200' })
  @IsOptional() @IsString() @Matches(/^\d{1,15}$/, { message: 'must be a log position (a non-negative integer), e.g. a nextCursor' })
  after?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: AUDIT_PAGE_MAX, default: AUDIT_PAGE_DEFAULT })
  @IsOptional() @QueryInteger() @Min(1) @Max(AUDIT_PAGE_MAX)
  limit?: number;
}

export class AsOfQuery {
  @ApiPropertyOptional({ description: 'A log position (integer, inclusive) or an ISO 8601 instant with a zone; absent: now', example: '2026-12-01T12:00:00Z' })
  @IsOptional() @IsString() @MaxLength(40)
  asOf?: string;
}

export class VerifyQuery {
  @ApiPropertyOptional({ description: 'Verify only this stream, e.g. newcomer-<uuid>', example: 'newcomer-0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11' })
  @IsOptional() @IsString() @MaxLength(200)
  stream?: string;

  @ApiPropertyOptional({
    description: 'A log digest written down before (`head.anchor` of an earlier verification, `position:digest`): checked against the log as it is now',
    example: '1200:9f2c5e0b7d4a1e6f3c8b2a9d0e7f6c5b4a3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f',
  })
  @IsOptional() @IsString() @Matches(ANCHOR_PATTERN, { message: 'must be position:digest as an earlier verification gave it (head.anchor)' })
  anchor?: string;
}

class ActorDto {
  @ApiProperty({ example: 'w-17' }) id!: string;
  @ApiProperty({ example: 'intake' }) role!: string;
}

class EventMetadataDto {
  @ApiProperty({ type: ActorDto }) actor!: ActorDto;
  @ApiProperty({ example: 'RegisterNewcomer' }) command!: string;
  @ApiProperty() correlationId!: string;
  @ApiProperty({ description: 'The request, job or event that directly caused this event' }) causationId!: string;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ enum: ['api', 'worker', 'cli'] }) source!: string;
  @ApiPropertyOptional({ ...FREE_FORM_OBJECT, description: '{ type, id } of the data subject' }) subject?: object;
  @ApiPropertyOptional({ ...FREE_FORM_OBJECT, description: 'Idempotency-Key and body fingerprint, on the first event of a create' }) idempotency?: object;
}

class ChainLinkDto {
  @ApiProperty({ nullable: true, type: String }) previousHash!: string | null;
  @ApiProperty({ description: 'sha256 over the previous hash and the stored bytes' }) hash!: string;
}

/** An event exactly as stored (SPEC §9): its written schema version and data, full metadata, chain link. */
export class AuditEventDto {
  @ApiProperty() position!: number;
  @ApiProperty({ example: 'newcomer-0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11' }) streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'NewcomerRegistered' }) type!: string;
  @ApiProperty({ example: 1 }) schemaVersion!: number;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: 'As written, in its schema version; personal data unreadable once erased' }) data!: object;
  @ApiProperty({ type: EventMetadataDto }) metadata!: EventMetadataDto;
  @ApiProperty({ type: ChainLinkDto }) chain!: ChainLinkDto;
}

export class AuditEventPageDto {
  @ApiProperty({ type: [AuditEventDto] }) items!: AuditEventDto[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `after` for the next page; null at the head of the log' }) nextCursor!: string | null;
}

export class TrailEventDto extends AuditEventDto {
  @ApiProperty({ enum: ['own', 'names-subject', 'cause'], description: "The subject's own stream, another stream's event naming it, or another stream's event that caused one in the trail (a key person's retirement that withdrew a match)" }) relation!: string;
}

export class TrailDto {
  @ApiProperty({ enum: TRAIL_KINDS }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() streamId!: string;
  @ApiProperty({ type: [TrailEventDto], description: 'In log order, which is causal order' }) events!: TrailEventDto[];
}

export class AlternativeDto {
  @ApiProperty({ format: 'uuid' }) keyPersonId!: string;
  @ApiProperty() score!: number;
  @ApiProperty({ description: 'The proposed key person\'s score minus this one' }) gap!: number;
}

export class RankingReproductionDto {
  @ApiProperty({ description: 'considered, excluded, bestAttainable, shareOfBest and alternatives all bit-for-bit equal to the stored explanation' }) equal!: boolean;
  @ApiProperty({ type: [String], description: 'Which of those differ; empty when equal' }) differences!: string[];
  @ApiProperty({ description: 'Key persons the matcher\'s pool held at the recorded position whose personal data was erased since: unreadable, so left out of the ranking computed again; 0 when none' }) erasedSince!: number;
  @ApiProperty({ type: [String], description: 'Those of `differences` that leaving out the key persons erased since does not account for (all of them when none was erased); empty when the ranking holds as far as the log still allows it to be checked' }) unexplained!: string[];
  @ApiPropertyOptional({ description: 'Present whenever `equal` is false: what accounts for the differences, or that nothing does' }) reason?: string;
  @ApiProperty({ nullable: true, type: Number, description: 'The proposed key person\'s place in the ranking computed again, 1 for the best' }) place!: number | null;
  @ApiProperty({ description: 'Key persons passing every hard constraint' }) feasible!: number;
  @ApiProperty() considered!: number;
  @ApiProperty({ ...COUNT_PER_REASON, description: 'Per reason, key persons excluded by it first' }) excluded!: object;
  @ApiProperty() bestAttainable!: number;
  @ApiProperty({ nullable: true, type: Number }) shareOfBest!: number | null;
  @ApiProperty({ type: [AlternativeDto] }) alternatives!: AlternativeDto[];
}

export class ReproductionDto {
  @ApiProperty({ nullable: true, type: Number, description: 'The score computed again; null when it could not be' }) score!: number | null;
  @ApiProperty({
    description: 'SPEC §4 inv. 7: the score and the whole ranking computed again are bit for bit the stored ones (`scoreEqual` and `ranking.equal` both true). False when either differs, also when the key persons erased since account for every ranking difference (`ranking.unexplained` empty): how they were scored can no longer be checked; `reason` says which',
  }) equal!: boolean;
  @ApiProperty({ description: 'The score alone computed again is bit-for-bit equal to the stored score; false when none could be computed' }) scoreEqual!: boolean;
  @ApiPropertyOptional({ description: 'Present whenever `equal` is false: why no score could be computed (the newcomer\'s or the key person\'s personal data was erased, …), or what differs (the score; the ranking, in `ranking.reason`\'s words)' }) reason?: string;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() logPosition!: number;
  @ApiProperty({ format: 'date-time', description: 'The instant the scoring used' }) scoredAt!: string;
  @ApiProperty({ enum: ['recorded', 'waiting-component', 'proposed-at'] }) scoredAtSource!: string;
  @ApiProperty({ nullable: true, type: Number }) newcomerRevision!: number | null;
  @ApiProperty({ nullable: true, type: Number }) keyPersonRevision!: number | null;
  @ApiPropertyOptional({ type: [MatchComponentDto], description: 'Each component computed again' }) components?: MatchComponentDto[];
  @ApiPropertyOptional({ type: RankingReproductionDto, description: 'The whole ranking computed again, against every key person as of the recorded position' })
  ranking?: RankingReproductionDto;
}

export class ProposalExplanationDto {
  @ApiProperty({ type: [MatchComponentDto], description: 'From the stored explanation: each component\'s name, raw value, weight and contribution' }) components!: MatchComponentDto[];
  @ApiProperty({ description: 'From the stored explanation' }) considered!: number;
  @ApiProperty({ ...COUNT_PER_REASON, description: 'From the stored explanation: per reason, key persons excluded by it first' }) excluded!: object;
  @ApiProperty({ type: [AlternativeDto], description: 'From the stored explanation' }) alternatives!: AlternativeDto[];
  @ApiProperty({ description: 'From the stored explanation' }) shareOfBest!: number;
  @ApiProperty({ description: 'From the stored explanation' }) bestAttainable!: number;
  @ApiProperty({ format: 'uuid' }) matchId!: string;
  @ApiProperty({ format: 'uuid' }) newcomerId!: string;
  @ApiProperty({ format: 'uuid' }) keyPersonId!: string;
  @ApiProperty({ description: 'The stored score' }) score!: number;
  @ApiProperty() policyVersion!: number;
  @ApiProperty() logPosition!: number;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ type: MatchExplanationDto, description: 'The stored explanation (SPEC §5)' }) explanation!: object;
  @ApiProperty({ type: ReproductionDto }) reproduction!: ReproductionDto;
}

/** The kinds `GET /audit/{kind}/{id}` answers; a match's state has its own path and answer. */
export const PERSON_STATE_KINDS = STATE_KINDS.filter((kind) => kind !== 'matches');

export class StateAsOfDto {
  @ApiProperty({ enum: PERSON_STATE_KINDS }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: '{ position } or { time }' }) asOf!: object;
  @ApiProperty({ description: 'Revision of the last event folded' }) revision!: number;
  @ApiProperty({ description: 'Log position of the last event folded' }) position!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: "The state the domain folds the stream to, by the rules of today (old events upcast). A newcomer's `lastDeferral` is the deferral on record, its counts as they stood at its `deferredAt`: a later look at the waiting list that found nobody again under the same policy version records nothing" }) state!: object;
}

export class MatchStateAsOfDto {
  @ApiProperty({ enum: ['matches'] }) kind!: string;
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: '{ position } or { time }' }) asOf!: object;
  @ApiProperty({ description: 'Revision of the last event folded' }) revision!: number;
  @ApiProperty({ description: 'Log position of the last event folded' }) position!: number;
  @ApiProperty({ format: 'date-time' }) occurredAt!: string;
  @ApiProperty({
    ...FREE_FORM_OBJECT,
    description: 'The match as the domain folds its stream: status, ids, score, explanation, approvedBy, acceptedBy, `closing` ({ status, by or party or outcome, reason }) and closedAt. The explanation and the closing reason read `{ "erased": true }` once they can no longer be read (see erasedSince)',
  }) state!: object;
  @ApiProperty({
    enum: MATCH_PARTIES, isArray: true,
    description: "Whose personal data was erased since (now, whatever the moment asked): after the newcomer's, the explanation and every reason read `{ \"erased\": true }`; after the key person's, the explanation and a coordinator's written reason (rejected, declined, ended), while a withdrawal's reason still reads. Empty while everything reads",
  }) erasedSince!: string[];
}

class RowDifferenceDto {
  @ApiProperty() table!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: 'The row\'s key columns', example: { kind: 'newcomer', id: '0b6c4f7e-3d1a-4c55-9a0e-5d8f7f0b2a11' } }) key!: object;
  @ApiProperty({ enum: ['different-values', 'missing-in-rebuilt', 'missing-in-live'] }) reason!: string;
}

class ProjectionComparisonDto {
  @ApiProperty({ example: 'directory' }) name!: string;
  @ApiProperty() liveDigest!: string;
  @ApiProperty() rebuiltDigest!: string;
  @ApiProperty() equal!: boolean;
  @ApiProperty() liveRows!: number;
  @ApiProperty() rebuiltRows!: number;
  @ApiProperty({ type: RowDifferenceDto, nullable: true }) firstDifference!: RowDifferenceDto | null;
}

class UnexplainedTombstoneDto {
  @ApiProperty({ enum: ['newcomer', 'key-person'] }) subjectType!: string;
  @ApiProperty() subjectId!: string;
  @ApiProperty({ format: 'date-time', description: 'When the key store says the key was destroyed' }) destroyedAt!: string;
}

class TombstoneCheckDto {
  @ApiProperty({ description: 'Tombstones (destroyed keys) in the key store' }) tombstones!: number;
  @ApiProperty({ description: 'Of those, how many have no erasure event of their subject in the log: keys destroyed outside an erasure (by hand in the key store), or a log restored from a backup older than the erasure' }) withoutErasure!: number;
  @ApiProperty({ type: [UnexplainedTombstoneDto], description: 'The first of them, at most 100' }) subjects!: UnexplainedTombstoneDto[];
}

export class ReplayStatusDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiProperty({ minimum: 0, maximum: 1 }) progress!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) finishedAt!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Log position live and rebuilt were compared at' }) position!: number | null;
  @ApiProperty({ description: 'Events applied to the fresh projections' }) events!: number;
  @ApiProperty({ nullable: true, type: Number }) eventsPerSecond!: number | null;
  @ApiProperty({ type: [ProjectionComparisonDto] }) projections!: ProjectionComparisonDto[];
  @ApiProperty({ type: TombstoneCheckDto, nullable: true, description: "The key store's tombstones checked against the log's erasure events, once done" }) tombstones!: TombstoneCheckDto | null;
  @ApiProperty({ nullable: true, type: String }) error!: string | null;
}

class BrokenLinkDto {
  @ApiProperty() streamId!: string;
  @ApiProperty() revision!: number;
  @ApiProperty() position!: number;
  @ApiProperty({ enum: ['hash-mismatch', 'previous-hash-mismatch', 'revision-gap', 'position-out-of-range'] }) reason!: string;
}

class PositionGapDto {
  @ApiProperty({ description: 'The last position before the hole' }) afterPosition!: number;
  @ApiProperty({ description: 'The first position after it; for the log\'s newest events removed, the one after the last position the store handed out' }) position!: number;
}

class LogDigestDto {
  @ApiProperty({ description: 'The last position read' }) position!: number;
  @ApiProperty({ description: 'sha256 over every event of the log up to there, in log order (hex)' }) digest!: string;
  @ApiProperty({ description: '`position:digest`: write it down to check later, with `anchor`, that nothing up to here changed' }) anchor!: string;
}

class AnchorCheckDto {
  @ApiProperty() position!: number;
  @ApiProperty({ description: 'The digest given' }) expected!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The digest up to that position now; null when the log has no event there any more' }) found!: string | null;
  @ApiProperty() matches!: boolean;
}

export class VerificationDto {
  @ApiProperty({ description: 'Every chain whole, no hole in the positions, and the anchor (when given) matching' }) intact!: boolean;
  @ApiProperty() streams!: number;
  @ApiProperty() events!: number;
  @ApiProperty({ type: [BrokenLinkDto], description: 'The first broken link of each broken stream' }) broken!: BrokenLinkDto[];
  @ApiProperty({ type: [PositionGapDto], description: 'Holes in the log positions: events removed (a stream\'s newest ones leave its chain whole)' }) gaps!: PositionGapDto[];
  @ApiProperty({ description: 'Whether holes could be looked for: true on SQLite, whose positions run 1, 2, 3, …; false on EventStoreDB, whose positions are byte offsets (a removed event shows there against an anchor)' }) gapsChecked!: boolean;
  @ApiProperty({ type: LogDigestDto, nullable: true, description: 'The digest of the whole log as read; null for an empty log' }) head!: LogDigestDto | null;
  @ApiPropertyOptional({ type: AnchorCheckDto, description: 'The check of `anchor`, when one was given' }) anchor?: AnchorCheckDto;
}
