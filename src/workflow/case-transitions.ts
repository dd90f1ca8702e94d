import { CaseStatus, CASE_STATUSES } from '../domain/case.types';
import {
  amendedRouteHasReason,
  conditionOpen,
  opinionNotYetGiven,
  proposalComplete,
  quorumMet,
  referralTargetFree,
  reviewerAssigned,
  stageOpen,
  TransitionCheck,
} from './case.checks';

/** The case ability each action needs on the case (see src/authorization/rules/). */
export type CaseAction =
  | 'update'
  | 'submit'
  | 'triage'
  | 'request_information'
  | 'respond'
  | 'assign_reviewers'
  | 'give_opinion'
  | 'decide'
  | 'refer'
  | 'declare_conflict'
  | 'leadership_decide'
  | 'withdraw'
  | 'update_condition';

export interface Transition {
  /** Statuses the case may be in for this action. */
  from: readonly CaseStatus[];
  /** Statuses the action may lead to; `from` statuses it keeps need not be listed. */
  to: readonly CaseStatus[];
  /** Checks run in order; the first failing one refuses the action. */
  checks: readonly TransitionCheck[];
}

const REVIEWING: CaseStatus[] = ['in_review', 'information_requested'];
const OUTCOMES: CaseStatus[] = ['approved', 'approved_with_conditions', 'rejected'];

/**
 * The case workflow, the single source of truth (PRODUCT.md "The life of a case").
 * Stage actions are allowed while another stage waits for the applicant (status information_requested).
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  update: { from: ['draft', 'information_requested'], to: [], checks: [proposalComplete] },
  submit: { from: ['draft'], to: ['triage'], checks: [proposalComplete] },
  triage: { from: ['triage'], to: ['in_review', 'approved'], checks: [amendedRouteHasReason] },
  request_information: { from: ['triage'], to: ['information_requested'], checks: [] },
  respond: { from: ['information_requested'], to: ['triage', 'in_review'], checks: [proposalComplete] },
  assign_reviewers: { from: REVIEWING, to: [], checks: [stageOpen] },
  give_opinion: { from: REVIEWING, to: [], checks: [stageOpen, reviewerAssigned, opinionNotYetGiven] },
  decide: {
    from: REVIEWING,
    to: ['in_review', 'information_requested', 'escalated', ...OUTCOMES],
    checks: [stageOpen, quorumMet],
  },
  refer: { from: REVIEWING, to: [], checks: [stageOpen, referralTargetFree] },
  declare_conflict: { from: ['triage', ...REVIEWING, 'escalated', ...OUTCOMES], to: [], checks: [] },
  leadership_decide: { from: ['escalated'], to: OUTCOMES, checks: [] },
  withdraw: { from: ['draft', 'triage', ...REVIEWING, 'escalated'], to: ['withdrawn'], checks: [] },
  update_condition: { from: ['approved_with_conditions'], to: [], checks: [conditionOpen] },
};

export const TERMINAL_STATUSES: readonly CaseStatus[] = [...OUTCOMES, 'withdrawn'];

/** Throws if the table is inconsistent: unknown statuses, unreachable statuses, or exits from a terminal status. */
export function validateTransitions(table: Readonly<Record<string, Transition>> = CASE_TRANSITIONS): void {
  const known = new Set<string>(CASE_STATUSES);
  const problems: string[] = [];
  for (const [action, t] of Object.entries(table)) {
    for (const status of [...t.from, ...t.to])
      if (!known.has(status)) problems.push(`${action}: unknown status ${status}`);
    for (const status of t.from) {
      if (TERMINAL_STATUSES.includes(status) && t.to.some((to) => to !== status))
        problems.push(`${action}: leaves terminal status ${status}`);
    }
  }
  const reachable = new Set<string>(['draft']);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of Object.values(table)) {
      if (!t.from.some((s) => reachable.has(s))) continue;
      for (const to of t.to) if (!reachable.has(to)) (reachable.add(to), (grew = true));
    }
  }
  for (const status of CASE_STATUSES)
    if (!reachable.has(status)) problems.push(`status ${status} is not reachable from draft`);
  if (problems.length) throw new Error(`Invalid case workflow: ${problems.join('; ')}`);
}
