import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { AuthenticatedRequest } from './access.guard';
import type { ActiveSession } from '../auth/sessions/sessions.service';
import { AuthUser } from './auth-user';

/** The user the access guard authenticated (only on routes with @Allow). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser => {
  const user = context.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUser used on a route without @Allow');
  return user;
});

/**
 * The session the access guard resolved from the cookie, or null when the request came with a
 * bearer token: pages take the CSRF token for their forms from it.
 */
export const CurrentSession = createParamDecorator(
  (_data: unknown, context: ExecutionContext): ActiveSession | null =>
    context.switchToHttp().getRequest<AuthenticatedRequest>().authSession ?? null,
);
