import { Role } from '../../users/role';
import { adminRules } from './admin.rules';
import { internationalOfficeRules } from './international-office.rules';
import { RoleRules } from './rule-context';

const noRules: RoleRules = () => undefined;

/** Each role's rules. Roles with nothing beyond the authenticated baseline get theirs with the case workflow. */
export const RULES_BY_ROLE: Record<Role, RoleRules> = {
  researcher: noRules,
  reviewer: noRules,
  international_office: internationalOfficeRules,
  leadership: noRules,
  council: noRules,
  admin: adminRules,
};

export { authenticatedRules } from './authenticated.rules';
