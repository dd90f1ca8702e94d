import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '../config/app-config';
import { AuthUser } from '../authorization/auth-user';
import { CommonErrorCode } from '../common/common.errors';
import { DomainError } from '../common/domain-error';
import { AuthErrorCode } from './auth.errors';
import { UsersRepository } from '../users/users.repository';
import { User } from '../users/user.entity';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';

interface AccessTokenPayload {
  sub: string;
  /** The user's token version when the token was issued. */
  ver: number;
}

export interface AccessToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly hasher: PasswordHasher,
    private readonly limiter: LoginLimiter,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
  ) {}

  async login(email: string, password: string, ip: string): Promise<AccessToken> {
    const normalizedEmail = email.trim().toLowerCase();
    const user = await this.limiter.attempt(normalizedEmail, ip, async () => {
      const found = await this.users.findByEmail(normalizedEmail);
      const valid = found
        ? await this.hasher.verify(found.passwordHash, password)
        : await this.hasher.verifyNothing(password);
      return found && valid && found.active ? found : null;
    });
    if (!user) throw new DomainError(AuthErrorCode.LoginFailed);
    const payload: AccessTokenPayload = { sub: user.id, ver: user.tokenVersion };
    const accessToken = await this.jwt.signAsync(payload, { expiresIn: this.config.jwtExpiresInSeconds });
    return { accessToken, tokenType: 'Bearer', expiresIn: this.config.jwtExpiresInSeconds };
  }

  /** Resolves `Authorization: Bearer …` to the acting user, refusing tokens of inactive users or older token versions. */
  async authenticate(authorization: string | undefined): Promise<AuthUser> {
    const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
    if (!token) throw new DomainError(CommonErrorCode.NotAuthenticated, 'Missing bearer token');
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(token);
    } catch {
      throw new DomainError(CommonErrorCode.TokenInvalid);
    }
    const user = typeof payload.sub === 'string' ? await this.users.findById(payload.sub) : null;
    if (!user || !user.active || user.tokenVersion !== payload.ver) throw new DomainError(CommonErrorCode.TokenInvalid);
    return toAuthUser(user);
  }

  /** A wrong current password counts as a failed login (per e-mail and per address), so it cannot be guessed here either. */
  async changeOwnPassword(actor: AuthUser, currentPassword: string, newPassword: string, ip: string): Promise<void> {
    const user = await this.limiter.attempt(actor.email, ip, async () => {
      const found = await this.users.findById(actor.id);
      return found && (await this.hasher.verify(found.passwordHash, currentPassword)) ? found : null;
    });
    if (!user) throw new DomainError(AuthErrorCode.WrongCurrentPassword);
    await this.users.setPassword(user.id, await this.hasher.hash(newPassword));
  }
}

export function toAuthUser(user: User): AuthUser {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    roles: user.roleNames(),
    committees: user.committees.map((m) => ({ committee: m.committeeKey, chair: m.chair })),
  };
}
