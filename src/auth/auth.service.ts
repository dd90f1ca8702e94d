import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import type { FastifyReply } from 'fastify';
import { AppConfig } from '../config/app-config';
import { AuthUser } from '../authorization/auth-user';
import { CommonErrorCode } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import { AuthErrorCode } from './auth.errors';
import { UsersRepository } from '../users/users.repository';
import { User } from '../users/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';
import { SessionsService } from './sessions/sessions.service';
import { TokenHolders } from './token-holders';
import { VerifiedTokens } from './access-tokens';

export { toAuthUser } from './auth-user.mapper';

interface AccessTokenPayload {
  sub: string;
  /** The user's token version when the token was issued. */
  ver: number;
  /** When the token expires, in seconds since the epoch (set by jsonwebtoken). */
  exp?: number;
}

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

@Injectable()
export class AuthService {
  private readonly verifiedTokens = new VerifiedTokens<AccessTokenPayload>();

  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly jwt: JwtService,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly tokenHolders: TokenHolders,
  ) {}

  /**
   * Password login: a bearer token (for scripts), and with `sessionReply` also a session cookie
   * set on that reply (for pages).
   */
  async login(email: string, password: string, ip: string, sessionReply?: FastifyReply): Promise<AccessToken> {
    const user = await this.verifyPassword(email, password, ip);
    if (sessionReply) await this.sessions.open(user, 'password', sessionReply);
    return this.issueAccessToken(user);
  }

  /**
   * Signs in from an HTML login form: checks the password (under the login limits and
   * PASSWORD_LOGIN) and opens a session, whose cookie is set on `reply`.
   */
  async signInWithPassword(email: string, password: string, ip: string, reply: FastifyReply): Promise<AuthUser> {
    const user = await this.verifyPassword(email, password, ip);
    return (await this.sessions.open(user, 'password', reply)).authUser;
  }

  /**
   * Resolves `Authorization: Bearer …` to the acting user, refusing tokens of inactive users or
   * older token versions. `stamp` gives the request's change stamp (ReadConnection.stampFor); it
   * is asked for only once the token is known to be good, so that a request without a valid token
   * reads nothing.
   */
  async authenticate(
    authorization: string | undefined,
    stamp: () => Promise<string | null> = () => Promise.resolve(null),
  ): Promise<AuthUser> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new DomainError(CommonErrorCode.NotAuthenticated, 'Missing bearer token or session cookie');
    let payload = this.verifiedTokens.get(token);
    if (!payload) {
      try {
        payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
      } catch {
        throw new DomainError(CommonErrorCode.TokenInvalid);
      }
      this.verifiedTokens.add(token, payload);
    }
    const holder = typeof payload.sub === 'string' ? await this.tokenHolders.find(payload.sub, await stamp()) : null;
    if (!holder || !holder.active || holder.tokenVersion !== payload.ver) {
      throw new DomainError(CommonErrorCode.TokenInvalid);
    }
    return holder.authUser;
  }

  /** A wrong current password counts as a failed login (per e-mail and per address), so it cannot be guessed here either. */
  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.limiter.attempt(actor.email, ip, async () => {
      const found = await this.users.findById(actor.id);
      return found && (await this.checkPassword(found, currentPassword)) ? found : null;
    });
    if (!user) throw new DomainError(AuthErrorCode.WrongCurrentPassword);
    // Raises the token version: every token and session of the user ends, this one included.
    await this.users.setPassword(user.id, await this.hasher.hash(newPassword));
  }

  private async verifyPassword(email: string, password: string, ip: string): Promise<User> {
    const normalizedEmail = email.trim().toLowerCase();
    const user = await this.limiter.attempt(normalizedEmail, ip, async () => {
      const found = await this.users.findByEmail(normalizedEmail);
      const valid = found ? await this.checkPassword(found, password) : await this.hasher.verifyNothing(password);
      return found && valid && found.active ? found : null;
    });
    if (!user) throw new DomainError(AuthErrorCode.LoginFailed);
    if (!this.config.passwordLogin && !user.roleNames().includes('admin')) {
      throw new DomainError(AuthErrorCode.PasswordLoginDisabled);
    }
    return user;
  }

  /** People who only sign in through an identity provider have no password: theirs never matches. */
  private checkPassword(user: User, password: string): Promise<boolean> {
    return user.passwordHash ? this.hasher.verify(user.passwordHash, password) : this.hasher.verifyNothing(password);
  }

  private async issueAccessToken(user: User): Promise<AccessToken> {
    const payload: AccessTokenPayload = { sub: user.id, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.jwtExpiresInSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }
}
