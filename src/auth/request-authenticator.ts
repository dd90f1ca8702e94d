import { Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { AuthUser } from '../authorization/auth-user';
import { ReadConnection } from '../database/read-connection';
import { DomainError } from '../common/domain-error';
import { AuthErrorCode } from './auth.errors';
import { AuthService } from './auth.service';
import { ActiveSession, SessionsService } from './sessions/sessions.service';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Who makes a request: the bearer token when there is an Authorization header (scripts), else the
 * session cookie (browsers). A browser sends the cookie with requests that other sites make it
 * send, so with the cookie an unsafe method must also carry the session's CSRF token, which only
 * pages of this origin can read; bearer requests cannot be forged that way and need none.
 */
@Injectable()
export class RequestAuthenticator {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionsService,
    private readonly reads: ReadConnection,
  ) {}

  async authenticate(request: FastifyRequest): Promise<{ user: AuthUser; session: ActiveSession | null }> {
    if (request.headers.authorization !== undefined || !this.sessions.hasCookie(request)) {
      // The request's change stamp is read before the user (see ReadConnection.stampFor).
      const stamp = () => this.reads.stampFor(request);
      return { user: await this.auth.authenticate(request.headers.authorization, stamp), session: null };
    }
    const session = await this.sessions.fromRequest(request);
    if (!session) throw new DomainError(AuthErrorCode.SessionExpired);
    if (
      !SAFE_METHODS.has(request.method) &&
      !this.sessions.verifyCsrfToken(session, this.sessions.csrfTokenOf(request))
    ) {
      throw new DomainError(AuthErrorCode.CsrfTokenInvalid);
    }
    return { user: session.authUser, session };
  }
}
