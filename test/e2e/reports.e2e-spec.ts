import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { CaseEvent } from '../../src/cases/case-event.entity';
import { Case, CaseCondition, CaseStage } from '../../src/cases/case.entity';
import { Report } from '../../src/reports/report.entity';
import { addWorkingDays } from '../../src/workflow/working-days';
import { benignPartnership, CaseWorld, riskyMobility, sensitivePartnership } from '../support/case-world';
import { TestApp } from '../support/test-app';

/**
 * Council reports on a fixed data set.
 *
 * The cases are made through the API (so statuses, stages, conditions and audit events are real),
 * then their timestamps and references are pinned with TypeORM repositories so that the report is
 * the same on every run: `PLAN` says when each case was submitted, when each stage opened and was
 * decided, and when it was withdrawn or escalated. The expected figures are counted from `PLAN`
 * itself, not from the service.
 *
 * Golden files (test/fixtures/reports/) hold the rendered HTML and Markdown in both languages.
 * After an intended change to the templates or the data, regenerate them and review the diff:
 *
 *     UPDATE_GOLDEN=1 npx jest test/e2e/reports.e2e-spec.ts
 */
const GOLDEN_DIR = join(__dirname, '..', 'fixtures', 'reports');
const UPDATE_GOLDEN = process.env.UPDATE_GOLDEN === '1';

const PERIOD = { from: '2025-01-01', to: '2025-03-31' };
const PREVIOUS = { from: '2024-10-03', to: '2024-12-31' };
const START = Date.parse('2025-01-01T00:00:00Z');
const END = Date.parse('2025-04-01T00:00:00Z');
const PREVIOUS_START = Date.parse('2024-10-03T00:00:00Z');
const TARGET_WORKING_DAYS: Record<string, number> = {
  risk_destinations: 10,
  knowledge_security: 15,
  dual_use_ethics: 20,
};

type Outcome = 'cleared' | 'approved' | 'approved_with_conditions' | 'rejected' | 'withdrawn' | 'open' | 'draft';

interface StagePlan {
  opened: string;
  decided?: string;
  decision?: 'approve' | 'approve_with_conditions' | 'reject' | 'escalate';
  /** Days the stage waited for the applicant. */
  waitingDays?: number;
}

interface CasePlan {
  key: string;
  type: 'partnership' | 'mobility';
  countries: string[];
  submitted?: string;
  /** Decided, cleared or withdrawn. */
  closed?: string;
  outcome: Outcome;
  escalated?: string;
  informationRequested?: string;
  stages?: Record<string, StagePlan>;
  conditionsMet?: string[];
  notable?: { place: string };
}

const at = (s: string) => new Date(`${s.replace(' ', 'T')}:00Z`);
const ms = (s: string) => at(s).getTime();

