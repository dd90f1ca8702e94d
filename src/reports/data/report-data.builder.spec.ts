import {
  buildReportData,
  chairRationale,
  primaryCountry,
  ReportReference,
  turnaroundDays,
} from './report-data.builder';
import type { NotableRow, PeriodFigures } from './report-figures.repository';

const DAY = 86_400_000;

const reference: ReportReference = {
  committees: [
    { key: 'knowledge_security', name: 'Knowledge Security Committee', reviewTargetWorkingDays: 15 },
    { key: 'risk_destinations', name: 'Risk Destinations Committee', reviewTargetWorkingDays: 10 },
  ],
  countries: new Map([
    ['DE', { name: 'Germany', region: 'europe' }],
    ['UA', { name: 'Ukraine', region: 'europe' }],
    ['CN', { name: 'China', region: 'asia' }],
  ]),
  withheld: {
    userNames: ['Pieter Jansen', 'Chair Person', 'Administrator'],
    countryNames: new Map([
      ['DE', ['Germany', 'Duitsland']],
      ['UA', ['Ukraine', 'Oekraïne']],
      ['CN', ['China']],
    ]),
  },
};

const row = (overrides: Partial<NotableRow>): NotableRow => ({
  id: 'c1',
  reference: 'IRR-2025-00001',
  type: 'partnership',
  status: 'rejected',
  closed: true,
  escalated: false,
  partners: [{ name: 'Harbin Institute of Technology', country: 'CN', type: 'university' }],
  destinations: [],
  technologyAreas: ['quantum'],
  stages: [
    {
      committee: 'knowledge_security',
      decision: 'reject',
      rationale: 'Harbin Institute of Technology has defence ties; Dr. Anna de Vries agrees.',
    },
  ],
  people: ['Dr. Anna de Vries'],
  ...overrides,
});

function figures(overrides: Partial<PeriodFigures> = {}): PeriodFigures {
  return {
    totalsByType: [],
    committees: [],
    turnaround: [],
    countries: [],
    regionCases: [],
    otherCases: [],
    conditions: { imposed: 0, met: 0, waived: 0 },
    notable: [],
    notableTotal: 0,
    ...overrides,
  };
}

const previous = { from: '2024-10-03', to: '2024-12-31', totalsByType: [] };

