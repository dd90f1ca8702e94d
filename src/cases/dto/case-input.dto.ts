import { ApiProperty, ApiPropertyOptional, PartialType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateNested,
} from 'class-validator';
import { Omittable } from '../../common/validation';
import {
  CASE_TYPES,
  CaseType,
  FUNDING_TYPES,
  FundingType,
  PARTNER_TYPES,
  PartnerType,
  TECHNOLOGY_AREAS,
} from '../../domain/case.types';
import { MAX_SCREENED_NAME_LENGTH, MAX_WORD_LENGTH } from '../../screening/matching';
import { IsScreenableName } from '../../screening/screenable-name.validator';

const COUNTRY = /^[A-Za-z]{2}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export class PartnerInput {
  @ApiProperty({
    example: 'Delft University of Technology',
    maxLength: MAX_SCREENED_NAME_LENGTH,
    description: `Screened against the lists: at most ${MAX_SCREENED_NAME_LENGTH} characters and no word over ${MAX_WORD_LENGTH}`,
  })
  @IsString()
  @MinLength(2)
  @MaxLength(MAX_SCREENED_NAME_LENGTH)
  @IsScreenableName()
  name: string;

  @ApiProperty({ example: 'NL', description: 'ISO 3166-1 alpha-2' })
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiProperty({ enum: PARTNER_TYPES })
  @IsIn(PARTNER_TYPES)
  type: PartnerType;
}

export class DestinationInput {
  @ApiProperty({ example: 'JP' })
  @Matches(COUNTRY, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  city?: string | null;

  @ApiProperty({ example: '2027-03-01' })
  @Matches(DATE, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  from: string;

  @ApiProperty({ example: '2027-03-14' })
  @Matches(DATE, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  to: string;
}

export class DualUseInput {
  @ApiProperty({ type: [Number], description: 'EU Regulation 2021/821 Annex I categories 0-9' })
  @IsArray()
  @ArrayUnique()
  @IsInt({ each: true })
  @Min(0, { each: true })
  @Max(9, { each: true })
  annexICategories: number[];

  @ApiProperty()
  @IsBoolean()
  militaryEndUse: boolean;

  @ApiProperty()
  @IsBoolean()
  misusePotential: boolean;

  @ApiPropertyOptional()
  @Omittable()
  @IsBoolean()
  humanRightsConcern?: boolean;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(5000)
  details?: string | null;
}

export class FundingInput {
  @ApiProperty({ example: 'NWO' })
  @IsString()
  @MinLength(1)
  @MaxLength(300)
  source: string;

  @ApiProperty({ enum: FUNDING_TYPES })
  @IsIn(FUNDING_TYPES)
  type: FundingType;
}

export class CreateCaseDto {
  @ApiProperty({ enum: CASE_TYPES })
  @IsIn(CASE_TYPES)
  type: CaseType;

  @ApiProperty({ maxLength: 300 })
  @IsString()
  @Matches(/\S/, { message: 'title must not be blank' })
  @MaxLength(300)
  title: string;

  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @Matches(/\S/, { message: 'summary must not be blank' })
  @MaxLength(20000)
  summary: string;

  @ApiPropertyOptional({ type: String, nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  department?: string | null;

  @ApiProperty({ type: [PartnerInput] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PartnerInput)
  partners: PartnerInput[];

  @ApiPropertyOptional({ type: [DestinationInput], description: 'Required for mobility' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => DestinationInput)
  destinations?: DestinationInput[];

  @ApiPropertyOptional({ enum: TECHNOLOGY_AREAS, isArray: true })
  @Omittable()
  @IsArray()
  @ArrayUnique()
  @IsIn(TECHNOLOGY_AREAS, { each: true })
  technologyAreas?: string[];

  @ApiPropertyOptional({ type: DualUseInput })
  @Omittable()
  @ValidateNested()
  @Type(() => DualUseInput)
  dualUse?: DualUseInput;

  @ApiPropertyOptional({ type: [FundingInput] })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => FundingInput)
  funding?: FundingInput[];

  @ApiPropertyOptional({ type: String, nullable: true, example: '2027-01-01' })
  @IsOptional()
  @Matches(DATE, { message: 'startDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  startDate?: string | null;

  @ApiPropertyOptional({ type: String, nullable: true, example: '2028-12-31' })
  @IsOptional()
  @Matches(DATE, { message: 'endDate must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true })
  endDate?: string | null;
}

/** Any field of the proposal; the same rules as on creation. */
export class UpdateCaseDto extends PartialType(CreateCaseDto, { skipNullProperties: false }) {}
