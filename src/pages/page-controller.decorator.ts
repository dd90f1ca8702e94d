import { applyDecorators, Controller, UseFilters, UseInterceptors } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { PageExceptionFilter } from './page-exception.filter';
import { pagePath } from './page-routes';
import { UnreadNotificationsInterceptor } from './unread-notifications.interceptor';

/**
 * A controller of pages for people, under the pages' folder (`path` below it): left out of the
 * OpenAPI document, its errors shown as pages (PageExceptionFilter), and the signed-in user's
 * unread notifications read for the navigation (UnreadNotificationsInterceptor). API routes have
 * none of these.
 */
export function PageController(path = ''): ClassDecorator {
  return applyDecorators(
    ApiExcludeController(),
    Controller(pagePath(path)),
    UseFilters(PageExceptionFilter),
    UseInterceptors(UnreadNotificationsInterceptor),
  );
}
