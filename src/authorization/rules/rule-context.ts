import { AbilityBuilder } from '@casl/ability';
import { AppAbility } from '../ability';
import { AuthUser } from '../auth-user';

/** One role's rules: adds `can`/`cannot` for that role to the builder. */
export type RoleRules = (user: AuthUser, builder: Pick<AbilityBuilder<AppAbility>, 'can' | 'cannot'>) => void;
