import { ArgumentsHost, Catch, ExceptionFilter, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from '../common/all-exceptions.filter';
import { fill } from './i18n';
import { PageContexts } from './page-context';
import { PageRenderer } from './page-renderer';

/**
 * Errors of the pages become pages: a request without a live session is sent to the sign-in
 * page (and back afterwards); 404 (also for a case the user may not see), 403 and the rest are
 * error pages with the same status the API would answer. The API keeps its JSON answers.
 */
@Catch()
@Injectable()
export class PageExceptionFilter implements ExceptionFilter {
  private readonly api = new AllExceptionsFilter();

  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
  ) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const body = this.api.toBody(exception);
    if (body.statusCode === 401) {
      const back = request.method === 'GET' ? `?returnTo=${encodeURIComponent(request.originalUrl)}` : '';
      void reply.redirect(`/login${back}`, 303);
      return;
    }
    const ctx = this.contexts.of(request, reply);
    const { t } = ctx;
    const [title, text] =
      body.statusCode === 404
        ? [t.errorPage.notFound, t.errorPage.notFoundText]
        : body.statusCode === 403 && body.code === 'FORBIDDEN'
          ? [t.errorPage.forbidden, t.errorPage.forbiddenText]
          : body.statusCode >= 500
            ? [t.errorPage.failed, fill(t.errorPage.failedText, { id: body.errorId ?? '' })]
            : [t.errorPage.failed, t.errors[body.code] ?? fill(t.errors.unknown, { code: body.code })];
    this.renderer.send(ctx, 'error', title, { text, code: body.code }, body.statusCode);
  }
}
