import { Role } from '../../users/role';
import { adminRules } from './admin.rules';
import { councilRules } from './council.rules';
import { internationalOfficeRules } from './international-office.rules';
import { leadershipRules } from './leadership.rules';
import { researcherRules } from './researcher.rules';
import { reviewerRules } from './reviewer.rules';
import { RoleRules } from './rule-context';

/** Each role's rules; a user's abilities are the union over their roles. */
export const RULES_BY_ROLE: Record<Role, RoleRules> = {
  researcher: researcherRules,
  reviewer: reviewerRules,
  international_office: internationalOfficeRules,
  leadership: leadershipRules,
  council: councilRules,
  admin: adminRules,
};

export { authenticatedRules } from './authenticated.rules';
