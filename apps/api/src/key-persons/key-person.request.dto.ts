import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Engagement, ENGAGEMENTS, Gender, GENDERS, Topic, TOPICS } from '@sleutel/domain';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsIn, IsInt, IsNumber, IsObject, IsOptional, IsString, MaxLength, ValidateNested,
} from 'class-validator';
import { AvailabilityDto, ContactDto, LanguageSkillDto, OriginDto } from '../common/profile-sections.dto';

/** `POST /key-persons`: a key person as registered by a coordinator (SPEC §9). */
export class RegisterKeyPersonRequest {
  @ApiProperty({ example: 'Yonas Tesfay', maxLength: 200 })
  @IsDefined() @IsString() @MaxLength(200)
  displayName!: string;

  // Required by the domain's rule, which names `contact.phone` when neither is given (one message for both).
  @ApiProperty({ type: ContactDto, description: 'A phone number, an e-mail address or both: at least one (SPEC §3; rule `required` at `contact.phone`)' })
  @IsOptional() @IsObject() @ValidateNested() @Type(() => ContactDto)
  contact?: ContactDto;

  @ApiProperty({ enum: GENDERS, example: 'male' })
  @IsDefined() @IsIn(GENDERS)
  gender!: Gender;

  @ApiProperty({ description: 'CBS municipality code', example: 'GM0344' })
  @IsDefined() @IsString() @MaxLength(6)
  municipality!: string;

  @ApiPropertyOptional({ type: String, description: '4-digit postcode area', example: '3512', nullable: true })
  @IsOptional() @IsString() @MaxLength(4)
  postcodeArea?: string | null;

  @ApiPropertyOptional({ type: Number, description: 'How far they travel, in km (0–300); required unless `remoteOnly`', example: 15, nullable: true })
  @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false })
  travelRadiusKm?: number | null;

  @ApiPropertyOptional({ description: 'Meets only remotely', default: false })
  @IsOptional() @IsBoolean()
  remoteOnly?: boolean;

  @ApiProperty({ type: [LanguageSkillDto] })
  @IsDefined() @IsArray() @ArrayMaxSize(20) @ValidateNested({ each: true }) @Type(() => LanguageSkillDto)
  languages!: LanguageSkillDto[];

  @ApiProperty({ type: OriginDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => OriginDto)
  origin!: OriginDto;

  @ApiProperty({ enum: TOPICS, isArray: true, example: ['health', 'work'] })
  @IsDefined() @IsArray() @ArrayMaxSize(10) @IsIn(TOPICS, { each: true })
  expertise!: Topic[];

  @ApiProperty({ description: 'Most newcomers at once (1–20)', example: 3 })
  @IsDefined() @IsInt()
  capacity!: number;

  @ApiProperty({ description: 'Most hours a month (1–200, in half hours); volunteers stay under about 37.5', example: 37.5, multipleOf: 0.5 })
  @IsDefined() @IsNumber({ allowNaN: false, allowInfinity: false })
  maxHoursPerMonth!: number;

  @ApiProperty({ type: AvailabilityDto })
  @IsDefined() @IsObject() @ValidateNested() @Type(() => AvailabilityDto)
  availability!: AvailabilityDto;

  @ApiProperty({ enum: ENGAGEMENTS, example: 'volunteer' })
  @IsDefined() @IsIn(ENGAGEMENTS)
  engagement!: Engagement;
}

/** `PATCH /key-persons/{id}`: any subset of the sections. */
export class ChangeKeyPersonRequest extends PartialType(RegisterKeyPersonRequest) {}
