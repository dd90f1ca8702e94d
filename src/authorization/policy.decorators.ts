import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiExtension, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Action, SubjectName } from './ability';

export const ROUTE_POLICY = 'routePolicy';

export type RoutePolicy = { public: true } | { public: false; action: Action; subject: SubjectName };

/** Anyone, signed in or not, may use this route. */
export const Public = () => applyDecorators(SetMetadata(ROUTE_POLICY, { public: true } satisfies RoutePolicy), ApiExtension('x-public', true));

/**
 * A signed-in user whose abilities allow `action` on `subject` may use this route (the type-level
 * check; services check the loaded instance). Routes with neither this nor @Public() are refused.
 */
export const Allow = (action: Action, subject: SubjectName) =>
  applyDecorators(
    SetMetadata(ROUTE_POLICY, { public: false, action, subject } satisfies RoutePolicy),
    ApiBearerAuth('bearer'),
    ApiUnauthorizedResponse({ description: 'Not authenticated' }),
    ApiForbiddenResponse({ description: 'The user may not do this' }),
  );
