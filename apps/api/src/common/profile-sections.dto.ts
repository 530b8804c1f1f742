import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  DAYS, Day, GENDER_PREFERENCES, GenderPreference, LANGUAGE_LEVELS, LanguageLevel, SAME_ORIGIN_CHOICES,
  SameOriginChoice, Topic, TOPICS,
} from '@sleutel/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';

/*
 * The sections of a profile as they travel over HTTP, shared by newcomers and
 * key persons. These classes check JSON shape and types and document the API;
 * the domain checks meaning (codes, ranges, overlaps) and names the same fields.
 */

export class LanguageSkillDto {
  @ApiProperty({ description: 'ISO 639-3 code', example: 'apc', pattern: '^[a-z]{3}$' })
  @IsDefined() @IsString() @MaxLength(3)
  code!: string;

  @ApiProperty({ enum: LANGUAGE_LEVELS, example: 'native' })
  @IsDefined() @IsIn(LANGUAGE_LEVELS)
  level!: LanguageLevel;
}

export class ContactDto {
  @ApiPropertyOptional({ description: 'E.164 phone number', example: '+31612345678' })
  @IsOptional() @IsString() @MaxLength(20)
  phone?: string;

  @ApiPropertyOptional({ example: 'amal@example.org' })
  @IsOptional() @IsString() @MaxLength(254)
  email?: string;
}

export class OriginDto {
  @ApiProperty({ description: 'ISO 3166-1 alpha-2 country code', example: 'SY' })
  @IsDefined() @IsString() @MaxLength(2)
  country!: string;
}

export class NeedDto {
  @ApiProperty({ enum: TOPICS, example: 'health' })
  @IsDefined() @IsIn(TOPICS)
  topic!: Topic;

  @ApiProperty({ enum: [1, 2, 3], description: '1 is most urgent', example: 1 })
  @IsDefined() @IsInt()
  priority!: 1 | 2 | 3;
}

export class SlotDto {
  @ApiProperty({ enum: DAYS, example: 'mon' })
  @IsDefined() @IsIn(DAYS)
  day!: Day;

  @ApiProperty({ description: 'HH:MM, Europe/Amsterdam', example: '09:00' })
  @IsDefined() @IsString() @MaxLength(5)
  start!: string;

  @ApiProperty({ description: 'HH:MM, after start', example: '12:00' })
  @IsDefined() @IsString() @MaxLength(5)
  end!: string;
}

export class AvailabilityDto {
  @ApiProperty({ type: [SlotDto], description: 'Weekly slots; at least one, none overlapping on a day' })
  @IsDefined() @IsArray() @ArrayMaxSize(100) @ValidateNested({ each: true }) @Type(() => SlotDto)
  slots!: SlotDto[];

  @ApiPropertyOptional({ description: 'First date the slots apply (YYYY-MM-DD); null or absent: from now on', example: '2026-12-01', type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(10)
  from?: string | null;

  @ApiPropertyOptional({ description: 'Last date the slots apply (YYYY-MM-DD); not before today (Europe/Amsterdam), and the dates from today or `from` to it must hold a weekday of a slot; null or absent: no end', type: String, nullable: true })
  @IsOptional() @IsString() @MaxLength(10)
  until?: string | null;
}

export class PreferencesDto {
  @ApiPropertyOptional({ enum: GENDER_PREFERENCES, default: 'any' })
  @IsOptional() @IsIn(GENDER_PREFERENCES)
  keyPersonGender?: GenderPreference;

  @ApiPropertyOptional({ description: 'Whether the gender preference is a hard requirement', default: false })
  @IsOptional() @IsBoolean()
  genderRequired?: boolean;

  @ApiPropertyOptional({ enum: SAME_ORIGIN_CHOICES, default: 'no-preference', description: 'Origin counts in matching only when yes' })
  @IsOptional() @IsIn(SAME_ORIGIN_CHOICES)
  sameOrigin?: SameOriginChoice;

  @ApiPropertyOptional({ description: 'Remote contact is acceptable', default: false })
  @IsOptional() @IsBoolean()
  remoteOk?: boolean;
}

