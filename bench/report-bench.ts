// Council report over a year of data: 50,000 synthetic cases (with their stages, conditions,
// countries and audit events) bulk-inserted into a fresh SQLite file, then a report generated and
// rendered as the API does it.
//
//   npm run build && node dist/bench/report-bench.js [--cases 50000] [--runs 5] [--keep]
//
// Prints the time to insert the data, then per run the time to generate the report (aggregation
// in SQL, building the data, hashing, storing the snapshot) and to render it as HTML and Markdown.
// The cases are spread evenly over 2024 and 2025; the report covers 2025, compared with 2024.
process.env.TZ = 'UTC';

import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource, QueryRunner } from 'typeorm';
import { AbilityFactory } from '../src/authorization/ability.factory';
import { AuthUser } from '../src/authorization/auth-user';
import { CommitteesRepository } from '../src/committees/committees.repository';
import { UsersRepository } from '../src/users/users.repository';
import { CountriesRepository } from '../src/countries/countries.repository';
import { databaseOptions } from '../src/database/database-options';
import { SystemClock } from '../src/common/clock';
import { ReadConnection } from '../src/database/read-connection';
import { TransactionRunner } from '../src/database/transaction-runner';
import { ReportFiguresRepository } from '../src/reports/data/report-figures.repository';
import { ReportRenderer } from '../src/reports/render/report-renderer';
import { ReportsRepository } from '../src/reports/reports.repository';
import { intlCountryNames, ReportsService } from '../src/reports/reports.service';
import { findTemplatesDir, TemplateRenderer } from '../src/reports/render/template-renderer';
import { addWorkingDays } from '../src/workflow/working-days';
import { seededRandom } from './support/seeded-random';

const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const CASES = option('cases', 50_000);
const RUNS = option('runs', 5);
const KEEP = args.includes('--keep');

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2024, 0, 1);
const DAYS = 731;
const COMMITTEES = { risk_destinations: 10, knowledge_security: 15, dual_use_ethics: 20 } as const;
type CommitteeKey = keyof typeof COMMITTEES;
// Many countries, a few of them frequent: the report has both named countries and small cells.
const FREQUENT = [
  'DE',
  'CN',
  'US',
  'GB',
  'FR',
  'NL',
  'BE',
  'IN',
  'JP',
  'BR',
  'ZA',
  'AU',
  'CA',
  'IL',
  'TR',
  'UA',
  'KR',
  'SG',
];
const RARE = [
  'IR',
  'RU',
  'BY',
  'KP',
  'SY',
  'MM',
  'VE',
  'CU',
  'LY',
  'SD',
  'AF',
  'IQ',
  'YE',
  'SO',
  'ML',
  'NE',
  'TD',
  'ER',
  'BI',
  'CF',
  'SS',
  'HT',
  'NI',
  'LB',
  'PK',
  'BD',
  'LK',
  'NP',
  'KH',
  'LA',
  'MN',
  'KZ',
  'UZ',
  'TJ',
  'KG',
  'TM',
  'AZ',
  'AM',
  'GE',
  'MD',
];
const PARTNER_TYPES = [
  'university',
  'university',
  'university',
  'research_institute',
  'company',
  'government',
  'government_security',
  'military',
  'defence_industry',
  'ngo',
];
const AREAS = [
  'advanced_semiconductors',
  'artificial_intelligence',
  'quantum',
  'biotechnologies',
  'advanced_connectivity',
  'advanced_sensing',
  'space_propulsion',
  'energy',
  'robotics_autonomous',
  'advanced_materials',
];

const { next: rnd, pick, between } = seededRandom(42);
const stamp = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

type Row = (string | number | null)[];

class Table {
  rows: Row[] = [];
  constructor(
    readonly name: string,
    readonly columns: string[],
  ) {}
  add(...row: Row) {
    this.rows.push(row);
  }
}

async function bulkInsert(runner: QueryRunner, table: Table): Promise<void> {
  const perStatement = Math.max(1, Math.floor(30_000 / table.columns.length));
  const columns = table.columns.map((c) => `"${c}"`).join(', ');
  for (let i = 0; i < table.rows.length; i += perStatement) {
    const chunk = table.rows.slice(i, i + perStatement);
    const values = chunk.map((row) => `(${row.map(() => '?').join(', ')})`).join(', ');
    await runner.query(`INSERT INTO "${table.name}" (${columns}) VALUES ${values}`, chunk.flat());
  }
}

