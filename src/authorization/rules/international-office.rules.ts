import { RoleRules } from './rule-context';

export const internationalOfficeRules: RoleRules = (_user, { can }) => {
  can('update', 'Country');
  can('read', 'CountryChange');
};
