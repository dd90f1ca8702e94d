import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppAbility } from '../authorization/ability';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { caseSubject, stageSubject } from '../authorization/rules/case-subject';
import { Committee } from '../committees/committee.entity';
import { CommitteesRepository } from '../committees/committees.repository';
import { invalidInput } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import { Page, pageOf } from '../common/pagination';
import { CountriesRepository } from '../countries/countries.repository';
import { Country } from '../countries/country.entity';
import { TransactionRunner } from '../database/transaction-runner';
import { RoutingService } from '../routing/routing.service';
import { UsersRepository } from '../users/users.repository';
import { TransitionContext } from '../workflow/case.checks';
import { CASE_TRANSITIONS, CaseAction } from '../workflow/case-transitions';
import { aggregateOutcome } from '../workflow/outcome';
import { addWorkingDays } from '../workflow/working-days';
import { AuditEntry, CaseAuditTrail, ChainVerification } from './case-audit-trail';
import { Case, CaseCondition, CaseConflict, CaseCountry, CaseStage, Opinion, StageReviewer } from './case.entity';
import { CaseErrorCode } from './case.errors';
import { CaseResponse, toCaseResponse, toHistoryEntry } from './case-response.mapper';
import { Outcome, Partner, RouteEntry, ScreeningHit } from '../domain/case.types';
import { CasesRepository } from './cases.repository';
import {
  AssignReviewersDto,
  ConditionUpdateDto,
  ConflictDto,
  DecisionDto,
  LeadershipDecisionDto,
  OpinionDto,
  QuestionsDto,
  ReferDto,
  RespondDto,
  TriageDto,
  WithdrawDto,
} from './dto/case-actions.dto';
import { CreateCaseDto, UpdateCaseDto } from './dto/case-input.dto';
import { CaseQuery } from './dto/case-query.dto';
import { PARTNER_SCREENER, PartnerScreener } from './partner-screener';

/** Chair actions are checked against the stage of the committee named in the URL. */
const STAGE_ACTIONS = new Set<CaseAction>(['assign_reviewers', 'decide', 'refer']);

/**
 * Reference data read before the transaction opens: a transaction holds one pooled connection, and
 * asking the pool for another inside it could exhaust the pool under load (PostgreSQL).
 */
interface ReferenceData {
  committees: ReadonlyMap<string, Committee>;
  countries: ReadonlyMap<string, Country>;
}

interface ActionScope extends ReferenceData {
  manager: EntityManager;
  kase: Case;
  now: Date;
  /** Runs the action's checks (from the transition table) on this context; throws on the first failure. */
  check(context: Omit<TransitionContext, 'actorId'>): void;
}

@Injectable()
export class CasesService {
  constructor(
    private readonly cases: CasesRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: CaseAuditTrail,
    private readonly abilities: AbilityFactory,
    private readonly countries: CountriesRepository,
    private readonly committees: CommitteesRepository,
    private readonly users: UsersRepository,
    private readonly routing: RoutingService,
    @Inject(PARTNER_SCREENER) private readonly screener: PartnerScreener,
  ) {}

  // ---- reading

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

