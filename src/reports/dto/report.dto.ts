import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, Matches } from 'class-validator';
import { CASE_TYPES, CaseType, PARTNER_TYPES, PartnerType, TECHNOLOGY_AREAS } from '../../domain/case.types';
import { PageCounts, PageQuery } from '../../common/pagination';
import { REGIONS } from '../../countries/country.types';
import {
  CommitteeDecisions,
  CommitteeFigures,
  ConditionFigures,
  CountryFigures,
  NotableCase,
  NOTABLE_LIMIT,
  NotableOutcome,
  OTHER_COUNTRY,
  RegionFigures,
  REPORT_LANGUAGES,
  ReportData,
  ReportLanguage,
  ReportTotals,
  TypeFigures,
} from '../data/report-data';

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

/* The documented shape of `data`: what report-data.builder.ts stores in the snapshot. */

export class ReportTotalsResponse implements ReportTotals {
  @ApiProperty({ type: 'integer' })
  submitted: number;

  @ApiProperty({
    type: 'integer',
    description: 'Approved after review; cases cleared without review are counted separately',
  })
  approved: number;

  @ApiProperty({ type: 'integer' })
  approvedWithConditions: number;

  @ApiProperty({ type: 'integer' })
  rejected: number;

  @ApiProperty({ type: 'integer' })
  withdrawn: number;

  @ApiProperty({ type: 'integer' })
  clearedWithoutReview: number;

  @ApiProperty({ type: 'integer' })
  escalated: number;

  @ApiProperty({ type: 'integer' })
  openAtEnd: number;
}

export class ReportTypeFiguresResponse extends ReportTotalsResponse implements TypeFigures {
  @ApiProperty({ enum: CASE_TYPES })
  type: CaseType;
}

export class CommitteeDecisionsResponse implements CommitteeDecisions {
  @ApiProperty({ type: 'integer' })
  approve: number;

  @ApiProperty({ type: 'integer' })
  approve_with_conditions: number;

  @ApiProperty({ type: 'integer' })
  reject: number;

  @ApiProperty({ type: 'integer' })
  request_information: number;

  @ApiProperty({ type: 'integer' })
  escalate: number;
}

export class TurnaroundDaysResponse {
  @ApiProperty({ type: Number, nullable: true, description: 'Days, one decimal; null when no stage was reviewed' })
  median: number | null;

  @ApiProperty({ type: Number, nullable: true })
  p90: number | null;
}

export class CommitteeFiguresResponse implements CommitteeFigures {
  @ApiProperty({ example: 'knowledge_security' })
  committee: string;

  @ApiProperty({ description: "The committee's name in the report's language when the report was generated" })
  name: string;

  @ApiProperty({ type: 'integer' })
  targetWorkingDays: number;

  @ApiProperty({ type: 'integer' })
  reviewed: number;

  @ApiProperty({ type: CommitteeDecisionsResponse })
  decisions: CommitteeDecisionsResponse;

  @ApiProperty({
    type: TurnaroundDaysResponse,
    description: "Calendar days from a stage's opening to its decision, without the time waiting for the applicant",
  })
  turnaroundDays: TurnaroundDaysResponse;

  @ApiProperty({
    type: Number,
    nullable: true,
    minimum: 0,
    maximum: 1,
    description: 'Share of the reviewed stages decided by their due date; null when none was reviewed',
  })
  withinTargetShare: number | null;

  @ApiProperty({ type: 'integer' })
  overdueOpen: number;
}

export class CountryFiguresResponse implements CountryFigures {
  @ApiProperty({ description: `ISO 3166-1 alpha-2, or "${OTHER_COUNTRY}" for the merged small cells of the region` })
  country: string;

  @ApiProperty({
    type: String,
    nullable: true,
    description: `The country's name in the report's language; null for "${OTHER_COUNTRY}"`,
  })
  name: string | null;

  @ApiProperty({ type: 'integer' })
  cases: number;
}

export class RegionFiguresResponse implements RegionFigures {
  @ApiProperty({ enum: REGIONS })
  region: string;

  @ApiProperty({ type: 'integer' })
  cases: number;

  @ApiProperty({ type: [CountryFiguresResponse] })
  countries: CountryFiguresResponse[];
}

export class ConditionFiguresResponse implements ConditionFigures {
  @ApiProperty({ type: 'integer' })
  imposed: number;

  @ApiProperty({ type: 'integer' })
  met: number;

  @ApiProperty({ type: 'integer' })
  waived: number;

  @ApiProperty({ type: 'integer' })
  open: number;
}

export class NotableCaseResponse implements NotableCase {
  @ApiProperty({ example: 'IRR-2026-00042' })
  reference: string;

  @ApiProperty({ enum: CASE_TYPES })
  type: CaseType;

  @ApiProperty({ enum: REGIONS, type: String, nullable: true })
  region: string | null;

  @ApiProperty({ type: String, nullable: true, description: "Null when the country's cell is suppressed" })
  country: string | null;

  @ApiProperty({ type: String, nullable: true })
  countryName: string | null;

  @ApiProperty({ enum: PARTNER_TYPES, isArray: true })
  partnerTypes: PartnerType[];

  @ApiProperty({ enum: TECHNOLOGY_AREAS, isArray: true })
  technologyAreas: string[];

  @ApiProperty({
    enum: ['approved', 'approved_with_conditions', 'rejected', 'escalated'],
    description: 'The outcome at the end of the period ("escalated": still with leadership)',
  })
  outcome: NotableOutcome;

  @ApiProperty()
  escalated: boolean;

  @ApiProperty({
    type: String,
    nullable: true,
    description: "The deciding chair's rationale, shortened, with known names withheld",
  })
  rationale: string | null;
}

export class PreviousPeriodResponse {
  @ApiProperty({ format: 'date' })
  from: string;

  @ApiProperty({ format: 'date' })
  to: string;

  @ApiProperty({ type: ReportTotalsResponse })
  totals: ReportTotalsResponse;
}

export class ReportDataResponse implements ReportData {
  @ApiProperty({ type: ReportTotalsResponse })
  totals: ReportTotalsResponse;

  @ApiProperty({ type: [ReportTypeFiguresResponse] })
  byType: ReportTypeFiguresResponse[];

  @ApiProperty({ type: [CommitteeFiguresResponse] })
  byCommittee: CommitteeFiguresResponse[];

  @ApiProperty({ type: [RegionFiguresResponse] })
  byRegion: RegionFiguresResponse[];

  @ApiProperty({ type: ConditionFiguresResponse })
  conditions: ConditionFiguresResponse;

  @ApiProperty({ type: [NotableCaseResponse], description: `At most ${NOTABLE_LIMIT}; notableTotal counts them all` })
  notable: NotableCaseResponse[];

  @ApiProperty({ type: 'integer' })
  notableTotal: number;

  @ApiProperty({ type: PreviousPeriodResponse, description: 'The period of equal length before' })
  previous: PreviousPeriodResponse;
}

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

  @ApiProperty({
    description: 'SHA-256 (hex) of the canonical JSON (keys sorted, no whitespace) of {from, to, language, data}',
  })
  sha256: string;

  @ApiProperty()
  published: boolean;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  publishedAt: string | null;

  @ApiProperty({
    type: ReportDataResponse,
    description: 'The figures, counted over cases submitted or decided within from..to',
  })
  data: ReportData;
}

export class ReportPage extends PageCounts {
  @ApiProperty({ type: [ReportResponse] })
  items: ReportResponse[];
}
