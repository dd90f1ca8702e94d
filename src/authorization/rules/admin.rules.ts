import { RoleRules } from './rule-context';

/** Accounts only: separation of duties means no ability on cases or reference data. */
export const adminRules: RoleRules = (_user, { can }) => {
  can('manage', 'User');
  can('update', 'Committee');
  can('create', 'Committee');
  can('read', 'Job');
  can('list', 'MailDelivery');
};
