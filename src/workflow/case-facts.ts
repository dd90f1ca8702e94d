import { CaseErrorCode } from '../cases/case.errors';
import { DomainError } from '../common/domain-error';
import { CaseType, ConditionStatus, Decision, StageStatus } from '../domain/case.types';
import { FactName, TransitionFacts } from './case.checks';

/** The parts of a loaded case that facts are built from. */
export interface CaseForFacts {
  type: CaseType;
  applicantId: string;
  partners: readonly unknown[];
  destinations: readonly unknown[];
  route: readonly { committee: string }[];
  stages: readonly StageForFacts[];
  conflicts: readonly { userId: string }[];
  conditions: readonly { id: string; status: ConditionStatus }[];
}

export interface StageForFacts {
  committeeKey: string;
  status: StageStatus;
  reviewers: readonly { reviewerId: string }[];
  opinions: readonly { reviewerId: string }[];
}

/** What a request says that checks may read; each action's service fills in what applies. */
export interface ActionRequest {
  /** The committee of the stage named in the URL (chair and reviewer actions). */
  committee?: string;
  /** Changes to the proposal that the action applies (edit, answer). */
  proposalChanges?: { type?: CaseType; partners?: readonly unknown[]; destinations?: readonly unknown[] };
  triage?: { committees?: string[]; reason?: string | null };
  decision?: Decision;
  referTo?: string;
  conditionId?: string;
}

export interface FactSource {
  actorId: string;
  kase: CaseForFacts;
  request: ActionRequest;
  quorumOf: (committee: string) => number;
}

/** The stage of `committee` an action works on: its active stage, or else its latest one. */
export function stageOf<S extends StageForFacts>(stages: readonly S[], committee: string | undefined): S {
  const own = stages.filter((s) => s.committeeKey === committee && s.status !== 'cancelled');
  const stage = own.find((s) => s.status === 'open' || s.status === 'information_requested') ?? own.at(-1);
  if (!stage) throw new DomainError(CaseErrorCode.StageNotFound);
  return stage;
}

/** How each kind of fact is built. A transition lists the ones its checks need. */
export const FACT_BUILDERS: { [F in FactName]: (source: FactSource) => NonNullable<TransitionFacts[F]> } = {
  proposal: ({ kase, request }) => {
    const changes = request.proposalChanges ?? {};
    return {
      type: changes.type ?? kase.type,
      partnerCount: (changes.partners ?? kase.partners).length,
      destinationCount: (changes.destinations ?? kase.destinations).length,
    };
  },
  triage: ({ kase, request }) => ({
    proposed: kase.route.map((r) => r.committee),
    requested: request.triage?.committees ?? null,
    reason: request.triage?.reason ?? null,
  }),
  stage: ({ kase, request, quorumOf }) => {
    const stage = stageOf(kase.stages, request.committee);
    const recused = new Set([kase.applicantId, ...kase.conflicts.map((c) => c.userId)]);
    const opinionReviewerIds = stage.opinions.map((o) => o.reviewerId);
    return {
      committee: stage.committeeKey,
      status: stage.status,
      quorum: quorumOf(stage.committeeKey),
      reviewerIds: stage.reviewers.map((r) => r.reviewerId),
      opinionReviewerIds,
      countedOpinionReviewerIds: opinionReviewerIds.filter((id) => !recused.has(id)),
    };
  },
  decision: ({ request }) => {
    if (!request.decision) throw new Error('Workflow: a decision fact needs the decision in the request');
    return { decision: request.decision };
  },
  referral: ({ kase, request }) => {
    if (!request.referTo) throw new Error('Workflow: a referral fact needs the target committee in the request');
    return {
      committee: request.referTo,
      committeesWithStage: kase.stages.filter((s) => s.status !== 'cancelled').map((s) => s.committeeKey),
    };
  },
  condition: ({ kase, request }) => {
    const condition = kase.conditions.find((c) => c.id === request.conditionId);
    if (!condition) throw new DomainError(CaseErrorCode.ConditionNotFound);
    return { status: condition.status };
  },
};

/** Builds the named facts for the checks. */
export function buildFacts(names: readonly FactName[], source: FactSource): TransitionFacts {
  const facts: TransitionFacts = { actorId: source.actorId };
  for (const name of names) Object.assign(facts, { [name]: FACT_BUILDERS[name](source) });
  return facts;
}
