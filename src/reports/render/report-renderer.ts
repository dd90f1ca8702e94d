import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { REPORT_LANGUAGES, ReportData, ReportLanguage } from '../data/report-data';
import { buildReportView, StoredReport } from './report-view';
import { TemplateRenderer } from './template-renderer';

export const REPORT_FORMATS = ['html', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

const EXTENSION: Record<ReportFormat, string> = { html: 'html', markdown: 'md' };

export const REPORT_TEMPLATES = Symbol('REPORT_TEMPLATES');

/** Renders a stored report through `templates/reports/report.<language>.<html|md>.hbs`. */
@Injectable()
export class ReportRenderer implements OnModuleInit {
  constructor(@Inject(REPORT_TEMPLATES) private readonly templates: TemplateRenderer) {}

  /** Renders every report template once at start (Handlebars compiles on first use), with a full and an empty report. */
  onModuleInit(): void {
    for (const language of REPORT_LANGUAGES) {
      for (const format of REPORT_FORMATS) {
        for (const data of [sampleData(), emptyData()]) this.render({ ...SAMPLE, language, data }, format);
      }
    }
  }

  render(report: StoredReport, format: ReportFormat): string {
    return this.templates.render(templateName(report.language, format), buildReportView(report));
  }
}

export const templateName = (language: ReportLanguage, format: ReportFormat) =>
  `reports/report.${language}.${EXTENSION[format]}`;

const SAMPLE: Omit<StoredReport, 'language' | 'data'> = {
  from: '2025-01-01',
  to: '2025-03-31',
  createdAt: new Date(Date.UTC(2025, 3, 1)),
  sha256: '0'.repeat(64),
};

const totals = (n: number) => ({
  submitted: n,
  approved: n,
  approvedWithConditions: n,
  rejected: n,
  withdrawn: n,
  clearedWithoutReview: n,
  escalated: n,
  openAtEnd: n,
});

function emptyData(): ReportData {
  return {
    totals: totals(0),
    byType: [
      { type: 'partnership', ...totals(0) },
      { type: 'mobility', ...totals(0) },
    ],
    byCommittee: [],
    byRegion: [],
    conditions: { imposed: 0, met: 0, waived: 0, open: 0 },
    notable: [],
    notableTotal: 0,
    previous: { from: '2024-10-02', to: '2024-12-31', totals: totals(0) },
  };
}

/** A report with something in every section, so that the start-up render touches every field. */
function sampleData(): ReportData {
  return {
    ...emptyData(),
    totals: totals(1),
    byCommittee: [
      {
        committee: 'knowledge_security',
        name: 'Knowledge Security Committee',
        targetWorkingDays: 15,
        reviewed: 1,
        decisions: { approve: 1, approve_with_conditions: 0, reject: 0, request_information: 0, escalate: 0 },
        turnaroundDays: { median: 1, p90: 1 },
        withinTargetShare: 1,
        overdueOpen: 0,
      },
    ],
    byRegion: [
      {
        region: 'europe',
        cases: 6,
        countries: [
          { country: 'DE', name: 'Germany', cases: 5 },
          { country: 'other', name: null, cases: 1 },
        ],
      },
    ],
    notable: [
      {
        reference: 'IRR-2025-00001',
        type: 'partnership',
        region: 'europe',
        country: 'DE',
        countryName: 'Germany',
        partnerTypes: ['university'],
        technologyAreas: ['quantum'],
        outcome: 'approved_with_conditions',
        escalated: true,
        rationale: 'Acceptable with safeguards.',
      },
    ],
    notableTotal: 2,
  };
}
