import type { CaseType, PartnerType } from '../../domain/case.types';

export const REPORT_LANGUAGES = ['en', 'nl'] as const;
export type ReportLanguage = (typeof REPORT_LANGUAGES)[number];

/** Countries with fewer cases than this are merged into "other" of their region (small-cell suppression). */
export const SMALL_CELL_THRESHOLD = 5;

/** Notable cases listed one per line; beyond this the report says how many more there were. */
export const NOTABLE_LIMIT = 250;

/** Merged small cells carry this instead of a country code. */
export const OTHER_COUNTRY = 'other';

export interface ReportTotals {
  submitted: number;
  /** Approved after review; cases cleared without review are counted separately. */
  approved: number;
  approvedWithConditions: number;
  rejected: number;
  withdrawn: number;
  clearedWithoutReview: number;
  escalated: number;
  openAtEnd: number;
}

export interface TypeFigures extends ReportTotals {
  type: CaseType;
}

export interface CommitteeDecisions {
  approve: number;
  approve_with_conditions: number;
  reject: number;
  request_information: number;
  escalate: number;
}

export interface CommitteeFigures {
  committee: string;
  /** The committee's name in the report's language, as it was when the report was generated. */
  name: string;
  targetWorkingDays: number;
  reviewed: number;
  decisions: CommitteeDecisions;
  /** Calendar days from the stage's opening to its decision, without the time spent waiting for the applicant. */
  turnaroundDays: { median: number | null; p90: number | null };
  /** Share (0..1) of the reviewed stages decided by their due date; null when none was reviewed. */
  withinTargetShare: number | null;
  overdueOpen: number;
}

export interface CountryFigures {
  /** ISO 3166-1 alpha-2 code, or "other" for the merged small cells of the region. */
  country: string;
  /** The country's name in the report's language; null for "other". */
  name: string | null;
  cases: number;
}

export interface RegionFigures {
  region: string;
  cases: number;
  countries: CountryFigures[];
}

export interface ConditionFigures {
  imposed: number;
  met: number;
  waived: number;
  open: number;
}

export type NotableOutcome = 'approved' | 'approved_with_conditions' | 'rejected' | 'escalated';

export interface NotableCase {
  reference: string;
  type: CaseType;
  region: string | null;
  /** Null when the country's cell is suppressed. */
  country: string | null;
  countryName: string | null;
  partnerTypes: PartnerType[];
  technologyAreas: string[];
  /** The outcome at the end of the period ("escalated": still with leadership). */
  outcome: NotableOutcome;
  escalated: boolean;
  /** The deciding chair's rationale, shortened, with known names withheld. */
  rationale: string | null;
}

export interface ReportData {
  totals: ReportTotals;
  byType: TypeFigures[];
  byCommittee: CommitteeFigures[];
  byRegion: RegionFigures[];
  conditions: ConditionFigures;
  notable: NotableCase[];
  /** All notable cases of the period; `notable` lists at most NOTABLE_LIMIT of them. */
  notableTotal: number;
  previous: { from: string; to: string; totals: ReportTotals };
}

/** What the snapshot is, as stored and as answered by the API. */
export interface ReportSnapshot {
  id: string;
  from: string;
  to: string;
  language: ReportLanguage;
  createdAt: string;
  sha256: string;
  published: boolean;
  publishedAt: string | null;
  data: ReportData;
}
