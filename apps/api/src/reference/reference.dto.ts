import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform, TransformFnParams } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { QueryInteger } from '../common/query-integer';

/** `codes=apc,eng` (or `codes=apc&codes=eng`) as a list, blanks left out; anything else is left for the validators to refuse. */
function commaSeparated({ value }: TransformFnParams): unknown {
  const parts = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(parts) || !parts.every((part): part is string => typeof part === 'string')) return value;
  return parts.flatMap((part) => part.split(',')).map((code) => code.trim()).filter((code) => code !== '');
}

/** The query of every reference list: free text, exact codes, or both. */
export class ReferenceListQuery {
  @ApiPropertyOptional({ description: 'Search text, case- and diacritics-insensitive: exact code first, then code prefix, name prefix, word prefix, substring; ties by name', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  q?: string;

  @ApiPropertyOptional({ type: String, description: 'Comma-separated exact codes, e.g. `apc,eng`, `SY,ER` or `GM0344,GM0363`: those entries, in this order; an unknown code is a 400' })
  @IsOptional() @Transform(commaSeparated) @IsArray() @ArrayMinSize(1, { message: 'must name at least one code' }) @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(16, { each: true })
  codes?: string[];

  @ApiPropertyOptional({ type: 'integer', minimum: 1, maximum: 100, description: 'Default 20; with `codes`, as many as asked' })
  @IsOptional() @QueryInteger() @Min(1) @Max(100)
  limit?: number;
}

/** Where a list comes from (the header of its shipped data file). */
export class ReferenceSourceDto {
  @ApiProperty({ example: 'npm iso-639-3@3.0.1 (export iso6393)' }) source!: string;
  @ApiProperty({ example: '3.0.1' }) version!: string;
  @ApiProperty({ example: '2026-11-29', description: 'Reference date of the data (or generation date when the source has none)' }) date!: string;
  @ApiProperty({ description: 'Entries in the whole list' }) count!: number;
}

export class LanguageDto {
  @ApiProperty({ example: 'apc', description: 'ISO 639-3 code, as profiles take it' }) code!: string;
  @ApiProperty({ example: 'North Levantine Arabic', description: 'English reference name' }) name!: string;
  @ApiPropertyOptional({ example: 'Levantijns-Arabisch', description: 'Dutch name, where Unicode CLDR has one (search finds it too); absent otherwise' }) nl?: string;
  @ApiPropertyOptional({ example: 'ara', description: 'ISO 639-3 code of its macrolanguage; absent when none' }) macrolanguage?: string;
}

export class CountryDto {
  @ApiProperty({ example: 'SY', description: 'ISO 3166-1 alpha-2 code' }) code!: string;
  @ApiProperty({ example: 'Syrian Arab Republic' }) en!: string;
  @ApiProperty({ example: 'Syrië' }) nl!: string;
}

export class MunicipalityDto {
  @ApiProperty({ example: 'GM0344', description: 'CBS municipality code' }) code!: string;
  @ApiProperty({ example: 'Utrecht' }) name!: string;
  @ApiProperty({ example: 'Utrecht' }) province!: string;
}

export class LanguageListResponse {
  @ApiProperty({ type: [LanguageDto] }) items!: LanguageDto[];
  @ApiProperty({ type: ReferenceSourceDto }) source!: ReferenceSourceDto;
}

export class CountryListResponse {
  @ApiProperty({ type: [CountryDto] }) items!: CountryDto[];
  @ApiProperty({ type: ReferenceSourceDto }) source!: ReferenceSourceDto;
}

export class MunicipalityListResponse {
  @ApiProperty({ type: [MunicipalityDto] }) items!: MunicipalityDto[];
  @ApiProperty({ type: ReferenceSourceDto }) source!: ReferenceSourceDto;
}
