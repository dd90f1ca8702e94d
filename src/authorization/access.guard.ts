import { CanActivate, ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { RequestAuthenticator } from '../auth/request-authenticator';
import type { ActiveSession } from '../auth/sessions/sessions.service';
import { CommonErrorCode } from '../common/common.errors';
import { DomainError, errorDefinition } from '../common/domain-error';
import { AbilityFactory } from './ability.factory';
import { AuthUser } from './auth-user';
import { ROUTE_POLICY, RoutePolicy } from './policy.decorators';

/** `authSession` is set when the user was resolved from the session cookie (not a bearer token). */
export type AuthenticatedRequest = FastifyRequest & { user?: AuthUser; authSession?: ActiveSession };

/**
 * Default deny: a route is served only if it declares @Public() or @Allow(action, subject), and
 * then only to a user whose bearer token or session cookie is valid (with a cookie, unsafe methods
 * also need the session's CSRF token) and whose abilities allow that action.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly logger = new Logger(AccessGuard.name);

  constructor(
    private readonly reflector: Reflector,
    private readonly authenticator: RequestAuthenticator,
    private readonly abilities: AbilityFactory,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const policy = this.reflector.getAllAndOverride<RoutePolicy | undefined>(ROUTE_POLICY, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (!policy) {
      this.logger.error(
        `Route ${context.getClass().name}.${context.getHandler().name} declares no access policy; refused`,
      );
      throw new DomainError(CommonErrorCode.Forbidden);
    }
    if (policy.public) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const { user, session } = await this.authenticator.authenticate(request);
    request.user = user;
    if (session) request.authSession = session;
    if (!this.abilities.createFor(user).can(policy.action, policy.subject)) {
      if (policy.notFoundWhenDenied) throw notFoundError(policy.subject);
      throw new DomainError(CommonErrorCode.Forbidden);
    }
    return true;
  }
}

/** The same 404 the subject's own service gives for a record that does not exist (CASE_NOT_FOUND, ...). */
function notFoundError(subject: string): DomainError {
  const code = `${subject.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase()}_NOT_FOUND`;
  return errorDefinition(code)
    ? new DomainError(code)
    : new DomainError(CommonErrorCode.NotFound, `${subject} not found`);
}
