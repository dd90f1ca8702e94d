import { registerErrors } from '../common/domain-error';

export enum CaseErrorCode {
  NotFound = 'CASE_NOT_FOUND',
  StageNotFound = 'STAGE_NOT_FOUND',
  ConditionNotFound = 'CONDITION_NOT_FOUND',
  InvalidState = 'CASE_STATUS_DOES_NOT_ALLOW',
  StaleVersion = 'CASE_CHANGED_CONCURRENTLY',
  StageNotOpen = 'STAGE_NOT_OPEN',
  QuorumNotMet = 'QUORUM_NOT_MET',
  NotAssigned = 'REVIEWER_NOT_ASSIGNED',
  OpinionAlreadyGiven = 'OPINION_ALREADY_GIVEN',
  ReasonRequired = 'REASON_REQUIRED',
  ReferralTargetBusy = 'REFERRAL_TARGET_BUSY',
  ConditionNotOpen = 'CONDITION_NOT_OPEN',
  IncompleteProposal = 'PROPOSAL_INCOMPLETE',
  NotEligibleReviewer = 'REVIEWER_NOT_ELIGIBLE',
  RecusedReviewer = 'REVIEWER_RECUSED',
  UnknownCommittee = 'UNKNOWN_COMMITTEE',
  NotYourCommittee = 'NOT_YOUR_COMMITTEE',
  Forbidden = 'CASE_ACTION_FORBIDDEN',
  HitNotInScreening = 'SCREENING_HIT_NOT_IN_CASE',
  HitAlreadyDecided = 'SCREENING_HIT_ALREADY_DECIDED',
}

registerErrors<CaseErrorCode>({
  [CaseErrorCode.NotFound]: { status: 404, message: 'Case not found' },
  [CaseErrorCode.StageNotFound]: { status: 404, message: 'This case has no stage for that committee' },
  [CaseErrorCode.ConditionNotFound]: { status: 404, message: 'Condition not found' },
  [CaseErrorCode.InvalidState]: {
    status: 409,
    message: 'This action is not allowed in the current status of the case',
  },
  [CaseErrorCode.StaleVersion]: {
    status: 409,
    message: 'The case was changed by someone else at the same time; reload and try again',
  },
  [CaseErrorCode.StageNotOpen]: { status: 409, message: 'The stage is not open' },
  [CaseErrorCode.QuorumNotMet]: { status: 409, message: "The committee's quorum of opinions is not met" },
  [CaseErrorCode.NotAssigned]: { status: 403, message: 'You are not an assigned reviewer of this stage' },
  [CaseErrorCode.OpinionAlreadyGiven]: { status: 409, message: 'You have already given your opinion on this stage' },
  [CaseErrorCode.ReasonRequired]: {
    status: 400,
    message: 'reason is required when the route differs from the proposed route',
  },
  [CaseErrorCode.ReferralTargetBusy]: { status: 409, message: 'That committee already has a stage on this case' },
  [CaseErrorCode.ConditionNotOpen]: { status: 409, message: 'The condition is no longer open' },
  [CaseErrorCode.IncompleteProposal]: {
    status: 400,
    message: 'The proposal is incomplete: a mobility proposal needs destinations',
  },
  [CaseErrorCode.NotEligibleReviewer]: {
    status: 400,
    message: 'reviewerIds must name active reviewers who are members of this committee',
  },
  [CaseErrorCode.RecusedReviewer]: {
    status: 409,
    message: 'A recused reviewer (the applicant, or a member who declared a conflict) cannot be assigned',
  },
  [CaseErrorCode.UnknownCommittee]: { status: 400, message: 'committee must be the key of an existing committee' },
  [CaseErrorCode.NotYourCommittee]: { status: 400, message: 'committee must be one of your committees' },
  [CaseErrorCode.Forbidden]: { status: 403, message: 'You may not do this on this case' },
  [CaseErrorCode.HitNotInScreening]: {
    status: 409,
    message: "The hit is not one of the case's current screening hits; reload the case",
  },
  [CaseErrorCode.HitAlreadyDecided]: { status: 409, message: 'The hit has been decided already' },
});
