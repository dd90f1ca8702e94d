import { Controller, Get, Req, Res, UseFilters } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fill } from './i18n';
import { AllowPage, navigationFor } from './navigation';
import { PageContexts } from './page-context';
import { PageExceptionFilter } from './page-exception.filter';
import { PageRenderer } from './page-renderer';
import { pagePath } from './page-routes';

/** The overview: what this person can do here, from the same abilities as the navigation. */
@ApiExcludeController()
@Controller(pagePath())
@UseFilters(PageExceptionFilter)
export class HomePagesController {
  constructor(
    private readonly contexts: PageContexts,
    private readonly renderer: PageRenderer,
  ) {}

  @Get()
  @AllowPage('home')
  home(@Req() request: FastifyRequest, @Res() reply: FastifyReply): void {
    const ctx = this.contexts.signedIn(request, reply);
    const tasks = navigationFor(ctx.ability, ctx.t, '/').filter((entry) => entry.key !== 'home');
    this.renderer.send(ctx, 'home', ctx.t.home.title, {
      welcome: fill(ctx.t.home.welcome, { name: ctx.user.name }),
      tasks,
    });
  }
}