describe('buildReportData', () => {
  it('sums the totals over the types and lists both types, also one without cases', () => {
    const data = buildReportData({
      figures: figures({
        totalsByType: [
          {
            type: 'mobility',
            submitted: 2,
            approved: 1,
            approvedWithConditions: 0,
            rejected: 0,
            withdrawn: 1,
            clearedWithoutReview: 0,
            escalated: 0,
            openAtEnd: 0,
          },
        ],
      }),
      previous,
      reference,
    });
    expect(data.byType.map((t) => [t.type, t.submitted])).toEqual([
      ['partnership', 0],
      ['mobility', 2],
    ]);
    expect(data.totals).toMatchObject({ submitted: 2, approved: 1, withdrawn: 1 });
    expect(data.previous).toEqual({
      from: '2024-10-03',
      to: '2024-12-31',
      totals: expect.objectContaining({ submitted: 0 }),
    });
  });

  it('lists every committee with its name, target, decisions, percentiles and share', () => {
    const data = buildReportData({
      figures: figures({
        committees: [
          {
            committee: 'risk_destinations',
            reviewed: 4,
            approve: 3,
            approveWithConditions: 0,
            reject: 1,
            escalate: 0,
            requestInformation: 2,
            withinTarget: 3,
            overdueOpen: 1,
          },
        ],
        turnaround: [
          { committee: 'risk_destinations', rank: 2, n: 4, ms: 2 * DAY },
          { committee: 'risk_destinations', rank: 3, n: 4, ms: 4 * DAY },
          { committee: 'risk_destinations', rank: 4, n: 4, ms: 10 * DAY },
        ],
      }),
      previous,
      reference,
    });
    expect(data.byCommittee).toEqual([
      {
        committee: 'knowledge_security',
        name: 'Knowledge Security Committee',
        targetWorkingDays: 15,
        reviewed: 0,
        decisions: { approve: 0, approve_with_conditions: 0, reject: 0, request_information: 0, escalate: 0 },
        turnaroundDays: { median: null, p90: null },
        withinTargetShare: null,
        overdueOpen: 0,
      },
      {
        committee: 'risk_destinations',
        name: 'Risk Destinations Committee',
        targetWorkingDays: 10,
        reviewed: 4,
        decisions: { approve: 3, approve_with_conditions: 0, reject: 1, request_information: 2, escalate: 0 },
        turnaroundDays: { median: 3, p90: 8.2 },
        withinTargetShare: 0.75,
        overdueOpen: 1,
      },
    ]);
  });

  it('names countries with 5 cases or more and counts the rest as "other" of their region, largest region first', () => {
    const data = buildReportData({
      figures: figures({
        countries: [
          { region: 'europe', country: 'DE', cases: 6 },
          { region: 'europe', country: 'UA', cases: 2 },
          { region: 'asia', country: 'CN', cases: 3 },
        ],
        regionCases: [
          { region: 'asia', cases: 3 },
          { region: 'europe', cases: 7 },
        ],
        otherCases: [
          { region: 'europe', cases: 2 },
          { region: 'asia', cases: 3 },
        ],
      }),
      previous,
      reference,
    });
    expect(data.byRegion).toEqual([
      {
        region: 'europe',
        cases: 7,
        countries: [
          { country: 'DE', name: 'Germany', cases: 6 },
          { country: 'other', name: null, cases: 2 },
        ],
      },
      { region: 'asia', cases: 3, countries: [{ country: 'other', name: null, cases: 3 }] },
    ]);
  });

  it('makes notable lines anonymous: no suppressed country, no names, a short rationale', () => {
    const data = buildReportData({
      figures: figures({
        countries: [{ region: 'asia', country: 'CN', cases: 3 }],
        notable: [row({})],
        notableTotal: 1,
      }),
      previous,
      reference,
    });
    expect(data.notable).toEqual([
      {
        reference: 'IRR-2025-00001',
        type: 'partnership',
        region: 'asia',
        country: null,
        countryName: null,
        partnerTypes: ['university'],
        technologyAreas: ['quantum'],
        outcome: 'rejected',
        escalated: false,
        rationale: '[…] has defence ties; […] agrees.',
      },
    ]);
  });

  it('shows the country of a notable case when its cell is large enough, and "escalated" while leadership has not decided', () => {
    const data = buildReportData({
      figures: figures({
        countries: [{ region: 'asia', country: 'CN', cases: 5 }],
        notable: [
          row({
            status: 'escalated',
            closed: false,
            escalated: true,
            stages: [{ committee: 'knowledge_security', decision: 'escalate', rationale: 'For the board.' }],
          }),
        ],
        notableTotal: 1,
      }),
      previous,
      reference,
    });
    expect(data.notable[0]).toMatchObject({
      country: 'CN',
      countryName: 'China',
      outcome: 'escalated',
      escalated: true,
      rationale: 'For the board.',
    });
  });

  it('withholds from a rationale every other user and every country but the one the line shows', () => {
    const rationale =
      'Work in China with a lab in Oekraïne; Pieter Jansen and chair person agree. Germany is fine. The administrator was told.';
    const line = (cnCases: number) =>
      buildReportData({
        figures: figures({
          countries: [{ region: 'asia', country: 'CN', cases: cnCases }],
          notable: [row({ stages: [{ committee: 'knowledge_security', decision: 'reject', rationale }] })],
          notableTotal: 1,
        }),
        previous,
        reference,
      }).notable[0];
    // China's cell is suppressed: the rationale must not name it either.
    expect(line(3)).toMatchObject({
      country: null,
      rationale: 'Work in […] with a lab in […]; […] and […] agree. […] is fine. The administrator was told.',
    });
    // Shown on the line anyway: naming it again reveals nothing more.
    expect(line(5)).toMatchObject({
      country: 'CN',
      rationale: 'Work in China with a lab in […]; […] and […] agree. […] is fine. The administrator was told.',
    });
  });
});

describe('notable case helpers', () => {
  it('takes the destination as the country of a mobility, else the first partner', () => {
    expect(
      primaryCountry({
        type: 'mobility',
        partners: [{ name: 'x', country: 'DE', type: 'university' }],
        destinations: [{ country: 'UA', from: '2025-01-01', to: '2025-01-02' }],
      }),
    ).toBe('UA');
    expect(
      primaryCountry({
        type: 'partnership',
        partners: [{ name: 'x', country: 'DE', type: 'university' }],
        destinations: [],
      }),
    ).toBe('DE');
  });

  it('explains the outcome with the rejecting, else escalating, else conditioning stage', () => {
    const stages = [
      { committee: 'a', decision: 'approve', rationale: 'fine' },
      { committee: 'b', decision: 'approve_with_conditions', rationale: 'with conditions' },
      { committee: 'c', decision: 'escalate', rationale: 'board' },
    ];
    expect(chairRationale(stages)).toBe('board');
    expect(chairRationale([...stages, { committee: 'd', decision: 'reject', rationale: 'no' }])).toBe('no');
    expect(chairRationale([stages[0]])).toBeNull();
  });

  it('interpolates turnaround percentiles from the ranked rows, in days with one decimal', () => {
    const ranked = [
      { committee: 'x', rank: 1, n: 2, ms: 1 * DAY },
      { committee: 'x', rank: 2, n: 2, ms: 2 * DAY },
    ];
    expect(turnaroundDays(ranked, 5)).toBe(1.5);
    expect(turnaroundDays(ranked, 9)).toBe(1.9);
    expect(turnaroundDays([], 5)).toBeNull();
    expect(() => turnaroundDays([ranked[0]], 9)).toThrow(/rank 2/);
  });
});
