import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RegisterKeyPersonRequest } from './key-person.request.dto';

/** `GET /key-persons/{id}`: the profile plus status and revision. */
export class KeyPersonResponse extends RegisterKeyPersonRequest {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['active', 'paused', 'retired', 'erased'], description: 'Erased: the personal data is gone for good; only ids and times remain' })
  status!: string;

  @ApiProperty({ description: 'Stream revision; also the ETag' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When the personal data was erased (SPEC §7); present only then' })
  erasedAt?: string;
}

export class KeyPersonListResponse {
  @ApiProperty({ type: [KeyPersonResponse] })
  items!: KeyPersonResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
