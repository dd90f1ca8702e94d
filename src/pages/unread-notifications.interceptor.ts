import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../authorization/access.guard';
import { NotificationsService } from '../notifications/notifications.service';

const counts = new WeakMap<FastifyRequest, number>();

/** The unread count read for this page request (0 when it was not read). */
export function unreadNotificationsOf(request: FastifyRequest): number {
  return counts.get(request) ?? 0;
}

/**
 * Reads the signed-in user's unread notifications before a page's handler runs, so that the
 * navigation of every page can show the count: the renderer sends synchronously and cannot wait for
 * a query itself. Runs after the access guard (which knows the user), on page controllers only
 * (PageController).
 */
@Injectable()
export class UnreadNotificationsInterceptor implements NestInterceptor {
  constructor(private readonly notifications: NotificationsService) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> | Promise<Observable<unknown>> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const user = (request as AuthenticatedRequest).user;
    if (!user) return next.handle();
    return this.notifications.unreadCount(user).then((count) => {
      counts.set(request, count);
      return next.handle();
    });
  }
}
