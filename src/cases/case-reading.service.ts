import { Injectable } from '@nestjs/common';
import { AppAbility } from '../authorization/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { caseSubject } from '../authorization/rules/case-subject';
import { Clock } from '../common/clock';
import { DomainError } from '../common/domain-error';
import { Page, pageOf } from '../common/pagination';
import { CommitteesRepository } from '../committees/committees.repository';
import { CaseAuditTrail, ChainVerification } from './case-audit-trail';
import { Case } from './case.entity';
import { CaseErrorCode } from './case.errors';
import { CaseResponse, toCaseResponse, toHistoryEntry } from './case-response.mapper';
import { CasesRepository } from './cases.repository';
import { CaseQuery } from './dto/case-query.dto';

/** What people read about cases: lists, a case, its history, overdue stages. */
@Injectable()
export class CaseReadingService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly audit: CaseAuditTrail,
    private readonly abilities: AbilityFactory,
    private readonly committees: CommitteesRepository,
    private readonly clock: Clock,
  ) {}

  async list(actor: AuthUser, query: CaseQuery): Promise<Page<CaseResponse>> {
    const [cases, total] = await this.cases.findVisibleTo(actor, query);
    const ability = this.abilities.createFor(actor);
    return pageOf(
      cases.map((kase) => this.present(kase, actor, ability)),
      total,
      query,
    );
  }

  async get(actor: AuthUser, id: string): Promise<CaseResponse> {
    const { kase, ability } = await this.findVisible(actor, id);
    return this.present(kase, actor, ability);
  }

  async history(actor: AuthUser, id: string) {
    const { kase, ability } = await this.findVisible(actor, id);
    const view = { confidential: this.confidential(kase, actor, ability) };
    const names = new Map((await this.committees.all()).map((c) => [c.key, c.nameEn]));
    return (await this.audit.events(id)).map((e) => toHistoryEntry(e, view, names)).filter((e) => e !== null);
  }

  async verifyHistory(actor: AuthUser, id: string): Promise<ChainVerification> {
    const { kase, ability } = await this.findVisible(actor, id);
    if (!this.confidential(kase, actor, ability)) throw new DomainError(CaseErrorCode.Forbidden);
    return this.audit.verify(id);
  }

  async overdue(actor: AuthUser) {
    const now = this.clock.now();
    const ability = this.abilities.createFor(actor);
    const committees = actor.roles.includes('international_office')
      ? null
      : actor.committees.filter((m) => m.chair).map((m) => m.committee);
    const stages = await this.cases.findOverdueStages(committees, now);
    return stages
      .filter((stage) =>
        ability.can('read', caseSubject({ ...stage.case, stages: [stage], conflicts: stage.case.conflicts })),
      )
      .map((stage) => ({
        caseId: stage.caseId,
        reference: stage.case.reference,
        title: stage.case.title,
        caseStatus: stage.case.status,
        committee: stage.committeeKey,
        openedAt: stage.openedAt.toISOString(),
        dueAt: stage.dueAt.toISOString(),
        daysOverdue: Math.floor((now.getTime() - stage.dueAt.getTime()) / 86_400_000),
      }));
  }

  private async findVisible(actor: AuthUser, id: string): Promise<{ kase: Case; ability: AppAbility }> {
    const kase = await this.cases.findById(id);
    const ability = this.abilities.createFor(actor);
    if (!kase || !ability.can('read', caseSubject(kase))) throw new DomainError(CaseErrorCode.NotFound);
    return { kase, ability };
  }

  private confidential(kase: Case, actor: AuthUser, ability: AppAbility): boolean {
    return kase.applicantId !== actor.id && ability.can('read_confidential', caseSubject(kase));
  }

  private present(kase: Case, actor: AuthUser, ability: AppAbility): CaseResponse {
    return toCaseResponse(kase, { confidential: this.confidential(kase, actor, ability) });
  }
}
