import { DECIDED_STATUSES } from '../../domain/case.types';
import { RoleRules } from './rule-context';

/** University leadership: escalated and decided cases; decides the escalated ones. */
export const leadershipRules: RoleRules = (user, { can }) => {
  const notOwn = { applicantId: { $ne: user.id } };
  can(['read', 'read_confidential'], 'Case', { status: { $in: ['escalated', ...DECIDED_STATUSES] }, ...notOwn });
  can('leadership_decide', 'Case', notOwn);
  can('read', 'Attachment', notOwn);
  can('read', 'Report');
};
