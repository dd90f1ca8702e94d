import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { ReadConnection } from '../database/read-connection';
import { StampedCache } from '../database/stamped-cache';
import { Language } from '../users/language';
import { Role } from '../users/role';

/** Who holds an access token, as every request's check needs them. */
export interface TokenHolder {
  active: boolean;
  tokenVersion: number;
  authUser: AuthUser;
}

/** SQLite answers a boolean column with 1 or 0, PostgreSQL with true or false. */
const isTrue = (value: unknown) => value === true || value === 1;

/**
 * The users behind access tokens, read with plain SQL through the read connection (committed data
 * only) and kept while nothing is committed: every request checks its token's user (active, token
 * version), so a deactivation or a password change refuses the old token on the very next request,
 * on every instance, while requests in between cost no query.
 */
@Injectable()
export class TokenHolders {
  private readonly kept = new StampedCache<TokenHolder | null>({ entries: 10_000 });

  constructor(private readonly reads: ReadConnection) {}

  /** The user with this id, as of `stamp` (read before this call, see ReadConnection.stampFor) or later. */
  async find(id: string, stamp: string | null): Promise<TokenHolder | null> {
    const kept = this.kept.get(id, stamp);
    if (kept !== undefined) return kept;
    const holder = await this.read(id);
    this.kept.set(id, stamp, holder);
    return holder;
  }

  private async read(id: string): Promise<TokenHolder | null> {
    const [users, memberships] = await Promise.all([
      this.reads.query(
        'SELECT u."id", u."email", u."name", u."active", u."tokenVersion", u."language" FROM users u WHERE u."id" = :id',
        { id },
      ),
      // The roles (committee NULL) and the committee memberships, in a stable order.
      this.reads.query(
        'SELECT r."role" AS "role", NULL AS "committee", NULL AS "chair" FROM user_roles r WHERE r."userId" = :id' +
          ' UNION ALL SELECT NULL, m."committeeKey", m."chair" FROM committee_memberships m WHERE m."userId" = :id' +
          ' ORDER BY "role", "committee"',
        { id },
      ),
    ]);
    const [user] = users;
    if (!user) return null;
    return {
      active: isTrue(user.active),
      tokenVersion: Number(user.tokenVersion),
      authUser: {
        id: user.id as string,
        email: user.email as string,
        name: user.name as string,
        roles: memberships.filter((m) => m.role !== null).map((m) => m.role as Role),
        committees: memberships
          .filter((m) => m.committee !== null)
          .map((m) => ({ committee: m.committee as string, chair: isTrue(m.chair) })),
        language: user.language as Language,
      },
    };
  }
}
