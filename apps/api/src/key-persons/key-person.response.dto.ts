import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RegisterKeyPersonRequest } from './key-person.request.dto';

/** `GET /key-persons/{id}`: the profile plus status and revision. */
export class KeyPersonResponse extends RegisterKeyPersonRequest {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ enum: ['active', 'paused', 'retired'], description: 'An erased key person is not shown: reading one answers 410 Gone' })
  status!: string;

  @ApiProperty({ description: 'Stream revision; also the ETag' })
  revision!: number;

  @ApiProperty({ format: 'date-time' })
  registeredAt!: string;

  @ApiProperty({ description: 'Places taken: the open proposals and accepted matches counted against `capacity` (SPEC §4, invariant 1); never more than the capacity, which cannot be lowered below it' })
  placesTaken!: number;

}

export class KeyPersonListResponse {
  @ApiProperty({ type: [KeyPersonResponse] })
  items!: KeyPersonResponse[];

  @ApiProperty({ nullable: true, type: String })
  nextCursor!: string | null;
}
