import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { RegisterNewcomerRequest } from './newcomer.request.dto';

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

}

export class NewcomerListResponse {
  @ApiProperty({ type: [NewcomerResponse] })
  items!: NewcomerResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
