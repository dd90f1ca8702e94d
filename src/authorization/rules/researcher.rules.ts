import { RoleRules } from './rule-context';

/** Applicants: their own cases, whatever the status. */
export const researcherRules: RoleRules = (user, { can }) => {
  can('create', 'Case');
  can(['read', 'update', 'submit', 'respond', 'withdraw', 'update_condition'], 'Case', { applicantId: user.id });
};
