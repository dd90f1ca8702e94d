import { AuthUser } from '../authorization/auth-user';
import { User } from '../users/user.entity';

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roleNames(),
    committees: user.committees.map((m) => ({ committee: m.committeeKey, chair: m.chair })),
    language: user.language,
  };
}
