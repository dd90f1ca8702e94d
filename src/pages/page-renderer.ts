import { Injectable, OnModuleInit } from '@nestjs/common';
import { findTemplatesDir, TemplateRenderer } from '../reports/render/template-renderer';
import { versionedAsset } from './assets';
import { navigationFor } from './navigation';
import { PageContext } from './page-context';
import { unreadNotificationsOf } from './unread-notifications.interceptor';

/** What every page template receives besides its own view: the texts and the layout's data. */
export interface LayoutView {
  lang: string;
  title: string;
  css: string;
  user: { name: string } | null;
  nav: ReturnType<typeof navigationFor>;
  csrf: string;
  flash: string | null;
  returnTo: string;
}

/**
 * Renders the pages' Handlebars templates (`templates/pages/`, compiled once at start in strict
 * mode with escaping on) inside the layout, and sends them. Templates receive plain view objects.
 */
@Injectable()
export class PageRenderer implements OnModuleInit {
  private readonly templates = new TemplateRenderer(findTemplatesDir(), 'pages');
  private css = '';

  onModuleInit(): void {
    this.css = versionedAsset('app.css');
  }

  names(): string[] {
    return this.templates.names().map((name) => name.replace(/^pages\//, ''));
  }

  html(ctx: PageContext, template: string, title: string, view: object): string {
    const layout: LayoutView = {
      lang: ctx.language,
      title: `${title} – ${ctx.t.app.name}`,
      css: this.css,
      user: ctx.user ? { name: ctx.user.name } : null,
      nav: ctx.ability
        ? navigationFor(ctx.ability, ctx.t, ctx.request.originalUrl, unreadNotificationsOf(ctx.request))
        : [],
      csrf: ctx.csrf,
      flash: ctx.flash,
      returnTo: ctx.request.method === 'GET' ? ctx.request.originalUrl : '/',
    };
    return this.templates.render(`pages/${template}`, { t: ctx.t, layout, heading: title, ...view });
  }

  /** Renders and sends the page; personal pages are never stored by caches. */
  send(ctx: PageContext, template: string, title: string, view: object, status = 200): void {
    const html = this.html(ctx, template, title, view);
    void ctx.reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  }

  /** POST-redirect-GET: 303 sends the browser on with a GET. */
  redirect(ctx: PageContext, to: string): void {
    void ctx.reply.redirect(to, 303);
  }
}
