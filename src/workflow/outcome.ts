import { CaseStatus, Decision, StageStatus } from '../domain/case.types';

export interface StageForOutcome {
  status: StageStatus;
  decision: Decision | null;
  conditions: string[];
}

/**
 * The case status once a stage has decided (docs/workflow.md, outcome): a reject anywhere rejects at
 * once; while stages are still open nothing changes; when all are decided, any escalation sends the
 * case to leadership, else conditions make it approved_with_conditions, else approved.
 * Returns null while the case stays in review.
 */
export function aggregateOutcome(
  stages: readonly StageForOutcome[],
): Extract<CaseStatus, 'rejected' | 'escalated' | 'approved' | 'approved_with_conditions'> | null {
  const decided = stages.filter((s) => s.status === 'decided');
  if (decided.some((s) => s.decision === 'reject')) return 'rejected';
  if (stages.some((s) => s.status === 'open' || s.status === 'information_requested')) return null;
  if (decided.length === 0) return null;
  if (decided.some((s) => s.decision === 'escalate')) return 'escalated';
  if (decided.some((s) => s.conditions.length > 0)) return 'approved_with_conditions';
  return 'approved';
}
