import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { COHORT_RUN_STAGES, COHORT_RUN_UNPLACED_REASONS, DEFAULT_COHORT_RUN_PARAMETERS } from '@sleutel/domain';
import { IsInt, IsNumber, IsOptional, IsPositive, Max, Min } from 'class-validator';
import { PageQuery } from '../common/list-query.dto';
import { ProblemDto } from '../common/problem.dto';
import { FREE_FORM_OBJECT } from '../common/free-form';

/** `POST /cohort-runs`: every field optional; what is left out takes the default. */
export class StartCohortRunRequest {
  @ApiPropertyOptional({ minimum: 1, maximum: 500, default: DEFAULT_COHORT_RUN_PARAMETERS.candidatesPerNewcomer, description: 'Tuning only: each newcomer\'s best feasible key persons the solver starts from; it adds whatever else the optimum needs, so the result is the same optimum over every feasible pair' })
  @IsOptional() @IsInt() @Min(1) @Max(500)
  candidatesPerNewcomer?: number;

  @ApiPropertyOptional({ minimum: 0, exclusiveMinimum: true, maximum: 1, default: DEFAULT_COHORT_RUN_PARAMETERS.waitingBonusPerDay, description: 'Added to every pair of a newcomer per day waited, so that nobody waits forever: more than 0' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @IsPositive() @Max(1)
  waitingBonusPerDay?: number;

  @ApiPropertyOptional({ minimum: 0, maximum: 1, default: DEFAULT_COHORT_RUN_PARAMETERS.loadCost, description: 'Convex load cost: a place costs loadCost · (share of the key person\'s capacity already taken)², so the k-th newcomer costs more than the first and no place more than loadCost' })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0) @Max(1)
  loadCost?: number;
}

export class CohortRunParametersDto {
  @ApiProperty() candidatesPerNewcomer!: number;
  @ApiProperty() waitingBonusPerDay!: number;
  @ApiProperty() loadCost!: number;
}

export class GroupFiguresDto {
  @ApiProperty({ example: 'apc', description: 'Language code, gender or age band; `all` overall' }) group!: string;
  @ApiProperty() newcomers!: number;
  @ApiProperty({ description: 'Newcomers whose pair the run proposed (basis `proposed`), or whose pair the optimiser chose (basis `planned`)' }) matched!: number;
  @ApiProperty({ description: 'matched / newcomers' }) matchRate!: number;
  @ApiProperty() meanWaitingDays!: number;
  @ApiProperty({
    nullable: true, type: Number,
    description: 'Mean policy score of the matched, each the score the pair was chosen for (by the optimiser, at solve time); the proposal\'s own score, taken again as places are reserved, may differ. Null when none was matched',
  })
  meanScore!: number | null;
}

export class LoadSpreadDto {
  @ApiProperty() keyPersons!: number;
  @ApiProperty({ description: 'Mean of load / capacity after the run' }) meanUtilisation!: number;
  @ApiProperty() minLoad!: number;
  @ApiProperty() maxLoad!: number;
  @ApiProperty({ description: 'Gini coefficient of the loads: 0 even, 1 all on one' }) gini!: number;
}

/**
 * SPEC §5: whether some groups are served worse than others. Computed when
 * read, from each newcomer's facts, which the run keeps under the newcomer's
 * own key.
 */
export class FairnessReportDto {
  @ApiProperty({
    enum: ['planned', 'proposed'],
    description: 'What matched counts. `proposed`: the pairs the run proposed; a completed run\'s report. `planned`: the pairs the optimiser chose, some of which may not be proposed (the newcomer withdrawn or matched meanwhile, the key person\'s place taken or no longer feasible); a run still proposing, one that failed, or one completed before 2026-11-30 that did not propose every pair (it did not record which)',
  })
  basis!: 'planned' | 'proposed';
  @ApiProperty({ type: GroupFiguresDto }) overall!: GroupFiguresDto;
  @ApiProperty({
    type: [GroupFiguresDto],
    description: 'By the language each newcomer speaks best: a newcomer who speaks several at their best level (say native in Tigrinya and in Levantine Arabic) counts under each, so the groups overlap and their newcomers may add up to more than overall. Runs solved before 2026-11-30 kept one such language, the first by code, and count the newcomer under it alone',
  })
  byLanguage!: GroupFiguresDto[];
  @ApiProperty({ type: [GroupFiguresDto] }) byGender!: GroupFiguresDto[];
  @ApiProperty({ type: [GroupFiguresDto] }) byAgeBand!: GroupFiguresDto[];
  @ApiProperty({ type: LoadSpreadDto }) load!: LoadSpreadDto;
  @ApiProperty({
    nullable: true, type: Number,
    description: 'The run\'s newcomers erased since (GDPR art. 17): their data is gone, so they are in none of the figures above. Null for a run solved before 2026-11-30, whose report was recorded whole and still counts them',
  })
  erasedNewcomers!: number | null;
}

/**
 * A waiting newcomer the run left out, and why. Their reasons are kept under
 * their own key (which constraints excluded key persons tells something of
 * their preferences): once they are erased, the row is their id alone, its
 * reasons null.
 */
export class UnplacedNewcomerDto {
  @ApiProperty({ format: 'uuid' }) newcomerId!: string;
  @ApiProperty({
    enum: COHORT_RUN_UNPLACED_REASONS, nullable: true,
    description: '`no-eligible-key-person`: every key person failed a hard constraint (see `excluded`); `places-given-to-others`: every eligible key person\'s free places went to newcomers they did more for; `load-cost-outweighs-score`: an eligible key person still has a free place, but its load cost is more than the pair is worth (a lower `loadCost` would place them). Null once the newcomer was erased (GDPR art. 17), as are `eligible`, `bestScore` and `excluded`; in runs solved before 2026-11-30 the reasons stayed in clear and still read after an erasure',
  })
  reason!: string | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Key persons who passed every hard constraint; null once the newcomer was erased' }) eligible!: number | null;
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'The best score among them; null without any, or once the newcomer was erased' }) bestScore!: number | null;
  @ApiProperty({
    nullable: true, type: 'object', additionalProperties: { type: 'integer' },
    description: 'Key persons excluded per hard constraint (the first each failed); only constraints that excluded someone. Null once the newcomer was erased',
  })
  excluded!: Record<string, number> | null;
}