// One line per case; the references are IRR-2025-00001.. in this order.
const PLAN: CasePlan[] = [
  {
    key: 'A',
    type: 'partnership',
    countries: ['DE'],
    submitted: '2025-01-06 09:00',
    closed: '2025-01-08 10:00',
    outcome: 'cleared',
  },
  {
    key: 'B',
    type: 'partnership',
    countries: ['CN', 'DE'],
    submitted: '2025-01-10 09:00',
    closed: '2025-02-07 15:00',
    outcome: 'approved_with_conditions',
    stages: {
      knowledge_security: {
        opened: '2025-01-13 09:00',
        decided: '2025-01-27 15:00',
        decision: 'approve_with_conditions',
      },
      dual_use_ethics: { opened: '2025-01-13 09:00', decided: '2025-02-07 15:00', decision: 'approve' },
    },
    conditionsMet: ['2025-03-01 12:00'],
    notable: { place: 'asia' },
  },
  {
    key: 'C',
    type: 'partnership',
    countries: ['CN'],
    submitted: '2025-01-15 09:00',
    closed: '2025-02-20 15:00',
    outcome: 'rejected',
    stages: {
      knowledge_security: { opened: '2025-01-16 09:00' },
      dual_use_ethics: { opened: '2025-01-16 09:00', decided: '2025-02-20 15:00', decision: 'reject' },
    },
    notable: { place: 'asia' },
  },
  {
    key: 'D',
    type: 'partnership',
    countries: ['DE', 'CN'],
    submitted: '2025-01-20 09:00',
    closed: '2025-03-20 10:00',
    outcome: 'approved',
    escalated: '2025-02-28 15:00',
    stages: {
      knowledge_security: { opened: '2025-01-21 09:00', decided: '2025-02-18 15:00', decision: 'escalate' },
      dual_use_ethics: { opened: '2025-01-21 09:00', decided: '2025-02-28 15:00', decision: 'approve' },
    },
    notable: { place: 'europe DE' },
  },
  {
    key: 'E',
    type: 'partnership',
    countries: ['CN'],
    submitted: '2025-02-03 09:00',
    outcome: 'open',
    escalated: '2025-03-14 15:00',
    stages: {
      knowledge_security: { opened: '2025-02-04 09:00', decided: '2025-02-14 15:00', decision: 'escalate' },
      dual_use_ethics: { opened: '2025-02-04 09:00', decided: '2025-03-14 15:00', decision: 'approve_with_conditions' },
    },
    notable: { place: 'asia' },
  },
  {
    key: 'F',
    type: 'mobility',
    countries: ['UA'],
    submitted: '2025-01-20 09:00',
    closed: '2025-02-06 15:00',
    outcome: 'approved',
    informationRequested: '2025-01-24 12:00',
    stages: {
      risk_destinations: {
        opened: '2025-01-21 09:00',
        decided: '2025-02-06 15:00',
        decision: 'approve',
        waitingDays: 3,
      },
    },
  },
  {
    key: 'G',
    type: 'mobility',
    countries: ['UA'],
    submitted: '2025-02-01 09:00',
    closed: '2025-02-12 10:00',
    outcome: 'withdrawn',
  },
  { key: 'H', type: 'partnership', countries: ['DE'], submitted: '2025-03-25 09:00', outcome: 'open' },
  {
    key: 'I',
    type: 'partnership',
    countries: ['DE'],
    submitted: '2025-03-03 09:00',
    closed: '2025-03-04 09:00',
    outcome: 'cleared',
  },
  {
    key: 'J',
    type: 'partnership',
    countries: ['FR'],
    submitted: '2025-03-10 09:00',
    closed: '2025-03-11 09:00',
    outcome: 'cleared',
  },
  {
    key: 'K',
    type: 'mobility',
    countries: ['UA'],
    submitted: '2025-02-20 09:00',
    outcome: 'open',
    stages: { risk_destinations: { opened: '2025-02-21 09:00' } },
  },
  {
    key: 'L',
    type: 'partnership',
    countries: ['DE'],
    submitted: '2025-01-22 09:00',
    closed: '2025-01-23 09:00',
    outcome: 'cleared',
  },
  // Submitted in the previous period, decided in this one: counted in both.
  {
    key: 'S',
    type: 'mobility',
    countries: ['UA'],
    submitted: '2024-12-10 09:00',
    closed: '2025-01-20 15:00',
    outcome: 'approved',
    stages: { risk_destinations: { opened: '2024-12-11 09:00', decided: '2025-01-20 15:00', decision: 'approve' } },
  },
  // Previous period only.
  {
    key: 'P1',
    type: 'partnership',
    countries: ['DE'],
    submitted: '2024-11-05 09:00',
    closed: '2024-11-06 09:00',
    outcome: 'cleared',
  },
  {
    key: 'P2',
    type: 'partnership',
    countries: ['CN'],
    submitted: '2024-12-02 09:00',
    closed: '2024-12-20 15:00',
    outcome: 'rejected',
    stages: {
      knowledge_security: { opened: '2024-12-03 09:00' },
      dual_use_ethics: { opened: '2024-12-03 09:00', decided: '2024-12-20 15:00', decision: 'reject' },
    },
  },
  // Neither: submitted after the period, and a draft never submitted.
  { key: 'O', type: 'partnership', countries: ['DE'], submitted: '2025-04-10 09:00', outcome: 'open' },
  { key: 'Z', type: 'partnership', countries: ['DE'], outcome: 'draft' },
];

const reference = (plan: CasePlan) => `IRR-2025-${String(PLAN.indexOf(plan) + 1).padStart(5, '0')}`;

