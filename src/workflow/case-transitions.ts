import { CaseStatus, CASE_STATUSES } from '../domain/case.types';
import {
  amendedRouteHasReason,
  conditionOpen,
  FactName,
  opinionNotYetGiven,
  proposalComplete,
  quorumMet,
  referralTargetFree,
  reviewerAssigned,
  stageOpen,
  TransitionCheck,
} from './case.checks';

/** The case ability each action needs (see src/authorization/rules/). */
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
  | 'update_condition'
  | 'decide_screening_hit'
  | 'add_attachment'
  | 'add_internal_attachment'
  | 'remove_attachment';

export interface Transition {
  /** Statuses the case may be in for this action. */
  from: readonly CaseStatus[];
  /** Statuses the action may lead to; `from` statuses it keeps need not be listed. */
  to: readonly CaseStatus[];
  /** Where the ability is checked: on the case, or on the stage of the committee named in the request. */
  subject: 'Case' | 'Stage';
  /** The facts the runner builds for the checks (see case-facts.ts). */
  facts: readonly FactName[];
  /** Checks run in order by the action runner; the first failing one refuses the action. */
  checks: readonly TransitionCheck[];
}

const REVIEWING: CaseStatus[] = ['in_review', 'information_requested'];
const OUTCOMES: CaseStatus[] = ['approved', 'approved_with_conditions', 'rejected'];
/** Statuses without a final outcome, after submission: committees and the office still work on the case. */
const OPEN_AFTER_SUBMIT: CaseStatus[] = ['triage', ...REVIEWING, 'escalated'];

/**
 * The case workflow, the single source of truth: for each action, the statuses it may start from
 * and lead to, where its ability is checked, and its checks with the facts they read. The action
 * runner applies every entry the same way. Stage actions are allowed while another stage waits for
 * the applicant (case status information_requested).
 */
export const CASE_TRANSITIONS: Readonly<Record<CaseAction, Transition>> = {
  update: {
    from: ['draft', 'information_requested'],
    to: [],
    subject: 'Case',
    facts: ['proposal'],
    checks: [proposalComplete],
  },
  submit: { from: ['draft'], to: ['triage'], subject: 'Case', facts: ['proposal'], checks: [proposalComplete] },
  triage: {
    from: ['triage'],
    to: ['in_review', 'approved'],
    subject: 'Case',
    facts: ['triage'],
    checks: [amendedRouteHasReason],
  },
  request_information: { from: ['triage'], to: ['information_requested'], subject: 'Case', facts: [], checks: [] },
  respond: {
    from: ['information_requested'],
    to: ['triage', 'in_review'],
    subject: 'Case',
    facts: ['proposal'],
    checks: [proposalComplete],
  },
  assign_reviewers: { from: REVIEWING, to: [], subject: 'Stage', facts: ['stage'], checks: [stageOpen] },
  give_opinion: {
    from: REVIEWING,
    to: [],
    subject: 'Case',
    facts: ['stage'],
    checks: [stageOpen, reviewerAssigned, opinionNotYetGiven],
  },
  decide: {
    from: REVIEWING,
    to: ['in_review', 'information_requested', 'escalated', ...OUTCOMES],
    subject: 'Stage',
    facts: ['stage', 'decision'],
    checks: [stageOpen, quorumMet],
  },
  refer: {
    from: REVIEWING,
    to: [],
    subject: 'Stage',
    facts: ['stage', 'referral'],
    checks: [stageOpen, referralTargetFree],
  },
  declare_conflict: {
    from: ['triage', ...REVIEWING, 'escalated', ...OUTCOMES],
    to: [],
    subject: 'Case',
    facts: [],
    checks: [],
  },
  leadership_decide: { from: ['escalated'], to: OUTCOMES, subject: 'Case', facts: [], checks: [] },
  withdraw: {
    from: ['draft', 'triage', ...REVIEWING, 'escalated'],
    to: ['withdrawn'],
    subject: 'Case',
    facts: [],
    checks: [],
  },
  decide_screening_hit: {
    from: ['triage', ...REVIEWING, 'escalated'],
    to: [],
    subject: 'Case',
    facts: [],
    checks: [],
  },
  update_condition: {
    from: ['approved_with_conditions'],
    to: [],
    subject: 'Case',
    facts: ['condition'],
    checks: [conditionOpen],
  },
  // Documents (src/attachments/): the applicant's belong to the proposal and change with it; internal
  // ones are the International Office's and the committees' while the case is not final.
  add_attachment: { from: ['draft', 'information_requested'], to: [], subject: 'Case', facts: [], checks: [] },
  add_internal_attachment: { from: OPEN_AFTER_SUBMIT, to: [], subject: 'Case', facts: [], checks: [] },
  remove_attachment: { from: ['draft'], to: [], subject: 'Case', facts: [], checks: [] },
};

export const TERMINAL_STATUSES: readonly CaseStatus[] = [...OUTCOMES, 'withdrawn'];

/**
 * Throws if the table is inconsistent: unknown statuses, unreachable statuses, exits from a
 * terminal status, or a check whose facts its entry does not build.
 */
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
    for (const check of t.checks) {
      const missing = check.needs.filter((fact) => !t.facts.includes(fact));
      if (missing.length) problems.push(`${action}: check ${check.name} needs facts ${missing.join(', ')}`);
    }
    if (t.subject === 'Stage' && !t.facts.includes('stage'))
      problems.push(`${action}: a stage action needs stage facts`);
  }
  const reachable = new Set<string>(['draft']);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of Object.values(table)) {
      if (!t.from.some((s) => reachable.has(s))) continue;
      for (const to of t.to)
        if (!reachable.has(to)) {
          reachable.add(to);
          grew = true;
        }
    }
  }
  for (const status of CASE_STATUSES)
    if (!reachable.has(status)) problems.push(`status ${status} is not reachable from draft`);
  if (problems.length) throw new Error(`Invalid case workflow: ${problems.join('; ')}`);
}
