import type { AppliedCaseAction } from '../cases/actions/case-action-observers';
import { CaseStatus, DECIDED_STATUSES } from '../domain/case.types';
import type { ParamsByType, NotificationType } from './notification-types';

/** A group of people an event is meant for; who of them is told also depends on who may see the case. */
export type Audience =
  | { kind: 'role'; role: 'international_office' | 'leadership' }
  | { kind: 'chairs'; committee: string }
  | { kind: 'users'; userIds: string[] };

type EventOf<T extends NotificationType> = {
  type: T;
  params: ParamsByType[T];
  audiences: Audience[];
  /**
   * Only people who may read the case's confidential part (opinions, reviewers, screening) are told:
   * never the applicant.
   */
  confidential: boolean;
};

export type NotificationEvent = { [T in NotificationType]: EventOf<T> }[NotificationType];

export const INTERNATIONAL_OFFICE: Audience = { kind: 'role', role: 'international_office' };
export const LEADERSHIP: Audience = { kind: 'role', role: 'leadership' };
export const chairsOf = (committee: string): Audience => ({ kind: 'chairs', committee });

/** The parts of an applied action that decide what is told. */
export type AppliedForEvents = Pick<AppliedCaseAction, 'action' | 'entry' | 'now'> & {
  kase: Pick<AppliedCaseAction['kase'], 'status' | 'applicantId'> & {
    stages: {
      committeeKey: string;
      status: string;
      openedAt: Date;
      dueAt: Date;
      pausedAt: Date | null;
      reviewers: { reviewerId: string; assignedAt: Date }[];
    }[];
  };
};

const isDecided = (status: string | null) => DECIDED_STATUSES.includes(status as CaseStatus);

/**
 * What a case action tells whom, read from the case as the action left it: stages and reviewer
 * assignments made by this action carry its time, and statuses say where the case went.
 */
export function eventsOf({ action, kase, entry, now }: AppliedForEvents): NotificationEvent[] {
  const events: NotificationEvent[] = [];
  const byThisAction = (at: Date | null) => at !== null && at.getTime() === now.getTime();
  const applicant: Audience = { kind: 'users', userIds: [kase.applicantId] };

  if (action === 'submit') {
    events.push({ type: 'case_submitted', params: {}, audiences: [INTERNATIONAL_OFFICE], confidential: false });
  }
  for (const stage of kase.stages) {
    if (stage.status === 'open' && byThisAction(stage.openedAt)) {
      events.push({
        type: 'stage_opened',
        params: { committee: stage.committeeKey, dueAt: stage.dueAt.toISOString() },
        audiences: [chairsOf(stage.committeeKey)],
        confidential: false,
      });
    }
    const assigned = stage.reviewers.filter((r) => byThisAction(r.assignedAt)).map((r) => r.reviewerId);
    if (action === 'assign_reviewers' && assigned.length) {
      events.push({
        type: 'reviewer_assigned',
        params: { committee: stage.committeeKey },
        audiences: [{ kind: 'users', userIds: assigned }],
        confidential: true,
      });
    }
  }
  const askedByStage = kase.stages.some((s) => s.status === 'information_requested' && byThisAction(s.pausedAt));
  if (action === 'request_information' || (action === 'decide' && askedByStage)) {
    events.push({ type: 'information_requested', params: {}, audiences: [applicant], confidential: false });
  }
  if (action === 'respond') {
    if (kase.status === 'triage') {
      events.push({
        type: 'information_provided',
        params: { committee: null },
        audiences: [INTERNATIONAL_OFFICE],
        confidential: false,
      });
    } else {
      for (const committee of reopenedStages(entry.details)) {
        events.push({
          type: 'information_provided',
          params: { committee },
          audiences: [chairsOf(committee)],
          confidential: false,
        });
      }
    }
  }
  if (kase.status === 'escalated' && entry.fromStatus !== 'escalated') {
    events.push({ type: 'case_escalated', params: {}, audiences: [LEADERSHIP], confidential: false });
  }
  if (isDecided(kase.status) && !isDecided(entry.fromStatus)) {
    events.push({
      type: 'case_decided',
      params: {},
      audiences: [applicant, INTERNATIONAL_OFFICE],
      confidential: false,
    });
  }
  return events;
}

/** The committees whose questions the applicant answered (the answer's audit details name them). */
function reopenedStages(details: Record<string, unknown> | undefined): string[] {
  const reopened = details?.reopenedStages;
  return Array.isArray(reopened) ? reopened.filter((c): c is string => typeof c === 'string') : [];
}
