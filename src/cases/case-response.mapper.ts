import { CaseEvent } from './case-event.entity';
import { Case, CaseCondition, CaseStage, Opinion } from './case.entity';
import { RouteEntry, ScreeningHit } from '../domain/case.types';
import { compareCommittees } from '../routing/routing-engine';
import { SCREENING_RULE_ID } from '../routing/routing.service';
import { User } from '../users/user.entity';

/** What the viewer may read beyond the case itself: opinions, reviewer identities, screening hits. */
export interface CaseView {
  confidential: boolean;
}

type PersonRef = Pick<User, 'id' | 'name'>;

/** A stage as a response shows it; `reviewers` and `opinions` are loaded only for viewers who may read them. */
export type StageReadModel = Pick<
  CaseStage,
  'id' | 'committeeKey' | 'status' | 'openedAt' | 'dueAt' | 'decision' | 'rationale' | 'conditions' | 'decidedAt'
> & {
  reviewers?: { reviewer: PersonRef }[];
  opinions?: (Pick<Opinion, 'recommendation' | 'comment' | 'at'> & { reviewer: PersonRef })[];
};

/**
 * What a case response and the case rules read: the case's own columns (not its search text or
 * clocks), the applicant, stages, conditions and conflicts (at least the viewer's own, which is all
 * the rules look at). A loaded `Case` entity is one too.
 */
export type CaseReadModel = Pick<
  Case,
  | 'id'
  | 'reference'
  | 'type'
  | 'title'
  | 'summary'
  | 'department'
  | 'applicantId'
  | 'status'
  | 'partners'
  | 'destinations'
  | 'technologyAreas'
  | 'dualUse'
  | 'funding'
  | 'startDate'
  | 'endDate'
  | 'route'
  | 'ruleSetVersion'
  | 'screeningHits'
  | 'outcome'
  | 'informationRequest'
  | 'version'
  | 'createdAt'
  | 'submittedAt'
  | 'updatedAt'
> & {
  applicant: Pick<User, 'id' | 'name' | 'email'>;
  stages: StageReadModel[];
  conditions: Pick<CaseCondition, 'id' | 'position' | 'text' | 'status' | 'waiverReason'>[];
  conflicts: { userId: string }[];
};

const SCREENING_REASON_FOR_APPLICANT =
  'A partner organisation resembles an entry on a screening list; the committee will look at this.';

const iso = (d: Date | null | undefined) => (d ? new Date(d).toISOString() : null);

export function toCaseResponse(kase: CaseReadModel, view: CaseView) {
  const stages = [...(kase.stages ?? [])].sort(
    (a, b) => +new Date(a.openedAt) - +new Date(b.openedAt) || compareCommittees(a.committeeKey, b.committeeKey),
  );
  const conditions = [...(kase.conditions ?? [])].sort((a, b) => a.position - b.position);
  return {
    id: kase.id,
    reference: kase.reference,
    type: kase.type,
    title: kase.title,
    summary: kase.summary,
    department: kase.department,
    applicant: { id: kase.applicant.id, name: kase.applicant.name, email: kase.applicant.email },
    status: kase.status,
    partners: kase.partners,
    destinations: kase.destinations,
    technologyAreas: kase.technologyAreas,
    dualUse: kase.dualUse,
    funding: kase.funding,
    startDate: kase.startDate,
    endDate: kase.endDate,
    route: view.confidential ? kase.route : kase.route.map(hideScreeningDetails),
    ruleSetVersion: kase.ruleSetVersion,
    stages: stages.map((stage) => toStageResponse(stage, view)),
    ...(view.confidential ? { screening: { hits: kase.screeningHits.map(toHitResponse) } } : {}),
    informationRequest: kase.informationRequest,
    outcome: kase.outcome
      ? {
          decision: kase.outcome.decision,
          conditions: conditions.map((c) => ({
            id: c.id,
            text: c.text,
            status: c.status,
            ...(c.waiverReason ? { waiverReason: c.waiverReason } : {}),
          })),
          decidedAt: kase.outcome.decidedAt,
          rationale: kase.outcome.rationale ?? null,
          note: kase.outcome.note ?? null,
        }
      : null,
    version: kase.version,
    createdAt: iso(kase.createdAt),
    submittedAt: iso(kase.submittedAt),
    updatedAt: iso(kase.updatedAt),
  };
}

export type CaseResponse = ReturnType<typeof toCaseResponse>;

/** A hit for confidential viewers: what was matched and how it was decided (not the entry's checksum). */
function toHitResponse(hit: ScreeningHit) {
  return {
    id: hit.id ?? null,
    partnerName: hit.partnerName,
    list: hit.list,
    listKind: hit.listKind,
    entityName: hit.entityName,
    matchedName: hit.matchedName,
    country: hit.country,
    score: hit.score,
    reasons: hit.reasons,
    decision: hit.decision ?? null,
  };
}

function hideScreeningDetails(entry: RouteEntry): RouteEntry {
  return {
    committee: entry.committee,
    reasons: entry.reasons.map((r) =>
      r.rule === SCREENING_RULE_ID ? { rule: r.rule, message: SCREENING_REASON_FOR_APPLICANT } : r,
    ),
  };
}

function toStageResponse(stage: StageReadModel, view: CaseView) {
  return {
    committee: stage.committeeKey,
    status: stage.status,
    openedAt: iso(stage.openedAt),
    dueAt: iso(stage.dueAt),
    decision: stage.decision,
    rationale: stage.rationale,
    conditions: stage.conditions ?? undefined,
    decidedAt: iso(stage.decidedAt),
    ...(view.confidential
      ? {
          reviewers: (stage.reviewers ?? []).map((r) => ({ id: r.reviewer.id, name: r.reviewer.name })),
          opinions: [...(stage.opinions ?? [])]
            .sort((a, b) => +new Date(a.at) - +new Date(b.at))
            .map((o) => ({
              reviewer: { id: o.reviewer.id, name: o.reviewer.name },
              recommendation: o.recommendation,
              comment: o.comment,
              at: iso(o.at),
            })),
        }
      : {}),
  };
}

/** An audit event as the viewer may see it; null when it is hidden from them altogether. */
export function toHistoryEntry(event: CaseEvent, view: CaseView, committeeNames: ReadonlyMap<string, string>) {
  if (!view.confidential && event.confidential) return null;
  const actor =
    !view.confidential && event.actingForCommittee
      ? { id: null, name: committeeNames.get(event.actingForCommittee) ?? event.actingForCommittee }
      : event.actor
        ? { id: event.actor.id, name: event.actor.name }
        : { id: null, name: 'system' };
  return {
    seq: event.seq,
    at: iso(event.at),
    actor,
    action: event.action,
    fromStatus: event.fromStatus,
    toStatus: event.toStatus,
    details:
      view.confidential && event.confidentialDetails
        ? { ...event.details, ...event.confidentialDetails }
        : event.details,
  };
}
