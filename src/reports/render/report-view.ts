import { formatCount, formatDate, formatDecimal, formatDifference, formatShare } from './report-format';
import { label, REPORT_LABELS, ReportLabels } from './report-labels';
import { OTHER_COUNTRY, ReportData, ReportLanguage, ReportTotals } from '../data/report-data';

/**
 * What the templates receive: plain objects of ready-formatted strings, built from the stored
 * snapshot alone (no clock, no locale), so a report renders to the same bytes every time.
 */
export interface ReportView {
  language: ReportLanguage;
  period: { from: string; to: string };
  previousPeriod: { from: string; to: string };
  generatedOn: string;
  sha256: string;
  /** No case was submitted or closed in the period. */
  empty: boolean;
  totals: Record<keyof ReportTotals, TotalView>;
  byType: TypeView[];
  committees: CommitteeView[];
  regions: RegionView[];
  hasRegions: boolean;
  conditions: { imposed: string; met: string; waived: string; open: string };
  notable: NotableView[];
  hasNotable: boolean;
  /** How many notable cases the list leaves out, or null when it lists them all. */
  notableOmitted: string | null;
}

export interface TotalView {
  value: string;
  previous: string;
  difference: string;
}

export interface TypeView {
  type: string;
  submitted: string;
  approved: string;
  approvedWithConditions: string;
  rejected: string;
  withdrawn: string;
  clearedWithoutReview: string;
  escalated: string;
  openAtEnd: string;
}

export interface CommitteeView {
  name: string;
  targetWorkingDays: string;
  reviewed: string;
  approve: string;
  approveWithConditions: string;
  reject: string;
  requestInformation: string;
  escalate: string;
  median: string;
  p90: string;
  withinTarget: string;
  overdueOpen: string;
}

export interface RegionView {
  name: string;
  cases: string;
  countries: { name: string; cases: string }[];
}

export interface NotableView {
  reference: string;
  type: string;
  place: string;
  partnerTypes: string;
  technologyAreas: string;
  outcome: string;
  rationale: string;
}

export interface StoredReport {
  from: string;
  to: string;
  language: ReportLanguage;
  createdAt: Date;
  sha256: string;
  data: ReportData;
}

const TOTAL_KEYS: (keyof ReportTotals)[] = [
  'submitted',
  'approved',
  'approvedWithConditions',
  'rejected',
  'withdrawn',
  'clearedWithoutReview',
  'escalated',
  'openAtEnd',
];

export function buildReportView(report: StoredReport): ReportView {
  const lang = report.language;
  const labels = REPORT_LABELS[lang];
  const n = (value: number) => formatCount(value, lang);
  const { data } = report;
  const totals = Object.fromEntries(
    TOTAL_KEYS.map((key) => [
      key,
      {
        value: n(data.totals[key]),
        previous: n(data.previous.totals[key]),
        difference: formatDifference(data.totals[key] - data.previous.totals[key], lang),
      },
    ]),
  ) as Record<keyof ReportTotals, TotalView>;
  const omitted = data.notableTotal - data.notable.length;
  return {
    language: lang,
    period: { from: formatDate(report.from, lang), to: formatDate(report.to, lang) },
    previousPeriod: { from: formatDate(data.previous.from, lang), to: formatDate(data.previous.to, lang) },
    generatedOn: formatDate(report.createdAt.toISOString().slice(0, 10), lang),
    sha256: report.sha256,
    empty: TOTAL_KEYS.every((key) => data.totals[key] === 0) && data.byRegion.length === 0,
    totals,
    byType: data.byType.map((t) => ({
      type: capitalize(label(labels.caseTypes, t.type)),
      submitted: n(t.submitted),
      approved: n(t.approved),
      approvedWithConditions: n(t.approvedWithConditions),
      rejected: n(t.rejected),
      withdrawn: n(t.withdrawn),
      clearedWithoutReview: n(t.clearedWithoutReview),
      escalated: n(t.escalated),
      openAtEnd: n(t.openAtEnd),
    })),
    committees: data.byCommittee.map((c) => ({
      name: c.name,
      targetWorkingDays: n(c.targetWorkingDays),
      reviewed: n(c.reviewed),
      approve: n(c.decisions.approve),
      approveWithConditions: n(c.decisions.approve_with_conditions),
      reject: n(c.decisions.reject),
      requestInformation: n(c.decisions.request_information),
      escalate: n(c.decisions.escalate),
      median: formatDecimal(c.turnaroundDays.median, lang),
      p90: formatDecimal(c.turnaroundDays.p90, lang),
      withinTarget: formatShare(c.withinTargetShare, lang),
      overdueOpen: n(c.overdueOpen),
    })),
    regions: data.byRegion.map((r) => ({
      name: regionName(labels, r.region),
      cases: n(r.cases),
      countries: r.countries.map((c) => ({
        name: c.country === OTHER_COUNTRY ? labels.otherCountries : (c.name ?? c.country),
        cases: n(c.cases),
      })),
    })),
    hasRegions: data.byRegion.length > 0,
    conditions: {
      imposed: n(data.conditions.imposed),
      met: n(data.conditions.met),
      waived: n(data.conditions.waived),
      open: n(data.conditions.open),
    },
    notable: data.notable.map((c) => ({
      reference: c.reference,
      type: label(labels.caseTypes, c.type),
      place:
        [c.region ? regionName(labels, c.region) : null, c.countryName].filter((x) => x !== null).join(', ') ||
        labels.noValue,
      partnerTypes: c.partnerTypes.map((t) => label(labels.partnerTypes, t)).join(', ') || labels.none,
      technologyAreas: c.technologyAreas.map((t) => label(labels.technologyAreas, t)).join(', ') || labels.none,
      outcome:
        c.escalated && c.outcome !== 'escalated'
          ? `${label(labels.outcomes, c.outcome)} ${labels.afterEscalation}`
          : label(labels.outcomes, c.outcome),
      rationale: c.rationale ?? labels.noValue,
    })),
    hasNotable: data.notable.length > 0,
    notableOmitted: omitted > 0 ? n(omitted) : null,
  };
}

const regionName = (labels: ReportLabels, region: string) => label(labels.regions, region);

/** Upper-cases the first letter (String#toUpperCase is not locale-dependent; toLocaleUpperCase is). */
const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
