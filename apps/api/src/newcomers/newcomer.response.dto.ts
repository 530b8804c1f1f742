import { ApiProperty, ApiPropertyOptional, OmitType } from '@nestjs/swagger';
import { RegisterNewcomerRequest } from './newcomer.request.dto';

/** `GET /newcomers/{id}`: the profile as registered plus its life so far. */
export class NewcomerResponse extends OmitType(RegisterNewcomerRequest, [] as const) {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['active', 'withdrawn', 'erased'], description: 'Erased: the personal data is gone for good; only ids and times remain' })
  status!: string;

  @ApiProperty({ description: 'Stream revision; also the ETag' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  withdrawnAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the personal data was erased (SPEC §7); present only then' })
  erasedAt?: string;
}

export class NewcomerListResponse {
  @ApiProperty({ type: [NewcomerResponse] })
  items!: NewcomerResponse[];

  @ApiProperty({ nullable: true, type: String, description: 'Pass as `cursor` for the next page; null on the last page' })
  nextCursor!: string | null;
}
