import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MATCH_END_OUTCOMES, MATCH_PARTIES, MATCH_STATUSES, MatchEndOutcome, MatchParty } from '@sleutel/domain';
import { IsDefined, IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../common/list-query.dto';
import { COUNT_PER_REASON, FREE_FORM_OBJECT } from '../common/free-form';
import { AsSubjectId } from '../common/subject-id.pipe';

export class MatchComponentDto {
  @ApiProperty({ example: 'language' }) name!: string;
  @ApiProperty({ ...FREE_FORM_OBJECT, description: 'Measurement behind the component; `value` is its normalised value in [0, 1]' }) raw!: object;
  @ApiProperty({ example: 30 }) weight!: number;
  @ApiProperty({ description: 'Share of the score this component contributed', example: 0.27 }) contribution!: number;
}

export class MatchAlternativeDto {
  @ApiProperty({ format: 'uuid' }) keyPersonId!: string;
  @ApiProperty() score!: number;
  @ApiPropertyOptional({ description: 'How far below the proposed key person' }) gap?: number;
}

/** Why this key person (SPEC §5): every component, what was excluded and why, the next best. */
export class MatchExplanationDto {
  @ApiProperty({ format: 'uuid', description: 'The key person proposed' }) keyPersonId!: string;
  @ApiProperty({ description: 'The score in [0, 1]: the sum of the components\' contributions' }) score!: number;
  @ApiProperty({ type: [MatchComponentDto] }) components!: MatchComponentDto[];
  @ApiProperty({ ...COUNT_PER_REASON, description: 'Candidates excluded per failed hard constraint', example: { 'no-capacity': 3 } }) excluded!: Record<string, number>;
  @ApiProperty() considered!: number;
  @ApiProperty({ type: [MatchAlternativeDto] }) alternatives!: MatchAlternativeDto[];
  @ApiPropertyOptional({ description: 'The score as a share of the best attainable for this newcomer' }) shareOfBest?: number;
  @ApiPropertyOptional({ description: 'The best score any key person could get for this newcomer under this policy' }) bestAttainable?: number;
  @ApiPropertyOptional({
    description: 'True when `bestAttainable` counts only the weekdays the newcomer\'s own date range leaves from the scoring day; absent for proposals made until 2026-11-30, whose best attainable counted every weekly slot',
  })
  bestAttainableWithinDates?: boolean;
  @ApiPropertyOptional() policyVersion?: number;
  @ApiPropertyOptional({ format: 'date-time', description: 'The time the scoring used (for the waiting component); with `logPosition` what a reproduction needs' }) scoredAt?: string;
  @ApiPropertyOptional({ description: 'The newcomer stream revision that was scored' }) newcomerRevision?: number;
  @ApiPropertyOptional({ format: 'uuid', description: 'The cohort run that chose this pair, when one did' }) cohortRunId?: string;
  @ApiPropertyOptional({ description: 'The pair\'s worth in that run\'s objective: score + waiting bonus − load cost' }) cohortWeight?: number;
  @ApiPropertyOptional({
    description: 'The policy\'s score for the pair in that run, with the key person\'s load before the run. The proposal\'s `score` was taken again when it was proposed, with the run\'s earlier proposals in that load, so it can be lower (absent for proposals made before 2026-11-30)',
  })
  cohortScore?: number;
}

export class MatchResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) newcomerId!: string;
  @ApiProperty({ format: 'uuid' }) keyPersonId!: string;
  @ApiProperty({ enum: MATCH_STATUSES }) status!: string;
  @ApiProperty({ description: 'In [0, 1]' }) score!: number;
  @ApiProperty() policyVersion!: number;
  @ApiProperty({ description: 'Log position the candidates were read at' }) logPosition!: number;
  @ApiProperty({ format: 'date-time' }) proposedAt!: string;
  @ApiProperty({ format: 'date-time', description: 'Deadline of the answer awaited now' }) expiresAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String }) approvedBy!: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) approvedAt!: string | null;
  @ApiProperty({ enum: MATCH_PARTIES, isArray: true }) acceptedBy!: string[];
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) closedAt!: string | null;
  @ApiPropertyOptional({ ...FREE_FORM_OBJECT, nullable: true, description: 'How it closed: status, who or which party, reason; the reason is `{ "erased": true }` once either person\'s data was erased (it is sealed under both keys)' }) closing!: object | null;
  @ApiProperty({ description: 'Stream revision; also the ETag' }) revision!: number;
  @ApiProperty({
    nullable: true, type: String, format: 'uuid',
    description: 'The cohort run that chose this pair; null when made on demand, or when the run was named only in the explanation (proposals made until 2026-12-01) and that was erased',
  })
  cohortRunId!: string | null;
  @ApiProperty({ type: MatchExplanationDto, description: 'Why this pair; `{ "erased": true }` instead once either person\'s data was erased (it is sealed under both keys)' })
  explanation!: MatchExplanationDto;
}

export class MatchListResponse {
  @ApiProperty({ type: [MatchResponse] }) items!: MatchResponse[];
  @ApiProperty({ nullable: true, type: String }) nextCursor!: string | null;
}

export class MatchListQuery extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @AsSubjectId() @IsUUID() newcomerId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @AsSubjectId() @IsUUID() keyPersonId?: string;
  @ApiPropertyOptional({ enum: MATCH_STATUSES }) @IsOptional() @IsIn(MATCH_STATUSES) status?: string;
  @ApiPropertyOptional({ format: 'uuid', description: 'Only the proposals this cohort run made' }) @IsOptional() @AsSubjectId() @IsUUID() cohortRunId?: string;
}

export class RejectMatchRequest {
  @ApiProperty({ maxLength: 1000, description: 'Why the coordinator rejects this proposal' })
  @IsDefined() @IsString() @MaxLength(1000)
  reason!: string;
}

export class AcceptMatchRequest {
  @ApiPropertyOptional({ enum: MATCH_PARTIES, description: 'Whose acceptance the coordinator records; without it, both accepted (and the coordinator approves a proposal not yet approved)' })
  @IsOptional() @IsIn(MATCH_PARTIES)
  party?: MatchParty;
}

export class DeclineMatchRequest {
  @ApiPropertyOptional({ enum: MATCH_PARTIES, description: 'Who declined; without it, the decline is recorded without saying by whom' })
  @IsOptional() @IsIn(MATCH_PARTIES)
  party?: MatchParty;

  @ApiProperty({ maxLength: 1000, description: 'Why; declining costs the key person nothing' })
  @IsDefined() @IsString() @MaxLength(1000)
  reason!: string;
}

export class EndMatchRequest {
  @ApiPropertyOptional({ enum: MATCH_END_OUTCOMES, default: 'completed' })
  @IsOptional() @IsIn(MATCH_END_OUTCOMES)
  outcome?: MatchEndOutcome;

  @ApiProperty({ maxLength: 1000 })
  @IsDefined() @IsString() @MaxLength(1000)
  reason!: string;
}
