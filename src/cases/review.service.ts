import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { DomainError } from '../common/domain-error';
import { Outcome } from '../domain/case.types';
import { UsersRepository } from '../users/users.repository';
import { aggregateOutcome } from '../workflow/outcome';
import { CaseActionRunner } from './actions/case-action-runner';
import { CaseChanges } from './actions/case-changes';
import { CaseErrorCode } from './case.errors';
import { CaseResponse } from './case-response.mapper';
import { CaseReadingService } from './case-reading.service';
import {
  AssignReviewersDto,
  ConflictDto,
  DecisionDto,
  LeadershipDecisionDto,
  OpinionDto,
  ReferDto,
} from './dto/case-actions.dto';

/** What committees (chairs and reviewers) and, for escalated cases, leadership do with a case. */
@Injectable()
export class ReviewService {
  constructor(
    private readonly runner: CaseActionRunner,
    private readonly reading: CaseReadingService,
    private readonly users: UsersRepository,
  ) {}

  async assignReviewers(
    actor: AuthUser,
    id: string,
    committee: string,
    input: AssignReviewersDto,
  ): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'assign_reviewers', { committee }, async ({ kase, changes, stage }) => {
      const assigned: { id: string; name: string }[] = [];
      for (const reviewerId of input.reviewerIds) {
        const user = await this.users.findById(reviewerId);
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
        if (stage!.reviewers.some((r) => r.reviewerId === user.id)) continue;
        await changes.addReviewer(stage!, user.id);
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
    });
    return this.reading.get(actor, id);
  }

  async giveOpinion(actor: AuthUser, id: string, committee: string, input: OpinionDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'give_opinion', { committee }, async ({ kase, changes, stage }) => {
      // An assignment lapses with the committee membership it came from.
      if (!actor.committees.some((m) => m.committee === committee))
        throw new DomainError(CaseErrorCode.NotAssigned, `You are no longer a member of ${committee}`);
      await changes.addOpinion(stage!, {
        reviewerId: actor.id,
        recommendation: input.recommendation,
        comment: input.comment,
      });
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
    return this.reading.get(actor, id);
  }

  async decide(actor: AuthUser, id: string, committee: string, input: DecisionDto): Promise<CaseResponse> {
    const request = { committee, decision: input.decision };
    await this.runner.run(actor, id, 'decide', request, async ({ kase, changes, now, stage }) => {
      const fromStatus = kase.status;
      const acting = { actingForCommittee: committee, fromStatus };

      if (input.decision === 'request_information') {
        await changes.updateStage(stage!, { status: 'information_requested', pausedAt: now });
        const question = { from: committee, text: input.questions! };
        changes.set({
          status: 'information_requested',
          informationRequest:
            kase.status === 'information_requested' && kase.informationRequest
              ? { ...kase.informationRequest, questions: [...kase.informationRequest.questions, question] }
              : { askedAt: now.toISOString(), returnTo: 'in_review', questions: [question] },
        });
        return {
          ...acting,
          action: 'information_requested',
          toStatus: 'information_requested',
          details: { committee, from: committee, questions: input.questions, rationale: input.rationale },
        };
      }

      const conditions = input.decision === 'approve_with_conditions' ? input.conditions! : null;
      await changes.updateStage(stage!, {
        status: 'decided',
        decision: input.decision,
        rationale: input.rationale,
        conditions,
        decidedAt: now,
        decidedById: actor.id,
      });
      const result = aggregateOutcome(
        kase.stages.map((s) => ({ status: s.status, decision: s.decision, conditions: s.conditions ?? [] })),
      );
      if (result === 'rejected') {
        await changes.cancelActiveStages();
        finish(changes, {
          decision: 'rejected',
          decidedAt: now.toISOString(),
          rationale: input.rationale,
          decidedBy: 'committees',
        });
      } else if (result === 'escalated') {
        changes.set({ status: 'escalated' });
      } else if (result === 'approved' || result === 'approved_with_conditions') {
        const decided = kase.stages.filter((s) => s.status === 'decided');
        await changes.addConditions(
          decided.flatMap((s) => (s.conditions ?? []).map((text) => ({ text, source: s.committeeKey }))),
        );
        const rationale = decided.map((s) => `${s.committeeKey}: ${s.rationale}`).join('\n');
        finish(changes, { decision: result, decidedAt: now.toISOString(), rationale, decidedBy: 'committees' });
      }
      return {
        ...acting,
        action: 'stage_decided',
        toStatus: kase.status,
        details: { committee, decision: input.decision, rationale: input.rationale, conditions },
      };
    });
    return this.reading.get(actor, id);
  }

  async refer(actor: AuthUser, id: string, committee: string, input: ReferDto): Promise<CaseResponse> {
    const request = { committee, referTo: input.committee };
    await this.runner.run(actor, id, 'refer', request, async ({ kase, changes, reference }) => {
      const target = reference.committees.get(input.committee);
      if (!target)
        throw new DomainError(
          CaseErrorCode.UnknownCommittee,
          `committee must name an existing committee (unknown: ${input.committee})`,
        );
      await changes.openStage(target);
      return {
        action: 'referred',
        fromStatus: kase.status,
        toStatus: kase.status,
        actingForCommittee: committee,
        details: { from: committee, to: input.committee, reason: input.reason },
      };
    });
    return this.reading.get(actor, id);
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
    await this.runner.run(actor, id, 'declare_conflict', {}, async ({ kase, changes }) => {
      await changes.addConflict({ userId: actor.id, committeeKey: input.committee, reason: input.reason });
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

  async leadershipDecide(actor: AuthUser, id: string, input: LeadershipDecisionDto): Promise<CaseResponse> {
    await this.runner.run(actor, id, 'leadership_decide', {}, async ({ kase, changes, now }) => {
      const decision = (
        { approve: 'approved', approve_with_conditions: 'approved_with_conditions', reject: 'rejected' } as const
      )[input.decision];
      if (decision === 'approved_with_conditions') {
        const fromStages = kase.stages.flatMap((s) =>
          s.status === 'decided' ? (s.conditions ?? []).map((text) => ({ text, source: s.committeeKey })) : [],
        );
        await changes.addConditions([
          ...fromStages,
          ...input.conditions!.map((text) => ({ text, source: 'leadership' })),
        ]);
      }
      finish(changes, { decision, decidedAt: now.toISOString(), rationale: input.rationale, decidedBy: 'leadership' });
      return {
        action: 'leadership_decided',
        fromStatus: 'escalated',
        toStatus: decision,
        details: { decision: input.decision, rationale: input.rationale, conditions: input.conditions ?? null },
      };
    });
    return this.reading.get(actor, id);
  }
}

function finish(changes: CaseChanges, outcome: Outcome): void {
  changes.set({ status: outcome.decision, outcome, decidedAt: new Date(outcome.decidedAt), informationRequest: null });
}
