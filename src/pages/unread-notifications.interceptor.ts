import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PATH_METADATA } from '@nestjs/common/constants';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../authorization/access.guard';
import { NotificationsService } from '../notifications/notifications.service';
import { PAGES_MOUNT } from './page-routes';

const counts = new WeakMap<FastifyRequest, number>();

/** The unread count read for this page request (0 when it was not read). */
export function unreadNotificationsOf(request: FastifyRequest): number {
  return counts.get(request) ?? 0;
}

/**
 * Reads the signed-in user's unread notifications before a page's handler runs, so that the
 * navigation of every page can show the count: the renderer sends synchronously and cannot wait for
 * a query itself. Runs after the access guard (which knows the user); API routes are left alone.
 */
@Injectable()
export class UnreadNotificationsInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const path: unknown = Reflect.getMetadata(PATH_METADATA, context.getClass());
    if (context.getType() !== 'http' || typeof path !== 'string' || !isPagePath(path)) return next.handle();
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = (request as AuthenticatedRequest).user;
    if (!user) return next.handle();
    return this.notifications.unreadCount(user).then((count) => {
      counts.set(request, count);
      return next.handle();
    });
  }
}

function isPagePath(path: string): boolean {
  return path === PAGES_MOUNT || path.startsWith(`${PAGES_MOUNT}/`);
}
