import { Get, Req, Res } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { fill } from './i18n';
import { AllowPage, navigationFor } from './navigation';
import { PageContexts } from './page-context';
import { PageRenderer } from './page-renderer';
import { PageController } from './page-controller.decorator';

/** The overview: what this person can do here, from the same abilities as the navigation. */
@PageController()
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