export class CohortRunResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ enum: ['running', 'done', 'failed'] }) status!: string;
  @ApiPropertyOptional({ enum: COHORT_RUN_STAGES, nullable: true, type: String, description: 'collecting → solving → proposing; null until the matcher picks the run up' }) stage!: string | null;
  @ApiProperty({ description: 'Share of the current stage done, in [0, 1]' }) progress!: number;
  @ApiProperty({ description: 'Who asked: a token subject, or `schedule`' }) requestedBy!: string;
  @ApiProperty({ type: CohortRunParametersDto }) parameters!: CohortRunParametersDto;
  @ApiProperty({ nullable: true, type: [String], description: 'The municipalities whose newcomers the run covers; null: all' }) municipalities!: string[] | null;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'date-time' }) finishedAt!: string | null;
  @ApiPropertyOptional({
    ...FREE_FORM_OBJECT, nullable: true,
    description: 'Once solved: newcomers, keyPersons, freePlaces, candidateEdges, assigned, unassigned, objective, totalScore, meanScore, policyVersion, logPosition, solveMs; once done also proposed, supersededNewcomer, supersededKeyPerson. `GET /cohort-runs/{id}` adds unplacedBy, how many newcomers the run left out per reason, and unplacedErased, how many of those were erased since (GDPR art. 17), in no count of unplacedBy: both are counted when read from the left-out newcomers\' reasons, each kept under that newcomer\'s key (the list leaves them out; so does a run solved before the left-out newcomers were recorded). In runs solved before 2026-11-30 the reasons were recorded in clear, and an erased newcomer still counts under theirs',
  })
  summary!: Record<string, unknown> | null;
  @ApiPropertyOptional({ nullable: true, type: FairnessReportDto }) fairness!: FairnessReportDto | null;
  @ApiPropertyOptional({
    nullable: true, type: [UnplacedNewcomerDto],
    description: 'Once solved: every waiting newcomer the run left out, and why (a newcomer erased since by id alone, the reasons null); null before, or for a run solved before this was recorded',
  })
  unplaced!: UnplacedNewcomerDto[] | null;
  @ApiPropertyOptional({ nullable: true, type: String, description: 'Why the run failed' }) reason!: string | null;
}

/** `GET /cohort-runs`: paging only; a token's scope decides which runs it sees. */
export class CohortRunListQuery extends PageQuery {}

/**
 * A run in a list: everything `GET /cohort-runs/{id}` gives except the
 * fairness report and the newcomers left out, which grow with the run and
 * are read one run at a time.
 */
export class CohortRunListItem extends OmitType(CohortRunResponse, ['fairness', 'unplaced'] as const) {}

export class CohortRunListResponse {
  @ApiProperty({ type: [CohortRunListItem] }) items!: CohortRunListItem[];
  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next (older) page; null on the last page' }) nextCursor!: string | null;
}

/** 409 on `POST /cohort-runs`: another run over some of the same newcomers is running. */
export class OverlappingRunProblemDto extends ProblemDto {
  @ApiProperty({
    format: 'uuid', nullable: true, type: String,
    description: 'The running run, also in `Location`; null (and no `Location`) when it is outside your municipalities, which you may not read',
  })
  runningRunId!: string | null;
}
