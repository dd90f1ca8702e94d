import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches, MinLength } from 'class-validator';
import { MAX_SCREENED_NAME_LENGTH, MAX_WORD_LENGTH } from './matching';
import { IsScreenableName } from './screenable-name.validator';

export const UPLOAD_FORMATS = ['csv', 'ftm'] as const;
export const LIST_KINDS = ['sanctions', 'export_control', 'assessment'] as const;

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
