import { Injectable } from '@nestjs/common';
import { AuthUser } from '../authorization/auth-user';
import { StampedCache } from '../database/stamped-cache';
import { UsersRepository } from '../users/users.repository';
import { toAuthUser } from './auth-user.mapper';

/** Who holds an access token, as every request's check needs them. */
export interface TokenHolder {
  active: boolean;
  tokenVersion: number;
  authUser: AuthUser;
}

/**
 * The users behind access tokens, read with plain SQL through the read connection (committed data
 * only, UsersRepository.findCommitted) and kept while nothing is committed: every request checks
 * its token's user (active, token version), so a deactivation or a password change refuses the old
 * token on the very next request, on every instance, while requests in between cost no query.
 */
@Injectable()
export class TokenHolders {
  private readonly kept = new StampedCache<TokenHolder | null>({ entries: 10_000 });

  constructor(private readonly users: UsersRepository) {}

  /** The user with this id, as of `stamp` (read before this call, see ReadConnection.stampFor) or later. */
  async find(id: string, stamp: string | null): Promise<TokenHolder | null> {
    const kept = this.kept.get(id, stamp);
    if (kept !== undefined) return kept;
    const user = await this.users.findCommitted(id);
    const holder = user && { active: user.active, tokenVersion: user.tokenVersion, authUser: toAuthUser(user) };
    this.kept.set(id, stamp, holder);
    return holder;
  }
}