  async overdue(actor: AuthUser, now = new Date()) {
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

  // ---- the applicant's proposal

  async create(actor: AuthUser, input: CreateCaseDto): Promise<CaseResponse> {
    const now = new Date();
    const kase = Object.assign(new Case(), {
      applicantId: actor.id,
      status: 'draft',
      route: [],
      ruleSetVersion: null,
      screeningHits: [],
      outcome: null,
      informationRequest: null,
      waitingMs: 0,
      version: 1,
      submittedAt: null,
      decidedAt: null,
      updatedAt: now,
      destinations: [],
      technologyAreas: [],
      dualUse: {
        annexICategories: [],
        militaryEndUse: false,
        misusePotential: false,
        humanRightsConcern: false,
        details: null,
      },
      funding: [],
      department: null,
      startDate: null,
      endDate: null,
    });
    this.applyProposal(kase, input, await this.referenceData());
    const id = await this.transactions.run(async (manager) => {
      kase.reference = await this.cases.nextReference(manager, now.getUTCFullYear());
      refreshSearchFields(kase);
      await manager.save(kase);
      await syncCountries(manager, kase);
      await this.audit.append(
        manager,
        kase.id,
        actor.id,
        { action: 'created', fromStatus: null, toStatus: 'draft', details: { reference: kase.reference } },
        now,
      );
      return kase.id;
    });
    return this.get(actor, id);
  }

  update(actor: AuthUser, id: string, input: UpdateCaseDto): Promise<CaseResponse> {
    return this.act(actor, id, 'update', async ({ manager, kase, check, ...reference }) => {
      const changed = this.applyProposal(kase, input, reference);
      await syncCountries(manager, kase);
      check({ proposal: proposalFacts(kase) });
      return { action: 'updated', fromStatus: kase.status, toStatus: kase.status, details: { changed } };
    });
  }

  async submit(actor: AuthUser, id: string): Promise<CaseResponse> {
    // Screening reads the lists through its own connection, so it runs before the transaction, on
    // the partners of the version it then submits (a change in between makes the submit a 409).
    const before = await this.cases.findById(id);
    const hits = before ? await this.screener.screenPartners(before.partners) : [];
    return this.act(actor, id, 'submit', async ({ kase, now, check, countries }) => {
      // kase.version has just been claimed (+1): the screened partners belong to the version before it.
      if (kase.version - 1 !== before?.version) throw new DomainError(CaseErrorCode.StaleVersion);
      check({ proposal: proposalFacts(kase) });
      const proposed = this.proposeRoute(kase, hits, countries);
      Object.assign(kase, {
        route: proposed.route,
        ruleSetVersion: proposed.ruleSetVersion,
        screeningHits: hits,
        status: 'triage',
        submittedAt: now,
      });
      return {
        action: 'submitted',
        fromStatus: 'draft',
        toStatus: 'triage',
        details: { proposedRoute: proposed.route.map((r) => r.committee), ruleSetVersion: proposed.ruleSetVersion },
        confidentialDetails: { screeningHits: hits.length },
      };
    });
  }

  /**
   * The applicant's answer, possibly with changes to the proposal (made here or by editing while the
   * question was open). As at submit, the partners are screened and the route is proposed again, so a
   * changed proposal cannot pass without the review it now needs: back at triage the International
   * Office sees the new route; back in review, a committee with a new reason in it gets an open
   * stage unless it is reviewing the case already.
   */
  async respond(actor: AuthUser, id: string, input: RespondDto): Promise<CaseResponse> {
    const before = await this.cases.findById(id);
    const partners = input.changes?.partners ?? before?.partners ?? [];
    const hits = before ? await this.screener.screenPartners(normalisePartners(partners)) : [];
    return this.act(actor, id, 'respond', async ({ manager, kase, now, check, ...reference }) => {
      // kase.version has just been claimed (+1): the screened partners belong to the version before it.
      if (kase.version - 1 !== before?.version) throw new DomainError(CaseErrorCode.StaleVersion);
      const changed = input.changes ? this.applyProposal(kase, input.changes, reference) : [];
      if (input.changes) await syncCountries(manager, kase);
      check({ proposal: proposalFacts(kase) });
      const request = kase.informationRequest!;
      kase.waitingMs += now.getTime() - new Date(request.askedAt).getTime();
      kase.informationRequest = null;
      const reopened: string[] = [];
      for (const stage of kase.stages.filter((s) => s.status === 'information_requested')) {
        const waited = now.getTime() - (stage.pausedAt ?? now).getTime();
        Object.assign(stage, {
          status: 'open',
          pausedAt: null,
          waitingMs: stage.waitingMs + waited,
          dueAt: new Date(stage.dueAt.getTime() + waited),
        });
        await manager.update(
          CaseStage,
          { id: stage.id },
          { status: stage.status, pausedAt: null, waitingMs: stage.waitingMs, dueAt: stage.dueAt },
        );
        reopened.push(stage.committeeKey);
      }

      const previousRoute = kase.route;
      const proposed = this.proposeRoute(kase, hits, reference.countries);
      const partnerNames = new Set(kase.partners.map((p) => p.name));
      const kept = kase.screeningHits.filter((h) => partnerNames.has(h.partnerName));
      const dropped = kase.screeningHits.filter((h) => !partnerNames.has(h.partnerName));
      const newHits = hits.filter((h) => !kept.some((k) => hitKey(k) === hitKey(h)));
      Object.assign(kase, {
        route: proposed.route,
        ruleSetVersion: proposed.ruleSetVersion,
        screeningHits: [...kept, ...newHits],
      });
      const addedStages: string[] = [];
      if (request.returnTo === 'in_review') {
        // A committee gets a new stage when a reason for it is new (a new hit, a new partner type, ...)
        // and it is not reviewing the case right now: also when it has decided already, or the
        // International Office left it out at triage for the reasons known then.
        const active = new Set(
          kase.stages
            .filter((s) => s.status === 'open' || s.status === 'information_requested')
            .map((s) => s.committeeKey),
        );
        for (const entry of proposed.route) {
          const known = new Set(
            (previousRoute.find((r) => r.committee === entry.committee)?.reasons ?? []).map(reasonKey),
          );
          if (active.has(entry.committee) || entry.reasons.every((r) => known.has(reasonKey(r)))) continue;
          await openStage(manager, kase, reference.committees.get(entry.committee)!, now);
          addedStages.push(entry.committee);
        }
      }
      kase.status = request.returnTo;
      const routeNow = proposed.route.map((r) => r.committee);
      const routeChanged =
        [...routeNow].sort().join() !==
        previousRoute
          .map((r) => r.committee)
          .sort()
          .join();
      return {
        action: 'information_provided',
        fromStatus: 'information_requested',
        toStatus: kase.status,
        details: {
          answer: input.answer,
          changed,
          reopenedStages: reopened,
          ...(routeChanged || addedStages.length ? { proposedRoute: routeNow, addedStages } : {}),
        },
        confidentialDetails: { newScreeningHits: newHits.length, droppedScreeningHits: dropped },
      };
    });
  }

  withdraw(actor: AuthUser, id: string, input: WithdrawDto): Promise<CaseResponse> {
    return this.act(actor, id, 'withdraw', async ({ manager, kase }) => {
      const fromStatus = kase.status;
      const cancelled = await this.cancelActiveStages(manager, kase);
      Object.assign(kase, { status: 'withdrawn', informationRequest: null });
      return {
        action: 'withdrawn',
        fromStatus,
        toStatus: 'withdrawn',
        details: { reason: input.reason, cancelledStages: cancelled },
      };
    });
  }

  // ---- International Office

  triage(actor: AuthUser, id: string, input: TriageDto): Promise<CaseResponse> {
    return this.act(actor, id, 'triage', async ({ manager, kase, now, check, committees: known }) => {
      const proposed = kase.route.map((r) => r.committee);
      check({ triage: { proposed, requested: input.committees ?? null, reason: input.reason ?? null } });
      const committees = input.committees ?? proposed;
      assertCommitteesExist(known, committees, 'committees');
      const amended = input.committees !== undefined && [...committees].sort().join() !== [...proposed].sort().join();
      if (committees.length === 0) {
        const outcome: Outcome = {
          decision: 'approved',
          decidedAt: now.toISOString(),
          note: 'no review required',
          rationale: input.reason ?? null,
          decidedBy: 'international_office',
        };
        Object.assign(kase, { status: 'approved', outcome, decidedAt: now });
        return {
          action: 'cleared',
          fromStatus: 'triage',
          toStatus: 'approved',
          details: { proposedRoute: proposed, reason: input.reason ?? null, note: outcome.note },
        };
      }
      for (const committee of committees) await openStage(manager, kase, known.get(committee)!, now);
      kase.status = 'in_review';
      return {
        action: amended ? 'route_amended' : 'route_confirmed',
        fromStatus: 'triage',
        toStatus: 'in_review',
        details: { committees, proposedRoute: proposed, reason: input.reason ?? null },
      };
    });
  }

  requestInformation(actor: AuthUser, id: string, input: QuestionsDto): Promise<CaseResponse> {
    return this.act(actor, id, 'request_information', async ({ kase, now }) => {
      Object.assign(kase, {
        status: 'information_requested',
        informationRequest: {
          askedAt: now.toISOString(),
          returnTo: 'triage',
          questions: [{ from: 'international_office', text: input.questions }],
        },
      });
      return {
        action: 'information_requested',
        fromStatus: 'triage',
        toStatus: 'information_requested',
        details: { from: 'international_office', questions: input.questions },
      };
    });
  }

  updateCondition(actor: AuthUser, id: string, conditionId: string, input: ConditionUpdateDto): Promise<CaseResponse> {
    return this.act(actor, id, 'update_condition', async ({ manager, kase, now, check }) => {
      const condition = kase.conditions.find((c) => c.id === conditionId);
      if (!condition) throw new DomainError(CaseErrorCode.ConditionNotFound);
      if (input.status === 'waived' && !this.abilities.createFor(actor).can('waive_condition', caseSubject(kase))) {
        throw new DomainError(CaseErrorCode.Forbidden, 'Only the International Office may waive a condition');
      }
      check({ condition: { status: condition.status } });
      Object.assign(condition, {
        status: input.status,
        waiverReason: input.status === 'waived' ? input.reason! : null,
        resolvedAt: now,
        resolvedById: actor.id,
      });
      await manager.update(
        CaseCondition,
        { id: condition.id },
        { status: condition.status, waiverReason: condition.waiverReason, resolvedAt: now, resolvedById: actor.id },
      );
      return {
        action: input.status === 'met' ? 'condition_met' : 'condition_waived',
        fromStatus: kase.status,
        toStatus: kase.status,
        details: { conditionId, text: condition.text, reason: input.reason ?? null },
      };
    });
  }

  // ---- committees

  async assignReviewers(
    actor: AuthUser,
    id: string,
    committee: string,
    input: AssignReviewersDto,
  ): Promise<CaseResponse> {
    const candidates = await Promise.all(
      input.reviewerIds.map(async (reviewerId) => ({ reviewerId, user: await this.users.findById(reviewerId) })),
    );
    return this.act(
      actor,
      id,
      'assign_reviewers',
      async ({ manager, kase, now, check }) => {
        const stage = activeStage(kase, committee);
        check({ stage: stageFacts(stage, 0, kase) });
        const assigned: { id: string; name: string }[] = [];
        for (const { reviewerId, user } of candidates) {
          const member =
            user?.active &&
            user.roleNames().includes('reviewer') &&
            user.committees.some((m) => m.committeeKey === committee);
          if (!user || !member)
            throw new DomainError(
              CaseErrorCode.NotEligibleReviewer,
              `reviewerIds: ${reviewerId} is not an active reviewer of ${committee}`,
            );
          if (user.id === kase.applicantId || kase.conflicts.some((c) => c.userId === user.id))
            throw new DomainError(CaseErrorCode.RecusedReviewer);
          if (stage.reviewers.some((r) => r.reviewerId === user.id)) continue;
          await manager.insert(StageReviewer, { stageId: stage.id, reviewerId: user.id, assignedAt: now });
          assigned.push({ id: user.id, name: user.name });
        }
        return {
          action: 'reviewers_assigned',
          fromStatus: kase.status,
          toStatus: kase.status,
          confidential: true,
          actingForCommittee: committee,
          details: { committee },
          confidentialDetails: { reviewers: assigned },
        };
      },
      committee,
    );
  }

  giveOpinion(actor: AuthUser, id: string, committee: string, input: OpinionDto): Promise<CaseResponse> {
    return this.act(actor, id, 'give_opinion', async ({ manager, kase, now, check }) => {
      const stage = activeStage(kase, committee);
      check({ stage: stageFacts(stage, 0, kase) });
      // An assignment lapses with the committee membership it came from.
      if (!actor.committees.some((m) => m.committee === committee))
        throw new DomainError(CaseErrorCode.NotAssigned, `You are no longer a member of ${committee}`);
      await manager.insert(
        Opinion,
        Object.assign(new Opinion(), {
          stageId: stage.id,
          reviewerId: actor.id,
          recommendation: input.recommendation,
          comment: input.comment,
          at: now,
        }),
      );
      return {
        action: 'opinion_given',
        fromStatus: kase.status,
        toStatus: kase.status,
        confidential: true,
        actingForCommittee: committee,
        details: { committee },
        confidentialDetails: { recommendation: input.recommendation, comment: input.comment },
      };
    });
  }

  decide(actor: AuthUser, id: string, committee: string, input: DecisionDto): Promise<CaseResponse> {
    return this.act(
      actor,
      id,
      'decide',
      async ({ manager, kase, now, check, committees }) => {
        const stage = activeStage(kase, committee);
        const quorum = committees.get(committee)?.quorum ?? 1;
        check({ stage: stageFacts(stage, quorum, kase), decision: input.decision });
        const fromStatus = kase.status;
        const acting = { actingForCommittee: committee, fromStatus };

        if (input.decision === 'request_information') {
          Object.assign(stage, { status: 'information_requested', pausedAt: now });
          await manager.update(CaseStage, { id: stage.id }, { status: stage.status, pausedAt: now });
          const question = { from: committee, text: input.questions! };
          kase.informationRequest =
            kase.status === 'information_requested' && kase.informationRequest
              ? { ...kase.informationRequest, questions: [...kase.informationRequest.questions, question] }
              : { askedAt: now.toISOString(), returnTo: 'in_review', questions: [question] };
          kase.status = 'information_requested';
          return {
            ...acting,
            action: 'information_requested',
            toStatus: kase.status,
            details: { committee, from: committee, questions: input.questions, rationale: input.rationale },
          };
        }

        const conditions = input.decision === 'approve_with_conditions' ? input.conditions! : null;
        Object.assign(stage, {
          status: 'decided',
          decision: input.decision,
          rationale: input.rationale,
          conditions,
          decidedAt: now,
          decidedById: actor.id,
        });
        await manager.update(
          CaseStage,
          { id: stage.id },
          {
            status: 'decided',
            decision: input.decision,
            rationale: input.rationale,
            conditions,
            decidedAt: now,
            decidedById: actor.id,
          },
        );
        const details = { committee, decision: input.decision, rationale: input.rationale, conditions };

        const result = aggregateOutcome(
          kase.stages.map((s) => ({ status: s.status, decision: s.decision, conditions: s.conditions ?? [] })),
        );
        if (result === 'rejected') {
          await this.cancelActiveStages(manager, kase);
          this.finish(
            kase,
            { decision: 'rejected', decidedAt: now.toISOString(), rationale: input.rationale, decidedBy: 'committees' },
            now,
          );
        } else if (result === 'escalated') {
          kase.status = 'escalated';
        } else if (result === 'approved' || result === 'approved_with_conditions') {
          const decided = kase.stages.filter((s) => s.status === 'decided');
          await this.imposeConditions(
            manager,
            kase,
            decided.flatMap((s) => (s.conditions ?? []).map((text) => ({ text, source: s.committeeKey }))),
          );
          const rationale = decided.map((s) => `${s.committeeKey}: ${s.rationale}`).join('\n');
          this.finish(
            kase,
            { decision: result, decidedAt: now.toISOString(), rationale, decidedBy: 'committees' },
            now,
          );
        }
        return { ...acting, action: 'stage_decided', toStatus: kase.status, details };
      },
      committee,
    );
  }

  refer(actor: AuthUser, id: string, committee: string, input: ReferDto): Promise<CaseResponse> {
    return this.act(
      actor,
      id,
      'refer',
      async ({ manager, kase, now, check, committees }) => {
        const stage = activeStage(kase, committee);
        assertCommitteesExist(committees, [input.committee], 'committee');
        const busy = kase.stages.filter((s) => s.status !== 'cancelled').map((s) => s.committeeKey);
        check({
          stage: stageFacts(stage, 0, kase),
          referral: { committee: input.committee, committeesWithActiveStage: busy },
        });
        await openStage(manager, kase, committees.get(input.committee)!, now);
        return {
          action: 'referred',
          fromStatus: kase.status,
          toStatus: kase.status,
          actingForCommittee: committee,
          details: { from: committee, to: input.committee, reason: input.reason },
        };
      },
      committee,
    );
  }

  async declareConflict(
    actor: AuthUser,
    id: string,
    input: ConflictDto,
  ): Promise<{ caseId: string; committee: string; recused: true }> {
    if (!actor.committees.some((m) => m.committee === input.committee)) {
      throw new DomainError(CaseErrorCode.NotYourCommittee);
    }
    // The declaring reviewer can no longer see the case, so the answer is the recusal, not the case.
    await this.run(actor, id, 'declare_conflict', async ({ manager, kase, now }) => {
      await manager.insert(CaseConflict, {
        caseId: kase.id,
        userId: actor.id,
        committeeKey: input.committee,
        reason: input.reason,
        at: now,
      });
      return {
        action: 'conflict_declared',
        fromStatus: kase.status,
        toStatus: kase.status,
        confidential: true,
        details: { committee: input.committee },
        confidentialDetails: { reviewer: { id: actor.id, name: actor.name }, reason: input.reason },
      };
    });
    return { caseId: id, committee: input.committee, recused: true };
  }

  // ---- leadership

  leadershipDecide(actor: AuthUser, id: string, input: LeadershipDecisionDto): Promise<CaseResponse> {
    return this.act(actor, id, 'leadership_decide', async ({ manager, kase, now }) => {
      const decision = (
        { approve: 'approved', approve_with_conditions: 'approved_with_conditions', reject: 'rejected' } as const
      )[input.decision];
      if (decision === 'approved_with_conditions') {
        const fromStages = kase.stages.flatMap((s) =>
          s.status === 'decided' ? (s.conditions ?? []).map((text) => ({ text, source: s.committeeKey })) : [],
        );
        await this.imposeConditions(manager, kase, [
          ...fromStages,
          ...input.conditions!.map((text) => ({ text, source: 'leadership' })),
        ]);
      }
      this.finish(
        kase,
        { decision, decidedAt: now.toISOString(), rationale: input.rationale, decidedBy: 'leadership' },
        now,
      );
      return {
        action: 'leadership_decided',
        fromStatus: 'escalated',
        toStatus: decision,
        details: { decision: input.decision, rationale: input.rationale, conditions: input.conditions ?? null },
      };
    });
  }

  // ---- screening

  /**
   * After a list import: screens the partners of every open case again; new hits are added to the
   * case and to its audit history (confidential). `actorId` is the importing user, or null for the
   * command line.
   */
  async rescreenOpenCases(actorId: string | null): Promise<{ screened: number; casesWithNewHits: number }> {
    const open = await this.cases.findOpenForScreening();
    let casesWithNewHits = 0;
    for (const snapshot of open) {
      const hits = await this.screener.screenPartners(snapshot.partners);
      const known = new Set(snapshot.screeningHits.map(hitKey));
      const fresh = hits.filter((h) => !known.has(hitKey(h)));
      if (fresh.length === 0) continue;
      const recorded = await this.transactions.run(async (manager) => {
        const now = new Date();
        const next = {
          version: snapshot.version + 1,
          screeningHits: [...snapshot.screeningHits, ...fresh],
          updatedAt: now,
        };
        const claimed = await manager.update(Case, { id: snapshot.id, version: snapshot.version }, next);
        if (claimed.affected !== 1) return false;
        await this.audit.append(
          manager,
          snapshot.id,
          actorId,
          {
            action: 'rescreened',
            fromStatus: snapshot.status,
            toStatus: snapshot.status,
            confidential: true,
            details: { newHits: fresh.length },
            confidentialDetails: { hits: fresh },
          },
          now,
        );
        return true;
      });
      // A case changed meanwhile keeps its hits; the next import or a resubmission screens it again.
      if (recorded) casesWithNewHits++;
    }
    return { screened: open.length, casesWithNewHits };
  }

  // ---- the machinery

  /**
   * One workflow action in one transaction: re-read the case, check visibility (404), ability (403),
   * status against the transition table (409) and claim its version (409 for concurrent losers);
   * then apply the change and append its audit event(s), all or nothing.
   */
  private async act(
    actor: AuthUser,
    id: string,
    action: CaseAction,
    work: (scope: ActionScope) => Promise<AuditEntry>,
    stageCommittee?: string,
  ): Promise<CaseResponse> {
    await this.run(actor, id, action, work, stageCommittee);
    return this.get(actor, id);
  }

  private async run(
    actor: AuthUser,
    id: string,
    action: CaseAction,
    work: (scope: ActionScope) => Promise<AuditEntry>,
    stageCommittee?: string,
  ): Promise<void> {
    const transition = CASE_TRANSITIONS[action];
    const reference = await this.referenceData();
    await this.transactions.run(async (manager) => {
      const now = new Date();
      const kase = await this.cases.findById(id, manager);
      const ability = this.abilities.createFor(actor);
      if (!kase || !ability.can('read', caseSubject(kase))) throw new DomainError(CaseErrorCode.NotFound);
      const allowed = STAGE_ACTIONS.has(action)
        ? ability.can(action, stageSubject(kase, stageCommittee!))
        : ability.can(action, caseSubject(kase));
      if (!allowed) throw new DomainError(CaseErrorCode.Forbidden);
      if (!transition.from.includes(kase.status)) {
        throw new DomainError(CaseErrorCode.InvalidState, `${action} is not allowed while the case is ${kase.status}`);
      }
      const claimed = await manager.update(Case, { id: kase.id, version: kase.version }, { version: kase.version + 1 });
      if (claimed.affected !== 1) throw new DomainError(CaseErrorCode.StaleVersion);
      kase.version += 1;
      kase.updatedAt = now;

      const check = (context: Omit<TransitionContext, 'actorId'>) => {
        for (const rule of transition.checks) {
          const code = rule({ ...context, actorId: actor.id });
          if (code) throw new DomainError(code);
        }
      };
      const entry = await work({ manager, kase, now, check, ...reference });
      if (entry.toStatus && entry.toStatus !== entry.fromStatus && !transition.to.includes(entry.toStatus as never)) {
        throw new Error(`Workflow bug: ${action} led to ${entry.toStatus}, which the transition table does not allow`);
      }
      const { stages: _s, conditions: _c, conflicts: _f, applicant: _a, ...columns } = kase;
      await manager.update(Case, { id: kase.id }, columns);
      await this.audit.append(manager, kase.id, actor.id, entry, now);
    });
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

  /** The routing rules on the case as it stands, with the given screening hits. */
  private proposeRoute(kase: Case, hits: ScreeningHit[], countries: ReferenceData['countries']) {
    return this.routing.propose(countries, {
      type: kase.type,
      partners: kase.partners,
      destinations: kase.destinations,
      technologyAreas: kase.technologyAreas,
      dualUse: kase.dualUse,
      funding: kase.funding,
      screeningHits: hits,
    });
  }

  private async referenceData(): Promise<ReferenceData> {
    const [committees, countries] = await Promise.all([this.committees.all(), this.countries.all()]);
    return {
      committees: new Map(committees.map((c) => [c.key, c])),
      countries: new Map(countries.map((c) => [c.code, c])),
    };
  }

  private async cancelActiveStages(manager: EntityManager, kase: Case): Promise<string[]> {
    const active = kase.stages.filter((s) => s.status === 'open' || s.status === 'information_requested');
    for (const stage of active) {
      stage.status = 'cancelled';
      await manager.update(CaseStage, { id: stage.id }, { status: 'cancelled', pausedAt: null });
    }
    return active.map((s) => s.committeeKey);
  }

  private async imposeConditions(
    manager: EntityManager,
    kase: Case,
    conditions: { text: string; source: string }[],
  ): Promise<void> {
    for (const [position, c] of conditions.entries()) {
      const condition = Object.assign(new CaseCondition(), {
        caseId: kase.id,
        position,
        text: c.text,
        source: c.source,
        status: 'open',
        waiverReason: null,
        resolvedAt: null,
        resolvedById: null,
      });
      await manager.insert(CaseCondition, condition);
      kase.conditions.push(condition);
    }
  }

  private finish(kase: Case, outcome: Outcome, now: Date): void {
    Object.assign(kase, { status: outcome.decision, outcome, decidedAt: now, informationRequest: null });
  }

  /** Copies the given proposal fields onto the case after validating countries and dates; returns the changed field names. */
  private applyProposal(kase: Case, input: UpdateCaseDto, reference: Pick<ReferenceData, 'countries'>): string[] {
    const changed = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined);
    const next = {
      ...kase,
      ...Object.fromEntries(changed.map((k) => [k, (input as Record<string, unknown>)[k]])),
    } as Case;
    next.partners = normalisePartners(next.partners);
    next.destinations = (next.destinations ?? []).map((d) => ({
      country: d.country.toUpperCase(),
      city: d.city ?? null,
      from: d.from,
      to: d.to,
    }));
    next.dualUse = { humanRightsConcern: false, details: null, ...next.dualUse };
    assertKnownCountries(next, reference.countries);
    if (next.type === 'mobility' && next.destinations.length === 0)
      throw invalidInput('destinations must not be empty for a mobility proposal');
    if (next.startDate && next.endDate && next.endDate < next.startDate)
      throw invalidInput('endDate must not be before startDate');
    next.destinations.forEach((d, i) => {
      if (d.to < d.from) throw invalidInput(`destinations.${i}.to must not be before destinations.${i}.from`);
    });
    for (const key of [
      'type',
      'title',
      'summary',
      'department',
      'partners',
      'destinations',
      'technologyAreas',
      'dualUse',
      'funding',
      'startDate',
      'endDate',
    ] as const) {
      Object.assign(kase, { [key]: next[key] ?? null });
    }
    kase.title = kase.title.trim();
    refreshSearchFields(kase);
    return changed;
  }
}

function assertKnownCountries(
  kase: Pick<Case, 'partners' | 'destinations'>,
  known: ReadonlyMap<string, Country>,
): void {
  kase.partners.forEach((p, i) => {
    if (!known.has(p.country)) throw invalidInput(`partners.${i}.country must be a known ISO 3166-1 country code`);
  });
  kase.destinations.forEach((d, i) => {
    if (!known.has(d.country)) throw invalidInput(`destinations.${i}.country must be a known ISO 3166-1 country code`);
  });
}

function assertCommitteesExist(known: ReadonlyMap<string, Committee>, keys: string[], field: string): void {
  const unknown = keys.filter((k) => !known.has(k));
  if (unknown.length)
    throw new DomainError(
      CaseErrorCode.UnknownCommittee,
      `${field} must name existing committees (unknown: ${unknown.join(', ')})`,
    );
}

async function openStage(manager: EntityManager, kase: Case, committee: Committee, now: Date): Promise<void> {
  const stage = Object.assign(new CaseStage(), {
    caseId: kase.id,
    committeeKey: committee.key,
    status: 'open',
    openedAt: now,
    dueAt: addWorkingDays(now, committee.reviewTargetWorkingDays),
    pausedAt: null,
    waitingMs: 0,
    decision: null,
    rationale: null,
    conditions: null,
    decidedAt: null,
    decidedById: null,
  });
  await manager.insert(CaseStage, stage);
  kase.stages.push(Object.assign(stage, { reviewers: [], opinions: [] }));
}

function normalisePartners(partners: Partner[]): Partner[] {
  return partners.map((p) => ({ name: p.name.trim(), country: p.country.toUpperCase(), type: p.type }));
}

const reasonKey = (reason: RouteEntry['reasons'][number]) => `${reason.rule}|${reason.message}`;

const hitKey = (hit: ScreeningHit) => `${hit.list}|${hit.entityName}|${hit.partnerName}`;

/** The column behind the `q` filter. */
function refreshSearchFields(kase: Case): void {
  kase.searchText = [kase.reference ?? '', kase.title, ...kase.partners.map((p) => p.name)].join(' | ').toLowerCase();
}

/** Keeps case_countries equal to the partner and destination countries of the case. */
async function syncCountries(manager: EntityManager, kase: Case): Promise<void> {
  await manager.delete(CaseCountry, { caseId: kase.id });
  const codes = [...new Set([...kase.partners, ...kase.destinations].map((x) => x.country))];
  if (codes.length)
    await manager.insert(
      CaseCountry,
      codes.map((countryCode) => ({ caseId: kase.id, countryCode })),
    );
}

function activeStage(kase: Case, committee: string): CaseStage {
  const stages = kase.stages.filter((s) => s.committeeKey === committee && s.status !== 'cancelled');
  const stage = stages.find((s) => s.status === 'open' || s.status === 'information_requested') ?? stages.at(-1);
  if (!stage) throw new DomainError(CaseErrorCode.StageNotFound);
  return stage;
}

function stageFacts(stage: CaseStage, quorum: number, kase: Case): NonNullable<TransitionContext['stage']> {
  const recused = new Set([kase.applicantId, ...kase.conflicts.map((c) => c.userId)]);
  const opinionReviewerIds = stage.opinions.map((o) => o.reviewerId);
  return {
    committee: stage.committeeKey,
    status: stage.status,
    quorum,
    reviewerIds: stage.reviewers.map((r) => r.reviewerId),
    opinionReviewerIds,
    countedOpinionReviewerIds: opinionReviewerIds.filter((r) => !recused.has(r)),
  };
}

function proposalFacts(kase: Case): NonNullable<TransitionContext['proposal']> {
  return { type: kase.type, partnerCount: kase.partners.length, destinationCount: kase.destinations.length };
}
