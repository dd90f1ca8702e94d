import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { PageQuery } from '../../common/pagination';
import { REPORT_LANGUAGES, ReportData, ReportLanguage } from '../report-data';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export class CreateReportDto {
  @ApiProperty({ example: '2025-01-01', description: 'First day of the period (UTC), YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'from must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'from must be a real calendar date' })
  from: string;

  @ApiProperty({ example: '2025-12-31', description: 'Last day of the period (UTC, included), YYYY-MM-DD' })
  @Matches(DATE_ONLY, { message: 'to must be a date YYYY-MM-DD' })
  @IsISO8601({ strict: true }, { message: 'to must be a real calendar date' })
  to: string;

  @ApiProperty({ enum: REPORT_LANGUAGES })
  @IsIn(REPORT_LANGUAGES)
  language: ReportLanguage;
}

export class ReportQuery extends PageQuery {}

export class ReportResponse {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '2025-01-01' })
  from: string;

  @ApiProperty({ example: '2025-12-31' })
  to: string;

  @ApiProperty({ enum: REPORT_LANGUAGES })
  language: ReportLanguage;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ description: 'SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of {from, to, language, data}' })
  sha256: string;

  @ApiProperty()
  published: boolean;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  publishedAt: string | null;

  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description: 'The figures: totals, byType, byCommittee, byRegion, conditions, notable, notableTotal, previous (see API.md)',
  })
  data: ReportData;
}

export class ReportPage {
  @ApiProperty({ type: [ReportResponse] })
  items: ReportResponse[];

  @ApiProperty()
  total: number;

  @ApiProperty()
  page: number;

  @ApiProperty()
  pageSize: number;
}
