import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, Max, MaxLength, Min } from 'class-validator';
import { QueryInteger } from './query-integer';

/** Paging shared by every list: the cursor a previous page answered, and a page size. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional() @IsString() @MaxLength(64)
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, default: 20 })
  @IsOptional() @QueryInteger() @Min(1) @Max(100)
  limit?: number;
}

/** Paging and filters shared by the subject lists. */
export class ListQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'CBS municipality code', example: 'GM0344' })
  @IsOptional() @IsString() @Matches(/^GM\d{4}$/, { message: 'must be a CBS code such as GM0344' })
  municipality?: string;
}
