import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Action, SubjectName } from './ability';

export const ROUTE_POLICY = 'routePolicy';

export type RoutePolicy =
  { public: true } | { public: false; action: Action; subject: SubjectName; notFoundWhenDenied?: boolean };

export interface AllowOptions {
  /**
   * For routes about one record: a user who may not `action` any `subject` at all gets the 404 of
   * a record they may not see, not a 403 (a 404 means "not found or not visible to you").
   */
  notFoundWhenDenied?: boolean;
}

/** Anyone, signed in or not, may use this route. */
export const Public = () =>
  applyDecorators(SetMetadata(ROUTE_POLICY, { public: true } satisfies RoutePolicy), ApiExtension('x-public', true));

/**
 * A signed-in user whose abilities allow `action` on `subject` may use this route (the type-level
 * check; services check the loaded instance). Routes with neither this nor @Public() are refused.
 */
export const Allow = (action: Action, subject: SubjectName, options: AllowOptions = {}) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { public: false, action, subject, ...options } satisfies RoutePolicy),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Not authenticated' }),
    ApiForbiddenResponse({ description: 'The user may not do this' }),
  );
