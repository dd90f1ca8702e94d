import { KNOWLEDGE_SECURITY } from '../../routing/routing.types';
import { RoleRules } from './rule-context';

/**
 * Committee members: submitted cases with a stage of one of their committees, unless they are the
 * applicant or recused. Chairs also act on the stages of their committee; the Knowledge Security chair
 * also decides screening hits.
 */
export const reviewerRules: RoleRules = (user, { can }) => {
  const committees = user.committees.map((m) => m.committee);
  const chairOf = user.committees.filter((m) => m.chair).map((m) => m.committee);
  const notConflicted = { applicantId: { $ne: user.id }, recusedUserIds: { $ne: user.id } };
  can('read', 'ScreeningList');
  if (committees.length) {
    can(['read', 'read_confidential', 'give_opinion', 'declare_conflict'], 'Case', {
      submitted: true,
      stageCommittees: { $in: committees },
      ...notConflicted,
    });
    can('add_internal_attachment', 'Case', { submitted: true, stageCommittees: { $in: committees }, ...notConflicted });
    can('read', 'Attachment', { applicantId: { $ne: user.id } });
  }
  if (chairOf.length) {
    can(['assign_reviewers', 'decide', 'refer'], 'Stage', {
      committee: { $in: chairOf },
      submitted: true,
      ...notConflicted,
    });
    can('read_overdue', 'Case');
  }
  if (chairOf.includes(KNOWLEDGE_SECURITY)) {
    // Screening hits route cases to this committee: its chair may resolve them on the cases it reviews.
    can('decide_screening_hit', 'Case', {
      submitted: true,
      stageCommittees: { $in: [KNOWLEDGE_SECURITY] },
      ...notConflicted,
    });
  }
};
