import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { ColumnMetadata } from 'typeorm/metadata/ColumnMetadata';
import { AuthUser } from '../authorization/auth-user';
import { DomainError } from '../common/domain-error';
import { CaseErrorCode } from './case.errors';
import { Case, CaseCondition, CaseReferenceCounter, CaseStage, Opinion } from './case.entity';
import { CaseReadModel } from './case-response.mapper';
import { isTrue, ReadConnection, Row } from '../database/read-connection';
import { DECIDED_STATUSES } from '../domain/case.types';
import { CaseQuery } from './dto/case-query.dto';
import { ScreeningHitDecisionRecord } from './screening-hit-decision.entity';
import { ClearedEntry } from './screening-hits';

const CASE_RELATIONS = {
  applicant: true,
  stages: { reviewers: { reviewer: true }, opinions: { reviewer: true } },
  conditions: true,
  conflicts: true,
} as const;

/** The columns a case response shows (with the ones the rules look at): not the search text or the clocks. */
const CASE_COLUMNS = [
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
  'route',
  'ruleSetVersion',
  'screeningHits',
  'outcome',
  'informationRequest',
  'version',
  'createdAt',
  'submittedAt',
  'updatedAt',
] as const satisfies readonly (keyof Case)[];
const STAGE_COLUMNS = [
  'id',
  'caseId',
  'committeeKey',
  'status',
  'openedAt',
  'dueAt',
  'decision',
  'rationale',
  'conditions',
  'decidedAt',
] as const satisfies readonly (keyof CaseStage)[];
const CONDITION_COLUMNS = [
  'id',
  'caseId',
  'position',
  'text',
  'status',
  'waiverReason',
] as const satisfies readonly (keyof CaseCondition)[];

/** The list's order: newest first (IDX_cases_created and its per-applicant and per-status twins serve it). */
const ORDER = 'ORDER BY c."createdAt" DESC, c."reference" DESC';

/** Enough for every user's lists with a few filters each; the oldest kept total goes first. */
const MAX_KEPT_TOTALS = 2000;

/**
 * Reads raw rows of one entity's columns into plain objects exactly as TypeORM hydrates those
 * columns (dates, JSON, transformers, per driver), without its relation join machinery.
 */
class ColumnReader<T, K extends keyof T & string> {
  private readonly columns: [K, ColumnMetadata][];

  constructor(
    private readonly dataSource: DataSource,
    entity: new () => T,
    properties: readonly K[],
  ) {
    const metadata = dataSource.getMetadata(entity);
    this.columns = properties.map((p) => [p, metadata.findColumnWithPropertyName(p)!]);
  }

  /** `alias."column" AS "property"` for each column. */
  select(alias: string): string {
    return this.columns.map(([p, c]) => `${alias}."${c.databaseName}" AS "${p}"`).join(', ');
  }

  read(row: Row): Pick<T, K> {
    const out = {} as Pick<T, K>;
    const driver = this.dataSource.driver;
    for (const [p, c] of this.columns) out[p] = driver.prepareHydratedValue(row[p], c) as T[K];
    return out;
  }
}

@Injectable()
export class CasesRepository {
  private readers?: {
    case: ColumnReader<Case, (typeof CASE_COLUMNS)[number]>;
    stage: ColumnReader<CaseStage, (typeof STAGE_COLUMNS)[number]>;
    condition: ColumnReader<CaseCondition, (typeof CONDITION_COLUMNS)[number]>;
    opinionAt: ColumnMetadata;
  };

