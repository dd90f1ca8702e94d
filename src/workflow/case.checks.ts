import { CaseErrorCode } from '../cases/case.errors';
import { CaseType, ConditionStatus, Decision, StageStatus } from '../domain/case.types';

/**
 * What checks look at: facts the action runner builds from the case (as it stands in the
 * transaction) and the request, by the builders its transition names (`case-facts.ts`).
 */
export interface TransitionFacts {
  actorId: string;
  /** The proposal as it will be once the action's changes are applied. */
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
  decision?: { decision: Decision };
  referral?: { committee: string; committeesWithStage: string[] };
  condition?: { status: ConditionStatus };
}

export type FactName = Exclude<keyof TransitionFacts, 'actorId'>;

/**
 * A pure check: the error code that refuses the action, or nothing when it passes. It names the
 * facts it reads; the runner refuses to run it without them (a table entry that forgets a fact
 * builder fails loudly instead of passing silently).
 */
export interface TransitionCheck {
  readonly name: string;
  readonly needs: readonly FactName[];
  /** The code it refuses with. */
  readonly code: CaseErrorCode;
  (facts: TransitionFacts): CaseErrorCode | undefined;
}

function check<N extends FactName>(
  name: string,
  needs: readonly N[],
  code: CaseErrorCode,
  passes: (facts: TransitionFacts & Required<Pick<TransitionFacts, N>>) => boolean,
): TransitionCheck {
  const run = (facts: TransitionFacts) => {
    const missing = needs.filter((fact) => facts[fact] === undefined);
    if (missing.length) throw new Error(`Workflow check ${name} is missing its facts: ${missing.join(', ')}`);
    return passes(facts as Parameters<typeof passes>[0]) ? undefined : code;
  };
  Object.defineProperty(run, 'name', { value: name });
  return Object.assign(run, { needs, code });
}

export const proposalComplete = check(
  'proposalComplete',
  ['proposal'],
  CaseErrorCode.IncompleteProposal,
  ({ proposal }) => proposal.partnerCount > 0 && (proposal.type !== 'mobility' || proposal.destinationCount > 0),
);

const sameCommittees = (a: string[], b: string[]) =>
  a.length === b.length && [...a].sort().join() === [...b].sort().join();

export const amendedRouteHasReason = check(
  'amendedRouteHasReason',
  ['triage'],
  CaseErrorCode.ReasonRequired,
  ({ triage }) =>
    triage.requested === null || sameCommittees(triage.proposed, triage.requested) || Boolean(triage.reason?.trim()),
);

export const stageOpen = check(
  'stageOpen',
  ['stage'],
  CaseErrorCode.StageNotOpen,
  ({ stage }) => stage.status === 'open',
);

export const reviewerAssigned = check('reviewerAssigned', ['stage'], CaseErrorCode.NotAssigned, ({ stage, actorId }) =>
  stage.reviewerIds.includes(actorId),
);

export const opinionNotYetGiven = check(
  'opinionNotYetGiven',
  ['stage'],
  CaseErrorCode.OpinionAlreadyGiven,
  ({ stage, actorId }) => !stage.opinionReviewerIds.includes(actorId),
);

/** The quorum applies to every decision except request_information, which a chair may send at any time. */
export const quorumMet = check(
  'quorumMet',
  ['stage', 'decision'],
  CaseErrorCode.QuorumNotMet,
  ({ stage, decision }) =>
    decision.decision === 'request_information' || stage.countedOpinionReviewerIds.length >= stage.quorum,
);

export const referralTargetFree = check(
  'referralTargetFree',
  ['referral'],
  CaseErrorCode.ReferralTargetBusy,
  ({ referral }) => !referral.committeesWithStage.includes(referral.committee),
);

export const conditionOpen = check(
  'conditionOpen',
  ['condition'],
  CaseErrorCode.ConditionNotOpen,
  ({ condition }) => condition.status === 'open',
);
