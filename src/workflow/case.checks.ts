import { CaseErrorCode } from '../cases/case.errors';
import { CaseType, ConditionStatus, Decision, StageStatus } from '../domain/case.types';

/**
 * What a check may look at: a snapshot the service assembled inside the transaction.
 * Checks are pure: they read the snapshot and return an error code, or nothing when it passes.
 */
export interface TransitionContext {
  actorId: string;
  proposal?: { type: CaseType; destinationCount: number; partnerCount: number };
  triage?: { proposed: string[]; requested: string[] | null; reason: string | null };
  stage?: {
    committee: string;
    status: StageStatus;
    quorum: number;
    reviewerIds: string[];
    countedOpinionReviewerIds: string[];
    opinionReviewerIds: string[];
  };
  decision?: Decision;
  referral?: { committee: string; committeesWithActiveStage: string[] };
  condition?: { status: ConditionStatus };
}

export type TransitionCheck = (context: TransitionContext) => CaseErrorCode | undefined;

export const proposalComplete: TransitionCheck = ({ proposal }) =>
  proposal && (proposal.partnerCount === 0 || (proposal.type === 'mobility' && proposal.destinationCount === 0))
    ? CaseErrorCode.IncompleteProposal
    : undefined;

const sameCommittees = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export const amendedRouteHasReason: TransitionCheck = ({ triage }) =>
  triage && triage.requested !== null && !sameCommittees(triage.proposed, triage.requested) && !triage.reason?.trim()
    ? CaseErrorCode.ReasonRequired
    : undefined;

export const stageOpen: TransitionCheck = ({ stage }) =>
  stage && stage.status !== 'open' ? CaseErrorCode.StageNotOpen : undefined;

export const reviewerAssigned: TransitionCheck = ({ stage, actorId }) =>
  stage && !stage.reviewerIds.includes(actorId) ? CaseErrorCode.NotAssigned : undefined;

export const opinionNotYetGiven: TransitionCheck = ({ stage, actorId }) =>
  stage && stage.opinionReviewerIds.includes(actorId) ? CaseErrorCode.OpinionAlreadyGiven : undefined;

/** The quorum applies to every decision except request_information, which a chair may send at any time. */
export const quorumMet: TransitionCheck = ({ stage, decision }) =>
  stage && decision !== 'request_information' && stage.countedOpinionReviewerIds.length < stage.quorum
    ? CaseErrorCode.QuorumNotMet
    : undefined;

export const referralTargetFree: TransitionCheck = ({ referral }) =>
  referral && referral.committeesWithActiveStage.includes(referral.committee)
    ? CaseErrorCode.ReferralTargetBusy
    : undefined;

export const conditionOpen: TransitionCheck = ({ condition }) =>
  condition && condition.status !== 'open' ? CaseErrorCode.ConditionNotOpen : undefined;
