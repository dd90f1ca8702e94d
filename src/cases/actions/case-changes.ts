import { EntityManager } from 'typeorm';
import { Committee } from '../../committees/committee.entity';
import { WorkingDayCalendar } from '../../workflow/working-day-calendar';
import { Case, CaseCondition, CaseConflict, CaseCountry, CaseStage, Opinion, StageReviewer } from '../case.entity';
import { ScreeningHitDecisionRecord } from '../screening-hit-decision.entity';

/** The columns of a case row (its relations are changed through their own methods below). */
export type CaseColumns = Omit<Case, 'stages' | 'conditions' | 'conflicts' | 'applicant' | 'assignId'>;

type StageColumns = Omit<CaseStage, 'case' | 'reviewers' | 'opinions' | 'assignId'>;
type ConditionColumns = Omit<CaseCondition, 'case' | 'assignId'>;

/**
 * The one way a case action changes a case: every method changes the loaded case in memory and
 * in the database together, inside the action's transaction. Case columns are collected and
 * written once by `flush()`, with the version and time the runner claimed; related rows (stages,
 * conditions, reviewers, opinions, conflicts, countries) are written at once.
 */
export class CaseChanges {
  private readonly changedColumns = new Set<keyof CaseColumns>();

  constructor(
    private readonly manager: EntityManager,
    readonly kase: Case,
    readonly now: Date,
    private readonly calendar: WorkingDayCalendar,
  ) {}

  /** Sets case columns. Partners and destinations also keep the case's countries in step. */
  set(patch: Partial<CaseColumns>): void {
    Object.assign(this.kase, patch);
    for (const key of Object.keys(patch) as (keyof CaseColumns)[]) this.changedColumns.add(key);
  }

  async updateStage(stage: CaseStage, patch: Partial<StageColumns>): Promise<void> {
    Object.assign(stage, patch);
    await this.manager.update(CaseStage, { id: stage.id }, patch);
  }

  /** Opens a stage of `committee`, due after its review target in working days. */
  async openStage(committee: Committee): Promise<CaseStage> {
    const dueAt = await this.calendar.addWorkingDays(this.now, committee.reviewTargetWorkingDays);
    const stage = Object.assign(new CaseStage(), {
      caseId: this.kase.id,
      committeeKey: committee.key,
      status: 'open',
      openedAt: this.now,
      dueAt,
      pausedAt: null,
      waitingMs: 0,
      decision: null,
      rationale: null,
      conditions: null,
      decidedAt: null,
      decidedById: null,
    } satisfies Partial<CaseStage>);
    await this.manager.insert(CaseStage, stage);
    this.kase.stages.push(Object.assign(stage, { reviewers: [], opinions: [] }));
    return stage;
  }

  /** Cancels the stages that are open or waiting for the applicant; returns their committees. */
  async cancelActiveStages(): Promise<string[]> {
    const active = this.kase.stages.filter((s) => s.status === 'open' || s.status === 'information_requested');
    for (const stage of active) await this.updateStage(stage, { status: 'cancelled', pausedAt: null });
    return active.map((s) => s.committeeKey);
  }

  async addReviewer(stage: CaseStage, reviewerId: string): Promise<void> {
    const row = Object.assign(new StageReviewer(), { stageId: stage.id, reviewerId, assignedAt: this.now });
    await this.manager.insert(StageReviewer, row);
    stage.reviewers.push(row);
  }

  async addOpinion(
    stage: CaseStage,
    opinion: Pick<Opinion, 'reviewerId' | 'recommendation' | 'comment'>,
  ): Promise<void> {
    const row = Object.assign(new Opinion(), { stageId: stage.id, ...opinion, at: this.now });
    await this.manager.insert(Opinion, row);
    stage.opinions.push(row);
  }

  async addConflict(conflict: Pick<CaseConflict, 'userId' | 'committeeKey' | 'reason'>): Promise<void> {
    const row = Object.assign(new CaseConflict(), { caseId: this.kase.id, ...conflict, at: this.now });
    await this.manager.insert(CaseConflict, row);
    this.kase.conflicts.push(row);
  }

  /** Keeps a decision on one of the case's screening hits, for later screenings of the case to read. */
  async addScreeningHitDecision(
    decision: Omit<ScreeningHitDecisionRecord, 'id' | 'caseId' | 'case' | 'decidedBy' | 'decidedAt' | 'assignId'>,
  ): Promise<void> {
    const row = Object.assign(new ScreeningHitDecisionRecord(), {
      ...decision,
      caseId: this.kase.id,
      decidedAt: this.now,
    });
    await this.manager.insert(ScreeningHitDecisionRecord, row);
  }

  /** Appends conditions after the case's existing ones. */
  async addConditions(conditions: { text: string; source: string }[]): Promise<void> {
    for (const c of conditions) {
      const condition = Object.assign(new CaseCondition(), {
        caseId: this.kase.id,
        position: this.kase.conditions.length,
        text: c.text,
        source: c.source,
        status: 'open',
        waiverReason: null,
        resolvedAt: null,
        resolvedById: null,
      } satisfies Partial<CaseCondition>);
      await this.manager.insert(CaseCondition, condition);
      this.kase.conditions.push(condition);
    }
  }

  async updateCondition(condition: CaseCondition, patch: Partial<ConditionColumns>): Promise<void> {
    Object.assign(condition, patch);
    await this.manager.update(CaseCondition, { id: condition.id }, patch);
  }

  /** Writes the changed case columns with the claimed version and time. */
  async flush(): Promise<void> {
    const columns: Partial<CaseColumns> = { version: this.kase.version, updatedAt: this.kase.updatedAt };
    for (const key of this.changedColumns) Object.assign(columns, { [key]: this.kase[key] });
    await this.manager.update(Case, { id: this.kase.id }, columns);
    if (this.changedColumns.has('partners') || this.changedColumns.has('destinations')) {
      await syncCountries(this.manager, this.kase);
    }
  }
}

/** Keeps case_countries equal to the partner and destination countries of the case. */
export async function syncCountries(manager: EntityManager, kase: Pick<Case, 'id' | 'partners' | 'destinations'>) {
  await manager.delete(CaseCountry, { caseId: kase.id });
  const codes = [...new Set([...kase.partners, ...kase.destinations].map((x) => x.country))];
  if (codes.length)
    await manager.insert(
      CaseCountry,
      codes.map((countryCode) => ({ caseId: kase.id, countryCode })),
    );
}
