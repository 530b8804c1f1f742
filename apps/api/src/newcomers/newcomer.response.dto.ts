import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { RegisterNewcomerRequest } from './newcomer.request.dto';

/** Why a newcomer has no proposal yet: the matcher's last look that found nobody (SPEC §5). */
export class NewcomerDeferralResponse {
  @ApiProperty({ format: 'date-time', description: 'When the matcher looked and found nobody; a later look that found nobody again under the same policy version records nothing' })
  deferredAt!: string;

  @ApiProperty({ description: 'The scoring policy version the look ranked under' })
  policyVersion!: number;

  @ApiProperty({ description: 'How many key persons were considered' })
  considered!: number;

  @ApiProperty({
    type: 'object', additionalProperties: { type: 'integer' },
    description: 'How many key persons each hard constraint excluded, by reason code (a key person is counted under the first constraint they fail, as in the explanation of a proposal), e.g. `{"no-shared-language": 8, "no-availability-overlap": 4}`',
  })
  excluded!: Record<string, number>;
}

/** Where the newcomer stands in matching, from their own stream. */
export class NewcomerMatchingResponse {
  @ApiProperty({
    enum: ['waiting', 'open-match', 'match-ended', 'not-matching'],
    description: '`waiting`: active, with no proposal or match open, so the matcher looks for someone; `open-match`: a proposal or accepted match is open (`openMatchId`); `match-ended`: the last match ended and nobody has asked for matching since (SPEC §4: a newcomer is matched again after an ended match only when someone asks); `not-matching`: withdrawn',
  })
  state!: 'waiting' | 'open-match' | 'match-ended' | 'not-matching';

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When they started waiting (registration, or the request after an ended match); null unless `waiting`' })
  waitingSince!: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The open proposal or match; null unless `open-match`' })
  openMatchId!: string | null;

  @ApiProperty({ type: NewcomerDeferralResponse, nullable: true, description: 'Why nobody was proposed yet, as of the last look that found nobody; null unless `waiting` with such a look on record' })
  lastDeferral!: NewcomerDeferralResponse | null;
}

/** `GET /newcomers/{id}`: the profile as registered plus its life so far. */
export class NewcomerResponse extends OmitType(RegisterNewcomerRequest, [] as const) {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['active', 'withdrawn'], description: 'An erased newcomer is not shown: reading one answers 410 Gone' })
  status!: string;

  @ApiProperty({ description: 'Stream revision; also the ETag' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiPropertyOptional({ type: String, format: 'date-time', nullable: true })
  withdrawnAt!: string | null;

  @ApiProperty({ type: NewcomerMatchingResponse, description: 'Where the newcomer stands in matching, and why nobody was proposed yet' })
  matching!: NewcomerMatchingResponse;

}

export class NewcomerListResponse {
  @ApiProperty({ type: [NewcomerResponse] })
  items!: NewcomerResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
