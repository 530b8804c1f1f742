import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Gender, GENDERS } from '@sleutel/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsDefined, IsIn, IsInt, IsObject, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';
import {
  AvailabilityDto, ContactDto, LanguageSkillDto, NeedDto, OriginDto, PreferencesDto,
} from '../common/profile-sections.dto';

/** `POST /newcomers`: a newcomer as registered by an intake worker (SPEC §9). */
export class RegisterNewcomerRequest {
  @ApiProperty({ example: 'Amal Haddad', maxLength: 200 })
  @IsDefined() @IsString() @MaxLength(200)
  displayName!: string;

  @ApiPropertyOptional({ type: ContactDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiProperty({ example: 1990 })
  @IsDefined() @IsInt()
  birthYear!: number;

  @ApiPropertyOptional({ enum: GENDERS, nullable: true, example: 'female' })
  @IsOptional() @IsIn(GENDERS)
  gender?: Gender | null;

  @ApiProperty({ description: 'CBS municipality code', example: 'GM0344' })
  @IsDefined() @IsString() @MaxLength(6)
  municipality!: string;

  @ApiPropertyOptional({ type: String, description: '4-digit postcode area', example: '3511', nullable: true })
  @IsOptional() @IsString() @MaxLength(4)
  postcodeArea?: string | null;

  @ApiProperty({ type: [LanguageSkillDto] })
  @IsDefined() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => LanguageSkillDto)
  languages!: LanguageSkillDto[];

  @ApiProperty({ type: OriginDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => OriginDto)
  origin!: OriginDto;

  @ApiProperty({ type: [NeedDto] })
  @IsDefined() @IsArray() @ArrayMaxSize(10) @ValidateNested({ each: true }) @Type(() => NeedDto)
  needs!: NeedDto[];

  @ApiProperty({ type: AvailabilityDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AvailabilityDto)
  availability!: AvailabilityDto;

  @ApiPropertyOptional({ type: PreferencesDto })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => PreferencesDto)
  preferences?: PreferencesDto;

  @ApiPropertyOptional({ type: [String], description: 'Key-person ids this newcomer must never be matched with; any UUID is kept, whether or not a key person has it, so the answer tells nobody who exists' })
  @IsOptional() @IsArray() @ArrayMaxSize(100) @IsString({ each: true }) @MaxLength(36, { each: true })
  doNotMatch?: string[];

  @ApiPropertyOptional({ type: String, description: 'Free text for humans only; never used in matching', nullable: true, maxLength: 4000 })
  @IsOptional() @IsString() @MaxLength(4000)
  notes?: string | null;
}

/** `PATCH /newcomers/{id}`: any subset of the sections; `null` clears an optional one. */
export class ChangeNewcomerRequest extends PartialType(RegisterNewcomerRequest) {}
