import { Inject, Injectable, Optional } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AppAbility } from '../../authorization/ability';
import { AbilityFactory } from '../../authorization/ability.factory';
import { AuthUser } from '../../authorization/auth-user';
import { caseSubject, stageSubject } from '../../authorization/rules/case-subject';
import { Clock } from '../../common/clock';
import { DomainError } from '../../common/domain-error';
import { TransactionRunner } from '../../database/transaction-runner';
import { ActionRequest, buildFacts, stageOf } from '../../workflow/case-facts';
import { CASE_TRANSITIONS, CaseAction, Transition } from '../../workflow/case-transitions';
import { WorkingDayCalendar } from '../../workflow/working-day-calendar';
import { AuditEntry, CaseAuditTrail } from '../case-audit-trail';
import { Case, CaseStage } from '../case.entity';
import { CaseErrorCode } from '../case.errors';
import { CasesRepository } from '../cases.repository';
import { CaseActionObservers } from './case-action-observers';
import { CaseChanges } from './case-changes';
import { ReferenceData, ReferenceDataLoader } from './reference-data';

/** The workflow table the runner applies; a test may provide another. */
export const CASE_WORKFLOW = Symbol('CASE_WORKFLOW');

export interface ActionScope<P> {
  actor: AuthUser;
  kase: Case;
  /** The one way to change the case (memory and database together). */
  changes: CaseChanges;
  /** The action's transaction, for rows that belong to the case but not to the case aggregate (documents). */
  manager: EntityManager;
  now: Date;
  reference: ReferenceData;
  /** The stage of the committee named in the request, when there is one. */
  stage: CaseStage | null;
  /** What `prepare` computed before the transaction. */
  prepared: P;
}

/** What an action changes, as its handler says it: it applies the change and describes it for the audit trail. */
export type ActionChange<P> = (scope: ActionScope<P>) => Promise<AuditEntry> | AuditEntry;

export interface ActionOptions<P> {
  /**
   * Expensive work (screening) done outside the transaction, once the case has passed every
   * check; the transaction then refuses (409) if the case changed in between.
   */
  prepare?: (kase: Case, reference: ReferenceData) => Promise<P>;
}

/**
 * Runs every case action the same way, in this order: load the case; 404 if the actor may not see
 * it, 403 if they may not do this; 409 unless the status allows the action; claim the case's
 * version (concurrent losers get 409); run every check of the action's transition with the facts
 * it names; apply the handler's change; append the audit event; tell the observers. All of it in
 * one transaction. A refused request costs a lookup: expensive preparation runs only after the
 * same checks have passed once outside the transaction.
 */
@Injectable()
export class CaseActionRunner {
  constructor(
    private readonly cases: CasesRepository,
    private readonly transactions: TransactionRunner,
    private readonly audit: CaseAuditTrail,
    private readonly abilities: AbilityFactory,
    private readonly referenceData: ReferenceDataLoader,
    private readonly clock: Clock,
    private readonly observers: CaseActionObservers,
    private readonly calendar: WorkingDayCalendar,
    @Optional()
    @Inject(CASE_WORKFLOW)
    private readonly table: Readonly<Record<CaseAction, Transition>> = CASE_TRANSITIONS,
  ) {}

  async run<P = undefined>(
    actor: AuthUser,
    caseId: string,
    action: CaseAction,
    request: ActionRequest,
    change: ActionChange<P>,
    options: ActionOptions<P> = {},
  ): Promise<Case> {
    const transition = this.table[action];
    const reference = await this.referenceData.load();
    let prepared = undefined as P;
    let preparedVersion: number | null = null;
    if (options.prepare) {
      const before = await this.cases.findById(caseId);
      this.admit(actor, before, action, transition, request);
      this.check(actor, before!, transition, request, reference);
      prepared = await options.prepare(before!, reference);
      preparedVersion = before!.version;
    }
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const kase = await this.cases.findById(caseId, manager);
      const stage = this.admit(actor, kase, action, transition, request);
      if (preparedVersion !== null && kase!.version !== preparedVersion)
        throw new DomainError(CaseErrorCode.StaleVersion);
      await this.cases.claimVersion(manager, kase!, now);
      this.check(actor, kase!, transition, request, reference);

      const changes = new CaseChanges(manager, kase!, now, this.calendar);
      const entry = await change({ actor, kase: kase!, changes, manager, now, reference, stage, prepared });
      if (entry.toStatus && entry.toStatus !== entry.fromStatus && !transition.to.includes(entry.toStatus as never)) {
        throw new Error(`Workflow bug: ${action} led to ${entry.toStatus}, which the transition table does not allow`);
      }
      await changes.flush();
      await this.audit.append(manager, kase!.id, actor.id, entry, now);
      await this.observers.notify({ manager, action, kase: kase!, entry, actor, now });
      return kase!;
    });
  }

  /**
   * A change the system makes on its own (re-screening after a list import): no ability check, but
   * the same version claim, change path, audit event and observers. Returns false, changing nothing, when
   * the case is no longer at `expectedVersion` or no longer in one of `statuses`.
   */
  async runForSystem(
    caseId: string,
    expectedVersion: number,
    statuses: readonly Case['status'][],
    change: (scope: Omit<ActionScope<undefined>, 'actor' | 'stage' | 'prepared' | 'manager'>) => AuditEntry,
    /** Who caused it (the importing user), for the audit trail; null for the command line. */
    causedBy: string | null = null,
  ): Promise<boolean> {
    const reference = await this.referenceData.load();
    return this.transactions.run(async (manager) => {
      const now = this.clock.now();
      const kase = await this.cases.findById(caseId, manager);
      if (!kase || kase.version !== expectedVersion || !statuses.includes(kase.status)) return false;
      await this.cases.claimVersion(manager, kase, now);
      const changes = new CaseChanges(manager, kase, now, this.calendar);
      const entry = change({ kase, changes, now, reference });
      await changes.flush();
      await this.audit.append(manager, kase.id, causedBy, entry, now);
      await this.observers.notify({ manager, action: 'rescreen', kase, entry, actor: null, now });
      return true;
    });
  }

  /** 404 for a case the actor may not see, 403 for an action they may not take, 409 for a status that does not allow it. */
  private admit(
    actor: AuthUser,
    kase: Case | null,
    action: CaseAction,
    transition: Transition,
    request: ActionRequest,
  ): CaseStage | null {
    const ability: AppAbility = this.abilities.createFor(actor);
    if (!kase || !ability.can('read', caseSubject(kase))) throw new DomainError(CaseErrorCode.NotFound);
    const target = transition.subject === 'Stage' ? stageSubject(kase, request.committee ?? '') : caseSubject(kase);
    if (!ability.can(action, target)) throw new DomainError(CaseErrorCode.Forbidden);
    if (!transition.from.includes(kase.status)) {
      throw new DomainError(CaseErrorCode.InvalidState, `${action} is not allowed while the case is ${kase.status}`);
    }
    return request.committee === undefined ? null : stageOf(kase.stages, request.committee);
  }

  private check(
    actor: AuthUser,
    kase: Case,
    transition: Transition,
    request: ActionRequest,
    reference: ReferenceData,
  ): void {
    const facts = buildFacts(transition.facts, {
      actorId: actor.id,
      kase,
      request,
      quorumOf: (committee) => reference.committees.get(committee)?.quorum ?? 1,
    });
    for (const check of transition.checks) {
      const code = check(facts);
      if (code) throw new DomainError(code);
    }
  }
}
