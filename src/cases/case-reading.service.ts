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
import { CaseErrorCode } from './case.errors';
import { CaseReadModel, CaseResponse, toCaseResponse, toHistoryEntry } from './case-response.mapper';
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
    return pageOf(await this.present(cases, actor, this.abilities.createFor(actor)), total, query);
  }

  async get(actor: AuthUser, id: string): Promise<CaseResponse> {
    const { kase, ability } = await this.findVisible(actor, id);
    const [response] = await this.present([kase], actor, ability);
    return response;
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

  private async findVisible(actor: AuthUser, id: string): Promise<{ kase: CaseReadModel; ability: AppAbility }> {
    const kase = await this.cases.findReadModel(actor, id);
    const ability = this.abilities.createFor(actor);
    if (!kase || !ability.can('read', caseSubject(kase))) throw new DomainError(CaseErrorCode.NotFound);
    return { kase, ability };
  }

  private confidential(kase: CaseReadModel, actor: AuthUser, ability: AppAbility): boolean {
    return kase.applicantId !== actor.id && ability.can('read_confidential', caseSubject(kase));
  }

  /** The cases as this viewer may see them; reviewers and opinions are loaded only where they may read them. */
  private async present(cases: CaseReadModel[], actor: AuthUser, ability: AppAbility): Promise<CaseResponse[]> {
    const views = cases.map((kase) => ({ kase, confidential: this.confidential(kase, actor, ability) }));
    await this.cases.loadStagePeople(views.filter((v) => v.confidential).map((v) => v.kase));
    return views.map(({ kase, confidential }) => toCaseResponse(kase, { confidential }));
  }
}
