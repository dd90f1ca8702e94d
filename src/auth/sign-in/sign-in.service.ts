import { Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../common/domain-error';
import { AppConfig } from '../../config/app-config';
import { AuthErrorCode } from '../auth.errors';
import { LoginLimiter } from '../login-limiter';
import { SessionsService } from '../sessions/sessions.service';
import { IdentityLinker } from './identity-linker';
import { PendingSignIns } from './pending-sign-ins';
import { safeReturnTo } from './return-to';
import { SignInStrategy } from './sign-in-strategy';

/**
 * The part of signing in at an identity provider that every strategy shares: remember the
 * sign-in across the browser's round trip, then link the verified identity to a user and open a
 * session. A failed return counts against the address's login limit; it names nobody, so there
 * is no e-mail to count against, and nothing in it can be chosen to probe for accounts: the
 * identity comes only from the provider's checked answer.
 */
@Injectable()
export class SignInService {
  constructor(
    private readonly pending: PendingSignIns,
    private readonly linker: IdentityLinker,
    private readonly sessions: SessionsService,
    private readonly limiter: LoginLimiter,
    private readonly config: AppConfig,
  ) {}

  /** Starts a sign-in: the URL to send the browser to; the sign-in is remembered in a cookie on `reply`. */
  async start(strategy: SignInStrategy, returnTo: unknown, reply: FastifyReply): Promise<string> {
    if (!strategy.enabled) throw new DomainError(AuthErrorCode.SsoDisabled);
    const { redirectTo, pending } = await strategy.start();
    this.pending.remember(reply, {
      method: strategy.method,
      returnTo: safeReturnTo(returnTo, this.config.publicUrl),
      data: pending,
    });
    return redirectTo.href;
  }

  /** Completes a sign-in with the provider's answer: opens a session and answers where to send the browser. */
  async finish(
    strategy: SignInStrategy,
    response: URLSearchParams,
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<string> {
    if (!strategy.enabled) throw new DomainError(AuthErrorCode.SsoDisabled);
    const returnTo = await this.limiter.attempt(null, request.ip, async () => {
      const pending = this.pending.take(request, reply, strategy.method);
      if (!pending) throw new DomainError(AuthErrorCode.SsoStateMismatch);
      const user = await this.linker.userFor(await strategy.finish(response, pending.data));
      await this.sessions.open(user, strategy.method, reply);
      return pending.returnTo;
    });
    return returnTo ?? '/';
  }
}