  /** Totals of the list by visibility and filters, with the change stamp of the count (see `total`). */
  private readonly totals = new Map<string, { stamp: unknown; total: number }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly reads: ReadConnection,
  ) {}

  /** A case with everything the workflow's changes and checks need (an entity graph, for writes). */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Case | null> {
    return manager.findOne(Case, { where: { id }, relations: CASE_RELATIONS });
  }

  /**
   * A case as responses and the rules read it (committed data only), without the reviewers and
   * opinions of its stages: `loadStagePeople` adds them for a viewer who may read them.
   */
  async findReadModel(viewer: AuthUser, id: string): Promise<CaseReadModel | null> {
    const [kase] = await this.readCases(viewer, await this.selectCases(viewer, 'c."id" = :id', { id }, ''));
    return kase ?? null;
  }

  /**
   * The page of cases the user may read, filtered in SQL, as `findReadModel` reads them, and how
   * many there are. The visibility predicate mirrors the `read Case` rules in
   * src/authorization/rules/ (an integration test compares the two over a seeded set).
   */
  async findVisibleTo(actor: AuthUser, query: CaseQuery): Promise<[CaseReadModel[], number]> {
    const params: Row = {};
    const where = [this.visibility(actor, params), ...this.filters(actor, query, params)].join(' AND ');
    const order = `${ORDER} LIMIT ${query.pageSize} OFFSET ${query.skip}`;
    const rows = await this.selectCases(actor, where, params, order);
    return Promise.all([this.readCases(actor, rows), this.total(where, params, query, rows)]);
  }

  /** Adds the assigned reviewers and the opinions to the stages of these cases. */
  async loadStagePeople(cases: CaseReadModel[]): Promise<void> {
    const stages = new Map(cases.flatMap((c) => c.stages).map((s) => [s.id, s]));
    for (const stage of stages.values()) {
      stage.reviewers = [];
      stage.opinions = [];
    }
    if (stages.size === 0) return;
    const readers = this.columnReaders();
    // One query for both: the assignments (opinion = 0) and the opinions (opinion = 1), with the person's name.
    const rows = await this.reads.query(
      `SELECT sr."stageId" AS "stageId", u."id" AS "id", u."name" AS "name", 0 AS "opinion", NULL AS "recommendation", NULL AS "comment", sr."assignedAt" AS "at"` +
        ` FROM stage_reviewers sr INNER JOIN users u ON u."id" = sr."reviewerId" WHERE sr."stageId" IN (:...stages)` +
        ` UNION ALL SELECT o."stageId", u."id", u."name", 1, o."recommendation", o."comment", o."at"` +
        ` FROM opinions o INNER JOIN users u ON u."id" = o."reviewerId" WHERE o."stageId" IN (:...stages)` +
        ` ORDER BY "opinion", "at", "id"`,
      { stages: [...stages.keys()] },
    );
    for (const row of rows) {
      const stage = stages.get(row.stageId as string)!;
      const reviewer = { id: row.id as string, name: row.name as string };
      if (Number(row.opinion) === 0) stage.reviewers!.push({ reviewer });
      else {
        stage.opinions!.push({
          reviewer,
          recommendation: row.recommendation as Opinion['recommendation'],
          comment: row.comment as string,
          at: this.dataSource.driver.prepareHydratedValue(row.at, readers.opinionAt) as Date,
        });
      }
    }
  }

  /**
   * The rows of the cases matching `where` (over `cases c`), with their applicant, whether the
   * viewer is recused from the case, and the change stamp.
   */
  private selectCases(viewer: AuthUser, where: string, params: Row, order: string): Promise<Row[]> {
    const stamp = this.reads.changeStamp ? `, ${this.reads.changeStamp} AS "stamp"` : '';
    // The page first, then its applicants: joined in one select, SQLite may start from users and sort every case.
    return this.reads.query(
      `SELECT c.*, u."name" AS "applicantName", u."email" AS "applicantEmail",` +
        ` EXISTS (SELECT 1 FROM case_conflicts f WHERE f."caseId" = c."id" AND f."userId" = :viewer) AS "recused"${stamp}` +
        ` FROM (SELECT ${this.columnReaders().case.select('c')} FROM cases c WHERE ${where} ${order}) c` +
        ` INNER JOIN users u ON u."id" = c."applicantId"${order ? ` ${ORDER}` : ''}`,
      { ...params, viewer: viewer.id },
    );
  }

  /**
   * Cases from their rows, with their stages and conditions. Of the case's conflicts only the
   * viewer's own is read: the rules only ask whether the viewer is recused.
   */
  private async readCases(viewer: AuthUser, rows: Row[]): Promise<CaseReadModel[]> {
    if (rows.length === 0) return [];
    const readers = this.columnReaders();
    const cases = rows.map((row): CaseReadModel => {
      const kase = readers.case.read(row);
      // Added to the object read, not spread into a copy: a copy of 24 properties per row cost more than reading them.
      return Object.assign(kase, {
        applicant: { id: kase.applicantId, name: row.applicantName as string, email: row.applicantEmail as string },
        stages: [],
        conditions: [],
        conflicts: isTrue(row.recused) ? [{ userId: viewer.id }] : [],
      });
    });
    const byId = new Map(cases.map((c) => [c.id, c]));
    const ids = [...byId.keys()];
    const decided = cases.filter((c) => c.outcome).map((c) => c.id);
    const [stages, conditions] = await Promise.all([
      this.reads.query(`SELECT ${readers.stage.select('s')} FROM case_stages s WHERE s."caseId" IN (:...ids)`, { ids }),
      decided.length
        ? this.reads.query(
            `SELECT ${readers.condition.select('k')} FROM case_conditions k WHERE k."caseId" IN (:...ids)`,
            { ids: decided },
          )
        : Promise.resolve([]),
    ]);
    for (const row of stages) {
      const stage = readers.stage.read(row);
      byId.get(stage.caseId)!.stages.push(stage);
    }
    for (const row of conditions) {
      const condition = readers.condition.read(row);
      byId.get(condition.caseId)!.conditions.push(condition);
    }
    return cases;
  }

  /**
   * How many cases match. A page that is not full is the last one, so its rows tell. Otherwise
   * counting scans every case the user may see (tens of thousands for the International Office), so
   * a count is kept with the change stamp it was made at, and used again while the page's own stamp
   * is the same: no commit since, so the same count. Any commit changes the stamp, so a write is
   * counted by the very next read.
   */
  private async total(where: string, params: Row, query: CaseQuery, page: Row[]): Promise<number> {
    if (page.length > 0 && page.length < query.pageSize) return query.skip + page.length;
    if (page.length === 0 && query.page === 1) return 0;
    const key = `${where}\n${JSON.stringify(params)}`;
    const known = this.totals.get(key);
    if (known && page.length > 0 && page[0].stamp != null && known.stamp === page[0].stamp) return known.total;
    const stamp = this.reads.changeStamp ? `, ${this.reads.changeStamp} AS "stamp"` : '';
    const [row] = await this.reads.query(`SELECT COUNT(*) AS "total"${stamp} FROM cases c WHERE ${where}`, params);
    const total = Number(row.total);
    if (row.stamp != null) {
      this.totals.delete(key);
      this.totals.set(key, { stamp: row.stamp, total });
      if (this.totals.size > MAX_KEPT_TOTALS) this.totals.delete(this.totals.keys().next().value!);
    }
    return total;
  }

  private columnReaders() {
    this.readers ??= {
      case: new ColumnReader(this.dataSource, Case, CASE_COLUMNS),
      stage: new ColumnReader(this.dataSource, CaseStage, STAGE_COLUMNS),
      condition: new ColumnReader(this.dataSource, CaseCondition, CONDITION_COLUMNS),
      opinionAt: this.dataSource.getMetadata(Opinion).findColumnWithPropertyName('at')!,
    };
    return this.readers;
  }

  /** The `read Case` rules as SQL over `cases c`; adds its parameters to `params`. */
  private visibility(actor: AuthUser, params: Row): string {
    const roles = new Set(actor.roles);
    const committees = actor.committees.map((m) => m.committee);
    Object.assign(params, { me: actor.id, decided: ['escalated', ...DECIDED_STATUSES], myCommittees: committees });
    const any: string[] = [];
    if (roles.has('researcher')) any.push('c."applicantId" = :me');
    if (roles.has('international_office')) any.push('(c."submittedAt" IS NOT NULL AND c."applicantId" <> :me)');
    if (roles.has('leadership')) any.push('(c."status" IN (:...decided) AND c."applicantId" <> :me)');
    if (roles.has('reviewer') && committees.length) {
      any.push(
        '(c."submittedAt" IS NOT NULL AND c."applicantId" <> :me' +
          ' AND EXISTS (SELECT 1 FROM case_stages vs WHERE vs."caseId" = c."id" AND vs."committeeKey" IN (:...myCommittees))' +
          ' AND NOT EXISTS (SELECT 1 FROM case_conflicts vc WHERE vc."caseId" = c."id" AND vc."userId" = :me))',
      );
    }
    return any.length ? `(${any.join(' OR ')})` : '1 = 0';
  }

  /** The list's filters as SQL over `cases c`; adds their parameters to `params`. */
  private filters(actor: AuthUser, query: CaseQuery, params: Row): string[] {
    const where: string[] = [];
    if (query.status) {
      where.push('c."status" = :status');
      params.status = query.status;
    }
    if (query.type) {
      where.push('c."type" = :type');
      params.type = query.type;
    }
    if (query.country) {
      where.push('EXISTS (SELECT 1 FROM case_countries cc WHERE cc."caseId" = c."id" AND cc."countryCode" = :country)');
      params.country = query.country.toUpperCase();
    }
    if (query.committee) {
      where.push('EXISTS (SELECT 1 FROM case_stages fs WHERE fs."caseId" = c."id" AND fs."committeeKey" = :committee)');
      params.committee = query.committee;
    }
    if (query.q) {
      where.push(`c."searchText" LIKE :q ESCAPE '\\'`);
      params.q = `%${query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    }
    if (query.mine) {
      where.push('c."applicantId" = :me');
      params.me = actor.id;
    }
    return where;
  }

  /** Open stages past their due date, of the given committees (all when null), oldest first. */
  findOverdueStages(committees: string[] | null, now: Date): Promise<CaseStage[]> {
    const qb = this.dataSource
      .getRepository(CaseStage)
      .createQueryBuilder('s')
      .innerJoinAndSelect('s.case', 'c')
      .leftJoinAndSelect('c.conflicts', 'cf')
      .where("s.status = 'open'")
      .andWhere('s.dueAt < :now', { now })
      .orderBy('s.dueAt', 'ASC');
    if (committees) qb.andWhere(committees.length ? 's.committeeKey IN (:...committees)' : '1 = 0', { committees });
    return qb.getMany();
  }

  /** Cases in the given statuses, with what screening needs. */
  findOpenForScreening(
    statuses: readonly Case['status'][],
  ): Promise<Pick<Case, 'id' | 'version' | 'status' | 'partners' | 'screeningHits'>[]> {
    return this.dataSource.getRepository(Case).find({
      select: { id: true, version: true, status: true, partners: true, screeningHits: true },
      where: { status: In([...statuses]) },
    });
  }

  /** The case's false-positive decisions on screening hits: what later screenings do not raise again. */
  clearedEntries(caseId: string, manager: EntityManager = this.dataSource.manager): Promise<ClearedEntry[]> {
    return manager.find(ScreeningHitDecisionRecord, {
      select: { partnerName: true, listId: true, externalId: true, entryChecksum: true },
      where: { caseId, decision: 'false_positive' },
    });
  }

  /** Claims the case's next version for a change (of concurrent changes one wins, the others get 409). */
  async claimVersion(manager: EntityManager, kase: Case, now: Date): Promise<void> {
    const claimed = await manager.update(Case, { id: kase.id, version: kase.version }, { version: kase.version + 1 });
    if (claimed.affected !== 1) throw new DomainError(CaseErrorCode.StaleVersion);
    kase.version += 1;
    kase.updatedAt = now;
  }

  /** The next reference number of the year, unique under concurrent creation (row lock on the counter). */
  async nextReference(manager: EntityManager, year: number): Promise<string> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(CaseReferenceCounter)
      .values({ year, last: 0 })
      .orIgnore()
      .execute();
    await manager.increment(CaseReferenceCounter, { year }, 'last', 1);
    const counter = await manager.findOneOrFail(CaseReferenceCounter, { where: { year } });
    return `IRR-${year}-${String(counter.last).padStart(5, '0')}`;
  }
}