/** Counted from PLAN: the cases submitted or closed in [start, end), as they stood at `end`. */
function expectedTotals(start: number, end: number) {
  const inPeriod = (t?: string) => t !== undefined && ms(t) >= start && ms(t) < end;
  const cases = PLAN.filter(
    (p) => p.submitted && ms(p.submitted) < end && (inPeriod(p.submitted) || inPeriod(p.closed)),
  );
  const closedAs = (o: Outcome) => cases.filter((p) => p.outcome === o && p.closed && ms(p.closed) < end).length;
  return {
    cases,
    totals: {
      submitted: cases.filter((p) => inPeriod(p.submitted)).length,
      approved: closedAs('approved'),
      approvedWithConditions: closedAs('approved_with_conditions'),
      rejected: closedAs('rejected'),
      withdrawn: closedAs('withdrawn'),
      clearedWithoutReview: closedAs('cleared'),
      escalated: cases.filter((p) => p.escalated && ms(p.escalated) < end).length,
      openAtEnd: cases.filter((p) => !p.closed || ms(p.closed) >= end).length,
    },
  };
}

/** R-7 percentile, written out again here so that the test does not trust the code under test. */
function percentileOf(values: number[], p: number): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const h = (sorted.length - 1) * p;
  const lo = Math.floor(h);
  return sorted[lo] + (h - lo) * (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]);
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function golden(name: string, actual: string): void {
  const file = join(GOLDEN_DIR, name);
  if (UPDATE_GOLDEN || !existsSync(file)) {
    if (!UPDATE_GOLDEN) throw new Error(`Golden file ${file} is missing: run with UPDATE_GOLDEN=1 to create it`);
    mkdirSync(GOLDEN_DIR, { recursive: true });
    writeFileSync(file, actual);
    return;
  }
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('council reports (e2e)', () => {
  let t: TestApp;
  let w: CaseWorld;
  let db: DataSource;
  const ids = new Map<string, string>();
  const reports: Record<'en' | 'nl', Record<string, any>> = {} as never;

  async function build(plan: CasePlan): Promise<string> {
    const conditions = ['Annual report to the committee', 'No access to the radar test facility'];
    const benign = () =>
      benignPartnership({
        partners: [
          {
            name: plan.countries[0] === 'FR' ? 'Sorbonne Université' : 'Technische Universität München',
            country: plan.countries[0],
            type: 'university',
          },
        ],
      });
    const body =
      plan.type === 'mobility'
        ? riskyMobility()
        : plan.stages
          ? sensitivePartnership({
              partners: plan.countries.map((country, i) =>
                country === 'CN'
                  ? {
                      name: 'Harbin Institute of Technology',
                      country,
                      type: i === 0 ? 'university' : 'research_institute',
                    }
                  : { name: 'Technische Universität München', country, type: 'university' },
              ),
            })
          : benign();
    const draft = await w.draft(body);
    const id = draft.id as string;
    if (plan.outcome === 'draft') return id;
    await w.expectOk(await w.post(w.researcher, `/cases/${id}/submit`));
    if (plan.outcome === 'withdrawn') {
      await w.expectOk(await w.post(w.researcher, `/cases/${id}/withdraw`, { reason: 'Trip cancelled' }));
      return id;
    }
    if (plan.outcome === 'open' && !plan.stages) return id;
    await w.expectOk(await w.post(w.io, `/cases/${id}/triage`, {}));
    if (plan.outcome === 'cleared') return id;
    const chairs = {
      knowledge_security: [w.ksChair, w.ksMember],
      dual_use_ethics: [w.dueChair, w.dueMember],
      risk_destinations: [w.rdChair, w.rdMember],
    } as const;
    if (plan.informationRequested) {
      await w.expectOk(
        await w.post(w.rdChair, `/cases/${id}/stages/risk_destinations/decision`, {
          decision: 'request_information',
          rationale: 'Need the itinerary',
          questions: 'Which cities?',
        }),
      );
      await w.expectOk(await w.post(w.researcher, `/cases/${id}/respond`, { answer: 'Kyiv only' }));
    }
    const decided = Object.entries(plan.stages ?? {})
      .filter(([, s]) => s.decision)
      .sort(([, a], [, b]) => ms(a.decided!) - ms(b.decided!));
    for (const [committee, stage] of decided) {
      const [chair, member] = chairs[committee as keyof typeof chairs];
      const rationale =
        stage.decision === 'reject'
          ? `Military end use by Harbin Institute of Technology in China cannot be excluded; ${w.researcher.name} was told so by ${w.otherResearcher.name}. The partner's defence links are documented in several public sources, and any further cooperation with its laboratories would need an export licence.`
          : stage.decision === 'escalate'
            ? 'A strategic question for the university board: the partner is of national importance.'
            : stage.decision === 'approve_with_conditions'
              ? 'Acceptable with safeguards & an export licence check.'
              : 'No concerns.';
      await w.decideStage(id, committee, chair, member, {
        decision: stage.decision,
        rationale,
        conditions: stage.decision === 'approve_with_conditions' ? conditions : undefined,
      });
    }
    if (plan.escalated && plan.closed) {
      await w.expectOk(
        await w.post(w.leadership, `/cases/${id}/leadership-decision`, {
          decision: 'approve',
          rationale: 'Strategically important',
        }),
      );
    }
    if (plan.conditionsMet) {
      const kase = await w.expectOk(await w.get(w.io, `/cases/${id}`));
      await w.expectOk(
        await w.patch(w.researcher, `/cases/${id}/conditions/${kase.outcome.conditions[0].id}`, { status: 'met' }),
      );
    }
    return id;
  }

  /** Moves the case onto the PLAN's timeline (see the comment at the top). */
  async function pin(plan: CasePlan, id: string): Promise<void> {
    const cases = db.getRepository(Case);
    await cases.update(
      { id },
      {
        reference: reference(plan),
        submittedAt: plan.submitted ? at(plan.submitted) : null,
        decidedAt: plan.closed && plan.outcome !== 'withdrawn' ? at(plan.closed) : null,
      },
    );
    for (const [committee, stage] of Object.entries(plan.stages ?? {})) {
      const waitingMs = (stage.waitingDays ?? 0) * 86_400_000;
      const dueAt = new Date(addWorkingDays(at(stage.opened), TARGET_WORKING_DAYS[committee]).getTime() + waitingMs);
      await db
        .getRepository(CaseStage)
        .update(
          { caseId: id, committeeKey: committee },
          { openedAt: at(stage.opened), dueAt, decidedAt: stage.decided ? at(stage.decided) : null, waitingMs },
        );
    }
    const events = db.getRepository(CaseEvent);
    if (plan.outcome === 'withdrawn')
      await events.update({ caseId: id, action: 'withdrawn' }, { at: at(plan.closed!) });
    if (plan.escalated) await events.update({ caseId: id, toStatus: 'escalated' }, { at: at(plan.escalated) });
    if (plan.informationRequested)
      await events.update({ caseId: id, action: 'information_requested' }, { at: at(plan.informationRequested) });
    for (const [i, resolved] of (plan.conditionsMet ?? []).entries()) {
      await db.getRepository(CaseCondition).update({ caseId: id, position: i }, { resolvedAt: at(resolved) });
    }
  }

  beforeAll(async () => {
    t = await TestApp.start();
    w = await CaseWorld.create(t);
    db = t.app.get(DataSource);
    for (const plan of PLAN) ids.set(plan.key, await build(plan));
    for (const plan of PLAN) await pin(plan, ids.get(plan.key)!);
    for (const language of ['en', 'nl'] as const) {
      reports[language] = await w.expectOk(await w.post(w.io, '/reports', { ...PERIOD, language }), 201);
      // The generation date shows on the report: pin it too.
      await db
        .getRepository(Report)
        .update({ id: reports[language].id }, { createdAt: new Date('2025-04-02T10:00:00Z') });
    }
  });

  afterAll(async () => {
    await t?.close();
  });

  it('answers 201 with the stored snapshot, hashed over the canonical JSON of {from, to, language, data}', async () => {
    const report = reports.en;
    expect(report).toMatchObject({
      id: expect.any(String),
      ...PERIOD,
      language: 'en',
      createdAt: expect.any(String),
      published: false,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const hash = createHash('sha256')
      .update(canonical({ from: report.from, to: report.to, language: report.language, data: report.data }))
      .digest('hex');
    expect(report.sha256).toBe(hash);
    const again = await w.expectOk(await w.get(w.io, `/reports/${report.id}`));
    expect(again.data).toEqual(report.data);
    expect(again.sha256).toBe(report.sha256);
    // Same figures, other language: only the language-dependent names differ, so the hash does too.
    expect(reports.nl.data.totals).toEqual(report.data.totals);
    expect(reports.nl.sha256).not.toBe(report.sha256);
  });

  it('holds at least the figures the contract lists, in its shape', () => {
    const { data } = reports.en;
    const totals = [
      'submitted',
      'approved',
      'approvedWithConditions',
      'rejected',
      'withdrawn',
      'clearedWithoutReview',
      'escalated',
      'openAtEnd',
    ];
    const keys = (o: object) => Object.keys(o);
    expect(keys(data)).toEqual(
      expect.arrayContaining(['totals', 'byType', 'byCommittee', 'byRegion', 'conditions', 'notable', 'previous']),
    );
    expect(keys(data.totals)).toEqual(expect.arrayContaining(totals));
    expect(keys(data.byType[0])).toEqual(
      expect.arrayContaining(['type', 'submitted', 'approved', 'approvedWithConditions', 'rejected']),
    );
    expect(keys(data.byCommittee[0])).toEqual(
      expect.arrayContaining([
        'committee',
        'reviewed',
        'decisions',
        'turnaroundDays',
        'withinTargetShare',
        'overdueOpen',
      ]),
    );
    expect(keys(data.byCommittee[0].decisions).sort()).toEqual([
      'approve',
      'approve_with_conditions',
      'escalate',
      'reject',
      'request_information',
    ]);
    expect(keys(data.byCommittee[0].turnaroundDays).sort()).toEqual(['median', 'p90']);
    expect(keys(data.byRegion[0])).toEqual(expect.arrayContaining(['region', 'cases', 'countries']));
    expect(keys(data.byRegion[0].countries[0])).toEqual(expect.arrayContaining(['country', 'cases']));
    expect(keys(data.conditions).sort()).toEqual(['imposed', 'met', 'open', 'waived']);
    expect(keys(data.notable[0])).toEqual(
      expect.arrayContaining([
        'reference',
        'type',
        'region',
        'country',
        'partnerTypes',
        'technologyAreas',
        'outcome',
        'rationale',
      ]),
    );
    expect(keys(data.previous).sort()).toEqual(['from', 'to', 'totals']);
    expect(keys(data.previous.totals)).toEqual(expect.arrayContaining(totals));
  });

  it('counts the totals, per type and for the previous period as the cases themselves say', () => {
    const { data } = reports.en;
    const current = expectedTotals(START, END);
    const previous = expectedTotals(PREVIOUS_START, START);
    expect(data.totals).toEqual(current.totals);
    expect(data.previous).toEqual({ ...PREVIOUS, totals: previous.totals });
    for (const type of ['partnership', 'mobility']) {
      const ofType = current.cases.filter((p) => p.type === type);
      const row = data.byType.find((r: { type: string }) => r.type === type);
      expect(row).toMatchObject({
        submitted: ofType.filter((p) => ms(p.submitted!) >= START).length,
        approved: ofType.filter((p) => p.outcome === 'approved' && ms(p.closed!) < END).length,
        approvedWithConditions: ofType.filter((p) => p.outcome === 'approved_with_conditions').length,
        rejected: ofType.filter((p) => p.outcome === 'rejected').length,
      });
    }
    // A sanity check on the plan itself, so that the counting above is not vacuous.
    expect(current.totals).toEqual({
      submitted: 12,
      approved: 3,
      approvedWithConditions: 1,
      rejected: 1,
      withdrawn: 1,
      clearedWithoutReview: 4,
      escalated: 2,
      openAtEnd: 3,
    });
  });

  it('counts per committee: decisions, questions, turnaround without waiting time, within target, overdue', () => {
    const { cases } = expectedTotals(START, END);
    for (const committee of Object.keys(TARGET_WORKING_DAYS)) {
      const stages = cases.flatMap((p) => (p.stages?.[committee] ? [{ plan: p, stage: p.stages[committee] }] : []));
      const decided = stages.filter(({ stage }) => stage.decided && ms(stage.decided) < END);
      const days = decided.map(
        ({ stage }) => (ms(stage.decided!) - ms(stage.opened)) / 86_400_000 - (stage.waitingDays ?? 0),
      );
      const due = (s: StagePlan, c: string) =>
        addWorkingDays(at(s.opened), TARGET_WORKING_DAYS[c]).getTime() + (s.waitingDays ?? 0) * 86_400_000;
      const row = reports.en.data.byCommittee.find((c: { committee: string }) => c.committee === committee);
      const kind = (d: string) => decided.filter(({ stage }) => stage.decision === d).length;
      expect(row).toMatchObject({
        reviewed: decided.length,
        decisions: {
          approve: kind('approve'),
          approve_with_conditions: kind('approve_with_conditions'),
          reject: kind('reject'),
          escalate: kind('escalate'),
          request_information: cases.filter((p) => p.informationRequested && p.stages?.[committee]).length,
        },
        overdueOpen: stages.filter(
          ({ plan, stage }) =>
            (!plan.closed || ms(plan.closed) >= END) && !stage.decided && due(stage, committee) < END,
        ).length,
      });
      expect(row.withinTargetShare).toBeCloseTo(
        decided.filter(({ stage }) => ms(stage.decided!) <= due(stage, committee)).length / decided.length,
        3,
      );
      // Reported with one decimal: at most half a tenth off the exact value.
      expect(Math.abs(row.turnaroundDays.median - percentileOf(days, 0.5)!)).toBeLessThanOrEqual(0.05 + 1e-9);
      expect(Math.abs(row.turnaroundDays.p90 - percentileOf(days, 0.9)!)).toBeLessThanOrEqual(0.05 + 1e-9);
    }
    const rd = reports.en.data.byCommittee.find((c: { committee: string }) => c.committee === 'risk_destinations');
    expect(rd).toMatchObject({
      reviewed: 2,
      overdueOpen: 1,
      decisions: { request_information: 1 },
      turnaroundDays: { median: 26.8 },
    });
  });

  it('counts conditions imposed, met, waived and open', () => {
    expect(reports.en.data.conditions).toEqual({ imposed: 2, met: 1, waived: 0, open: 1 });
  });

  it('counts per region and country, merging countries with fewer than 5 cases into "other"', () => {
    const { cases } = expectedTotals(START, END);
    const count = (codes: string[]) => cases.filter((p) => p.countries.some((c) => codes.includes(c))).length;
    expect(count(['DE'])).toBeGreaterThanOrEqual(5);
    expect(count(['CN'])).toBeLessThan(5);
    expect(count(['UA'])).toBeLessThan(5);
    expect(reports.en.data.byRegion).toEqual([
      {
        region: 'europe',
        cases: count(['DE', 'UA', 'FR']),
        countries: [
          { country: 'DE', name: 'Germany', cases: count(['DE']) },
          { country: 'other', name: null, cases: count(['UA', 'FR']) },
        ],
      },
      { region: 'asia', cases: count(['CN']), countries: [{ country: 'other', name: null, cases: count(['CN']) }] },
    ]);
    expect(reports.nl.data.byRegion[0].countries[0].name).toBe('Duitsland');
    // A suppressed country is named nowhere, not even in a notable case's line.
    const text = JSON.stringify(reports.en.data);
    for (const small of ['CN', 'UA', 'FR', 'China', 'Ukraine', 'France']) expect(text).not.toContain(`"${small}"`);
  });

  it('lists notable cases anonymised, one line each', async () => {
    const notable = PLAN.filter((p) => p.notable);
    expect(reports.en.data.notable.map((n: { reference: string }) => n.reference)).toEqual(notable.map(reference));
    expect(reports.en.data.notableTotal).toBe(notable.length);
    const [b, c, d, e] = reports.en.data.notable;
    expect(b).toEqual({
      reference: reference(notable[0]),
      type: 'partnership',
      region: 'asia',
      country: null,
      countryName: null,
      partnerTypes: ['university'],
      technologyAreas: ['artificial_intelligence', 'advanced_sensing'],
      outcome: 'approved_with_conditions',
      escalated: false,
      rationale: 'Acceptable with safeguards & an export licence check.',
    });
    expect(c).toMatchObject({ outcome: 'rejected', escalated: false, region: 'asia', country: null });
    expect(d).toMatchObject({
      outcome: 'approved',
      escalated: true,
      region: 'europe',
      country: 'DE',
      partnerTypes: ['university', 'research_institute'],
    });
    expect(e).toMatchObject({ outcome: 'escalated', escalated: true });
    // Names of people and partners are withheld from the chair's rationale, which is shortened to one line.
    expect(c.rationale).not.toContain(w.researcher.name);
    expect(c.rationale).not.toContain('Harbin');
    // ... and so are users outside the case, and a country whose cell is suppressed.
    expect(c.rationale).toMatch(
      /^Military end use by \[…\] in \[…\] cannot be excluded; \[…\] was told so by \[…\]\..*…$/,
    );
    expect([...c.rationale].length).toBeLessThanOrEqual(160);
    const everything = JSON.stringify(reports.en.data) + (await w.get(w.io, `/reports/${reports.en.id}/markdown`)).text;
    for (const user of [
      w.researcher,
      w.ksChair,
      w.ksMember,
      w.dueChair,
      w.dueMember,
      w.rdChair,
      w.rdMember,
      w.leadership,
    ])
      expect(everything).not.toContain(user.name);
    for (const secret of ['Fine by me', 'Technische Universität', 'Harbin', 'Joint PhD', 'Machine learning for radar'])
      expect(everything).not.toContain(secret);
  });

  it.each([
    ['en', 'html'],
    ['en', 'markdown'],
    ['nl', 'html'],
    ['nl', 'markdown'],
  ] as const)(
    'renders the %s %s report as in its golden file, byte-identical on every call',
    async (language, format) => {
      const first = await w.get(w.io, `/reports/${reports[language].id}/${format}`);
      expect(first.status).toBe(200);
      expect(first.headers['content-type']).toBe(
        format === 'html' ? 'text/html; charset=utf-8' : 'text/markdown; charset=utf-8',
      );
      const second = await w.get(w.leadership, `/reports/${reports[language].id}/${format}`);
      expect(second.text).toBe(first.text);
      golden(`council-2025-q1.${language}.${format === 'html' ? 'html' : 'md'}`, first.text);
    },
  );

  it('renders a self-contained HTML page fit for A4 printing', async () => {
    const html = (await w.get(w.io, `/reports/${reports.nl.id}/html`)).text;
    expect(html).toMatch(/^<!DOCTYPE html>\n<html lang="nl">/);
    expect(html).toContain('@page { size: A4;');
    expect(html).not.toMatch(/<(link|script|img|iframe)\b/i);
    expect(html).not.toMatch(/(src|href)=/i);
    expect(html).toContain('1 januari 2025 tot en met 31 maart 2025');
  });

  it('lets the International Office publish, after which the council reads the report; leadership reads every report', async () => {
    const id = reports.en.id;
    const listed = async (user: typeof w.council) =>
      ((await w.expectOk(await w.get(user, '/reports'))).items as { id: string }[]).map((r) => r.id);
    expect(await listed(w.council)).not.toContain(id);
    for (const path of [`/reports/${id}`, `/reports/${id}/html`, `/reports/${id}/markdown`]) {
      expect((await w.get(w.council, path)).status).toBe(404);
      expect((await w.get(w.leadership, path)).status).toBe(200);
    }
    expect(await listed(w.leadership)).toEqual(expect.arrayContaining([reports.en.id, reports.nl.id]));
    expect((await w.post(w.leadership, `/reports/${id}/publish`)).status).toBe(403);
    expect((await w.post(w.council, `/reports/${id}/publish`)).status).toBe(403);

    const htmlBefore = (await w.get(w.io, `/reports/${id}/html`)).text;
    const published = await w.expectOk(await w.post(w.io, `/reports/${id}/publish`));
    expect(published).toMatchObject({
      id,
      published: true,
      publishedAt: expect.any(String),
      sha256: reports.en.sha256,
    });
    expect((await w.post(w.io, `/reports/${id}/publish`)).status).toBe(409);

    expect(await listed(w.council)).toEqual([id]);
    expect(await w.expectOk(await w.get(w.council, `/reports/${id}`))).toMatchObject({
      id,
      published: true,
      data: reports.en.data,
    });
    expect((await w.get(w.council, `/reports/${id}/html`)).text).toBe(htmlBefore);
    expect((await w.get(w.council, `/reports/${reports.nl.id}`)).status).toBe(404);
  });

  it('refuses reports to everyone else', async () => {
    for (const user of [w.researcher, w.ksChair, w.admin]) {
      expect((await w.post(user, '/reports', { ...PERIOD, language: 'en' })).status).toBe(403);
      expect((await w.get(user, '/reports')).status).toBe(403);
      expect((await w.get(user, `/reports/${reports.en.id}`)).status).toBe(403);
      expect((await w.get(user, `/reports/${reports.en.id}/html`)).status).toBe(403);
    }
    expect((await w.post(w.leadership, '/reports', { ...PERIOD, language: 'en' })).status).toBe(403);
    expect((await w.post(w.council, '/reports', { ...PERIOD, language: 'en' })).status).toBe(403);
    expect((await t.http().get(`/api/reports/${reports.en.id}`)).status).toBe(401);
  });

  it.each([
    ['from after to', { from: '2025-03-31', to: '2025-01-01', language: 'en' }, ['from', 'to']],
    ['a date that does not exist', { from: '2025-02-30', to: '2025-03-31', language: 'en' }, ['from']],
    ['a date with a time', { from: '2025-01-01T00:00:00Z', to: '2025-03-31', language: 'en' }, ['from']],
    ['an unknown language', { from: '2025-01-01', to: '2025-03-31', language: 'de' }, ['language']],
    ['a missing field', { from: '2025-01-01', language: 'en' }, ['to']],
    ['an unknown field', { ...PERIOD, language: 'en', title: 'x' }, ['title']],
  ])('answers 400 naming the fields for %s, and stores nothing', async (_label, body, fields) => {
    const before = (await w.get(w.io, '/reports')).body.total;
    const res = await w.post(w.io, '/reports', body);
    expect(res.status).toBe(400);
    for (const field of fields) expect(JSON.stringify(res.body.message)).toContain(field);
    expect((await w.get(w.io, '/reports')).body.total).toBe(before);
  });

  it('answers 404 for an unknown report and 400 for a malformed id', async () => {
    expect((await w.get(w.io, '/reports/00000000-0000-4000-8000-000000000000')).status).toBe(404);
    expect((await w.get(w.io, '/reports/not-a-uuid/html')).status).toBe(400);
  });

  it.each(['en', 'nl'] as const)('renders a sensible report for a period without cases (%s)', async (language) => {
    const empty = await w.expectOk(
      await w.post(w.io, '/reports', { from: '2020-06-01', to: '2020-06-30', language }),
      201,
    );
    expect(empty.data.totals).toEqual({
      submitted: 0,
      approved: 0,
      approvedWithConditions: 0,
      rejected: 0,
      withdrawn: 0,
      clearedWithoutReview: 0,
      escalated: 0,
      openAtEnd: 0,
    });
    expect(empty.data).toMatchObject({
      byRegion: [],
      notable: [],
      notableTotal: 0,
      conditions: { imposed: 0, met: 0, waived: 0, open: 0 },
      previous: { from: '2020-05-02', to: '2020-05-31' },
    });
    expect(empty.data.byCommittee.map((c: { committee: string }) => c.committee)).toEqual([
      'dual_use_ethics',
      'knowledge_security',
      'risk_destinations',
    ]);
    expect(empty.data.byCommittee[0]).toMatchObject({
      reviewed: 0,
      turnaroundDays: { median: null, p90: null },
      withinTargetShare: null,
    });
    const html = (await w.get(w.io, `/reports/${empty.id}/html`)).text;
    const markdown = (await w.get(w.io, `/reports/${empty.id}/markdown`)).text;
    const sentence =
      language === 'en' ? 'There were no cases in this period' : 'In deze periode waren er geen aanvragen';
    expect(html).toContain(sentence);
    expect(markdown).toContain(sentence);
    expect(html).not.toContain(language === 'en' ? '<h2>Notable cases</h2>' : '<h2>Opvallende aanvragen</h2>');
    expect(markdown).toContain(language === 'en' ? '| Submitted | 0 | 0 | 0 |' : '| Ingediend | 0 | 0 | 0 |');
  });
});
