import { Injectable } from '@nestjs/common';
import { AbilityFactory } from '../authorization/ability.factory';
import { AuthUser } from '../authorization/auth-user';
import { caseSubject } from '../authorization/rules/case-subject';
import { DomainError } from '../common/domain-error';
import { Outcome } from '../domain/case.types';
import { CaseActionRunner } from './actions/case-action-runner';
import { CaseErrorCode } from './case.errors';
import { CaseResponse } from './case-response.mapper';
import { CaseReadingService } from './case-reading.service';
import { ConditionUpdateDto, QuestionsDto, TriageDto } from './dto/case-actions.dto';

/** What the International Office does with a case: confirm or amend its route, ask first, follow up conditions. */
@Injectable()
export class TriageService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly reading: CaseReadingService,
    private readonly abilities: AbilityFactory,
  ) {}

  async triage(actor: AuthUser, id: string, input: TriageDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'triage', { triage: input }, async ({ kase, changes, now, reference }) => {
      const proposed = kase.route.map((r) => r.committee);
      const committees = input.committees ?? proposed;
      const unknown = committees.filter((k) => !reference.committees.has(k));
      if (unknown.length)
        throw new DomainError(
          CaseErrorCode.UnknownCommittee,
          `committees must name existing committees (unknown: ${unknown.join(', ')})`,
        );
      const amended = input.committees !== undefined && [...committees].sort().join() !== [...proposed].sort().join();
      if (committees.length === 0) {
        const outcome: Outcome = {
          decision: 'approved',
          decidedAt: now.toISOString(),
          note: 'no review required',
          rationale: input.reason ?? null,
          decidedBy: 'international_office',
        };
        changes.set({ status: 'approved', outcome, decidedAt: now });
        return {
          action: 'cleared',
          fromStatus: 'triage',
          toStatus: 'approved',
          details: { proposedRoute: proposed, reason: input.reason ?? null, note: outcome.note },
        };
      }
      for (const committee of committees) await changes.openStage(reference.committees.get(committee)!);
      changes.set({ status: 'in_review' });
      return {
        action: amended ? 'route_amended' : 'route_confirmed',
        fromStatus: 'triage',
        toStatus: 'in_review',
        details: { committees, proposedRoute: proposed, reason: input.reason ?? null },
      };
    });
    return this.reading.get(actor, id);
  }

  async requestInformation(actor: AuthUser, id: string, input: QuestionsDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'request_information', {}, ({ changes, now }) => {
      changes.set({
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
    return this.reading.get(actor, id);
  }

  /** A condition met (applicant or International Office) or waived with a reason (International Office). */
  async updateCondition(
    actor: AuthUser,
    id: string,
    conditionId: string,
    input: ConditionUpdateDto,
  ): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'update_condition', { conditionId }, async ({ kase, changes, now }) => {
      const condition = kase.conditions.find((c) => c.id === conditionId)!;
      if (input.status === 'waived' && !this.abilities.createFor(actor).can('waive_condition', caseSubject(kase))) {
        throw new DomainError(CaseErrorCode.Forbidden, 'Only the International Office may waive a condition');
      }
      await changes.updateCondition(condition, {
        status: input.status,
        waiverReason: input.status === 'waived' ? input.reason! : null,
        resolvedAt: now,
        resolvedById: actor.id,
      });
      return {
        action: input.status === 'met' ? 'condition_met' : 'condition_waived',
        fromStatus: kase.status,
        toStatus: kase.status,
        details: { conditionId, text: condition.text, reason: input.reason ?? null },
      };
    });
    return this.reading.get(actor, id);
  }
}