function generate(applicantId: string, chairs: Record<CommitteeKey, string>) {
  const cases = new Table('cases', [
    'id',
    'reference',
    'type',
    'title',
    'summary',
    'department',
    'applicantId',
    'status',
    'partners',
    'destinations',
    'technologyAreas',
    'dualUse',
    'funding',
    'startDate',
    'endDate',
    'searchText',
    'route',
    'ruleSetVersion',
    'screeningHits',
    'outcome',
    'informationRequest',
    'waitingMs',
    'version',
    'createdAt',
    'submittedAt',
    'decidedAt',
    'updatedAt',
  ]);
  const stages = new Table('case_stages', [
    'id',
    'caseId',
    'committeeKey',
    'status',
    'openedAt',
    'dueAt',
    'pausedAt',
    'waitingMs',
    'decision',
    'rationale',
    'conditions',
    'decidedAt',
    'decidedById',
  ]);
  const conditions = new Table('case_conditions', [
    'id',
    'caseId',
    'position',
    'text',
    'source',
    'status',
    'waiverReason',
    'resolvedAt',
    'resolvedById',
  ]);
  const countries = new Table('case_countries', ['caseId', 'countryCode']);
  const events = new Table('case_events', [
    'id',
    'caseId',
    'seq',
    'at',
    'actorId',
    'action',
    'fromStatus',
    'toStatus',
    'details',
    'confidentialDetails',
    'confidential',
    'actingForCommittee',
    'prevHash',
    'hash',
  ]);
  const counters = new Map<number, number>();

  for (let n = 0; n < CASES; n++) {
    const id = randomUUID();
    const created = FIRST_DAY + Math.floor(rnd() * DAYS * DAY);
    const year = new Date(created).getUTCFullYear();
    counters.set(year, (counters.get(year) ?? 0) + 1);
    const reference = `IRR-${year}-${String(counters.get(year)).padStart(5, '0')}`;
    const type = rnd() < 0.7 ? 'partnership' : 'mobility';
    const codes = [
      ...new Set(Array.from({ length: between(1, 3) }, () => (rnd() < 0.93 ? pick(FREQUENT) : pick(RARE)))),
    ];
    const partners = codes.map((country, i) => ({
      name: `Partner organisation ${n}-${i}`,
      country,
      type: pick(PARTNER_TYPES),
    }));
    const destinations =
      type === 'mobility' ? [{ country: codes[0], city: 'City', from: '2026-01-01', to: '2026-01-14' }] : [];
    const areas = rnd() < 0.4 ? [pick(AREAS), pick(AREAS)].filter((a, i, all) => all.indexOf(a) === i) : [];
    const r = rnd();
    const outcome =
      r < 0.05
        ? 'draft'
        : r < 0.1
          ? 'triage'
          : r < 0.36
            ? 'cleared'
            : r < 0.58
              ? 'approved'
              : r < 0.72
                ? 'approved_with_conditions'
                : r < 0.8
                  ? 'rejected'
                  : r < 0.85
                    ? 'withdrawn'
                    : r < 0.88
                      ? 'escalated_decided'
                      : r < 0.89
                        ? 'escalated'
                        : 'in_review';
    const submitted = outcome === 'draft' ? null : created + between(0, 3) * DAY + between(0, 8 * 3600) * 1000;
    let status = outcome === 'cleared' || outcome === 'escalated_decided' ? 'approved' : outcome;
    let decided: number | null = null;
    let seq = 0;
    const event = (
      at: number,
      action: string,
      from: string | null,
      to: string | null,
      committee: string | null = null,
    ) =>
      events.add(
        randomUUID(),
        id,
        ++seq,
        stamp(at),
        applicantId,
        action,
        from,
        to,
        '{}',
        null,
        0,
        committee,
        '0'.repeat(64),
        '1'.repeat(64),
      );
    event(created, 'created', null, 'draft');

    if (submitted !== null) {
      event(submitted, 'submitted', 'draft', 'triage');
      if (outcome === 'cleared') {
        decided = submitted + between(1, 5) * DAY;
        event(decided, 'cleared', 'triage', 'approved');
      } else if (outcome === 'withdrawn') {
        event(submitted + between(1, 30) * DAY, 'withdrawn', 'triage', 'withdrawn');
      } else if (outcome !== 'triage') {
        const opened = submitted + between(1, 4) * DAY;
        event(opened, 'route_confirmed', 'triage', 'in_review');
        const keys = (Object.keys(COMMITTEES) as CommitteeKey[]).filter(() => rnd() < 0.5);
        if (keys.length === 0) keys.push(pick(Object.keys(COMMITTEES) as CommitteeKey[]));
        const rejecting = outcome === 'rejected' ? pick(keys) : null;
        const escalating = outcome.startsWith('escalated') ? pick(keys) : null;
        let last = opened;
        for (const key of keys) {
          const waiting = rnd() < 0.15 ? between(1, 10) * DAY : 0;
          if (waiting) event(opened + DAY, 'information_requested', 'in_review', 'information_requested', key);
          const open = outcome === 'in_review' && rnd() < 0.7;
          const decidedAt = open ? null : opened + between(2, 50) * DAY + between(0, 8 * 3600) * 1000 + waiting;
          const decision = open
            ? null
            : key === rejecting
              ? 'reject'
              : key === escalating
                ? 'escalate'
                : outcome === 'approved_with_conditions'
                  ? 'approve_with_conditions'
                  : 'approve';
          const cancelled = outcome === 'rejected' && key !== rejecting && rnd() < 0.5;
          stages.add(
            randomUUID(),
            id,
            key,
            cancelled ? 'cancelled' : decision ? 'decided' : 'open',
            stamp(opened),
            stamp(addWorkingDays(new Date(opened), COMMITTEES[key]).getTime() + waiting),
            null,
            waiting,
            cancelled ? null : decision,
            decision ? `Rationale of the ${key} committee for case ${n}.` : null,
            decision === 'approve_with_conditions' ? '["A condition"]' : null,
            cancelled || !decidedAt ? null : stamp(decidedAt),
            decision ? chairs[key] : null,
          );
          if (decidedAt && !cancelled) {
            last = Math.max(last, decidedAt);
            event(decidedAt, 'stage_decided', 'in_review', 'in_review', key);
          }
        }
        if (outcome.startsWith('escalated')) {
          event(last, 'stage_decided', 'in_review', 'escalated', escalating);
          if (outcome === 'escalated_decided') decided = last + between(3, 30) * DAY;
        } else if (outcome !== 'in_review') {
          decided = last;
        }
        if (outcome === 'approved_with_conditions') {
          for (let p = 0; p < between(1, 3); p++) {
            const s = rnd();
            const resolved = s < 0.6 ? decided! + between(5, 120) * DAY : null;
            conditions.add(
              randomUUID(),
              id,
              p,
              `Condition ${p + 1}`,
              pick(Object.keys(COMMITTEES)),
              resolved === null ? 'open' : s < 0.5 ? 'met' : 'waived',
              s >= 0.5 && resolved ? 'Not needed' : null,
              resolved === null ? null : stamp(resolved),
              null,
            );
          }
        }
      }
    }
    if (outcome === 'escalated') status = 'escalated';
    for (const code of codes) countries.add(id, code);
    const summary = `Joint research on topic ${n}: `.padEnd(400, 'lorem ipsum dolor sit amet ');
    cases.add(
      id,
      reference,
      type,
      `Proposal ${n}`,
      summary,
      'Faculty of Science',
      applicantId,
      status,
      JSON.stringify(partners),
      JSON.stringify(destinations),
      JSON.stringify(areas),
      JSON.stringify({
        annexICategories: [],
        militaryEndUse: false,
        misusePotential: false,
        humanRightsConcern: false,
        details: null,
      }),
      '[{"source":"NWO","type":"national"}]',
      '2026-01-01',
      '2027-12-31',
      `${reference.toLowerCase()} | proposal ${n}`,
      '[]',
      submitted === null ? null : '2025.1',
      '[]',
      decided === null
        ? null
        : JSON.stringify({
            decision: status,
            decidedAt: new Date(decided).toISOString(),
            rationale: 'x',
            decidedBy: 'committees',
          }),
      null,
      0,
      seq,
      stamp(created),
      submitted === null ? null : stamp(submitted),
      decided === null ? null : stamp(decided),
      stamp(decided ?? submitted ?? created),
    );
  }
  return [cases, stages, conditions, countries, events];
}

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'report-bench-'));
  const file = join(dir, 'bench.sqlite');
  const dataSource = new DataSource(databaseOptions(`sqlite:${file}`));
  await dataSource.initialize();
  try {
    await dataSource.runMigrations();
    const userId = async (name: string) => {
      const id = randomUUID();
      await dataSource.query(
        `INSERT INTO users (id, email, name, department, "passwordHash", active, "tokenVersion") VALUES (?, ?, ?, NULL, 'x', 1, 1)`,
        [id, `${name}@bench.example`, name],
      );
      return id;
    };
    const applicantId = await userId('applicant');
    const io = await userId('international-office');
    const chairs = {
      risk_destinations: await userId('rd-chair'),
      knowledge_security: await userId('ks-chair'),
      dual_use_ethics: await userId('due-chair'),
    };

    let started = process.hrtime.bigint();
    const tables = generate(applicantId, chairs);
    const runner = dataSource.createQueryRunner();
    await runner.startTransaction();
    for (const table of tables) await bulkInsert(runner, table);
    await runner.commitTransaction();
    await runner.release();
    await dataSource.query('ANALYZE');
    console.log(
      `inserted ${tables.map((t) => `${t.rows.length} ${t.name}`).join(', ')} in ${(ms(started) / 1000).toFixed(1)} s; database ${(statSync(file).size / 1e6).toFixed(0)} MB`,
    );

    const transactions = new TransactionRunner(dataSource);
    const renderer = new ReportRenderer(new TemplateRenderer(findTemplatesDir()));
    renderer.onModuleInit();
    const service = new ReportsService(
      new ReportsRepository(dataSource),
      new SystemClock(),
      new ReportFiguresRepository(),
      renderer,
      transactions,
      new AbilityFactory(),
      new CommitteesRepository(dataSource, transactions),
      new CountriesRepository(dataSource, transactions),
      new UsersRepository(dataSource, transactions, new SystemClock(), new ReadConnection(dataSource)),
      intlCountryNames(),
    );
    const actor: AuthUser = {
      id: io,
      email: 'io@bench.example',
      name: 'International Office',
      roles: ['international_office'],
      committees: [],
      language: 'en',
    };

    const generation: number[] = [];
    const rendering: number[] = [];
    let last: Awaited<ReturnType<ReportsService['generate']>> | undefined;
    for (let run = 0; run < RUNS; run++) {
      started = process.hrtime.bigint();
      last = await service.generate(actor, { from: '2025-01-01', to: '2025-12-31', language: run % 2 ? 'nl' : 'en' });
      generation.push(ms(started));
      started = process.hrtime.bigint();
      const html = await service.render(actor, last.id, 'html');
      await service.render(actor, last.id, 'markdown');
      rendering.push(ms(started));
      console.log(
        `run ${run + 1}: generate ${generation.at(-1)!.toFixed(0)} ms, render HTML (${(html.length / 1024).toFixed(0)} KB) + Markdown ${rendering.at(-1)!.toFixed(0)} ms`,
      );
    }
    const t = last!.data.totals;
    console.log(
      `report 2025: ${t.submitted} submitted, ${t.approved + t.approvedWithConditions + t.rejected + t.clearedWithoutReview} decided, ${t.openAtEnd} open at end, ` +
        `${last!.data.byRegion.length} regions, ${last!.data.notableTotal} notable (${last!.data.notable.length} listed)`,
    );
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    console.log(
      `generate a year's report over ${CASES} cases: median ${median(generation).toFixed(0)} ms (min ${Math.min(...generation).toFixed(0)}, first ${generation[0].toFixed(0)}); render both formats: median ${median(rendering).toFixed(0)} ms`,
    );
  } finally {
    await dataSource.destroy();
    if (KEEP) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
