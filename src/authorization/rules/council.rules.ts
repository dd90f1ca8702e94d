import { RoleRules } from './rule-context';

/** Academic Council members: published council reports, nothing else. */
export const councilRules: RoleRules = (_user, { can }) => {
  can('read', 'Report', { published: true });
};
