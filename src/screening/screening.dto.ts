import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsString, IsUrl, Length, Matches, Max, Min, MinLength } from 'class-validator';
import { SCREENING_FORMATS } from './importers';
import { MAX_SCREENED_NAME_LENGTH, MAX_WORD_LENGTH } from './matching';
import { IsScreenableName } from './screenable-name.validator';

export const UPLOAD_FORMATS = ['csv', 'ftm'] as const;
export const LIST_KINDS = ['sanctions', 'export_control', 'assessment'] as const;
/** Formats a source may serve: one file each (the uk format's two tables can only be imported from the command line). */
export const SOURCE_FORMATS = SCREENING_FORMATS.filter((f) => f !== 'uk');

/** The form fields that come with an uploaded list. */
export class ImportListForm {
  @ApiProperty({ description: 'The list name; importing under an existing name makes a new version of that list' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: UPLOAD_FORMATS })
  @IsIn(UPLOAD_FORMATS)
  format: (typeof UPLOAD_FORMATS)[number];

  @ApiPropertyOptional({
    enum: LIST_KINDS,
    description: 'Legal designation (sanctions, export_control) or assessment; default from the format',
  })
  @IsOptional()
  @IsIn(LIST_KINDS)
  kind?: (typeof LIST_KINDS)[number];
}

export class SearchQuery {
  @ApiProperty({
    description: `An organisation or person name, any script; no word longer than ${MAX_WORD_LENGTH} characters`,
    minLength: 2,
    maxLength: MAX_SCREENED_NAME_LENGTH,
  })
  @IsString()
  @MinLength(2)
  @IsScreenableName()
  name: string;

  @ApiPropertyOptional({ description: 'ISO 3166-1 alpha-2 country of the name, if known' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'country must be an ISO 3166-1 alpha-2 code' })
  country?: string;
}

export class CreateSourceDto {
  @ApiProperty({ description: 'The list its downloads become versions of (an existing list or a new one)' })
  @IsString()
  @Length(1, 200)
  name: string;

  @ApiProperty({ enum: SOURCE_FORMATS })
  @IsIn(SOURCE_FORMATS)
  format: (typeof SOURCE_FORMATS)[number];

  @ApiProperty({ description: 'Where the file is downloaded from (http or https)', maxLength: 2000 })
  @IsString()
  @Length(1, 2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false })
  url: string;

  @ApiPropertyOptional({ enum: LIST_KINDS, description: "Default: the format's kind" })
  @IsOptional()
  @IsIn(LIST_KINDS)
  kind?: (typeof LIST_KINDS)[number];

  @ApiProperty({ minimum: 15, maximum: 44640, description: 'Minutes from one download to the next' })
  @IsInt()
  @Min(15)
  @Max(31 * 24 * 60)
  refreshMinutes: number;
}
