import { RoleRules } from './rule-context';

/** What every signed-in user may do, whatever their roles. */
export const authenticatedRules: RoleRules = (user, { can }) => {
  can('read', 'User', { id: user.id });
  can('read', 'Country');
  can('read', 'Committee');
  can(['read', 'update'], 'Notification', { userId: user.id });
  can('read', 'ClosureDay');
};
