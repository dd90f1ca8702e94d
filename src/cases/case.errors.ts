import { HttpStatus } from '@nestjs/common';
import { DomainError } from '../common/domain-error';

export enum CaseErrorCode {
  NotFound = 'case_not_found',
  StageNotFound = 'stage_not_found',
  ConditionNotFound = 'condition_not_found',
  InvalidState = 'invalid_state',
  StaleVersion = 'stale_version',
  StageNotOpen = 'stage_not_open',
  QuorumNotMet = 'quorum_not_met',
  NotAssigned = 'reviewer_not_assigned',
  OpinionAlreadyGiven = 'opinion_already_given',
  ReasonRequired = 'reason_required',
  ReferralTargetBusy = 'referral_target_busy',
  ConditionNotOpen = 'condition_not_open',
  IncompleteProposal = 'incomplete_proposal',
  NotEligibleReviewer = 'not_eligible_reviewer',
  RecusedReviewer = 'recused_reviewer',
  UnknownCommittee = 'unknown_committee',
  Forbidden = 'forbidden',
}

const STATUS: Record<
  CaseErrorCode,
  HttpStatus.BAD_REQUEST | HttpStatus.NOT_FOUND | HttpStatus.CONFLICT | HttpStatus.FORBIDDEN
> = {
  [CaseErrorCode.NotFound]: HttpStatus.NOT_FOUND,
  [CaseErrorCode.StageNotFound]: HttpStatus.NOT_FOUND,
  [CaseErrorCode.ConditionNotFound]: HttpStatus.NOT_FOUND,
  [CaseErrorCode.InvalidState]: HttpStatus.CONFLICT,
  [CaseErrorCode.StaleVersion]: HttpStatus.CONFLICT,
  [CaseErrorCode.StageNotOpen]: HttpStatus.CONFLICT,
  [CaseErrorCode.QuorumNotMet]: HttpStatus.CONFLICT,
  [CaseErrorCode.NotAssigned]: HttpStatus.FORBIDDEN,
  [CaseErrorCode.OpinionAlreadyGiven]: HttpStatus.CONFLICT,
  [CaseErrorCode.ReasonRequired]: HttpStatus.BAD_REQUEST,
  [CaseErrorCode.ReferralTargetBusy]: HttpStatus.CONFLICT,
  [CaseErrorCode.ConditionNotOpen]: HttpStatus.CONFLICT,
  [CaseErrorCode.IncompleteProposal]: HttpStatus.BAD_REQUEST,
  [CaseErrorCode.NotEligibleReviewer]: HttpStatus.BAD_REQUEST,
  [CaseErrorCode.RecusedReviewer]: HttpStatus.CONFLICT,
  [CaseErrorCode.UnknownCommittee]: HttpStatus.BAD_REQUEST,
  [CaseErrorCode.Forbidden]: HttpStatus.FORBIDDEN,
};

const MESSAGE: Record<CaseErrorCode, string> = {
  [CaseErrorCode.NotFound]: 'Case not found',
  [CaseErrorCode.StageNotFound]: 'This case has no stage for that committee',
  [CaseErrorCode.ConditionNotFound]: 'Condition not found',
  [CaseErrorCode.InvalidState]: 'This action is not allowed in the current status of the case',
  [CaseErrorCode.StaleVersion]: 'The case was changed by someone else at the same time; reload and try again',
  [CaseErrorCode.StageNotOpen]: 'The stage is not open',
  [CaseErrorCode.QuorumNotMet]: "The committee's quorum of opinions is not met",
  [CaseErrorCode.NotAssigned]: 'You are not an assigned reviewer of this stage',
  [CaseErrorCode.OpinionAlreadyGiven]: 'You have already given your opinion on this stage',
  [CaseErrorCode.ReasonRequired]: 'reason is required when the route differs from the proposed route',
  [CaseErrorCode.ReferralTargetBusy]: 'That committee already has a stage on this case',
  [CaseErrorCode.ConditionNotOpen]: 'The condition is no longer open',
  [CaseErrorCode.IncompleteProposal]: 'The proposal is incomplete: a mobility proposal needs destinations',
  [CaseErrorCode.NotEligibleReviewer]: 'reviewerIds must name active reviewers who are members of this committee',
  [CaseErrorCode.RecusedReviewer]:
    'A recused reviewer (the applicant, or a member who declared a conflict) cannot be assigned',
  [CaseErrorCode.UnknownCommittee]: 'committee must be the key of an existing committee',
  [CaseErrorCode.Forbidden]: 'You may not do this on this case',
};

export class CaseError extends DomainError {
  constructor(code: CaseErrorCode, message = MESSAGE[code]) {
    super(STATUS[code], message, code);
  }
}
