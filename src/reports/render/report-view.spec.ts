import type { ReportData } from '../data/report-data';
import { buildReportView, StoredReport } from './report-view';

const zero = {
  submitted: 0,
  approved: 0,
  approvedWithConditions: 0,
  rejected: 0,
  withdrawn: 0,
  clearedWithoutReview: 0,
  escalated: 0,
  openAtEnd: 0,
};

function data(overrides: Partial<ReportData> = {}): ReportData {
  return {
    totals: { ...zero, submitted: 1234, rejected: 1 },
    byType: [
      { type: 'partnership', ...zero, submitted: 1234 },
      { type: 'mobility', ...zero },
    ],
    byCommittee: [
      {
        committee: 'knowledge_security',
        name: 'Commissie Kennisveiligheid',
        targetWorkingDays: 15,
        reviewed: 3,
        decisions: { approve: 1, approve_with_conditions: 1, reject: 1, request_information: 2, escalate: 0 },
        turnaroundDays: { median: 12.25, p90: null },
        withinTargetShare: 2 / 3,
        overdueOpen: 0,
      },
    ],
    byRegion: [
      {
        region: 'europe',
        cases: 7,
        countries: [
          { country: 'DE', name: 'Duitsland', cases: 5 },
          { country: 'other', name: null, cases: 2 },
        ],
      },
    ],
    conditions: { imposed: 2, met: 1, waived: 0, open: 1 },
    notable: [
      {
        reference: 'IRR-2025-00001',
        type: 'mobility',
        region: 'europe',
        country: null,
        countryName: null,
        partnerTypes: ['university', 'government_security'],
        technologyAreas: [],
        outcome: 'approved',
        escalated: true,
        rationale: null,
      },
    ],
    notableTotal: 3,
    previous: { from: '2024-10-03', to: '2024-12-31', totals: { ...zero, submitted: 1300 } },
    ...overrides,
  };
}

const report = (language: 'en' | 'nl', d: ReportData = data()): StoredReport => ({
  from: '2025-01-01',
  to: '2025-03-31',
  language,
  createdAt: new Date('2025-04-02T23:59:59Z'),
  sha256: 'f'.repeat(64),
  data: d,
});

describe('buildReportView', () => {
  it('formats every figure as text in the report language', () => {
    const view = buildReportView(report('nl'));
    expect(view.period).toEqual({ from: '1 januari 2025', to: '31 maart 2025' });
    expect(view.previousPeriod).toEqual({ from: '3 oktober 2024', to: '31 december 2024' });
    expect(view.generatedOn).toBe('2 april 2025');
    expect(view.totals.submitted).toEqual({ value: '1.234', previous: '1.300', difference: '−66' });
    expect(view.totals.rejected).toEqual({ value: '1', previous: '0', difference: '+1' });
    expect(view.byType[0]).toMatchObject({ type: 'Partnerschap', submitted: '1.234' });
    expect(view.committees[0]).toMatchObject({
      name: 'Commissie Kennisveiligheid',
      median: '12,3',
      p90: '–',
      withinTarget: '67%',
      requestInformation: '2',
    });
    expect(view.regions).toEqual([
      {
        name: 'Europa',
        cases: '7',
        countries: [
          { name: 'Duitsland', cases: '5' },
          { name: 'Overige landen', cases: '2' },
        ],
      },
    ]);
  });

  it('writes notable lines with translated kinds, and says how many it leaves out', () => {
    const en = buildReportView(report('en'));
    expect(en.notable).toEqual([
      {
        reference: 'IRR-2025-00001',
        type: 'mobility',
        place: 'Europe',
        partnerTypes: 'university, government security body',
        technologyAreas: 'none',
        outcome: 'approved after escalation to leadership',
        rationale: '–',
      },
    ]);
    expect(en.notableOmitted).toBe('2');
    expect(buildReportView(report('nl')).notable[0]).toMatchObject({
      type: 'mobiliteit',
      technologyAreas: 'geen',
      outcome: 'goedgekeurd na voorlegging aan het bestuur',
    });
  });

  it('knows an empty period', () => {
    const empty = data({ totals: zero, byRegion: [], notable: [], notableTotal: 0 });
    const view = buildReportView(report('en', empty));
    expect(view).toMatchObject({ empty: true, hasRegions: false, hasNotable: false, notableOmitted: null });
    expect(buildReportView(report('en')).empty).toBe(false);
  });

  it('is plain data: the same input gives the same view, with no clock or locale in it', () => {
    expect(JSON.stringify(buildReportView(report('en')))).toBe(JSON.stringify(buildReportView(report('en'))));
  });
});
