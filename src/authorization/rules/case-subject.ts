import { subject } from '@casl/ability';
import type { Case, CaseStage } from '../../cases/case.entity';

/** The facts about a case that case rules look at (CASL conditions match these fields). */
export function caseSubject(
  kase: Pick<Case, 'id' | 'status' | 'applicantId' | 'submittedAt'> & {
    stages?: Pick<CaseStage, 'committeeKey'>[];
    conflicts?: { userId: string }[];
  },
) {
  return subject('Case', {
    id: kase.id,
    status: kase.status,
    /** Ever submitted: a draft withdrawn before submission never reached anyone but its applicant. */
    submitted: kase.submittedAt != null,
    applicantId: kase.applicantId,
    stageCommittees: (kase.stages ?? []).map((s) => s.committeeKey),
    recusedUserIds: (kase.conflicts ?? []).map((c) => c.userId),
  });
}

/** A stage of a case, for the chair's actions on it. */
export function stageSubject(kase: Parameters<typeof caseSubject>[0], committee: string) {
  const c = caseSubject(kase);
  return subject('Stage', {
    committee,
    caseStatus: c.status,
    submitted: c.submitted,
    applicantId: c.applicantId,
    recusedUserIds: c.recusedUserIds,
  });
}
