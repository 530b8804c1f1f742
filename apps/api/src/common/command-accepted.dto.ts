import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

/** What a create answers (SPEC §9): where the new subject lives and its revision. */
export class CreatedResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 0 })
  revision!: number;
}

/** Body of withdraw, pause and retire. */
export class ReasonRequest {
  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 1000, description: 'Why; kept for auditors' })
  @IsOptional() @IsString() @MaxLength(1000)
  reason?: string | null;
}
