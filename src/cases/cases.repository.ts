import { Injectable } from '@nestjs/common';
import { Brackets, DataSource, EntityManager, In, SelectQueryBuilder } from 'typeorm';
import { AuthUser } from '../authorization/auth-user';
import { DomainError } from '../common/domain-error';
import { CaseErrorCode } from './case.errors';
import { Case, CaseReferenceCounter, CaseStage } from './case.entity';
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

@Injectable()
export class CasesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A case with everything the response and the rules need. */
  findById(id: string, manager: EntityManager = this.dataSource.manager): Promise<Case | null> {
    return manager.findOne(Case, { where: { id }, relations: CASE_RELATIONS });
  }

  /**
   * The cases the user may read, filtered in SQL. Mirrors the `read Case` rules in
   * src/authorization/rules/ (an integration test compares the two over a seeded set).
   */
  async findVisibleTo(actor: AuthUser, query: CaseQuery): Promise<[Case[], number]> {
    const qb = this.dataSource.getRepository(Case).createQueryBuilder('c');
    qb.where(this.visibility(actor, qb));
    this.applyFilters(actor, qb, query);
    qb.orderBy('c.createdAt', 'DESC').addOrderBy('c.reference', 'DESC').skip(query.skip).take(query.pageSize);
    const [page, total] = await qb.getManyAndCount();
    if (page.length === 0) return [[], total];
    const loaded = await this.dataSource
      .getRepository(Case)
      .find({ where: page.map((c) => ({ id: c.id })), relations: CASE_RELATIONS });
    const byId = new Map(loaded.map((c) => [c.id, c]));
    return [page.map((c) => byId.get(c.id)!), total];
  }

  private visibility(actor: AuthUser, qb: SelectQueryBuilder<Case>): Brackets {
    const roles = new Set(actor.roles);
    const committees = actor.committees.map((m) => m.committee);
    qb.setParameters({ me: actor.id, decided: ['escalated', ...DECIDED_STATUSES], myCommittees: committees });
    return new Brackets((or) => {
      or.where('1 = 0');
      if (roles.has('researcher')) or.orWhere('c.applicantId = :me');
      if (roles.has('international_office')) or.orWhere('(c.submittedAt IS NOT NULL AND c.applicantId <> :me)');
      if (roles.has('leadership')) or.orWhere('(c.status IN (:...decided) AND c.applicantId <> :me)');
      if (roles.has('reviewer') && committees.length) {
        or.orWhere(
          '(c.submittedAt IS NOT NULL AND c.applicantId <> :me' +
            ' AND EXISTS (SELECT 1 FROM case_stages vs WHERE vs."caseId" = c.id AND vs."committeeKey" IN (:...myCommittees))' +
            ' AND NOT EXISTS (SELECT 1 FROM case_conflicts vc WHERE vc."caseId" = c.id AND vc."userId" = :me))',
        );
      }
    });
  }

  private applyFilters(actor: AuthUser, qb: SelectQueryBuilder<Case>, query: CaseQuery): void {
    if (query.status) qb.andWhere('c.status = :status', { status: query.status });
    if (query.type) qb.andWhere('c.type = :type', { type: query.type });
    if (query.country) {
      qb.andWhere('EXISTS (SELECT 1 FROM case_countries cc WHERE cc."caseId" = c.id AND cc."countryCode" = :country)', {
        country: query.country.toUpperCase(),
      });
    }
    if (query.committee) {
      qb.andWhere('EXISTS (SELECT 1 FROM case_stages fs WHERE fs."caseId" = c.id AND fs."committeeKey" = :committee)', {
        committee: query.committee,
      });
    }
    if (query.q) {
      const escaped = query.q.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`);
      qb.andWhere("c.searchText LIKE :q ESCAPE '\\'", { q: `%${escaped}%` });
    }
    if (query.mine) qb.andWhere('c.applicantId = :me', { me: actor.id });
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
