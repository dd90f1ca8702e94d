import { AppAbility } from '../../authorization/ability';
import { caseSubject, stageSubject } from '../../authorization/rules/case-subject';
import { CaseResponse } from '../../cases/case-response.mapper';
import { CaseErrorCode } from '../../cases/case.errors';
import { FactName, TransitionFacts } from '../../workflow/case.checks';
import { FACT_BUILDERS } from '../../workflow/case-facts';
import { CASE_TRANSITIONS, CaseAction } from '../../workflow/case-transitions';

/** Whether the page offers an action, or the code of the check that refuses it now. */
export type Offer = { offered: true } | { offered: false; refusedBy: CaseErrorCode | null };

/**
 * What the case page offers the viewer, decided as the action runner decides it: the viewer's
 * ability on the case (or on the committee's stage), the transition table's statuses, and those
 * checks of the transition that need no input from the form (a stage open, the viewer assigned,
 * no opinion yet, a complete proposal). The services still decide when a form comes back.
 */
export class CaseActions {
  private readonly subject;

  constructor(
    private readonly ability: AppAbility,
    private readonly kase: CaseResponse,
    private readonly actorId: string,
  ) {
    // A case the viewer can see has no conflict of theirs; others' conflicts do not change their abilities.
    this.subject = caseSubject({
      id: kase.id,
      status: kase.status,
      applicantId: kase.applicant.id,
      submittedAt: kase.submittedAt ? new Date(kase.submittedAt) : null,
      stages: kase.stages.map((s) => ({ committeeKey: s.committee })),
      conflicts: [],
    });
  }

  can(action: CaseAction): boolean {
    return this.offer(action).offered;
  }

  /** An action on the case itself. */
  offer(action: CaseAction): Offer {
    const transition = CASE_TRANSITIONS[action];
    if (transition.subject !== 'Case') throw new Error(`${action} is an action on a stage`);
    if (!transition.from.includes(this.kase.status) || !this.ability.can(action, this.subject)) {
      return { offered: false, refusedBy: null };
    }
    return this.checks(action, {});
  }

  /** An action on the stage of `committee` (chairs' actions, and opinions). */
  offerOnStage(action: CaseAction, committee: string): Offer {
    const transition = CASE_TRANSITIONS[action];
    const target =
      transition.subject === 'Stage'
        ? stageSubject(
            {
              id: this.kase.id,
              status: this.kase.status,
              applicantId: this.kase.applicant.id,
              submittedAt: this.kase.submittedAt ? new Date(this.kase.submittedAt) : null,
              stages: this.kase.stages.map((s) => ({ committeeKey: s.committee })),
            },
            committee,
          )
        : this.subject;
    if (!transition.from.includes(this.kase.status) || !this.ability.can(action, target)) {
      return { offered: false, refusedBy: null };
    }
    return this.checks(action, { committee });
  }

  canWaive(): boolean {
    return this.ability.can('waive_condition', this.subject);
  }

  private checks(action: CaseAction, request: { committee?: string }): Offer {
    const transition = CASE_TRANSITIONS[action];
    const known: FactName[] = transition.facts.filter((fact) => fact === 'stage' || fact === 'proposal');
    const source = {
      actorId: this.actorId,
      kase: {
        type: this.kase.type,
        applicantId: this.kase.applicant.id,
        partners: this.kase.partners,
        destinations: this.kase.destinations,
        route: this.kase.route,
        stages: this.kase.stages.map((s) => ({
          committeeKey: s.committee,
          status: s.status,
          reviewers: (s.reviewers ?? []).map((r) => ({ reviewerId: r.id })),
          opinions: (s.opinions ?? []).map((o) => ({ reviewerId: o.reviewer.id })),
        })),
        conflicts: [],
        conditions: [],
      },
      request,
      quorumOf: () => 0,
    };
    const facts: TransitionFacts = { actorId: this.actorId };
    try {
      for (const fact of known) Object.assign(facts, { [fact]: FACT_BUILDERS[fact](source) });
    } catch {
      return { offered: false, refusedBy: CaseErrorCode.StageNotFound };
    }
    for (const check of transition.checks) {
      if (!check.needs.every((fact) => known.includes(fact))) continue;
      const code = check(facts);
      if (code) return { offered: false, refusedBy: code };
    }
    return { offered: true };
  }
}
